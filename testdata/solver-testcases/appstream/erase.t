repo system 0 testtags system.repo.xz
repo appstream 99 testtags appstream.repo.gz
repo stub 99 testtags stub.repo.gz
system x86_64 rpm system
job erase name perl-DBI
result transaction,problems <inline>
#>problem a20654b9 info package perl-DBD-MariaDB-1.21-15.el9.x86_64 requires perl(DBI), but none of the providers can be installed
#>problem a20654b9 solution cb1c0196 erase mariadb-server-utils-3:10.11.10-1.module_el9+1141+de86b509.x86_64@system
#>problem a20654b9 solution cb1c0196 erase perl-DBD-MariaDB-1.21-15.el9.x86_64@system
#>problem a20654b9 solution fd8d369e deljob erase name perl-DBI
nextjob
job erase name perl-DBI [cleandeps]
result transaction,problems <inline>
#>problem a20654b9 info package perl-DBD-MariaDB-1.21-15.el9.x86_64 requires perl(DBI), but none of the providers can be installed
#>problem a20654b9 solution 911a0e69 deljob erase name perl-DBI [cleandeps]
#>problem a20654b9 solution cb1c0196 erase mariadb-server-utils-3:10.11.10-1.module_el9+1141+de86b509.x86_64@system
#>problem a20654b9 solution cb1c0196 erase perl-DBD-MariaDB-1.21-15.el9.x86_64@system
nextjob
job erase name httpd [cleandeps]
result transaction,problems erase-3.r
nextjob
job erase name apr
result transaction,problems <inline>
#>problem 42f07e55 info package httpd-tools-2.4.57-3.el9.x86_64 requires libapr-1.so.0()(64bit), but none of the providers can be installed
#>problem 42f07e55 solution 251e7150 erase apr-util-1.6.1-20.el9.x86_64@system
#>problem 42f07e55 solution 251e7150 erase apr-util-bdb-1.6.1-20.el9.x86_64@system
#>problem 42f07e55 solution 251e7150 erase apr-util-openssl-1.6.1-20.el9.x86_64@system
#>problem 42f07e55 solution 251e7150 erase httpd-2.4.57-3.el9.x86_64@system
#>problem 42f07e55 solution 251e7150 erase httpd-core-2.4.57-3.el9.x86_64@system
#>problem 42f07e55 solution 251e7150 erase httpd-tools-2.4.57-3.el9.x86_64@system
#>problem 42f07e55 solution 251e7150 erase mod_http2-1.15.19-2.el9.x86_64@system
#>problem 42f07e55 solution 251e7150 erase mod_lua-2.4.57-3.el9.x86_64@system
#>problem 42f07e55 solution 9756f2c1 deljob erase name apr
nextjob
job erase name mariadb-server [cleandeps]
result transaction,problems <inline>
#>erase mariadb-3:10.11.10-1.module_el9+1141+de86b509.x86_64@system
#>erase mariadb-backup-3:10.11.10-1.module_el9+1141+de86b509.x86_64@system
#>erase mariadb-common-3:10.11.10-1.module_el9+1141+de86b509.x86_64@system
#>erase mariadb-connector-c-3.1.13-3.el9.x86_64@system
#>erase mariadb-connector-c-config-3.1.13-3.el9.noarch@system
#>erase mariadb-errmsg-3:10.11.10-1.module_el9+1141+de86b509.x86_64@system
#>erase mariadb-gssapi-server-3:10.11.10-1.module_el9+1141+de86b509.x86_64@system
#>erase mariadb-server-3:10.11.10-1.module_el9+1141+de86b509.x86_64@system
#>erase mariadb-server-utils-3:10.11.10-1.module_el9+1141+de86b509.x86_64@system
#>erase perl-AutoLoader-5.74-479.el9.noarch@system
#>erase perl-B-1.80-479.el9.x86_64@system
#>erase perl-Carp-1.50-460.el9.noarch@system
#>erase perl-Class-Struct-0.66-479.el9.noarch@system
#>erase perl-DBD-MariaDB-1.21-15.el9.x86_64@system
#>erase perl-DBI-1.643-9.el9.x86_64@system
#>erase perl-Data-Dumper-2.174-462.el9.x86_64@system
#>erase perl-Digest-1.19-4.el9.noarch@system
#>erase perl-Digest-MD5-2.58-4.el9.x86_64@system
#>erase perl-DynaLoader-1.47-479.el9.x86_64@system
#>erase perl-Encode-4:3.08-462.el9.x86_64@system
#>erase perl-Errno-1.30-479.el9.x86_64@system
#>erase perl-Exporter-5.74-461.el9.noarch@system
#>erase perl-Fcntl-1.13-479.el9.x86_64@system
#>erase perl-File-Basename-2.85-479.el9.noarch@system
#>erase perl-File-Copy-2.34-479.el9.noarch@system
#>erase perl-File-Path-2.18-4.el9.noarch@system
#>erase perl-File-Temp-1:0.231.100-4.el9.noarch@system
#>erase perl-File-stat-1.09-479.el9.noarch@system
#>erase perl-FileHandle-2.03-479.el9.noarch@system
#>erase perl-Getopt-Long-1:2.52-4.el9.noarch@system
#>erase perl-Getopt-Std-1.12-479.el9.noarch@system
#>erase perl-HTTP-Tiny-0.076-460.el9.noarch@system
#>erase perl-IO-1.43-479.el9.x86_64@system
#>erase perl-IO-Socket-IP-0.41-5.el9.noarch@system
#>erase perl-IO-Socket-SSL-2.070-6.el9.noarch@system
#>erase perl-IPC-Open3-1.21-479.el9.noarch@system
#>erase perl-MIME-Base64-3.16-4.el9.x86_64@system
#>erase perl-Math-BigInt-1:1.9998.18-460.el9.noarch@system
#>erase perl-Math-Complex-1.59-479.el9.noarch@system
#>erase perl-Mozilla-CA-20200520-6.el9.noarch@system
#>erase perl-NDBM_File-1.15-479.el9.x86_64@system
#>erase perl-Net-SSLeay-1.90-8.el9.x86_64@system
#>erase perl-POSIX-1.94-479.el9.x86_64@system
#>erase perl-PathTools-3.78-461.el9.x86_64@system
#>erase perl-Pod-Escapes-1:1.07-460.el9.noarch@system
#>erase perl-Pod-Perldoc-3.28.01-461.el9.noarch@system
#>erase perl-Pod-Simple-1:3.42-4.el9.noarch@system
#>erase perl-Pod-Usage-4:2.01-4.el9.noarch@system
#>erase perl-Scalar-List-Utils-4:1.56-461.el9.x86_64@system
#>erase perl-SelectSaver-1.02-479.el9.noarch@system
#>erase perl-Socket-4:2.031-4.el9.x86_64@system
#>erase perl-Storable-1:3.21-460.el9.x86_64@system
#>erase perl-Symbol-1.08-479.el9.noarch@system
#>erase perl-Sys-Hostname-1.23-479.el9.x86_64@system
#>erase perl-Term-ANSIColor-5.01-461.el9.noarch@system
#>erase perl-Term-Cap-1.17-460.el9.noarch@system
#>erase perl-Text-ParseWords-3.30-460.el9.noarch@system
#>erase perl-Text-Tabs+Wrap-2013.0523-460.el9.noarch@system
#>erase perl-Time-Local-2:1.300-7.el9.noarch@system
#>erase perl-URI-5.09-3.el9.noarch@system
#>erase perl-base-2.27-479.el9.noarch@system
#>erase perl-constant-1.33-461.el9.noarch@system
#>erase perl-if-0.60.800-479.el9.noarch@system
#>erase perl-interpreter-4:5.32.1-479.el9.x86_64@system
#>erase perl-libnet-3.13-4.el9.noarch@system
#>erase perl-libs-4:5.32.1-479.el9.x86_64@system
#>erase perl-mro-1.23-479.el9.x86_64@system
#>erase perl-overload-1.31-479.el9.noarch@system
#>erase perl-overloading-0.02-479.el9.noarch@system
#>erase perl-parent-1:0.238-460.el9.noarch@system
#>erase perl-podlators-1:4.14-460.el9.noarch@system
#>erase perl-subs-1.03-479.el9.noarch@system
#>erase perl-vars-1.05-479.el9.noarch@system
nextjob
job erase name python3.11 [cleandeps]
result transaction,problems <inline>
#>erase mpdecimal-2.5.1-3.el9.x86_64@system
#>erase python3.11-3.11.10-1.el9.x86_64@system
#>erase python3.11-libs-3.11.10-1.el9.x86_64@system
#>erase python3.11-pip-wheel-22.3.1-2.el9.noarch@system
#>erase python3.11-setuptools-wheel-65.5.1-2.el9.noarch@system
nextjob
job erase provides webserver
result transaction,problems <inline>
#>erase httpd-2.4.57-3.el9.x86_64@system
#>erase nginx-1:1.20.1-13.el9.x86_64@system
nextjob
job erase name php-common
result transaction,problems <inline>
#>problem d031952b info package php-xml-8.0.20-3.el9.x86_64 requires php-common(x86-64) = 8.0.20-3.el9, but none of the providers can be installed
#>problem d031952b solution 4d3d6529 deljob erase name php-common
#>problem d031952b solution b7b0975e erase php-8.0.20-3.el9.x86_64@system
#>problem d031952b solution b7b0975e erase php-cli-8.0.20-3.el9.x86_64@system
#>problem d031952b solution b7b0975e erase php-fpm-8.0.20-3.el9.x86_64@system
#>problem d031952b solution b7b0975e erase php-mbstring-8.0.20-3.el9.x86_64@system
#>problem d031952b solution b7b0975e erase php-opcache-8.0.20-3.el9.x86_64@system
#>problem d031952b solution b7b0975e erase php-pdo-8.0.20-3.el9.x86_64@system
#>problem d031952b solution b7b0975e erase php-xml-8.0.20-3.el9.x86_64@system
nextjob
job erase name postgresql [cleandeps]
result transaction,problems <inline>
#>problem f71178e7 info package postgresql-server-13.10-1.el9.x86_64 requires postgresql(x86-64) = 13.10-1.el9, but none of the providers can be installed
#>problem f71178e7 solution e23c4e00 deljob erase name postgresql [cleandeps]
#>problem f71178e7 solution ec751426 erase postgresql-server-13.10-1.el9.x86_64@system

repo system 0 testtags system.repo.xz
repo appstream 99 testtags appstream.repo.gz
repo stub 99 testtags stub.repo.gz
system x86_64 rpm system
job erase name perl-DBI
result transaction,problems <inline>
nextjob
job erase name perl-DBI [cleandeps]
result transaction,problems <inline>
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

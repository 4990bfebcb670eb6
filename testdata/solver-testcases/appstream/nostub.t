repo system 0 testtags system.repo.xz
repo appstream 99 testtags appstream.repo.gz
system x86_64 rpm system
job install name nginx
result transaction,problems <inline>
nextjob
job install name firefox
result transaction,problems nostub-2.r
nextjob
job install name podman
result transaction,problems <inline>
#>install aardvark-dns-2:1.13.1-1.el9.x86_64@appstream
#>install conmon-3:2.1.12-1.el9.x86_64@appstream
#>install containers-common-2:1-110.el9.x86_64@appstream
#>install criu-3.19-1.el9.x86_64@appstream
#>install criu-libs-3.19-1.el9.x86_64@appstream
#>install crun-1.19.1-1.el9.x86_64@appstream
#>install fuse-overlayfs-1.14-1.el9.x86_64@appstream
#>install fuse3-3.10.2-9.el9.x86_64@appstream
#>install fuse3-libs-3.10.2-9.el9.x86_64@appstream
#>install libnet-1.2-7.el9.x86_64@appstream
#>install libslirp-4.4.0-8.el9.x86_64@appstream
#>install netavark-2:1.13.1-1.el9.x86_64@appstream
#>install passt-0^20241121.g238c69f-1.el9.x86_64@appstream
#>install podman-5:5.3.1-1.el9.x86_64@appstream
#>install protobuf-c-1.3.3-9.el9.x86_64@appstream
#>install slirp4netns-1.3.1-1.el9.x86_64@appstream
#>install yajl-2.1.0-22.el9.x86_64@appstream
nextjob
job install name python3.11-devel
result transaction,problems nostub-4.r
nextjob
job update all packages
result transaction,problems <inline>
#>upgrade apr-1.7.0-10.5.el9.x86_64@system apr-1.7.0-12.el9.x86_64@appstream
#>upgrade apr-util-1.6.1-20.el9.x86_64@system apr-util-1.6.1-23.el9.x86_64@appstream
#>upgrade apr-util-bdb-1.6.1-20.el9.x86_64@system apr-util-bdb-1.6.1-23.el9.x86_64@appstream
#>upgrade apr-util-openssl-1.6.1-20.el9.x86_64@system apr-util-openssl-1.6.1-23.el9.x86_64@appstream
#>upgrade centos-logos-httpd-90.0-1.el9.noarch@system centos-logos-httpd-90.8-1.el9.noarch@appstream
#>upgrade httpd-2.4.57-3.el9.x86_64@system httpd-2.4.62-1.el9.x86_64@appstream
#>upgrade httpd-core-2.4.57-3.el9.x86_64@system httpd-core-2.4.62-1.el9.x86_64@appstream
#>upgrade httpd-filesystem-2.4.57-3.el9.noarch@system httpd-filesystem-2.4.62-1.el9.noarch@appstream
#>upgrade httpd-tools-2.4.57-3.el9.x86_64@system httpd-tools-2.4.62-1.el9.x86_64@appstream
#>upgrade libnsl2-1.3.0-4.el9.x86_64@system libnsl2-2.0.0-1.el9.x86_64@appstream
#>upgrade libxslt-1.1.34-7.el9.x86_64@system libxslt-1.1.34-9.el9.x86_64@appstream
#>upgrade mariadb-connector-c-3.1.13-3.el9.x86_64@system mariadb-connector-c-3.2.6-1.el9.x86_64@appstream
#>upgrade mariadb-connector-c-config-3.1.13-3.el9.noarch@system mariadb-connector-c-config-3.2.6-1.el9.noarch@appstream
#>upgrade mod_http2-1.15.19-2.el9.x86_64@system mod_http2-2.0.26-2.el9.x86_64@appstream
#>upgrade mod_lua-2.4.57-3.el9.x86_64@system mod_lua-2.4.62-1.el9.x86_64@appstream
#>upgrade nginx-1:1.20.1-13.el9.x86_64@system nginx-2:1.20.1-20.el9.x86_64@appstream
#>upgrade nginx-core-1:1.20.1-13.el9.x86_64@system nginx-core-2:1.20.1-20.el9.x86_64@appstream
#>upgrade nginx-filesystem-1:1.20.1-13.el9.noarch@system nginx-filesystem-2:1.20.1-20.el9.noarch@appstream
#>upgrade perl-AutoLoader-5.74-479.el9.noarch@system perl-AutoLoader-5.74-481.el9.noarch@appstream
#>upgrade perl-B-1.80-479.el9.x86_64@system perl-B-1.80-481.el9.x86_64@appstream
#>upgrade perl-Class-Struct-0.66-479.el9.noarch@system perl-Class-Struct-0.66-481.el9.noarch@appstream
#>upgrade perl-DBD-MariaDB-1.21-15.el9.x86_64@system perl-DBD-MariaDB-1.21-16.el9.x86_64@appstream
#>upgrade perl-DynaLoader-1.47-479.el9.x86_64@system perl-DynaLoader-1.47-481.el9.x86_64@appstream
#>upgrade perl-Errno-1.30-479.el9.x86_64@system perl-Errno-1.30-481.el9.x86_64@appstream
#>upgrade perl-Fcntl-1.13-479.el9.x86_64@system perl-Fcntl-1.13-481.el9.x86_64@appstream
#>upgrade perl-File-Basename-2.85-479.el9.noarch@system perl-File-Basename-2.85-481.el9.noarch@appstream
#>upgrade perl-File-Copy-2.34-479.el9.noarch@system perl-File-Copy-2.34-481.el9.noarch@appstream
#>upgrade perl-File-stat-1.09-479.el9.noarch@system perl-File-stat-1.09-481.el9.noarch@appstream
#>upgrade perl-FileHandle-2.03-479.el9.noarch@system perl-FileHandle-2.03-481.el9.noarch@appstream
#>upgrade perl-Getopt-Std-1.12-479.el9.noarch@system perl-Getopt-Std-1.12-481.el9.noarch@appstream
#>upgrade perl-HTTP-Tiny-0.076-460.el9.noarch@system perl-HTTP-Tiny-0.076-462.el9.noarch@appstream
#>upgrade perl-IO-1.43-479.el9.x86_64@system perl-IO-1.43-481.el9.x86_64@appstream
#>upgrade perl-IO-Socket-SSL-2.070-6.el9.noarch@system perl-IO-Socket-SSL-2.073-2.el9.noarch@appstream
#>upgrade perl-IPC-Open3-1.21-479.el9.noarch@system perl-IPC-Open3-1.21-481.el9.noarch@appstream
#>upgrade perl-Math-Complex-1.59-479.el9.noarch@system perl-Math-Complex-1.59-481.el9.noarch@appstream
#>upgrade perl-NDBM_File-1.15-479.el9.x86_64@system perl-NDBM_File-1.15-481.el9.x86_64@appstream
#>upgrade perl-Net-SSLeay-1.90-8.el9.x86_64@system perl-Net-SSLeay-1.94-1.el9.x86_64@appstream
#>upgrade perl-POSIX-1.94-479.el9.x86_64@system perl-POSIX-1.94-481.el9.x86_64@appstream
#>upgrade perl-Scalar-List-Utils-4:1.56-461.el9.x86_64@system perl-Scalar-List-Utils-4:1.56-462.el9.x86_64@appstream
#>upgrade perl-SelectSaver-1.02-479.el9.noarch@system perl-SelectSaver-1.02-481.el9.noarch@appstream
#>upgrade perl-Symbol-1.08-479.el9.noarch@system perl-Symbol-1.08-481.el9.noarch@appstream
#>upgrade perl-Sys-Hostname-1.23-479.el9.x86_64@system perl-Sys-Hostname-1.23-481.el9.x86_64@appstream
#>upgrade perl-base-2.27-479.el9.noarch@system perl-base-2.27-481.el9.noarch@appstream
#>upgrade perl-if-0.60.800-479.el9.noarch@system perl-if-0.60.800-481.el9.noarch@appstream
#>upgrade perl-interpreter-4:5.32.1-479.el9.x86_64@system perl-interpreter-4:5.32.1-481.el9.x86_64@appstream
#>upgrade perl-libs-4:5.32.1-479.el9.x86_64@system perl-libs-4:5.32.1-481.el9.x86_64@appstream
#>upgrade perl-mro-1.23-479.el9.x86_64@system perl-mro-1.23-481.el9.x86_64@appstream
#>upgrade perl-overload-1.31-479.el9.noarch@system perl-overload-1.31-481.el9.noarch@appstream
#>upgrade perl-overloading-0.02-479.el9.noarch@system perl-overloading-0.02-481.el9.noarch@appstream
#>upgrade perl-subs-1.03-479.el9.noarch@system perl-subs-1.03-481.el9.noarch@appstream
#>upgrade perl-vars-1.05-479.el9.noarch@system perl-vars-1.05-481.el9.noarch@appstream
#>upgrade php-8.0.20-3.el9.x86_64@system php-8.3.15-1.module_el9+1148+4d3da9e4.x86_64@appstream
#>upgrade php-cli-8.0.20-3.el9.x86_64@system php-cli-8.3.15-1.module_el9+1148+4d3da9e4.x86_64@appstream
#>upgrade php-common-8.0.20-3.el9.x86_64@system php-common-8.3.15-1.module_el9+1148+4d3da9e4.x86_64@appstream
#>upgrade php-fpm-8.0.20-3.el9.x86_64@system php-fpm-8.3.15-1.module_el9+1148+4d3da9e4.x86_64@appstream
#>upgrade php-mbstring-8.0.20-3.el9.x86_64@system php-mbstring-8.3.15-1.module_el9+1148+4d3da9e4.x86_64@appstream
#>upgrade php-opcache-8.0.20-3.el9.x86_64@system php-opcache-8.3.15-1.module_el9+1148+4d3da9e4.x86_64@appstream
#>upgrade php-pdo-8.0.20-3.el9.x86_64@system php-pdo-8.3.15-1.module_el9+1148+4d3da9e4.x86_64@appstream
#>upgrade php-xml-8.0.20-3.el9.x86_64@system php-xml-8.3.15-1.module_el9+1148+4d3da9e4.x86_64@appstream
#>upgrade postgresql-13.10-1.el9.x86_64@system postgresql-16.6-1.module_el9+1137+39dc736e.x86_64@appstream
#>upgrade postgresql-private-libs-13.10-1.el9.x86_64@system postgresql-private-libs-16.6-1.module_el9+1137+39dc736e.x86_64@appstream
#>upgrade postgresql-server-13.10-1.el9.x86_64@system postgresql-server-16.6-1.module_el9+1137+39dc736e.x86_64@appstream
#>upgrade python3.11-3.11.10-1.el9.x86_64@system python3.11-3.11.11-1.el9.x86_64@appstream
#>upgrade python3.11-libs-3.11.10-1.el9.x86_64@system python3.11-libs-3.11.11-1.el9.x86_64@appstream
#>upgrade python3.11-pip-wheel-22.3.1-2.el9.noarch@system python3.11-pip-wheel-22.3.1-5.el9.noarch@appstream
#>upgrade python3.11-setuptools-wheel-65.5.1-2.el9.noarch@system python3.11-setuptools-wheel-65.5.1-3.el9.noarch@appstream
nextjob
job update name nginx
result transaction,problems <inline>
#>upgrade nginx-1:1.20.1-13.el9.x86_64@system nginx-2:1.20.1-20.el9.x86_64@appstream
#>upgrade nginx-core-1:1.20.1-13.el9.x86_64@system nginx-core-2:1.20.1-20.el9.x86_64@appstream
#>upgrade nginx-filesystem-1:1.20.1-13.el9.noarch@system nginx-filesystem-2:1.20.1-20.el9.noarch@appstream
nextjob
job erase name php [cleandeps]
result transaction,problems <inline>
#>erase apr-1.7.0-10.5.el9.x86_64@system
#>erase apr-util-1.6.1-20.el9.x86_64@system
#>erase apr-util-bdb-1.6.1-20.el9.x86_64@system
#>erase apr-util-openssl-1.6.1-20.el9.x86_64@system
#>erase httpd-2.4.57-3.el9.x86_64@system
#>erase httpd-core-2.4.57-3.el9.x86_64@system
#>erase httpd-filesystem-2.4.57-3.el9.noarch@system
#>erase httpd-tools-2.4.57-3.el9.x86_64@system
#>erase libxslt-1.1.34-7.el9.x86_64@system
#>erase mod_http2-1.15.19-2.el9.x86_64@system
#>erase mod_lua-2.4.57-3.el9.x86_64@system
#>erase oniguruma-6.9.6-1.el9.4.x86_64@system
#>erase php-8.0.20-3.el9.x86_64@system
#>erase php-cli-8.0.20-3.el9.x86_64@system
#>erase php-common-8.0.20-3.el9.x86_64@system
#>erase php-fpm-8.0.20-3.el9.x86_64@system
#>erase php-mbstring-8.0.20-3.el9.x86_64@system
#>erase php-opcache-8.0.20-3.el9.x86_64@system
#>erase php-pdo-8.0.20-3.el9.x86_64@system
#>erase php-xml-8.0.20-3.el9.x86_64@system
nextjob
job install provides webserver
result transaction,problems <inline>

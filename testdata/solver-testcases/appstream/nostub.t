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
#>install container-selinux-3:2.234.2-1.el9.noarch@appstream
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
#>install passt-selinux-0^20241121.g238c69f-1.el9.noarch@appstream
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
#>upgrade mod_http2-1.15.19-2.el9.x86_64@system mod_http2-2.0.26-2.el9.x86_64@appstream
#>upgrade mod_lua-2.4.57-3.el9.x86_64@system mod_lua-2.4.62-1.el9.x86_64@appstream
#>upgrade nginx-1:1.20.1-13.el9.x86_64@system nginx-2:1.20.1-20.el9.x86_64@appstream
#>upgrade nginx-core-1:1.20.1-13.el9.x86_64@system nginx-core-2:1.20.1-20.el9.x86_64@appstream
#>upgrade nginx-filesystem-1:1.20.1-13.el9.noarch@system nginx-filesystem-2:1.20.1-20.el9.noarch@appstream
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

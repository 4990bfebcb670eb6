repo system 0 testtags system.repo.xz
repo appstream 99 testtags appstream.repo.gz
repo stub 99 testtags stub.repo.gz
system x86_64 rpm system
job lock name nginx
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
job lock name httpd
job update all packages
result transaction,problems policy-2.r
nextjob
job lock name php-common
job install name php-gd
result transaction,problems <inline>
#>install fontconfig-2.14.0-2.el9.x86_64@appstream
#>install gd-2.3.2-3.el9.x86_64@appstream
#>install jbigkit-libs-2.1-23.el9.x86_64@appstream
#>install langpacks-core-font-en-3.0-16.el9.noarch@appstream
#>install libX11-1.7.0-11.el9.x86_64@appstream
#>install libX11-common-1.7.0-11.el9.noarch@appstream
#>install libXau-1.0.9-8.el9.x86_64@appstream
#>install libXpm-3.5.13-10.el9.x86_64@appstream
#>install libjpeg-turbo-2.0.90-7.el9.x86_64@appstream
#>install libtiff-4.4.0-13.el9.x86_64@appstream
#>install libwebp-1.2.0-8.el9.x86_64@appstream
#>install libxcb-1.13.1-9.el9.x86_64@appstream
#>install php-gd-8.0.20-3.el9.x86_64@appstream
#>install xml-common-0.6.3-58.el9.noarch@appstream
nextjob
job favor name nginx-core
job install provides webserver
result transaction,problems <inline>
nextjob
job disfavor name httpd
job install provides webserver
result transaction,problems <inline>
nextjob
job install name firefox
solverflags ignorerecommended
result transaction,problems policy-6.r
nextjob
job install name cockpit
solverflags ignorerecommended
result transaction,problems <inline>
#>problem c43b1300 info package cockpit does not exist
#>problem c43b1300 solution a6da5d6d deljob install name cockpit
nextjob
job install name podman
solverflags allowuninstall
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
job install name mariadb-server
job install name mysql-server
solverflags allowuninstall
result transaction,problems <inline>
#>problem 6ae2d881 info nothing provides policycoreutils = 3.5-2.el9 needed by python3-policycoreutils-3.5-2.el9.noarch
#>problem 6ae2d881 solution 9af49f44 deljob install name mariadb-server
#>problem 913a62f8 info nothing provides policycoreutils = 3.5-2.el9 needed by python3-policycoreutils-3.5-2.el9.noarch
#>problem 913a62f8 solution 2ea8ab31 deljob install name mysql-server
nextjob
job update all packages
solverflags allowdowngrade
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
job install name nginx
solverflags allowvendorchange
result transaction,problems <inline>
nextjob
job multiversion name nginx
job update name nginx
result transaction,problems <inline>

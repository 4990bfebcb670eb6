repo system 0 testtags system.repo.xz
repo appstream 99 testtags appstream.repo.gz
repo stub 99 testtags stub.repo.gz
system x86_64 rpm system
job multiversion name java-17-openjdk-headless
job install name java-17-openjdk-headless
result transaction,problems <inline>
#>problem 4a205702 info nothing provides lua(abi) = 5.4 needed by lua-posix-35.0-5.el9.x86_64
#>problem 4a205702 solution ea55f86d deljob install name java-17-openjdk-headless
nextjob
job multiversion name python3.11
job update name python3.11
result transaction,problems <inline>
nextjob
job multiversion name postgresql-server
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
#>upgrade postgresql-private-libs-13.10-1.el9.x86_64@system postgresql-private-libs-13.18-1.el9.x86_64@appstream
#>upgrade python3.11-3.11.10-1.el9.x86_64@system python3.11-3.11.11-1.el9.x86_64@appstream
#>upgrade python3.11-libs-3.11.10-1.el9.x86_64@system python3.11-libs-3.11.11-1.el9.x86_64@appstream
#>upgrade python3.11-pip-wheel-22.3.1-2.el9.noarch@system python3.11-pip-wheel-22.3.1-5.el9.noarch@appstream
#>upgrade python3.11-setuptools-wheel-65.5.1-2.el9.noarch@system python3.11-setuptools-wheel-65.5.1-3.el9.noarch@appstream
nextjob
job multiversion name php-common
job update all packages
result transaction,problems <inline>
#>install php-common-8.3.15-1.module_el9+1148+4d3da9e4.x86_64@appstream
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
job multiversion provides httpd
job update name httpd
result transaction,problems <inline>
nextjob
job install provides nginx < 1:1.20
result transaction,problems <inline>
#>problem c43b1300 info nothing provides requested nginx < 1:1.20
#>problem c43b1300 solution cbf8be1d deljob install provides nginx < 1:1.20
nextjob
job lock name nginx-filesystem
job update name nginx
result transaction,problems <inline>
nextjob
job install provides nginx-core = 2:1.20.1-20.el9
job lock name nginx
result transaction,problems <inline>
#>problem 85fafd0e info package nginx-1:1.20.1-13.el9.x86_64 requires nginx-core = 1:1.20.1-13.el9, but none of the providers can be installed
#>problem 85fafd0e solution 012ebed7 deljob install provides nginx-core = 2:1.20.1-20.el9
#>problem 85fafd0e solution 5ec94bbd deljob lock name nginx
nextjob
job install name mysql
job install name mariadb
result transaction,problems <inline>
#>problem bbe84b31 info package mysql-8.0.28-1.el9.x86_64 conflicts with mariadb provided by mariadb-3:10.11.10-1.module_el9+1141+de86b509.x86_64
#>problem bbe84b31 solution 4fc9be2b deljob install name mysql
#>problem bbe84b31 solution 54064c50 deljob install name mariadb
nextjob
job erase name nginx-filesystem
job lock name nginx
result transaction,problems <inline>
#>problem 5a7d38c1 info package nginx-1:1.20.1-13.el9.x86_64 requires nginx-filesystem = 1:1.20.1-13.el9, but none of the providers can be installed
#>problem 5a7d38c1 solution 5ec94bbd deljob lock name nginx
#>problem 5a7d38c1 solution 5ec94bbd erase nginx-1:1.20.1-13.el9.x86_64@system
#>problem 5a7d38c1 solution 5ec94bbd erase nginx-core-1:1.20.1-13.el9.x86_64@system
#>problem 5a7d38c1 solution 5ec94bbd erase php-fpm-8.0.20-3.el9.x86_64@system
#>problem 5a7d38c1 solution 76e6e9c8 deljob erase name nginx-filesystem
nextjob
job install name php-pgsql
job lock name php-common
solverflags allowuninstall
result transaction,problems <inline>
#>install libpq-13.15-1.el9.x86_64@appstream
#>install php-pgsql-8.0.20-3.el9.x86_64@appstream

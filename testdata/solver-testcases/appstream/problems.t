repo system 0 testtags system.repo.xz
repo appstream 99 testtags appstream.repo.gz
repo stub 99 testtags stub.repo.gz
system x86_64 rpm system
job install name no-such-package
result transaction,problems problems-1.r
nextjob
job install name mariadb-server
job install name mysql-server
result transaction,problems <inline>
#>problem 913a62f8 info nothing provides policycoreutils = 3.5-2.el9 needed by python3-policycoreutils-3.5-2.el9.noarch
#>problem 913a62f8 solution 2ea8ab31 deljob install name mysql-server
nextjob
job lock name perl-DBI
job erase name perl-DBI
result transaction,problems problems-3.r
nextjob
job install name mysql-server
job lock name mariadb-server
result transaction,problems <inline>
#>problem 5dcead20 info package mysql-server-8.0.28-1.el9.x86_64 conflicts with mariadb-server provided by mariadb-server-3:10.11.10-1.module_el9+1141+de86b509.x86_64
#>problem 5dcead20 solution 2ea8ab31 deljob install name mysql-server
#>problem 5dcead20 solution 9cbac662 deljob install name mysql-server
#>problem 5dcead20 solution 9cbac662 deljob lock name mariadb-server
nextjob
job lock name php-common
job update name php
result transaction,problems <inline>
nextjob
job install name nginx [forcebest]
job lock name nginx
result transaction,problems <inline>

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
#>problem 6ae2d881 info nothing provides policycoreutils = 3.5-2.el9 needed by python3-policycoreutils-3.5-2.el9.noarch
#>problem 6ae2d881 solution 9af49f44 deljob install name mariadb-server
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
#>problem 913a62f8 info nothing provides policycoreutils = 3.5-2.el9 needed by python3-policycoreutils-3.5-2.el9.noarch
#>problem 913a62f8 solution 2ea8ab31 deljob install name mysql-server
nextjob
job lock name php-common
job update name php
result transaction,problems <inline>
nextjob
job install name nginx [forcebest]
job lock name nginx
result transaction,problems <inline>

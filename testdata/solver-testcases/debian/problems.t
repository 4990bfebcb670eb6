repo system 0 testtags system.repo.gz
repo bookworm 99 testtags bookworm.repo.gz
system amd64 deb system
job install name no-such-package
result transaction,problems problems-1.r
nextjob
job install name postfix
job install name exim4-daemon-light
result transaction,problems problems-2.r
nextjob
job lock name apache2
job erase name apache2
result transaction,problems <inline>
#>problem deae4d4f info conflicting requests
#>problem deae4d4f solution 1521e2f2 deljob lock name apache2
#>problem deae4d4f solution 4f5edfe1 deljob erase name apache2
nextjob
job install name nginx-full
job lock name nginx-common
result transaction,problems <inline>
#>problem f0a443ba info package nginx-full-1.22.1-9+deb12u9.all requires nginx >= 1.22.1-9+deb12u9, but none of the providers can be installed
#>problem f0a443ba solution b5431472 deljob lock name nginx-common
#>problem f0a443ba solution cf0bebb6 deljob install name nginx-full
nextjob
job install name sendmail-bin
job install name postfix
result transaction,problems <inline>
#>problem 8c57fc14 info package sendmail-bin-8.17.1.9-2+deb12u2.amd64 conflicts with mail-transport-agent provided by postfix-3.7.11-0+deb12u1.amd64
#>problem 8c57fc14 solution 54b26715 deljob install name sendmail-bin
#>problem 8c57fc14 solution 54b26715 erase courier-mta-1.0.16-3+b6~old.amd64@system
#>problem 8c57fc14 solution eb30f0a8 deljob install name postfix
#>problem 8c57fc14 solution eb30f0a8 erase courier-mta-1.0.16-3+b6~old.amd64@system

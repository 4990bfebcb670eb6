# Install jobs that set a version or an arch ("name S = 1-1", "name S = 1", "name S . i686")
# disable the update rules of the installed packages they replace when that makes the
# change legal (libsolv's jobtodisablelist with its automatic set bits); a range ("S < 2")
# sets nothing. Multiversion kernels and locks around them. Results from testsolv -r.
repo system 0 testtags <inline>
#>=Pkg: S 2 1 x86_64
#>=Pkg: T 2 1 x86_64
#>=Req: S
#>=Pkg: k 1 1 noarch
#>=Prv: installonlypkg(kernel)
repo available 0 testtags <inline>
#>=Pkg: S 1 1 x86_64
#>=Pkg: S 1 2 x86_64
#>=Pkg: S 3 1 x86_64
#>=Pkg: S 2 1 i686
#>=Pkg: T 1 1 x86_64
#>=Req: S = 1-1
#>=Pkg: k 2 1 noarch
#>=Prv: installonlypkg(kernel)
#>=Pkg: k 3 1 noarch
#>=Prv: installonlypkg(kernel)
system x86_64 rpm system
job install name S = 1-1
result transaction,problems <inline>
#>downgrade S-2-1.x86_64@system S-1-1.x86_64@available
nextjob
job install name S = 1
result transaction,problems <inline>
#>downgrade S-2-1.x86_64@system S-1-2.x86_64@available
nextjob
job install name T = 1-1
result transaction,problems <inline>
#>problem 4ffbcccf info package T-1-1.x86_64 requires S = 1-1, but none of the providers can be installed
#>problem 4ffbcccf solution 0b7d605b deljob install name T = 1-1
#>problem 4ffbcccf solution ff9f6ccd replace S-2-1.x86_64@system S-1-1.x86_64@available
nextjob
job install name S . i686
result transaction,problems <inline>
#>change S-2-1.x86_64@system S-2-1.i686@available
nextjob
job install provides S < 2
result transaction,problems <inline>
#>problem 9be46de4 info cannot install both S-1-1.x86_64 and S-2-1.x86_64
#>problem 9be46de4 solution ff06b3fd deljob install provides S < 2
#>problem 9be46de4 solution ff9f6ccd replace S-2-1.x86_64@system S-1-2.x86_64@available
nextjob
job multiversion provides installonlypkg(kernel)
job install name k
result transaction,problems <inline>
nextjob
job multiversion provides installonlypkg(kernel)
job install name k = 2-1
result transaction,problems <inline>
#>install k-2-1.noarch@available
nextjob
job multiversion provides installonlypkg(kernel)
job erase name k = 1-1
job update name k
result transaction,problems <inline>
#>erase k-1-1.noarch@system
nextjob
job multiversion provides installonlypkg(kernel)
job update all packages
job lock name k = 3-1
result transaction,problems <inline>
#>install k-2-1.noarch@available
#>upgrade S-2-1.x86_64@system S-3-1.x86_64@available
nextjob
job update name S [forcebest]
job lock name S = 3-1
result transaction,problems <inline>

# Obsoletes chains and two installed arches of a name (without implicitobsoleteusescolors
# they replace each other) replaced by one package: each installed package is shown
# upgraded to it, as libsolv's transaction_obs_pkg. Results from testsolv -r.
repo system 0 testtags <inline>
#>=Pkg: a 1 1 noarch
#>=Pkg: b 1 1 noarch
#>=Req: a
#>=Pkg: c 1 1 noarch
#>=Pkg: x 1 1 x86_64
#>=Pkg: x 1 1 i686
repo available 0 testtags <inline>
#>=Pkg: a2 2 1 noarch
#>=Obs: a < 2
#>=Prv: a = 2
#>=Pkg: a3 3 1 noarch
#>=Obs: a2
#>=Obs: a < 3
#>=Prv: a = 3
#>=Pkg: b 2 1 noarch
#>=Req: a >= 2
#>=Pkg: c 2 1 noarch
#>=Con: a < 3
#>=Pkg: x 2 1 x86_64
#>=Pkg: x 2 1 i686
#>=Pkg: x 3 1 x86_64
system x86_64 rpm system
job update all packages
result transaction,problems <inline>
#>erase a-1-1.noarch@system a3-3-1.noarch@available
#>install a3-3-1.noarch@available
#>upgrade b-1-1.noarch@system b-2-1.noarch@available
#>upgrade c-1-1.noarch@system c-2-1.noarch@available
nextjob
job distupgrade all packages
result transaction,problems <inline>
#>erase a-1-1.noarch@system a3-3-1.noarch@available
#>install a3-3-1.noarch@available
#>upgrade b-1-1.noarch@system b-2-1.noarch@available
#>upgrade c-1-1.noarch@system c-2-1.noarch@available
#>upgrade x-1-1.i686@system x-3-1.x86_64@available
#>upgrade x-1-1.x86_64@system x-3-1.x86_64@available
nextjob
job install name c
result transaction,problems <inline>
nextjob
job install name a2
result transaction,problems <inline>
#>erase a-1-1.noarch@system a2-2-1.noarch@available
#>install a2-2-1.noarch@available
nextjob
job update name x
result transaction,problems <inline>
nextjob
job update all packages [forcebest]
result transaction,problems <inline>
#>erase a-1-1.noarch@system a3-3-1.noarch@available
#>install a3-3-1.noarch@available
#>problem 355cfa65 info cannot install both x-3-1.x86_64 and x-1-1.i686
#>problem 355cfa65 solution 18d4217a replace x-1-1.i686@system x-3-1.x86_64@available
#>problem 355cfa65 solution 77892ae3 allow x-1-1.i686@system
#>problem 355cfa65 solution 77892ae3 allow x-1-1.x86_64@system
#>upgrade b-1-1.noarch@system b-2-1.noarch@available
#>upgrade c-1-1.noarch@system c-2-1.noarch@available
#>upgrade x-1-1.i686@system x-3-1.x86_64@available
#>upgrade x-1-1.x86_64@system x-3-1.x86_64@available
nextjob
solverflags allowuninstall
job install name c
job lock name a
result transaction,problems <inline>
nextjob
job erase name a [cleandeps]
result transaction,problems <inline>
#>erase a-1-1.noarch@system a3-3-1.noarch@available
#>install a3-3-1.noarch@available

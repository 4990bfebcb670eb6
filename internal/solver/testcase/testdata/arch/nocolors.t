# Without implicitobsoleteusescolors (libsolv's solver_addinfarchrules): a package of an
# inferior arch class is not installable beside a best-arch candidate of its name,
# unless a package of that arch is installed. Results from testsolv -r.
repo system 0 testtags <inline>
#>=Pkg: x 1 1 x86_64
#>=Pkg: x 1 1 i686
#>=Pkg: y 1 1 i686
#>=Pkg: z 1 1 x86_64
repo available 0 testtags <inline>
#>=Pkg: x 2 1 x86_64
#>=Pkg: x 2 1 i686
#>=Pkg: x 3 1 x86_64
#>=Pkg: y 1 1 x86_64
#>=Pkg: y 2 1 x86_64
#>=Pkg: y 2 1 i686
#>=Pkg: y 3 1 i686
#>=Pkg: z 2 1 x86_64
#>=Pkg: z 2 1 i686
#>=Pkg: z 3 1 i686
#>=Pkg: n 1 1 x86_64
#>=Pkg: n 1 1 i686
#>=Pkg: n 2 1 i686
system x86_64 rpm system
job update all packages
result transaction,problems <inline>
#>upgrade y-1-1.i686@system y-3-1.i686@available
#>upgrade z-1-1.x86_64@system z-2-1.x86_64@available
nextjob
job update name x
result transaction,problems <inline>
nextjob
job install name z . i686
result transaction,problems <inline>
#>upgrade z-1-1.x86_64@system z-3-1.i686@available
nextjob
job install name n
result transaction,problems <inline>
#>install n-1-1.x86_64@available
nextjob
job install pkg n-2-1.i686@available
result transaction,problems <inline>
#>install n-2-1.i686@available
nextjob
job erase name x . x86_64
result transaction,problems <inline>
#>erase x-1-1.x86_64@system
nextjob
job distupgrade all packages
result transaction,problems <inline>
#>upgrade x-1-1.i686@system x-3-1.x86_64@available
#>upgrade x-1-1.x86_64@system x-3-1.x86_64@available
#>upgrade y-1-1.i686@system y-2-1.x86_64@available
#>upgrade z-1-1.x86_64@system z-2-1.x86_64@available

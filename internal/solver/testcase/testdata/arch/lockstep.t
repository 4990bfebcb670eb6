# Multilib lockstep (libsolv's solver_addinfarchrules): with implicitobsoleteusescolors
# an installed inferior-arch package whose best-arch twin of the same version is
# installed needs that twin, so both arches update to the newest version both have.
# Without the flag an inferior arch stays allowed while a package of it is installed.
# Results from testsolv -r.
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
poolflags implicitobsoleteusescolors
job update all packages
result transaction,problems <inline>
#>install y-2-1.x86_64@available
#>upgrade x-1-1.i686@system x-2-1.i686@available
#>upgrade x-1-1.x86_64@system x-2-1.x86_64@available
#>upgrade y-1-1.i686@system y-2-1.i686@available
#>upgrade z-1-1.x86_64@system z-2-1.x86_64@available
nextjob
poolflags implicitobsoleteusescolors
job update name x
result transaction,problems <inline>
#>upgrade x-1-1.i686@system x-2-1.i686@available
#>upgrade x-1-1.x86_64@system x-2-1.x86_64@available
nextjob
poolflags implicitobsoleteusescolors
job update name x [forcebest]
result transaction,problems <inline>
#>problem b3053876 info cannot install both x-3-1.x86_64 and x-2-1.x86_64
#>problem b3053876 solution 77892ae3 allow x-2-1.x86_64@available
#>problem b3053876 solution 9e86bbf1 allow x-2-1.i686@available
#>problem b3053876 solution b55c6de0 erase x-1-1.i686@system
#>upgrade x-1-1.i686@system x-2-1.i686@available
#>upgrade x-1-1.x86_64@system x-3-1.x86_64@available
nextjob
poolflags implicitobsoleteusescolors
job update name y
result transaction,problems <inline>
#>install y-2-1.x86_64@available
#>upgrade y-1-1.i686@system y-2-1.i686@available
nextjob
poolflags implicitobsoleteusescolors
job install name z . i686
result transaction,problems <inline>
#>install z-3-1.i686@available
nextjob
poolflags implicitobsoleteusescolors
job install name n
result transaction,problems <inline>
#>install n-1-1.x86_64@available
nextjob
poolflags implicitobsoleteusescolors
job install pkg n-2-1.i686@available
result transaction,problems <inline>
#>install n-2-1.i686@available
nextjob
poolflags implicitobsoleteusescolors
job erase name x . x86_64
result transaction,problems <inline>
#>problem 0c323a97 info problem with installed package x-1-1.i686
#>problem 0c323a97 solution 18d4217a erase x-1-1.i686@system
#>problem 0c323a97 solution 3716328f deljob erase name x . x86_64
#>problem 0c323a97 solution 9e86bbf1 allow x-1-1.i686@system
nextjob
poolflags implicitobsoleteusescolors
job distupgrade all packages
result transaction,problems <inline>
#>install y-2-1.x86_64@available
#>upgrade x-1-1.i686@system x-2-1.i686@available
#>upgrade x-1-1.x86_64@system x-2-1.x86_64@available
#>upgrade y-1-1.i686@system y-2-1.i686@available
#>upgrade z-1-1.x86_64@system z-2-1.x86_64@available

# An install job pinned to an arch ("name . arch", a single package) disables the
# inferior-arch rules of its names, as libsolv's jobtodisablelist. Results from testsolv -r.
repo system 0 testtags <inline>
#>=Pkg: bash 1 1 x86_64
repo available 0 testtags <inline>
#>=Pkg: S 1 1 i686
#>=Pkg: S 1 1 x86_64
#>=Pkg: S 2 1 i686
#>=Pkg: S 2 1 x86_64
system x86_64 rpm system
job install name S . i686
result transaction,problems <inline>
#>install S-2-1.i686@available
nextjob
job install name S . i686
job install name S . x86_64
result transaction,problems <inline>
#>problem e86248b1 info cannot install both S-1-1.x86_64 and S-1-1.i686
#>problem e86248b1 solution 9612e680 deljob install name S . x86_64
#>problem e86248b1 solution fb172fd5 deljob install name S . i686
nextjob
job install pkg S-1-1.i686@available
result transaction,problems <inline>
#>install S-1-1.i686@available

# A job dependency with a version and an arch written as testsolv reads it, "A > 1 . i686"
# (REL_ARCH over "A > 1"), beside "A . i686". Results from testsolv -r.
repo system 0 testtags <inline>
#>=Pkg: A 1 1 x86_64
repo available 0 testtags <inline>
#>=Pkg: A 2 1 noarch
#>=Pkg: A 3 1 i686
#>=Pkg: A 2 1 x86_64
system x86_64 rpm system
job install provides A > 1 . noarch
result transaction,problems <inline>
#>upgrade A-1-1.x86_64@system A-2-1.noarch@available
nextjob
job install provides A > 1 . x86_64
result transaction,problems <inline>
#>upgrade A-1-1.x86_64@system A-2-1.x86_64@available
nextjob
job install provides A > 1 . i686
result transaction,problems <inline>
#>upgrade A-1-1.x86_64@system A-3-1.i686@available
nextjob
job install provides A > 2 . i686
result transaction,problems <inline>
#>upgrade A-1-1.x86_64@system A-3-1.i686@available
nextjob
job install name A > 1 . i686
result transaction,problems <inline>
#>upgrade A-1-1.x86_64@system A-3-1.i686@available
nextjob
job install name A = 2-1 . noarch
result transaction,problems <inline>
#>upgrade A-1-1.x86_64@system A-2-1.noarch@available
nextjob
job update name A >= 2 . x86_64
result transaction,problems <inline>
#>upgrade A-1-1.x86_64@system A-2-1.x86_64@available
nextjob
job erase name A < 2 . x86_64
result transaction,problems <inline>
#>erase A-1-1.x86_64@system

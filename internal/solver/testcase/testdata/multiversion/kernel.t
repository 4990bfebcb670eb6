# Multiversion (installonly) packages on update: libsolv leaves multiversion candidates
# out of the installed package's update rule and installs the best of them beside it
# (solver.c's multiversion updaters); when that cannot be done (app-2 needs app-core 2,
# but the installed app-1 keeps app-core 1) nothing changes. Results from testsolv.
repo system 0 testtags <inline>
#>=Pkg: kernel 5.14.0 100.el9 x86_64
#>=Prv: installonlypkg(kernel)
#>=Req: kernel-core = 5.14.0-100.el9
#>=Pkg: kernel-core 5.14.0 100.el9 x86_64
#>=Prv: installonlypkg(kernel)
#>=Pkg: bash 5.1 1 x86_64
#>=Pkg: app 1 1 x86_64
#>=Req: app-core = 1-1
#>=Pkg: app-core 1 1 x86_64
repo available 0 testtags <inline>
#>=Pkg: kernel 5.14.0 100.el9 x86_64
#>=Prv: installonlypkg(kernel)
#>=Req: kernel-core = 5.14.0-100.el9
#>=Pkg: kernel-core 5.14.0 100.el9 x86_64
#>=Prv: installonlypkg(kernel)
#>=Pkg: kernel 5.14.0 200.el9 x86_64
#>=Prv: installonlypkg(kernel)
#>=Req: kernel-core = 5.14.0-200.el9
#>=Pkg: kernel-core 5.14.0 200.el9 x86_64
#>=Prv: installonlypkg(kernel)
#>=Pkg: kernel 5.14.0 150.el9 x86_64
#>=Prv: installonlypkg(kernel)
#>=Req: kernel-core = 5.14.0-150.el9
#>=Pkg: kernel-core 5.14.0 150.el9 x86_64
#>=Prv: installonlypkg(kernel)
#>=Pkg: bash 5.2 1 x86_64
#>=Pkg: app 2 1 x86_64
#>=Req: app-core = 2-1
#>=Pkg: app-core 2 1 x86_64
system x86_64 rpm system
job multiversion provides installonlypkg(kernel)
job update all packages
result transaction,problems <inline>
#>install kernel-5.14.0-200.el9.x86_64@available
#>install kernel-core-5.14.0-200.el9.x86_64@available
#>upgrade app-1-1.x86_64@system app-2-1.x86_64@available
#>upgrade app-core-1-1.x86_64@system app-core-2-1.x86_64@available
#>upgrade bash-5.1-1.x86_64@system bash-5.2-1.x86_64@available
nextjob
job multiversion provides installonlypkg(kernel)
job update name kernel
result transaction,problems <inline>
#>install kernel-5.14.0-200.el9.x86_64@available
#>install kernel-core-5.14.0-200.el9.x86_64@available
nextjob
job multiversion provides installonlypkg(kernel)
job distupgrade all packages
result transaction,problems <inline>
#>install kernel-5.14.0-200.el9.x86_64@available
#>install kernel-core-5.14.0-200.el9.x86_64@available
#>upgrade app-1-1.x86_64@system app-2-1.x86_64@available
#>upgrade app-core-1-1.x86_64@system app-core-2-1.x86_64@available
#>upgrade bash-5.1-1.x86_64@system bash-5.2-1.x86_64@available
nextjob
job multiversion provides installonlypkg(kernel)
job erase pkg kernel-5.14.0-100.el9.x86_64@system
job update all packages
result transaction,problems <inline>
#>erase kernel-5.14.0-100.el9.x86_64@system
#>install kernel-core-5.14.0-200.el9.x86_64@available
#>upgrade app-1-1.x86_64@system app-2-1.x86_64@available
#>upgrade app-core-1-1.x86_64@system app-core-2-1.x86_64@available
#>upgrade bash-5.1-1.x86_64@system bash-5.2-1.x86_64@available
nextjob
job multiversion provides installonlypkg(kernel)
job update pkg kernel-5.14.0-150.el9.x86_64@available
result transaction,problems <inline>
#>install kernel-5.14.0-150.el9.x86_64@available
#>install kernel-core-5.14.0-150.el9.x86_64@available
nextjob
job multiversion name app
job update name app
result transaction,problems <inline>
nextjob
job multiversion name app
job update all packages
result transaction,problems <inline>
#>upgrade bash-5.1-1.x86_64@system bash-5.2-1.x86_64@available
#>upgrade kernel-5.14.0-100.el9.x86_64@system kernel-5.14.0-200.el9.x86_64@available
#>upgrade kernel-core-5.14.0-100.el9.x86_64@system kernel-core-5.14.0-200.el9.x86_64@available
nextjob
job multiversion name app
job install name app
result transaction,problems <inline>
nextjob
job multiversion name app
job update name app
solverflags allowuninstall
result transaction,problems <inline>

# libsolv's resolve_dependencies puts off a requirement that leaves a real
# choice after the policy's pruning (x | y) while requirements the policy
# settles alone (y, two versions of one name) are decided first.
repo system 0 testtags <inline>
repo test 0 testtags <inline>
#>=Pkg: T 1 1 noarch
#>=Req: A
#>=Req: B
#>=Pkg: A 1 1 noarch
#>=Req: x | y
#>=Pkg: B 1 1 noarch
#>=Req: y
#>=Pkg: U 1 1 noarch
#>=Req: A
#>=Pkg: x 1 1 noarch
#>=Pkg: y 1 1 noarch
#>=Pkg: y 2 1 noarch
system x86_64 rpm system
job install name T
result transaction,problems <inline>
#>install A-1-1.noarch@test
#>install B-1-1.noarch@test
#>install T-1-1.noarch@test
#>install y-2-1.noarch@test
nextjob
job install name U
result transaction,problems <inline>
#>install A-1-1.noarch@test
#>install U-1-1.noarch@test
#>install x-1-1.noarch@test

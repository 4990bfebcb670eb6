# libsolv's auto-minimization: T's "fa | fb" first takes fa (by name); fb
# comes in later anyway (R, recommended by T, requires it), so the choice
# is taken back and fb alone meets T's requirement. The weak step takes
# the Recommends of one package after the other: once y is in for W's
# first recommendation, its "x | y" is met; V's, in the other order,
# first takes x for "x | y", and minimization takes that back for y.
repo system 0 testtags <inline>
repo test 0 testtags <inline>
#>=Pkg: T 1 1 noarch
#>=Req: fa | fb
#>=Rec: R
#>=Pkg: R 1 1 noarch
#>=Req: fb
#>=Pkg: fa 1 1 noarch
#>=Pkg: fb 1 1 noarch
#>=Pkg: W 1 1 noarch
#>=Rec: y
#>=Rec: x | y
#>=Pkg: V 1 1 noarch
#>=Rec: x | y
#>=Rec: y
#>=Pkg: x 1 1 noarch
#>=Pkg: y 1 1 noarch
system x86_64 rpm system
job install name T
result transaction,problems <inline>
#>install R-1-1.noarch@test
#>install T-1-1.noarch@test
#>install fb-1-1.noarch@test
nextjob
job install name W
result transaction,problems <inline>
#>install W-1-1.noarch@test
#>install y-1-1.noarch@test
nextjob
job install name V
result transaction,problems <inline>
#>install V-1-1.noarch@test
#>install y-1-1.noarch@test

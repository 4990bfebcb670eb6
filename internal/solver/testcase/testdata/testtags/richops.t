# libsolv testcase operators in testtags: & | <IF> <UNLESS> work; "<AND>", "<OR>", "<WITH>" are
# not operators, testsolv reads such a dependency as id 0, which ends the package's list.
# Results from testsolv -r.
repo available 0 testtags <inline>
#>=Pkg: a 1 1 noarch
#>=Req: r <AND> s
#>=Pkg: b 1 1 noarch
#>=Req: s
#>=Req: missing <AND> s
#>=Pkg: c 1 1 noarch
#>=Req: s
#>=Req: r <AND> s
#>=Req: missing
#>=Pkg: d 1 1 noarch
#>=Rec: r <AND> s
#>=Req: missing
#>=Pkg: e 1 1 noarch
#>=Req: (r & s)
#>=Req: missing
#>=Pkg: f 1 1 noarch
#>=Req: r & s
#>=Req: missing
#>=Pkg: r 0.5.4 1 noarch
#>=Prv: r = 0.5.4
#>=Pkg: s 1 1 noarch
system x86_64 rpm
job install name a
result transaction,problems <inline>
#>install a-1-1.noarch@available
nextjob
job install name b
result transaction,problems <inline>
#>install b-1-1.noarch@available
#>install s-1-1.noarch@available
nextjob
job install name c
result transaction,problems <inline>
#>install c-1-1.noarch@available
#>install s-1-1.noarch@available
nextjob
job install name d
result transaction,problems <inline>
#>problem 82fd8991 info nothing provides missing needed by d-1-1.noarch
#>problem 82fd8991 solution e1b58e11 deljob install name d
nextjob
job install name e
result transaction,problems <inline>
#>problem 782f9051 info nothing provides missing needed by e-1-1.noarch
#>problem 782f9051 solution 4aa15d76 deljob install name e
nextjob
job install name f
result transaction,problems <inline>
#>problem 82ca7d03 info nothing provides missing needed by f-1-1.noarch
#>problem 82ca7d03 solution 93ab9773 deljob install name f

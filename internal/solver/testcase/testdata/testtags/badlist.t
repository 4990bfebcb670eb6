# A dependency testsolv cannot parse ends its list: the requires after it and every
# pre-require, the provides and conflicts after it. Results from testsolv -r.
repo available 0 testtags <inline>
#>=Pkg: b 1 1 x86_64
#>=Prq: q
#>=Req: r <WITH> s
#>=Req: missing
#>=Pkg: c 1 1 x86_64
#>=Req: r <WITH> s
#>=Prq: q
#>=Req: missing
#>=Pkg: d 1 1 x86_64
#>=Prv: p1
#>=Prv: r <OR> s
#>=Prv: p2
#>=Con: r <AND> s
#>=Con: s
#>=Pkg: e 1 1 x86_64
#>=Req: p2
#>=Pkg: f 1 1 x86_64
#>=Req: p1
#>=Pkg: r 1 1 x86_64
#>=Pkg: s 1 1 x86_64
#>=Pkg: q 1 1 x86_64
system x86_64 rpm
job install name b
result transaction,problems <inline>
#>install b-1-1.x86_64@available
nextjob
job install name c
result transaction,problems <inline>
#>install c-1-1.x86_64@available
nextjob
job install name e
result transaction,problems <inline>
#>problem 1abcf41e info nothing provides p2 needed by e-1-1.x86_64
#>problem 1abcf41e solution 4aa15d76 deljob install name e
nextjob
job install name f
job install name s
result transaction,problems <inline>
#>install d-1-1.x86_64@available
#>install f-1-1.x86_64@available
#>install s-1-1.x86_64@available

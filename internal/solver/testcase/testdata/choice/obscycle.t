# libsolv's prune_obsoleted: candidates that obsolete each other (mew-bin
# and mew-beta-bin, as in Debian 12) stay together; a candidate obsoleted
# from outside its cycle goes (old-pin, obsoleted by pinentry-curses).
repo system 0 testtags <inline>
repo test 0 testtags <inline>
#>=Pkg: agent 1 1 noarch
#>=Req: pinentry-curses | pinentry
#>=Prv: gnupg-agent
#>=Pkg: mew-bin 6.8 17 noarch
#>=Prv: pinentry
#>=Obs: mew-beta-bin
#>=Enh: gnupg-agent
#>=Pkg: mew-beta-bin 7.0 4 noarch
#>=Prv: pinentry
#>=Prv: mew-bin
#>=Obs: mew-bin
#>=Enh: gnupg-agent
#>=Pkg: pinentry-curses 1.2 1 noarch
#>=Prv: pinentry
#>=Obs: old-pin
#>=Enh: gnupg-agent
#>=Pkg: aa-pin 1 1 noarch
#>=Prv: pinentry
#>=Obs: pinentry-curses
#>=Pkg: old-pin 1 1 noarch
#>=Prv: pinentry
#>=Pkg: chain 1 1 noarch
#>=Req: old-pin | pinentry-curses
system x86_64 rpm system
job install name agent
result transaction,problems <inline>
#>install agent-1-1.noarch@test
#>install mew-beta-bin-7.0-4.noarch@test
nextjob
job install name chain
result transaction,problems <inline>
#>install chain-1-1.noarch@test
#>install pinentry-curses-1.2-1.noarch@test

# A package that requires what only packages it conflicts with provide
# (vim-common and the stub of the installed BaseOS) cannot be installed;
# the problem blames the job asking for it (vim), not git, whose
# requirement the installed stub meets. (Nimbus answered this small case
# right before too; the real-world appstream/install.t#17 is the one whose
# answer changed: there git's requirement was found broken first.)
repo system 0 testtags <inline>
#>=Pkg: stub 1 1 noarch
#>=Prv: /usr/bin/sh
#>=Prv: vim-minimal = 8.0
#>=Prv: vim-filesystem
repo test 0 testtags <inline>
#>=Pkg: stub 1 1 noarch
#>=Prv: /usr/bin/sh
#>=Prv: vim-minimal = 8.0
#>=Prv: vim-filesystem
#>=Pkg: git 1 1 noarch
#>=Req: /usr/bin/sh
#>=Pkg: git 2 1 noarch
#>=Req: /usr/bin/sh
#>=Pkg: vim 1 1 noarch
#>=Req: vim-common = 1-1
#>=Pkg: vim 2 1 noarch
#>=Req: vim-common = 2-1
#>=Pkg: vim-common 1 1 noarch
#>=Req: vim-filesystem
#>=Con: vim-minimal < 8.1
#>=Pkg: vim-common 2 1 noarch
#>=Req: vim-filesystem
#>=Con: vim-minimal < 8.1
system x86_64 rpm system
job install name git
job install name vim
result transaction,problems <inline>
#>install git-2-1.noarch@test
#>problem 6facd43f info package vim-common-1-1.noarch conflicts with vim-minimal < 8.1 provided by stub-1-1.noarch
#>problem 6facd43f solution c1cba2cb deljob install name vim

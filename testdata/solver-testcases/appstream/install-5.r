problem 93732cd3 info nothing provides openssl-libs(x86-64) = 1:3.2.1-1.el9 needed by openssl-devel-1:3.2.1-1.el9.x86_64
problem 93732cd3 solution e1932394 deljob install name golang

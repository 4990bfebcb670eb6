problem 110bb7ec info package postfix-3.7.11-0+deb12u1.amd64 conflicts with mail-transport-agent provided by exim4-daemon-light-4.96-15+deb12u10.amd64
problem 110bb7ec solution 05fd18c6 deljob install name exim4-daemon-light
problem 110bb7ec solution 05fd18c6 erase courier-mta-1.0.16-3+b6~old.amd64@system

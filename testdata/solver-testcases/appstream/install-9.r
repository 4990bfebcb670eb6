problem 6b1ff6b1 info nothing provides python(abi) = 3.9 needed by ansible-core-1:2.14.12-1.el9.x86_64
problem 6b1ff6b1 solution 93469809 deljob install name ansible-core

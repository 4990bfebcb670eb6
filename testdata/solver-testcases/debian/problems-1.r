problem c43b1300 info package no-such-package does not exist
problem c43b1300 solution ff3e8d54 deljob install name no-such-package

package solver

import "github.com/nimbus-linux/nimbus/internal/evr"

// debCompare orders two Debian versions as dpkg does (evr.CompareDebian).
func debCompare(a, b string) int { return evr.CompareDebian(a, b) }

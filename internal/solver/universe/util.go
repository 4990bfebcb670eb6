package universe

import "github.com/nimbus-linux/nimbus/internal/evr"

func evrOp(b uint8) evr.Op { return evr.Op(b) }

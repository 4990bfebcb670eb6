package sign

import "time"

// Created is the signing key's creation time; signatures cannot predate it.
func (s *Signer) Created() time.Time { return s.key.CreationTime }

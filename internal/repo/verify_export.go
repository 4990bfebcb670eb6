package repo

// VerifyFile checks a local file against a request's expected size and checksum (the check
// Fetch runs before renaming a download into place); the package manager uses it for
// packages of file:// repositories and for packages already in the cache.
func VerifyFile(name string, r Request) error { return verifyFile(name, r) }

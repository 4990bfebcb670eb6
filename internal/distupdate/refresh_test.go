package distupdate

import (
	"testing"
)

func TestListPrefix(t *testing.T) {
	for in, want := range map[string]string{
		"http://127.0.0.1:8080/debian/": "127.0.0.1%3a8080_debian",
		"https://deb.debian.org/debian": "deb.debian.org_debian",
		"/srv/mirror":                   "srv_mirror",
	} {
		if got := listPrefix(in); got != want {
			t.Errorf("listPrefix(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestReleaseFiles(t *testing.T) {
	in := []byte("-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA256\n\nSuite: x\nSHA256:\n " +
		"00 1 main/binary-amd64/Packages\n 00 1 main/binary-amd64/Packages.gz\n-----BEGIN PGP SIGNATURE-----\n\nxx\n-----END PGP SIGNATURE-----\n")
	got := releaseFiles(in)
	if !got["main/binary-amd64/Packages"] || !got["main/binary-amd64/Packages.gz"] || len(got) != 2 {
		t.Errorf("got %v", got)
	}
}

// FuzzReleaseFiles: the unverified look at an InRelease (to choose what to download)
// never panics on outside bytes.
func FuzzReleaseFiles(f *testing.F) {
	f.Add([]byte("-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA256\n\nSHA256:\n 00 1 a\n-----BEGIN PGP SIGNATURE-----\n"))
	f.Add([]byte("SHA256: x y z\n"))
	f.Add([]byte("\n\n\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		_ = releaseFiles(data)
	})
}

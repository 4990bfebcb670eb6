package deb

import (
	"bytes"
	"compress/gzip"
	"strings"
	"testing"
)

func gzipText(s string) string {
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	w.Write([]byte(s))
	w.Close()
	return b.String()
}

// TestChangelog: the changelog is found in the package's doc directory, through a link
// inside the package; a doc directory that links to another package's, a missing file
// and bad gzip are errors naming what was looked for.
func TestChangelog(t *testing.T) {
	log := "hello (1.0-1) bookworm; urgency=medium\n\n  * first\n\n -- A <a@b>  Mon, 01 Jan 2024 00:00:00 +0000\n"
	doc := "./usr/share/doc/hello/"
	cases := []struct {
		name    string
		files   map[string]string
		want    string
		wantErr string
	}{
		{"in place", map[string]string{doc + "changelog.Debian.gz": gzipText(log)}, log, ""},
		{"a link inside the package", map[string]string{doc + "changelog.Debian.gz": "->../hello-data/cl.gz", "./usr/share/doc/hello-data/cl.gz": gzipText(log)}, log, ""},
		{"doc directory is a link", map[string]string{"./usr/share/doc/hello": "->libhello"}, "", "/usr/share/doc/hello is a link to libhello"},
		{"missing", map[string]string{"./usr/bin/hello": "x"}, "", "no /usr/share/doc/hello/changelog.Debian.gz"},
		{"not gzip", map[string]string{doc + "changelog.Debian.gz": "plain"}, "", "changelog.Debian.gz:"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p, err := Read(bytes.NewReader(makeDeb(t, testControl, c.files)), Limits{})
			if err != nil {
				t.Fatal(err)
			}
			got, err := p.Changelog()
			if c.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), c.wantErr) {
					t.Fatalf("error %v, want %q", err, c.wantErr)
				}
				return
			}
			if err != nil || string(got) != c.want {
				t.Errorf("%q %v", got, err)
			}
		})
	}
}

package createrepo

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nimbus-linux/nimbus/internal/repomd"
)

// TestGroupfile: -g publishes the comps file as group (as given) and group_gz, after
// primary, filelists and other, as createrepo_c does; a bad comps file is refused.
func TestGroupfile(t *testing.T) {
	dir := t.TempDir()
	c := []byte(`<?xml version="1.0"?><comps><group><id>core</id><name>Core</name><packagelist><packagereq>a</packagereq></packagelist></group></comps>`)
	res, err := Create(context.Background(), dir, Options{Groupfile: c, GroupfileName: "comps.xml", Time: time.Unix(1764000000, 0)})
	if err != nil {
		t.Fatal(err)
	}
	var types []string
	for _, d := range res.Repomd.Data {
		types = append(types, d.Type)
	}
	if s := strings.Join(types, " "); s != "primary filelists other group group_gz" {
		t.Errorf("records %s", s)
	}
	g, gz := res.Repomd.Find("group"), res.Repomd.Find("group_gz")
	if !strings.HasSuffix(g.Location, "-comps.xml") || !strings.HasSuffix(gz.Location, "-comps.xml.gz") || gz.OpenChecksum.Value != g.Checksum.Value || gz.OpenSize != int64(len(c)) {
		t.Errorf("group %+v group_gz %+v", g, gz)
	}
	b, err := os.ReadFile(filepath.Join(dir, g.Location))
	if err != nil || string(b) != string(c) {
		t.Errorf("group file %q %v", b, err)
	}
	f, err := os.Open(filepath.Join(dir, gz.Location))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rc, _, err := repomd.Decompress(f, repomd.DefaultLimit)
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	if _, err := Create(context.Background(), t.TempDir(), Options{Groupfile: []byte("<comps><group>"), GroupfileName: "bad.xml"}); err == nil || !strings.Contains(err.Error(), "group file bad.xml") {
		t.Errorf("bad comps: %v", err)
	}
}

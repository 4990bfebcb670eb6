package createrepo

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nimbus-linux/nimbus/internal/zchunk"
)

// TestZckRecords: with Zck and an updateinfo, the records come in createrepo_c
// --zck then modifyrepo_c --zck order, and every .zck holds its document.
func TestZckRecords(t *testing.T) {
	dir := t.TempDir()
	ui := []byte(`<?xml version="1.0" encoding="UTF-8"?>
<updates>
  <update from="sec@example.org" status="final" type="security" version="2.0">
    <id>NIMBUS-2026-0001</id>
    <title>fix</title>
    <issued date="2026-11-01 00:00:00"/>
    <pkglist/>
  </update>
</updates>
`)
	res, err := Create(context.Background(), dir, Options{Zck: true, Updateinfo: ui, Time: time.Unix(1764000000, 0), Clamp: true})
	if err != nil {
		t.Fatal(err)
	}
	var types []string
	for _, d := range res.Repomd.Data {
		types = append(types, d.Type)
		if !strings.HasSuffix(d.Type, "_zck") {
			continue
		}
		raw, err := os.ReadFile(filepath.Join(dir, d.Location))
		if err != nil {
			t.Fatal(err)
		}
		var out bytes.Buffer
		h, err := zchunk.Decompress(bytes.NewReader(raw), &out, 1<<20)
		if err != nil {
			t.Fatalf("%s: %v", d.Type, err)
		}
		if d.HeaderSize != h.Size || d.HeaderChecksum.Value != h.HeaderChecksumHex() || d.OpenSize != int64(out.Len()) {
			t.Errorf("%s: record %+v does not describe the file", d.Type, d)
		}
		if d.Type == "updateinfo_zck" && !bytes.Equal(out.Bytes(), ui) {
			t.Errorf("updateinfo_zck content differs")
		}
	}
	want := "primary filelists other primary_zck filelists_zck other_zck updateinfo updateinfo_zck"
	if got := strings.Join(types, " "); got != want {
		t.Errorf("records %q, want %q", got, want)
	}
}

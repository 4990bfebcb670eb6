package repo

import (
	"encoding/binary"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/nimbus-linux/nimbus/internal/repo/cache"
)

// TestReadText: the text written with the index is read back; a text file that is
// missing or damaged is rebuilt from the cached primary; an index of the format before
// the text file (version 3) is rebuilt by Load and by Prepare (makecache), with its text.
func TestReadText(t *testing.T) {
	srvDir := t.TempDir()
	writeRepo(t, srvDir, 20, "1.0")
	srv, _ := countingServer(t, srvDir)
	r := &Repo{ID: "test", BaseURLs: []string{srv.URL + "/"}, MetadataExpire: time.Hour}
	opts := Options{CacheDir: t.TempDir(), Fetcher: fastFetcher()}
	x, md, err := Load(testCtx(t), r, opts)
	if err != nil {
		t.Fatal(err)
	}
	idx := filepath.Join(md.Dir, "index.nidx")
	text := cache.TextPath(idx)
	check := func(t *testing.T) {
		t.Helper()
		var got []cache.Text
		if err := ReadText(md, []int{7, 3}, func(_ int, tx cache.Text) { got = append(got, tx) }); err != nil {
			t.Fatal(err)
		}
		if len(got) != 2 || got[0] != (cache.Text{License: "MIT", URL: "https://example.org/pkg007", Description: "Package 7,\nversion 1.0."}) || got[1].URL != "https://example.org/pkg003" {
			t.Fatalf("%+v", got)
		}
		if x.Name(7) != "pkg007" {
			t.Fatalf("package 7 is %s", x.Name(7))
		}
	}
	t.Run("written with the index", check)
	t.Run("missing", func(t *testing.T) {
		os.Remove(text)
		check(t)
	})
	t.Run("damaged", func(t *testing.T) {
		data, _ := os.ReadFile(text)
		data[len(data)/2] ^= 0xff
		os.WriteFile(text, data, 0o644)
		check(t)
	})
	for _, load := range []string{"Load", "Prepare"} {
		t.Run("version 3 index rebuilt by "+load, func(t *testing.T) {
			data, _ := os.ReadFile(idx)
			binary.LittleEndian.PutUint32(data[8:], 3)
			os.WriteFile(idx, data, 0o644)
			os.Remove(text)
			var err error
			if load == "Load" {
				_, _, err = Load(testCtx(t), r, opts)
			} else {
				_, err = Prepare(testCtx(t), r, opts)
			}
			if err != nil {
				t.Fatal(err)
			}
			if _, err := os.Stat(text); err != nil {
				t.Fatalf("no text file after the rebuild: %v", err)
			}
			if _, err := cache.Load(idx); err != nil {
				t.Fatalf("rebuilt index: %v", err)
			}
			check(t)
		})
	}
}

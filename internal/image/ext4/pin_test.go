package ext4

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/nimbus-linux/nimbus/internal/testfiles"
)

// TestPinTimesAsDebugfs: pinning the times in Go gives the bytes debugfs's
// set_inode_field commands (what Make ran before) give, inode checksums included; only
// the superblock differs (debugfs counts the kilobytes it wrote there).
func TestPinTimesAsDebugfs(t *testing.T) {
	tools, err := DefaultTools()
	testfiles.Need(t, err)
	src := tree(t)
	if err := os.Link(filepath.Join(src, "etc/os-release"), filepath.Join(src, "etc/hard link")); err != nil {
		t.Fatal(err)
	}
	for i := range 40 { // more than one inode table block
		if err := os.WriteFile(filepath.Join(src, "etc", fmt.Sprintf("f%02d", i)), []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	at := time.Unix(1700000000, 0)
	if err := Normalize(src, at); err != nil {
		t.Fatal(err)
	}
	o := Options{Size: 32 << 20, UUID: "11111111-2222-4333-8444-555555555555", HashSeed: "11111111-2222-4333-8444-555555555556",
		Label: "root", Time: at, Tools: tools, noPin: true}
	raw := filepath.Join(t.TempDir(), "raw.ext4")
	if err := Make(context.Background(), src, raw, o); err != nil {
		t.Fatal(err)
	}
	rawBytes, err := os.ReadFile(raw)
	if err != nil {
		t.Fatal(err)
	}
	checkChecksums(t, rawBytes) // our checksum is mke2fs's before anything changes

	viaGo, viaDebugfs := filepath.Join(t.TempDir(), "go.ext4"), filepath.Join(t.TempDir(), "debugfs.ext4")
	for _, p := range []string{viaGo, viaDebugfs} {
		if err := os.WriteFile(p, rawBytes, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := pinTimes(viaGo, 0, at); err != nil {
		t.Fatal(err)
	}
	var cmds bytes.Buffer
	ts := fmt.Sprintf("@%d", at.Unix())
	for _, f := range []string{"atime", "ctime", "mtime"} {
		fmt.Fprintf(&cmds, "set_inode_field / %s %s\nset_inode_field /lost+found %s %s\n", f, ts, f, ts)
	}
	err = filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil || p == src {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		fmt.Fprintf(&cmds, "set_inode_field \"/%s\" atime %s\nset_inode_field \"/%s\" ctime %s\n", rel, ts, rel, ts)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(tools.Debugfs, "-w", "-f", "-", viaDebugfs)
	cmd.Env = append(os.Environ(), fmt.Sprintf("E2FSPROGS_FAKE_TIME=%d", at.Unix()))
	cmd.Stdin = &cmds
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("debugfs: %v\n%s", err, b)
	}
	a, _ := os.ReadFile(viaGo)
	b, _ := os.ReadFile(viaDebugfs)
	if bytes.Equal(a, rawBytes) {
		t.Fatal("pinTimes changed nothing")
	}
	if len(a) != len(b) {
		t.Fatalf("sizes %d and %d", len(a), len(b))
	}
	for i := range a {
		if a[i] != b[i] && (i < 1024 || i >= 2048) {
			t.Fatalf("byte %d (block %d) differs from debugfs's: %#x, want %#x", i, i/4096, a[i], b[i])
		}
	}
	checkChecksums(t, a)
	if fsck, err := exec.LookPath("e2fsck"); err == nil {
		if out, err := exec.Command(fsck, "-fn", viaGo).CombinedOutput(); err != nil {
			t.Errorf("e2fsck -fn: %v\n%s", err, out)
		}
	}
}

// checkChecksums checks the stored checksum of every inode of group 0 in use.
func checkChecksums(t *testing.T, img []byte) {
	t.Helper()
	le := binary.LittleEndian
	sb := img[1024:2048]
	seed := crc32c(^uint32(0), sb[sbUUID:sbUUID+16])
	gd := img[4096:]
	itable := int64(le.Uint32(gd[gdInodeTableLo:]))
	isz := int64(le.Uint16(sb[sbInodeSize:]))
	n := int64(le.Uint32(sb[sbInodesPerGrp:])) - int64(le.Uint16(gd[gdItableUnusedLo:]))
	checked := 0
	for i := int64(0); i < n; i++ {
		in := img[itable*4096+i*isz : itable*4096+(i+1)*isz]
		if le.Uint16(in[inLinksCount:]) == 0 {
			continue
		}
		c := inodeChecksum(in, uint32(i+1), seed)
		if got := uint32(le.Uint16(in[inChecksumLo:])) | uint32(le.Uint16(in[inChecksumHi:]))<<16; got != c {
			t.Errorf("inode %d: checksum %#x, computed %#x", i+1, got, c)
		}
		checked++
	}
	if checked < 10 {
		t.Fatalf("only %d inodes checked", checked)
	}
}

package cli

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/nimbus-linux/nimbus/internal/repomd"
	"github.com/nimbus-linux/nimbus/internal/zchunk"
)

func readRepomd(t *testing.T, dir string) (*repomd.Repomd, string) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "repodata", "repomd.xml"))
	if err != nil {
		t.Fatal(err)
	}
	rm, err := repomd.ParseRepomd(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return rm, string(b)
}

// checkZckRecords reads every <type>_zck file of a repository with the zchunk
// library and checks it against its record: checksum and size of the file,
// header-checksum and header-size, open-checksum and open-size of the content,
// which must also be the content of the plain <type> file.
func checkZckRecords(t *testing.T, dir string, types []string) {
	t.Helper()
	rm, _ := readRepomd(t, dir)
	docs := metadataDocs(t, dir)
	for _, typ := range types {
		d := rm.Find(typ + "_zck")
		if d == nil {
			t.Errorf("%s: no %s_zck record", dir, typ)
			continue
		}
		raw, err := os.ReadFile(filepath.Join(dir, d.Location))
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(raw)
		if d.Checksum.Value != hex.EncodeToString(sum[:]) || d.Size != int64(len(raw)) {
			t.Errorf("%s_zck: checksum/size of the file differ from the record", typ)
		}
		var out bytes.Buffer
		h, err := zchunk.Decompress(bytes.NewReader(raw), &out, 1<<30)
		if err != nil {
			t.Fatalf("%s_zck: %v", typ, err)
		}
		if d.HeaderChecksum.Type != "sha256" || d.HeaderChecksum.Value != h.HeaderChecksumHex() || d.HeaderSize != h.Size {
			t.Errorf("%s_zck: header-checksum %v size %d, the file's %s %d", typ, d.HeaderChecksum, d.HeaderSize, h.HeaderChecksumHex(), h.Size)
		}
		osum := sha256.Sum256(out.Bytes())
		if d.OpenChecksum.Value != hex.EncodeToString(osum[:]) || d.OpenSize != int64(out.Len()) {
			t.Errorf("%s_zck: open-checksum/open-size differ from the content", typ)
		}
		if want, ok := docs[typ]; ok && out.String() != want {
			t.Errorf("%s_zck: content differs from %s", typ, typ)
		}
	}
}

// dataElements lists, per <data> record, its type and the names of its child
// elements in order: the shape of repomd.xml.
func dataElements(x string) []string {
	var out []string
	for _, blk := range regexp.MustCompile(`(?s)<data type="([a-z_]+)">(.*?)</data>`).FindAllStringSubmatch(x, -1) {
		names := regexp.MustCompile(`<([a-z_-]+)[ >/]`).FindAllStringSubmatch(blk[2], -1)
		s := blk[1] + ":"
		for _, n := range names {
			s += " " + n[1]
		}
		out = append(out, s)
	}
	return out
}

// TestCreaterepoCZckReadByNimbus: createrepo_c --zck's zchunk files are read by
// the zchunk library (checksums, header checksum, content = the .gz content),
// and nimbus repo create --zck writes the same records with the same elements
// in the same order; unzck reads ours; dnf 4.14 installs from our repository.
func TestCreaterepoCZckReadByNimbus(t *testing.T) {
	cr := needTool(t, "createrepo_c")
	unzck := needTool(t, "unzck")
	theirs, ours := t.TempDir(), t.TempDir()
	repoPackages(t, theirs)
	copyTree(t, theirs, ours)
	run(t, cr, "--zck", "--no-database", "--revision", repoSDE, theirs)
	checkZckRecords(t, theirs, []string{"primary", "filelists", "other"})

	env := map[string]string{"SOURCE_DATE_EPOCH": repoSDE}
	mustCLI(t, env, "repo", "create", "--zck", ours)
	checkZckRecords(t, ours, []string{"primary", "filelists", "other"})
	_, tx := readRepomd(t, theirs)
	_, ox := readRepomd(t, ours)
	if n := len(dataElements(tx)); n != 6 {
		t.Fatalf("createrepo_c --zck --no-database wrote %d records, want 6", n)
	}
	if a, b := strings.Join(dataElements(tx), "\n"), strings.Join(dataElements(ox), "\n"); a != b {
		t.Errorf("repomd.xml records differ:\ncreaterepo_c:\n%s\nnimbus:\n%s", a, b)
	}
	rm, _ := readRepomd(t, ours)
	docs := metadataDocs(t, ours)
	for _, typ := range []string{"primary", "filelists", "other"} {
		out, err := exec.Command(unzck, "-c", filepath.Join(ours, rm.Find(typ+"_zck").Location)).Output()
		if err != nil {
			t.Fatalf("unzck %s: %v", typ, err)
		}
		if string(out) != docs[typ] {
			t.Errorf("unzck %s: content differs", typ)
		}
	}
	got := dnfOut(t, "nimbus", ours, "repoquery", "--available", "--qf", "%{name}-%{version}-%{release}.%{arch}")
	want := dnfOut(t, "cr", theirs, "repoquery", "--available", "--qf", "%{name}-%{version}-%{release}.%{arch}")
	if sortedLines(got) != sortedLines(want) || strings.TrimSpace(got) == "" {
		t.Errorf("dnf lists\n%s\nfrom nimbus --zck, and\n%s\nfrom createrepo_c --zck", got, want)
	}
	args := dnfArgs(t, "nimbus", ours)
	root := strings.TrimPrefix(args[2], "--installroot=")
	runDNF(t, append(args, "install", "nimbus-app")...)
	if b, err := os.ReadFile(filepath.Join(root, "usr", "bin", "nimbus-app")); err != nil || !bytes.Contains(b, []byte("echo app")) {
		t.Errorf("dnf did not install nimbus-app from the --zck repository: %v", err)
	}
}

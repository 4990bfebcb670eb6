package apt

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/pierrec/lz4/v4"

	"github.com/nimbus-linux/nimbus/internal/compress"
	"github.com/nimbus-linux/nimbus/internal/distbuild/deb"
	"github.com/nimbus-linux/nimbus/internal/sign"
)

// DefaultListsDir and DefaultKeyring are where Debian keeps apt's indexes and the
// archive keyring (from the debian-archive-keyring package).
const (
	DefaultListsDir = "/var/lib/apt/lists"
	DefaultKeyring  = "/usr/share/keyrings/debian-archive-keyring.gpg"
)

// maxIndex bounds a decompressed Packages file (bookworm main amd64 is about 50 MB).
const maxIndex = 1 << 30

// Index is the verified union of the Packages indexes apt holds for some architectures.
type Index struct {
	Releases []*Release
	byName   map[string][]*Entry
}

// Entry is one package of a verified Packages index.
type Entry struct {
	Stanza  deb.Stanza
	Name    string
	Version string
	Arch    string // amd64, arm64 or all
	// Filename is the pool path; SHA256 and Size come from the index and bind the .deb.
	Filename string
	SHA256   [32]byte
	Size     int64
	Origin   string // the Packages list it came from
	Suite    string // the codename of the suite whose Release lists it (bookworm-security)
}

// Options configure LoadIndex.
type Options struct {
	ListsDir string // default DefaultListsDir
	Keyring  string // default DefaultKeyring
	Arches   []string
	Now      time.Time // judges Valid-Until and key expiry
}

// LoadIndex verifies every InRelease in the lists directory, then every Packages index
// of the wanted architectures against the hash its InRelease gives for the
// uncompressed file (apt may keep the index recompressed with lz4, gzip, xz or zstd,
// or plain; all are handled), and reads the packages. An index without a verified
// InRelease, or whose hash is not listed, is an error, not skipped.
func LoadIndex(o Options) (*Index, error) {
	if o.ListsDir == "" {
		o.ListsDir = DefaultListsDir
	}
	if o.Keyring == "" {
		o.Keyring = DefaultKeyring
	}
	kb, err := os.ReadFile(o.Keyring)
	if err != nil {
		return nil, fmt.Errorf("archive keyring: %w", err)
	}
	keys, err := sign.LoadKeyring(kb)
	if err != nil {
		return nil, fmt.Errorf("archive keyring %s: %w", o.Keyring, err)
	}
	keys.SetClock(func() time.Time { return o.Now })
	rels, err := filepath.Glob(filepath.Join(o.ListsDir, "*_InRelease"))
	if err != nil {
		return nil, err
	}
	if len(rels) == 0 {
		return nil, fmt.Errorf("no InRelease files in %s: run apt-get update", o.ListsDir)
	}
	sort.Strings(rels)
	idx := &Index{byName: map[string][]*Entry{}}
	for _, rp := range rels {
		data, err := os.ReadFile(rp)
		if err != nil {
			return nil, err
		}
		rel, err := VerifyRelease(filepath.Base(rp), data, keys, o.Now)
		if err != nil {
			return nil, err
		}
		idx.Releases = append(idx.Releases, rel)
		prefix := strings.TrimSuffix(rp, "InRelease")
		for _, arch := range o.Arches {
			lists, _ := filepath.Glob(prefix + "*_binary-" + arch + "_Packages*")
			sort.Strings(lists)
			for _, lp := range lists {
				if err := idx.addPackages(lp, prefix, rel); err != nil {
					return nil, err
				}
			}
		}
	}
	return idx, nil
}

// openIndex reads a Packages list whatever apt compressed it with.
func openIndex(p string) ([]byte, error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var r io.Reader = f
	ext := compressionSuffix(p)
	switch ext {
	case ".lz4":
		r = lz4.NewReader(f)
	case ".gz", ".xz", ".zst":
		k := map[string]compress.Kind{".gz": compress.Gzip, ".xz": compress.Xz, ".zst": compress.Zstd}[ext]
		rc, err := compress.NewReader(k, f)
		if err != nil {
			return nil, err
		}
		defer rc.Close()
		r = rc
	case "":
	default:
		return nil, fmt.Errorf("unknown compression %s", ext)
	}
	b, err := io.ReadAll(io.LimitReader(r, maxIndex+1))
	if err != nil {
		return nil, err
	}
	if len(b) > maxIndex {
		return nil, fmt.Errorf("more than %d bytes", maxIndex)
	}
	return b, nil
}

// compressionSuffix is what follows "_Packages" in a list file name: "", ".lz4", ".gz", ...
func compressionSuffix(p string) string {
	i := strings.LastIndex(p, "_Packages")
	if i < 0 {
		return ""
	}
	return p[i+len("_Packages"):]
}

func (idx *Index) addPackages(lp, prefix string, rel *Release) error {
	name := filepath.Base(lp)
	relPath := strings.TrimSuffix(strings.TrimPrefix(lp, prefix), compressionSuffix(lp))
	relPath = strings.ReplaceAll(relPath, "_", "/")
	want, ok := rel.SHA256[relPath]
	if !ok {
		return fmt.Errorf("%s: %w: %s does not list %s", name, ErrVerify, rel.Name, relPath)
	}
	data, err := openIndex(lp)
	if err != nil {
		return fmt.Errorf("reading %s: %w", name, err)
	}
	if got := sha256.Sum256(data); got != want.Digest || int64(len(data)) != want.Size {
		return fmt.Errorf("%s: %w: SHA-256 %x (%d bytes) does not match %x (%d bytes) signed in %s",
			name, ErrVerify, got, len(data), want.Digest, want.Size, rel.Name)
	}
	return idx.parseSuite(name, suiteOf(rel), data)
}

// suiteOf is the name recipes track a Release by: its Codename, else its Suite.
func suiteOf(r *Release) string {
	if r.Codename != "" {
		return r.Codename
	}
	return r.Suite
}

func (idx *Index) parse(origin string, data []byte) error { return idx.parseSuite(origin, "", data) }

func (idx *Index) parseSuite(origin, suite string, data []byte) error {
	return deb.ParseStanzas(data, func(s deb.Stanza) error {
		e := &Entry{Stanza: s, Name: s.Get("Package"), Version: s.Get("Version"), Arch: s.Get("Architecture"),
			Filename: s.Get("Filename"), Origin: origin, Suite: suite}
		if e.Name == "" || e.Version == "" || e.Filename == "" {
			return fmt.Errorf("%s: %w: a package without Package, Version or Filename", origin, deb.ErrFormat)
		}
		h := s.Get("SHA256")
		if len(h) != 64 {
			return fmt.Errorf("%s: %s %s: %w: no SHA256", origin, e.Name, e.Version, ErrVerify)
		}
		b, err := hex.DecodeString(h)
		if err != nil {
			return fmt.Errorf("%s: %s %s: SHA256 %q: %w", origin, e.Name, e.Version, h, err)
		}
		copy(e.SHA256[:], b)
		if _, err := fmt.Sscanf(s.Get("Size"), "%d", &e.Size); err != nil {
			return fmt.Errorf("%s: %s %s: Size %q: %w", origin, e.Name, e.Version, s.Get("Size"), err)
		}
		idx.byName[e.Name] = append(idx.byName[e.Name], e)
		return nil
	})
}

// Lookup finds a package by name, exact version and architecture (an "all" package
// matches any architecture).
func (idx *Index) Lookup(name, version, arch string) (*Entry, error) {
	var versions []string
	for _, e := range idx.byName[name] {
		if e.Version == version && (e.Arch == arch || e.Arch == "all") {
			return e, nil
		}
		if e.Arch == arch || e.Arch == "all" {
			versions = append(versions, e.Version)
		}
	}
	if len(versions) == 0 {
		return nil, fmt.Errorf("debian package %s (%s) is not in the verified indexes", name, arch)
	}
	return nil, fmt.Errorf("debian package %s=%s (%s) is not in the verified indexes (they have %s)", name, version, arch, strings.Join(versions, ", "))
}

// Candidates returns every entry for a name and architecture, for recipe generation.
func (idx *Index) Candidates(name, arch string) []*Entry {
	var out []*Entry
	for _, e := range idx.byName[name] {
		if e.Arch == arch || e.Arch == "all" {
			out = append(out, e)
		}
	}
	return out
}

// Providers returns the packages whose Provides name a virtual package.
func (idx *Index) Providers(virtual, arch string) []*Entry {
	var out []*Entry
	for _, list := range idx.byName {
		for _, e := range list {
			if e.Arch != arch && e.Arch != "all" {
				continue
			}
			for _, p := range strings.Split(e.Stanza.Get("Provides"), ",") {
				if f := strings.Fields(p); len(f) > 0 && f[0] == virtual {
					out = append(out, e)
				}
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// NewIndex returns an empty index; AddPackages fills it from Packages text that the
// caller has verified (tests and tools that make their own archives).
func NewIndex() *Index { return &Index{byName: map[string][]*Entry{}} }

// AddPackages adds the entries of a Packages file of a suite to the index.
func (idx *Index) AddPackages(origin, suite string, data []byte) error {
	return idx.parseSuite(origin, suite, data)
}

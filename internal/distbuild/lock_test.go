package distbuild

import (
	"crypto/sha256"
	"errors"
	"fmt"

	"github.com/nimbus-linux/nimbus/internal/arch"

	"path/filepath"
	"strings"
	"testing"

	"github.com/nimbus-linux/nimbus/internal/distbuild/apt"
	"github.com/nimbus-linux/nimbus/internal/recipe"
)

func sum(s string) [32]byte { return sha256.Sum256([]byte(s)) }

// testIndex is an index of suites, each a list of "name version arch" packages whose
// .deb bytes are "name_version_arch".
func testIndex(t *testing.T, suites map[string][]string) *apt.Index {
	t.Helper()
	idx := apt.NewIndex()
	for suite, pkgs := range suites {
		var b strings.Builder
		for _, p := range pkgs {
			f := strings.Fields(p)
			fmt.Fprintf(&b, "Package: %s\nVersion: %s\nArchitecture: %s\nFilename: pool/%s_%s_%s.deb\nSize: %d\nSHA256: %x\n\n",
				f[0], f[1], f[2], f[0], f[1], f[2], len(strings.Join(f, "_")), sum(strings.Join(f, "_")))
		}
		if err := idx.AddPackages(suite+"_Packages", suite, []byte(b.String())); err != nil {
			t.Fatal(err)
		}
	}
	return idx
}

func lockLine(pkg, ver, arch, suite string) LockEntry {
	s := pkg + "_" + ver + "_" + arch
	return LockEntry{Package: pkg, Arch: arch, Version: ver, Suite: suite, SHA256: sum(s), Size: int64(len(s))}
}

func TestLockRoundTrip(t *testing.T) {
	l := NewLock()
	l.Set(lockLine("nginx", "1.22.1-9+deb12u12", "amd64", "bookworm-security"))
	l.Set(lockLine("nginx", "1.22.1-9+deb12u12", "arm64", "bookworm-security"))
	l.Set(lockLine("base-files", "12.4+deb12u13", "all", "bookworm"))
	l.Set(lockLine("a", "1:2.0~rc1-1", "amd64", "bookworm"))
	data := l.Bytes()
	back, err := ParseLock("debian.lock", data)
	if err != nil {
		t.Fatal(err)
	}
	if string(back.Bytes()) != string(data) {
		t.Fatalf("round trip changed the text:\n%s\n%s", data, back.Bytes())
	}
	if e, ok := back.Get("base-files", "arm64"); !ok || e.Arch != "all" {
		t.Errorf("an all package answers for arm64: %+v %v", e, ok)
	}
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	if !strings.HasPrefix(lines[3], "a amd64 ") || !strings.HasPrefix(lines[len(lines)-1], "nginx arm64 ") {
		t.Errorf("not sorted:\n%s", data)
	}
	// An arch package replaces the all one and the other way round.
	back.Set(lockLine("base-files", "13", "amd64", "bookworm"))
	if e, _ := back.Get("base-files", "arm64"); e.Arch == "all" {
		t.Error("the all entry stayed beside an arch one")
	}
	dir := t.TempDir()
	p := filepath.Join(dir, LockName)
	if wrote, err := WriteLock(p, l); err != nil || !wrote {
		t.Fatalf("first write: %v %v", wrote, err)
	}
	if wrote, err := WriteLock(p, l); err != nil || wrote {
		t.Fatalf("unchanged lock rewritten: %v %v", wrote, err)
	}
	if l, err := ReadLock(filepath.Join(dir, "missing")); err != nil || len(l.Entries()) != 0 {
		t.Fatalf("a missing lock is empty: %v", err)
	}
}

// TestLockNonsense: a lock edited by hand into nonsense is refused with the line, the
// problem and how to recover.
func TestLockNonsense(t *testing.T) {
	good := lockLine("nginx", "1.0-1", "amd64", "bookworm").String()
	tests := map[string]struct{ text, want string }{
		"too few fields":  {"nginx amd64 1.0-1\n", "line 1: \"nginx amd64 1.0-1\": want 6 fields"},
		"bad arch":        {strings.Replace(good, "amd64", "i386", 1), `arch "i386"`},
		"bad version":     {strings.Replace(good, "1.0-1", "x1.0", 1), "x1.0"},
		"bad hash":        {strings.Replace(good, fmt.Sprintf("%x", sum("nginx_1.0-1_amd64")), "zz", 1), "is not a SHA-256"},
		"bad size":        {good[:strings.LastIndexByte(good, ' ')] + " -3", "is not a positive number"},
		"locked twice":    {good + "\n" + good + "\n", "line 2: nginx amd64 is locked twice"},
		"binary garbage":  {"\x00\x01\xff", "want 6 fields"},
		"upper-case name": {strings.Replace(good, "nginx", "NGINX", 1), "is not a Debian package name"},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			_, err := ParseLock("dist/debian.lock", []byte(tt.text))
			if !errors.Is(err, ErrLock) || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), "git checkout -- dist/debian.lock") {
				t.Fatalf("got %v, want %q", err, tt.want)
			}
		})
	}
}

func debRecipe(name string, hold *recipe.Hold, suites ...string) *recipe.Recipe {
	return &recipe.Recipe{Name: name, Source: recipe.Source{Debian: &recipe.DebianSource{Package: name, Hold: hold, Suites: suites}}}
}

func TestResolveDeb(t *testing.T) {
	idx := testIndex(t, map[string][]string{
		"bookworm":          {"nginx 1.22.1-9+deb12u9 amd64", "tzdata 2024a-0+deb12u1 all", "held 1.0-1 amd64"},
		"bookworm-security": {"nginx 1.22.1-9+deb12u12 amd64"},
		"bookworm-updates":  {"tzdata 2025b-0+deb12u1 all"},
		"trixie":            {"nginx 1.26.3-3 amd64"},
	})
	nginx, tzdata := debRecipe("nginx", nil), debRecipe("tzdata", nil)
	gone := NewLock()
	gone.Set(lockLine("nginx", "1.22.1-9+deb12u11", "amd64", "bookworm-security"))
	current := NewLock()
	current.Set(lockLine("nginx", "1.22.1-9+deb12u9", "amd64", "bookworm"))
	current.Set(lockLine("tzdata", "2024a-0+deb12u1", "all", "bookworm"))
	tests := []struct {
		name      string
		r         *recipe.Recipe
		lock      *Lock
		mode      Resolution
		want      string // version chosen
		move      string // Move.String(), "" for none
		errIs     error
		errWant   []string
		storeHas  bool
		lockedPkg string
	}{
		{name: "locked and served: kept", r: nginx, lock: current, mode: ResolveFollow, want: "1.22.1-9+deb12u9"},
		{name: "gone: follows the newest tracked", r: nginx, lock: gone, mode: ResolveFollow, want: "1.22.1-9+deb12u12",
			move: "nginx amd64: 1.22.1-9+deb12u11 → 1.22.1-9+deb12u12 (bookworm-security): the locked version is gone from the verified indexes"},
		{name: "not locked: newest tracked, never an untracked suite", r: nginx, lock: NewLock(), mode: ResolveFollow, want: "1.22.1-9+deb12u12",
			move: "nginx amd64: (not locked) → 1.22.1-9+deb12u12 (bookworm-security)"},
		{name: "locked mode refuses a gone version", r: nginx, lock: gone, mode: ResolveLocked, errIs: ErrLockedGone,
			errWant: []string{"nginx=1.22.1-9+deb12u11 (amd64)", "they have 1.22.1-9+deb12u9 (bookworm), 1.22.1-9+deb12u12 (bookworm-security), 1.26.3-3 (trixie)", "nimbus dist update"}},
		{name: "locked mode builds a gone version the store keeps", r: nginx, lock: gone, mode: ResolveLocked, storeHas: true, want: "1.22.1-9+deb12u11"},
		{name: "locked mode refuses what is not locked", r: nginx, lock: NewLock(), mode: ResolveLocked, errWant: []string{"not in dist/debian.lock", "to lock it"}},
		{name: "dist update moves to the newest", r: nginx, lock: current, mode: ResolveNewest, want: "1.22.1-9+deb12u12",
			move: "nginx amd64: 1.22.1-9+deb12u9 → 1.22.1-9+deb12u12 (bookworm-security)"},
		{name: "dist update: an all package from updates", r: tzdata, lock: current, mode: ResolveNewest, want: "2025b-0+deb12u1",
			move: "tzdata all: 2024a-0+deb12u1 → 2025b-0+deb12u1 (bookworm-updates)"},
		{name: "own suites", r: debRecipe("nginx", nil, "bookworm"), lock: current, mode: ResolveNewest, want: "1.22.1-9+deb12u9"},
		{name: "hold keeps its version", r: debRecipe("nginx", &recipe.Hold{Version: "1.22.1-9+deb12u9", Reason: "test"}), lock: gone, mode: ResolveNewest,
			want: "1.22.1-9+deb12u9", move: "nginx amd64: 1.22.1-9+deb12u11 → 1.22.1-9+deb12u9 (bookworm)"},
		{name: "hold on a version that no longer exists", r: debRecipe("nginx", &recipe.Hold{Version: "1.22.1-9+deb12u1", Reason: "test"}), lock: current, mode: ResolveFollow,
			errIs: ErrHoldGone, errWant: []string{"nginx=1.22.1-9+deb12u1 (amd64), held in recipe nginx", "move the hold"}},
		{name: "no such package", r: debRecipe("nope", nil), lock: NewLock(), mode: ResolveFollow, errWant: []string{"debian package nope (amd64) of recipe nope is not in the tracked suites"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, m, err := ResolveDeb(idx, tt.lock, tt.r, tt.r.Source.Debian.Package, "amd64", tt.mode, func([32]byte) bool { return tt.storeHas })
			if tt.errIs != nil || tt.errWant != nil {
				if err == nil || tt.errIs != nil && !errors.Is(err, tt.errIs) {
					t.Fatalf("got %v, want %v", err, tt.errIs)
				}
				for _, w := range tt.errWant {
					if !strings.Contains(err.Error(), w) {
						t.Errorf("error %q lacks %q", err, w)
					}
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if e.Version != tt.want {
				t.Errorf("chose %s, want %s", e.Version, tt.want)
			}
			got := ""
			if m != nil {
				got = m.String()
			}
			if got != tt.move {
				t.Errorf("move %q, want %q", got, tt.move)
			}
		})
	}
}

// TestResolveDebChangedBytes: the index serving other bytes under the locked version is
// a verification failure, not a move.
func TestResolveDebChangedBytes(t *testing.T) {
	idx := testIndex(t, map[string][]string{"bookworm": {"nginx 1.0-1 amd64"}})
	l := NewLock()
	le := lockLine("nginx", "1.0-1", "amd64", "bookworm")
	le.SHA256[0] ^= 1
	l.Set(le)
	_, _, err := ResolveDeb(idx, l, debRecipe("nginx", nil), "nginx", "amd64", ResolveFollow, nil)
	if !errors.Is(err, apt.ErrVerify) || !strings.Contains(err.Error(), "other bytes under the locked version") {
		t.Fatalf("got %v", err)
	}
}

func TestMoveNotices(t *testing.T) {
	got := MoveNotices([]Move{
		{Package: "nginx", Arch: "amd64", From: "1-1", To: "1-2", Suite: "bookworm-security", Gone: true},
		{Package: "nginx", Arch: "arm64", From: "1-1", To: "1-2", Suite: "bookworm-security", Gone: true},
		{Package: "new", Arch: "all", To: "3"},
	})
	want := []string{"lock: nginx 1-1 → 1-2 (bookworm-security) [amd64 arm64] (the locked version is gone from the verified indexes)",
		"lock: 1 Debian packages locked for the first time"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestDistLockParses: the committed lock parses and locks every Debian recipe of the
// sets for both arches.
func TestDistLockParses(t *testing.T) {
	l, err := ReadLock("../../dist/" + LockName)
	if err != nil {
		t.Fatal(err)
	}
	all, _, err := LoadRecipes("../../dist/recipes")
	if err != nil {
		t.Fatal(err)
	}
	_, names, err := LoadSet("../../dist/sets", "extras")
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range names {
		r := all[n]
		if r == nil || r.Source.Debian == nil {
			continue
		}
		for _, a := range arch.All() {
			arch, debArch := a.RPM, a.Debian
			if len(r.Arches) > 0 && !hasString(r.Arches, arch) {
				continue
			}
			if _, ok := l.Get(r.Source.Debian.PackageFor(arch), debArch); !ok {
				t.Errorf("recipe %s (%s): not locked", n, arch)
			}
		}
	}
}

func FuzzParseLock(f *testing.F) {
	f.Add([]byte(lockHeader + lockLine("nginx", "1.0-1", "amd64", "bookworm").String() + "\n"))
	f.Add([]byte("a all 1 b " + strings.Repeat("0", 64) + " 1\n"))
	f.Add([]byte("#\n\n  \n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		l, err := ParseLock("fuzz", data)
		if err != nil {
			return
		}
		back, err := ParseLock("fuzz", l.Bytes())
		if err != nil || string(back.Bytes()) != string(l.Bytes()) {
			t.Fatalf("a parsed lock does not round-trip: %v", err)
		}
	})
}

package repo

import (
	"errors"
	"strings"
	"testing"
)

// The rule is libdnf's Repo::verifyId; the positions were checked against dnf 4.14
// (`dnf repolist` prints "Bad id for repo: ../../evil, byte = / 2").
func TestInvalidIDByte(t *testing.T) {
	for _, c := range []struct {
		id   string
		want int
	}{
		{"nimbus", -1}, {"a:b.c-d_E9", -1}, {"..", -1}, {".", -1},
		{"../../evil", 2}, {"a b", 1}, {"a/b", 1}, {"é", 0}, {"", 0}, {"x\x00", 1}, {"a$b", 1},
	} {
		if got := InvalidIDByte(c.id); got != c.want {
			t.Errorf("InvalidIDByte(%q) = %d, want %d", c.id, got, c.want)
		}
	}
}

func TestParseRepoFileBadID(t *testing.T) {
	file := "[../../evil]\nbaseurl=file:///x\n[b$basearch/x]\nbaseurl=file:///y\n[good]\nbaseurl=file:///z\n"
	var warned []string
	rs, err := ParseRepoFile(strings.NewReader(file), "a.repo", NewVars("x86_64", "1"), func(err error) {
		var be *BadIDError
		if !errors.As(err, &be) {
			t.Errorf("warning %v is not a *BadIDError", err)
		}
		warned = append(warned, err.Error())
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) != 1 || rs[0].ID != "good" {
		t.Fatalf("repos %+v, want only good", rs)
	}
	want := []string{"Bad id for repo: ../../evil, byte = / 2 (a.repo:1: ", "Bad id for repo: bx86_64/x (b$basearch/x), byte = / 7 (a.repo:3: "}
	if len(warned) != 2 || !strings.HasPrefix(warned[0], want[0]) || !strings.HasPrefix(warned[1], want[1]) {
		t.Errorf("warnings %q, want prefixes %q", warned, want)
	}
	if _, err := ParseRepoFile(strings.NewReader(file), "a.repo", NewVars("x86_64", "1"), nil); err == nil || !strings.Contains(err.Error(), "Bad id for repo") {
		t.Errorf("strict parse: %v", err)
	}
	if _, err := FromPath("../x,/tmp"); err == nil || err.Error() != `Invalid repository id "../x": invalid character '/' at position 3` {
		t.Errorf("--repofrompath: %v", err)
	}
}

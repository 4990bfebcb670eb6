package cli

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestSplitSSHOptions(t *testing.T) {
	for _, c := range []struct{ in, opts, rest []string }{
		{[]string{"-o", "BatchMode=yes", "id", "-un"}, []string{"-o", "BatchMode=yes"}, []string{"id", "-un"}},
		{[]string{"-t", "-L", "8080:localhost:80", "--", "-x"}, []string{"-t", "-L", "8080:localhost:80"}, []string{"-x"}},
		{[]string{"uptime"}, nil, []string{"uptime"}},
		{nil, nil, nil},
		{[]string{"-o"}, []string{"-o"}, nil},
	} {
		o, r := splitSSHOptions(c.in)
		if !reflect.DeepEqual(o, c.opts) || !reflect.DeepEqual(r, c.rest) {
			t.Errorf("%q: %q %q, want %q %q", c.in, o, r, c.opts, c.rest)
		}
	}
}

func TestRunState(t *testing.T) {
	img := filepath.Join(t.TempDir(), "x.qcow2")
	if _, err := readRunState(img); err == nil || !strings.Contains(err.Error(), "is not running") {
		t.Fatalf("no state: %v", err)
	}
	if err := writeRunState(img, runState{PID: os.Getpid(), SSHPort: 2222, Key: "/k", User: "ec2-user"}); err != nil {
		t.Fatal(err)
	}
	st, err := readRunState(img)
	if err != nil || st.SSHPort != 2222 || st.Key != "/k" {
		t.Fatalf("%+v %v", st, err)
	}
	writeRunState(img, runState{PID: 1 << 30, SSHPort: 2222, Key: "/k"}) // a pid that is gone
	if _, err := readRunState(img); err == nil || !strings.Contains(err.Error(), "is gone") {
		t.Fatalf("dead pid: %v", err)
	}
	os.WriteFile(runStatePath(img), []byte("{"), 0o644)
	if _, err := readRunState(img); err == nil {
		t.Fatal("bad json accepted")
	}
}

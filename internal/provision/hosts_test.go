package provision

import (
	"os"
	"path/filepath"
	"testing"
)

func TestHostsEntry(t *testing.T) {
	root := t.TempDir()
	os.MkdirAll(filepath.Join(root, "etc"), 0o755)
	p := filepath.Join(root, "etc/hosts")
	os.WriteFile(p, []byte("127.0.0.1 localhost\n::1 localhost ip6-localhost\n"), 0o644)
	a := &Agent{Root: root}
	read := func() string { b, _ := os.ReadFile(p); return string(b) }
	if err := a.hostsEntry("ip-10-0-0-5.ec2.internal"); err != nil {
		t.Fatal(err)
	}
	want := "127.0.0.1 localhost\n::1 localhost ip6-localhost\n127.0.1.1\tip-10-0-0-5.ec2.internal ip-10-0-0-5\t" + hostsMarker + "\n"
	if read() != want {
		t.Fatalf("hosts:\n%q\nwant\n%q", read(), want)
	}
	a.hostsEntry("ip-10-0-0-5.ec2.internal") // unchanged
	if read() != want {
		t.Fatalf("second run changed hosts:\n%s", read())
	}
	a.hostsEntry("web-1") // a new name replaces the managed line
	if want2 := "127.0.0.1 localhost\n::1 localhost ip6-localhost\n127.0.1.1\tweb-1\t" + hostsMarker + "\n"; read() != want2 {
		t.Fatalf("hosts:\n%q", read())
	}
	os.WriteFile(p, []byte("10.0.0.5 web-2 # mine\n"), 0o644) // the administrator's line: left alone
	a.hostsEntry("web-2")
	if read() != "10.0.0.5 web-2 # mine\n" {
		t.Fatalf("hosts:\n%q", read())
	}
	os.Remove(p)
	if err := a.hostsEntry("h"); err != nil || read() != "127.0.1.1\th\t"+hostsMarker+"\n" {
		t.Fatalf("%v %q", err, read())
	}
}

//go:build linux

package units

import (
	"log/syslog"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestParseSyslog(t *testing.T) {
	for _, c := range []struct {
		in, ident string
		pid       int
		text      string
	}{
		// glibc's syslog(3)
		{"<38>Dec  7 11:45:00 sshd[812]: Accepted publickey for ec2-user from 10.0.2.2 port 40512 ssh2: ED25519 SHA256:x\x00", "sshd", 812, "Accepted publickey for ec2-user from 10.0.2.2 port 40512 ssh2: ED25519 SHA256:x"},
		{"<86>Dec 17 01:02:03 sudo: ec2-user : TTY=pts/0 ; COMMAND=/bin/true\n", "sudo", 0, "ec2-user : TTY=pts/0 ; COMMAND=/bin/true"},
		// no timestamp, no identifier
		{"<13>just text", "", 0, "just text"},
		{"<13>two words: then a colon", "", 0, "two words: then a colon"},
		// RFC 5424 (logger --rfc5424), with and without structured data
		{`<13>1 2026-12-07T11:45:00.1+00:00 host app 42 ID47 [exampleSDID@32473 iut="3" eventSource="App\]lication"] hello`, "app", 42, "hello"},
		{"<13>1 2026-12-07T11:45:00Z host - - - - no app", "", 0, "no app"},
		// control characters stay on one line
		{"<13>tag: a\nb\x1bc", "tag", 0, "a b c"},
		// odd input is kept whole
		{"<999999>x", "", 0, "<999999>x"},
		{"", "", 0, ""},
		{"tag[notapid]: t", "tag", 0, "t"},
	} {
		ident, pid, text := ParseSyslog([]byte(c.in))
		if ident != c.ident || pid != c.pid || text != c.text {
			t.Errorf("ParseSyslog(%q) = %q, %d, %q; want %q, %d, %q", c.in, ident, pid, text, c.ident, c.pid, c.text)
		}
	}
}

func FuzzParseSyslog(f *testing.F) {
	f.Add([]byte("<38>Dec  7 11:45:00 sshd[812]: Accepted publickey"))
	f.Add([]byte(`<13>1 2026-12-07T11:45:00Z h a 1 m [x a="\]"] t`))
	f.Add([]byte("<13>1 - - - - - ["))
	f.Fuzz(func(t *testing.T, b []byte) {
		ident, _, text := ParseSyslog(b)
		if strings.ContainsAny(text, "\n\r") {
			t.Fatalf("text %q has a line break", text)
		}
		if strings.ContainsAny(ident, " \n") {
			t.Fatalf("identifier %q has a space or line break", ident)
		}
	})
}

// TestSyslogSocket: messages sent to the syslog socket reach the journal, under the unit
// whose process group sent them ("UNIT[PID]: IDENT: text", what `logs -u UNIT` shows) or,
// from a process of no unit, under the identifier.
func TestSyslogSocket(t *testing.T) {
	s := newTestSys(t, map[string]string{
		// logger reads the line from the pipe and stays alive until the pipe closes, so the
		// listener finds its process group when the message arrives: a sender that has
		// already exited cannot be told apart (journald has the same limit). The line is
		// written once the test has seen the start (the file "go"): without cgroups the
		// process group is known only after Start has recorded the main process.
		"talker.service": "[Service]\nExecStart=/bin/sh -c '{ while [ ! -e @ROOT@/go ]; do sleep 0.02; done; echo \"hello from a service\"; sleep 60; } | logger -u @ROOT@/dev-log -t talkd'\n",
	})
	sock := filepath.Join(s.root, "dev-log")
	stop, err := s.m.ListenSyslog(sock)
	if err != nil {
		t.Fatal(err)
	}
	defer stop()

	w, err := syslog.Dial("unixgram", sock, syslog.LOG_AUTHPRIV|syslog.LOG_INFO, "gotest")
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Info("a process of no unit"); err != nil {
		t.Fatal(err)
	}
	w.Close()
	if err := s.m.Start(s.ctx(), "talker.service"); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(s.root, "go"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	own := "gotest[" + strconv.Itoa(os.Getpid()) + "]: a process of no unit"
	var ls []string
	for i := 0; i < 500; i++ {
		ls, _ = ReadJournal(s.j.Dir, "", 0)
		var a, b bool
		for _, l := range ls {
			a = a || strings.HasSuffix(l, own)
			b = b || strings.Contains(l, " talker.service[") && strings.HasSuffix(l, "]: talkd: hello from a service")
		}
		if a && b {
			if u, _ := ReadJournal(s.j.Dir, "talker.service", 0); len(u) == 0 {
				t.Fatalf("logs -u talker.service shows nothing; journal:\n%s", strings.Join(ls, "\n"))
			}
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("journal lacks %q or talker.service's talkd line:\n%s", own, strings.Join(ls, "\n"))
}

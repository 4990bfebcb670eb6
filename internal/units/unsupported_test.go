//go:build linux

package units

import (
	"strings"
	"testing"
)

// TestUnknownDirectiveStillStarts: issue 16's bad input. A unit with a directive Nimbus
// does not know is started as systemd starts it (systemd warns "Unknown key name ...
// ignoring" and runs the unit); the journal names the unit, the directive, the file and
// the line, once, however often the unit starts. With Verbose the sandboxing directives
// accepted without enforcement are listed once per unit; status carries both.
func TestUnknownDirectiveStillStarts(t *testing.T) {
	s := newTestSys(t, map[string]string{
		"odd.service": "[Unit]\nDescription=odd\n[Service]\nExecStart=/bin/sleep 60\nFancyNew=1\nProtectSystem=full\nPrivateTmp=yes\n",
	})
	s.m.opt.Verbose = true
	for i := 0; i < 2; i++ {
		if err := s.m.Start(s.ctx(), "odd.service"); err != nil {
			t.Fatalf("start %d: %v", i, err)
		}
		st, _ := s.m.Status("odd.service")
		if st.State != Active || st.MainPID == 0 {
			t.Fatalf("start %d: status %+v", i, st)
		}
		if len(st.Unsupported) != 1 || st.Unsupported[0] != "Service.FancyNew (/etc/systemd/system/odd.service:5)" {
			t.Errorf("status unsupported %q", st.Unsupported)
		}
		if err := s.m.Stop(s.ctx(), "odd.service"); err != nil {
			t.Fatal(err)
		}
	}
	ls, _ := ReadJournal(s.j.Dir, "nimbus-init", 0)
	log := strings.Join(ls, "\n")
	for _, want := range []string{
		"odd.service: unknown directive Service.FancyNew (/etc/systemd/system/odd.service:5) ignored.Get()",
		"odd.service: accepted but not enforced: Service.ProtectSystem, Service.PrivateTmp",
	} {
		if n := strings.Count(log, want); n != 1 {
			t.Errorf("%q logged %d times, want once:\n%s", want, n, log)
		}
	}
}

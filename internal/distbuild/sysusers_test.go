package distbuild

import (
	"testing"

	"github.com/nimbus-linux/nimbus/internal/recipe"
	"github.com/nimbus-linux/nimbus/internal/sysusers"
)

// The sysusers.d file the build writes next to the %pre declares the same accounts, in
// the form the first-boot agent reads.
func TestSysusersConf(t *testing.T) {
	uid := 33
	conf := sysusersConf([]recipe.User{{Name: "sshd", Home: "/run/sshd", Gecos: "Privilege-separated SSH"}, {Name: "www-data", UID: &uid, Home: "/var/www"},
		{Name: "svc", Group: "daemon"}}, []recipe.Group{{Name: "_ssh"}})
	es, errs := sysusers.Parse("f", []byte(conf))
	if len(errs) != 0 {
		t.Fatalf("%v\n%s", errs, conf)
	}
	for i := range es {
		es[i].File, es[i].Line = "", 0
	}
	want := []sysusers.Entry{
		{Type: 'g', Name: "_ssh", ID: -1},
		{Type: 'u', Name: "sshd", ID: -1, Gecos: "Privilege-separated SSH", Home: "/run/sshd", Shell: "/usr/sbin/nologin"},
		{Type: 'u', Name: "www-data", ID: 33, Home: "/var/www", Shell: "/usr/sbin/nologin"},
		{Type: 'g', Name: "daemon", ID: -1},
		{Type: 'u', Name: "svc", ID: -1, Group: "daemon", Home: "/", Shell: "/usr/sbin/nologin"},
	}
	if len(es) != len(want) {
		t.Fatalf("%+v\n%s", es, conf)
	}
	for i := range want {
		if es[i] != want[i] {
			t.Errorf("entry %d: %+v, want %+v\n%s", i, es[i], want[i], conf)
		}
	}
}

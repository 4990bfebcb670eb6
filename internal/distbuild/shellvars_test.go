package distbuild

import (
	"strings"
	"testing"
)

// openjdkPostinst has the shape of openjdk-17-jre-headless's postinst in Debian 12:
// the alternatives are registered in a loop over a variable, with paths built from
// other variables and a priority changed at run time on some paths.
const openjdkPostinst = `#!/bin/sh
set -e
multiarch=x86_64-linux-gnu
priority=1711
basedir=/usr/lib/jvm/java-17-openjdk-amd64
mandir=/usr/lib/jvm/java-17-openjdk-amd64/man
srcext=1.gz
dstext=1.gz
jre_tools='java jpackage keytool rmiregistry'
case "$1" in
configure)
    if [ -n "$multiarch" ] && [ "$DPKG_MAINTSCRIPT_ARCH" != $(dpkg --print-architecture) ]; then
	priority=$(expr $priority - 1)
    fi
    for i in $jre_tools; do
	unset slave1 slave2 || true
	if [ -e $mandir/man1/$i.$srcext ]; then
	    slave1="--slave \
		/usr/share/man/man1/$i.$dstext \
		$i.$dstext \
		$mandir/man1/$i.$srcext"
	fi
	update-alternatives \
	    --install \
	    /usr/bin/$i \
	    $i \
	    $basedir/bin/$i \
	    $priority \
	    $slave1 $slave2
    done
    update-alternatives --install /usr/bin/jexec jexec ${basedir}/lib/jexec $priority
    update-alternatives --install /usr/bin/x x "$2" 10
    ;;
esac
`

func TestAlternativesWithShellVariables(t *testing.T) {
	have := map[string]bool{}
	for _, tool := range []string{"java", "keytool", "rmiregistry"} { // jpackage not shipped
		have["/usr/lib/jvm/java-17-openjdk-amd64/bin/"+tool] = true
	}
	have["/usr/lib/jvm/java-17-openjdk-amd64/lib/jexec"] = true
	nodes := alternatives([]byte(openjdkPostinst), have)
	got := map[string]string{}
	for _, n := range nodes {
		got[n.Path] = n.Link
	}
	want := map[string]string{
		"/usr/bin/java":        "../lib/jvm/java-17-openjdk-amd64/bin/java",
		"/usr/bin/keytool":     "../lib/jvm/java-17-openjdk-amd64/bin/keytool",
		"/usr/bin/rmiregistry": "../lib/jvm/java-17-openjdk-amd64/bin/rmiregistry",
		"/usr/bin/jexec":       "../lib/jvm/java-17-openjdk-amd64/lib/jexec",
	}
	if len(got) != len(want) {
		t.Errorf("got %v, want %v", got, want)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s -> %q, want %q", k, got[k], v)
		}
	}
}

func TestExpandShell(t *testing.T) {
	tests := []struct{ in, want string }{
		{"a=1\necho $a ${a}", "a=1\necho 1 1"},
		{"a=\"x y\"\nb=$a/z\necho $b", "a=\"x y\"\nb=x y/z\necho x y/z"},
		{"a=1\na=2\necho $a", "a=1\na=2\necho $a"}, // two values: not static
		{"a=$(date)\necho $a", "a=$(date)\necho $a"},
		{"for i in p q; do echo $i; done", " echo p; \n echo q; \n"},
		{"l='p q'\nfor i in $l\ndo\n echo $i\ndone", "l='p q'\n\n echo p\n\n\n echo q\n\n"},
		{"for i in $unknown; do echo $i; done", "for i in $unknown; do echo $i; done"},
		{"for i in *; do echo $i; done", "for i in *; do echo $i; done"},
	}
	for _, tt := range tests {
		if got := expandShell(tt.in); got != tt.want {
			t.Errorf("expandShell(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func FuzzExpandShell(f *testing.F) {
	f.Add(openjdkPostinst)
	f.Add("for i in a b; do for j in c d; do echo $i$j; done; done")
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) > 4096 {
			return
		}
		out := expandShell(s)
		if len(out) > maxExpanded+len(s)*len(s) {
			t.Fatalf("expansion too large: %d from %d", len(out), len(s))
		}
		_ = strings.Count(out, "$")
	})
}

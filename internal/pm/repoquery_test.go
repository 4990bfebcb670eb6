package pm

import "testing"

func TestSourceName(t *testing.T) {
	for in, want := range map[string]string{
		"lib-1.0-1.src.rpm":                   "lib",
		"bash-5.2.15-2+b13.src.rpm":           "bash",
		"python3-foo-bar-1.2.3-4.el9.src.rpm": "python3-foo-bar",
		"kernel-6.1.0-1.nosrc.rpm":            "kernel",
	} {
		if got := sourceName(in); got != want {
			t.Errorf("sourceName(%q) = %q, want %q", in, got, want)
		}
	}
}

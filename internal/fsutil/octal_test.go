package fsutil

import "testing"

func TestUnescapeOctal(t *testing.T) {
	for in, want := range map[string]string{
		`/mnt/a\040b`:   "/mnt/a b",
		`tab\011x`:      "tab\tx",
		`back\134slash`: `back\slash`,
		`plain`:         "plain",
		`bad\09x`:       `bad\09x`, // 9 is not octal
		`short\04`:      `short\04`,
		`\0401`:         " 1",
	} {
		if got := UnescapeOctal(in); got != want {
			t.Errorf("UnescapeOctal(%q) = %q, want %q", in, got, want)
		}
	}
}

package distupdate

import (
	"testing"
	"time"

	"github.com/nimbus-linux/nimbus/internal/recipe"
	"github.com/nimbus-linux/nimbus/internal/sign"
)

func TestNextVersion(t *testing.T) {
	priv, _, err := sign.GenerateKey(sign.KeyOptions{Name: "r", Algorithm: sign.Ed25519, Created: time.Now().Add(-time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	s, err := sign.LoadSigner(priv)
	if err != nil {
		t.Fatal(err)
	}
	day := func(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 12, 0, 0, 0, time.UTC) }
	tests := []struct {
		base string
		now  time.Time
		want string
	}{
		{"2026.0.20261125", day(2026, 12, 6), "2026.0.20261206"},
		{"2026.3.20261206", day(2026, 12, 6), "2026.4.20261206"}, // same day: the next minor
		{"2026.9.20261231", day(2027, 1, 2), "2027.0.20270102"},  // a new year
		{"not-a-version", day(2026, 12, 6), "2026.0.20261206"},
	}
	for _, tt := range tests {
		got, err := NextVersion(t.TempDir(), &recipe.Recipe{Version: tt.base}, s, tt.now)
		if err != nil || got != tt.want {
			t.Errorf("NextVersion(%s, %s) = %s, %v; want %s", tt.base, tt.now.Format("2006-01-02"), got, err, tt.want)
		}
	}
}

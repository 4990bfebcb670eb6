package evr

import (
	"errors"
	"strconv"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	tests := []struct {
		in      string
		want    EVR
		wantErr error
	}{
		{in: "1.0", want: EVR{Version: "1.0"}},
		{in: "1.0-3", want: EVR{Version: "1.0", Release: "3"}},
		{in: "2:1.0-3.fc39", want: EVR{Epoch: "2", Version: "1.0", Release: "3.fc39"}},
		{in: "0:1.0", want: EVR{Epoch: "0", Version: "1.0"}},
		{in: "1.0-2-3", want: EVR{Version: "1.0-2", Release: "3"}}, // release at the last '-'
		{in: "1.0~rc1^git2", want: EVR{Version: "1.0~rc1^git2"}},
		{in: "", wantErr: ErrEmptyVersion},
		{in: "1:", wantErr: ErrEmptyVersion},
		{in: "-1", wantErr: ErrEmptyVersion},
		{in: "1.0-", wantErr: ErrEmptyRelease},
		{in: ":1.0", wantErr: ErrBadEpoch},
		{in: "a:1.0", wantErr: ErrBadEpoch},
		{in: "-1:1.0", wantErr: ErrBadEpoch},
		{in: "1:2:3", wantErr: ErrBadChar},
		{in: "1.0 -1", wantErr: ErrBadChar},
		{in: "1.0\x00", wantErr: ErrBadChar},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := Parse(tt.in)
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("Parse(%q) error = %v, want %v", tt.in, err, tt.wantErr)
				}
				if !strings.Contains(err.Error(), strconv.Quote(tt.in)) {
					t.Errorf("error %q does not name the input", err)
				}
				return
			}
			if err != nil {
				t.Fatalf("Parse(%q): %v", tt.in, err)
			}
			if got != tt.want {
				t.Fatalf("Parse(%q) = %#v, want %#v", tt.in, got, tt.want)
			}
			if s := got.String(); s != tt.in {
				t.Errorf("String() = %q, want %q", s, tt.in)
			}
		})
	}
}

func TestParseLax(t *testing.T) {
	tests := []struct {
		in   string
		want EVR
	}{
		{"", EVR{}},
		{"1.0", EVR{Version: "1.0"}},
		{":1.0", EVR{Epoch: "0", Version: "1.0"}},
		{"1:", EVR{Epoch: "1"}},
		{"a:1.0-1", EVR{Version: "a:1.0", Release: "1"}},
		{"12:1-2-3", EVR{Epoch: "12", Version: "1-2", Release: "3"}},
		{"1.0-", EVR{Version: "1.0"}},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := ParseLax(tt.in); got != tt.want {
				t.Errorf("ParseLax(%q) = %#v, want %#v", tt.in, got, tt.want)
			}
		})
	}
}

func TestCompare(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"1.0", "1.0", 0},
		{"0:1.0", "1.0", 0}, // absent epoch is 0
		{"00:1.0", "0:1.0", 0},
		{"1:1.0", "2.0", 1},
		{"1.0", "1:0.1", -1},
		{"1.0-1", "1.0-2", -1},
		{"1.0-10", "1.0-9", 1},
		{"1.0-1", "1.0", 1}, // rpm 4.18 rpmverCmp: a present release wins
		{"1.0", "1.0-1", -1},
		{"1.0~rc1-5", "1.0-1", -1},
		{"2.0-1", "10.0-1", -1},
	}
	for _, tt := range tests {
		t.Run(tt.a+"_vs_"+tt.b, func(t *testing.T) {
			a, b := mustParse(t, tt.a), mustParse(t, tt.b)
			if got := Compare(a, b); got != tt.want {
				t.Errorf("Compare(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
			}
			if got := Compare(b, a); got != -tt.want {
				t.Errorf("Compare(%q, %q) = %d, want %d", tt.b, tt.a, got, -tt.want)
			}
		})
	}
}

func mustParse(t *testing.T, s string) EVR {
	t.Helper()
	e, err := Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

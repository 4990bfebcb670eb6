package units

import (
	"os"
	"strings"
	"testing"
	"time"
)

func TestJournalPipeLongLines(t *testing.T) {
	dir := t.TempDir()
	j := &Journal{Dir: dir}
	w, err := j.Pipe("long.service", func() int { return 42 })
	if err != nil {
		t.Fatal(err)
	}
	long := strings.Repeat("x", 100<<10)
	if _, err := w.WriteString(long + "\nshort\n"); err != nil {
		t.Fatal(err)
	}
	w.Close()
	for i := 0; i < 200; i++ {
		ls, _ := ReadJournal(dir, "long.service", 0)
		if len(ls) > 0 && strings.HasSuffix(ls[len(ls)-1], "long.service[42]: short") {
			total := 0
			for _, l := range ls {
				total += strings.Count(l, "x")
			}
			if total != 100<<10 {
				t.Fatalf("long line lost bytes: %d", total)
			}
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	b, _ := os.ReadFile(dir + "/" + JournalFile)
	t.Fatalf("journal: %.200q", b)
}

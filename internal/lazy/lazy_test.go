package lazy

import (
	"sync"
	"testing"
)

var calls int

var table = Value[map[string]int]{New: func() map[string]int {
	calls++
	return map[string]int{"a": 1, "b": 2}
}}

// TestValue: New runs once, at the first Get, also under concurrent Gets; later Gets
// return the same value.
func TestValue(t *testing.T) {
	if calls != 0 {
		t.Fatalf("New ran before the first Get (%d calls)", calls)
	}
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if table.Get()["b"] != 2 {
				t.Error("wrong value")
			}
		}()
	}
	wg.Wait()
	if calls != 1 {
		t.Fatalf("New ran %d times, want 1", calls)
	}
	var zero Value[[]int]
	if zero.Get() != nil {
		t.Fatal("zero Value: want the zero value")
	}
}

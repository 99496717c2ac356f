package story

import (
	"runtime"
	"testing"
	"time"
)

// TestMemoryBounded feeds 3 windows' worth of items and checks the heap
// the Grouper holds stays bounded (the ring plus swept maps).
func TestMemoryBounded(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	items := loadNews(t)
	const window = 20_000
	heap := func() uint64 {
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return m.HeapAlloc
	}
	before := heap()
	g := New(Options{Window: window})
	for n := range 3 * window {
		it := items[n%len(items)]
		it.Time = it.Time.Add(time.Duration(n/len(items)) * 15 * 24 * time.Hour)
		g.Add(&it)
	}
	per := (float64(heap()) - float64(before)) / window
	t.Logf("heap held per window slot: %.0f bytes", per)
	if per > 3000 {
		t.Errorf("%.0f bytes per window slot", per)
	}
	runtime.KeepAlive(g)
	runtime.KeepAlive(items)
}

package metrics

import (
	"context"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"time"
)

// RegisterRuntime adds the Go runtime's figures under the names the
// Prometheus Go client uses (so existing Go dashboards work): goroutines,
// heap, GC cycles and pauses, threads, the Go version, and the process's
// start time.
func (r *Registry) RegisterRuntime() {
	start := float64(time.Now().Unix())
	r.GaugeFunc("go_goroutines", "Number of goroutines that currently exist.", func() float64 { return float64(runtime.NumGoroutine()) })
	r.GaugeFunc("go_threads", "Number of OS threads created.", func() float64 {
		n, _ := runtime.ThreadCreateProfile(nil)
		return float64(n)
	})
	read := func(name string) float64 {
		s := []metrics.Sample{{Name: name}}
		metrics.Read(s)
		switch s[0].Value.Kind() {
		case metrics.KindUint64:
			return float64(s[0].Value.Uint64())
		case metrics.KindFloat64:
			return s[0].Value.Float64()
		}
		return 0
	}
	for _, m := range []struct{ name, help, typ, src string }{
		{"go_memstats_heap_alloc_bytes", "Bytes of allocated heap objects.", "gauge", "/memory/classes/heap/objects:bytes"},
		{"go_memstats_sys_bytes", "Bytes of memory obtained from the OS.", "gauge", "/memory/classes/total:bytes"},
		{"go_gc_cycles_total", "Completed GC cycles.", "counter", "/gc/cycles/total:gc-cycles"},
		{"go_memstats_alloc_bytes_total", "Total bytes allocated on the heap.", "counter", "/gc/heap/allocs:bytes"},
		{"go_gc_heap_goal_bytes", "Heap size target for the end of the GC cycle.", "gauge", "/gc/heap/goal:bytes"},
	} {
		r.Collect(m.name, m.help, m.typ, func(context.Context) ([]Sample, error) {
			return []Sample{{Value: read(m.src)}}, nil
		})
	}
	r.Collect("go_gc_pause_seconds_total", "Total time the world was stopped for GC.", "counter", func(context.Context) ([]Sample, error) {
		var st debug.GCStats
		debug.ReadGCStats(&st)
		return []Sample{{Value: st.PauseTotal.Seconds()}}, nil
	})
	r.Collect("go_info", "Information about the Go environment.", "gauge", func(context.Context) ([]Sample, error) {
		return []Sample{{Labels: []string{"version", runtime.Version()}, Value: 1}}, nil
	})
	r.GaugeFunc("process_start_time_seconds", "Start time of the process since the Unix epoch in seconds.", func() float64 { return start })
}

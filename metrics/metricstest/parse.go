// Package metricstest reads the Prometheus text exposition format back, for
// tests that scrape /metrics: strictly (a malformed line is an error) and
// with the checks Prometheus makes on histograms.
package metricstest

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"regexp"
	"strconv"
	"strings"
)

// Scrape is a parsed exposition: every sample by its series key
// (`name{a="x",b="y"}` with labels in the order written) and every
// family's TYPE.
type Scrape struct {
	Samples map[string]float64
	Types   map[string]string
}

// Value returns the sample of name with exactly these label pairs.
func (s *Scrape) Value(name string, labels ...string) (float64, bool) {
	v, ok := s.Samples[Key(name, labels...)]
	return v, ok
}

// Sum adds every sample of name whose labels include the given pairs.
func (s *Scrape) Sum(name string, labels ...string) float64 {
	total := 0.0
	for k, v := range s.Samples {
		n, rest, _ := strings.Cut(k, "{")
		if n != name {
			continue
		}
		match := true
		for i := 0; i+1 < len(labels); i += 2 {
			if !strings.Contains("{"+rest, fmt.Sprintf("%s=%q", labels[i], labels[i+1])) {
				match = false
			}
		}
		if match {
			total += v
		}
	}
	return total
}

// Key is the series key of name with label pairs.
func Key(name string, labels ...string) string {
	if len(labels) == 0 {
		return name
	}
	var b strings.Builder
	b.WriteString(name + "{")
	for i := 0; i+1 < len(labels); i += 2 {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, "%s=%q", labels[i], labels[i+1])
	}
	b.WriteByte('}')
	return b.String()
}

var (
	nameRE   = regexp.MustCompile(`^[a-zA-Z_:][a-zA-Z0-9_:]*$`)
	labelRE  = regexp.MustCompile(`^[a-zA-Z_][a-zA-Z0-9_]*$`)
	typeWord = map[string]bool{"counter": true, "gauge": true, "histogram": true, "summary": true, "untyped": true}
)

// Parse reads an exposition. Every sample must follow its family's TYPE
// line; histogram buckets must be cumulative, end at +Inf and agree with
// _count; counters must not be negative.
func Parse(r io.Reader) (*Scrape, error) {
	s := &Scrape{Samples: map[string]float64{}, Types: map[string]string{}}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		t := sc.Text()
		if t == "" {
			continue
		}
		if strings.HasPrefix(t, "#") {
			f := strings.SplitN(t, " ", 4)
			if len(f) >= 3 && f[1] == "TYPE" {
				if len(f) != 4 || !nameRE.MatchString(f[2]) || !typeWord[f[3]] {
					return nil, fmt.Errorf("line %d: bad TYPE: %q", line, t)
				}
				if _, dup := s.Types[f[2]]; dup {
					return nil, fmt.Errorf("line %d: second TYPE for %s", line, f[2])
				}
				s.Types[f[2]] = f[3]
			} else if len(f) >= 3 && f[1] == "HELP" && !nameRE.MatchString(f[2]) {
				return nil, fmt.Errorf("line %d: bad HELP: %q", line, t)
			}
			continue
		}
		name, labels, value, err := parseSample(t)
		if err != nil {
			return nil, fmt.Errorf("line %d: %v: %q", line, err, t)
		}
		fam := familyOf(name, s.Types)
		if fam == "" {
			return nil, fmt.Errorf("line %d: sample %s before its TYPE", line, name)
		}
		if s.Types[fam] == "counter" && value < 0 {
			return nil, fmt.Errorf("line %d: negative counter", line)
		}
		k := Key(name, labels...)
		if _, dup := s.Samples[k]; dup {
			return nil, fmt.Errorf("line %d: duplicate series %s", line, k)
		}
		s.Samples[k] = value
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	return s, s.checkHistograms()
}

// familyOf finds the family a sample belongs to (a histogram's _bucket,
// _sum and _count belong to the histogram).
func familyOf(name string, types map[string]string) string {
	if _, ok := types[name]; ok {
		return name
	}
	for _, suf := range []string{"_bucket", "_sum", "_count"} {
		if base, ok := strings.CutSuffix(name, suf); ok && types[base] == "histogram" {
			return base
		}
	}
	return ""
}

func parseSample(t string) (string, []string, float64, error) {
	var name, rest string
	if i := strings.IndexByte(t, '{'); i >= 0 {
		name, rest = t[:i], t[i+1:]
	} else {
		i := strings.IndexByte(t, ' ')
		if i < 0 {
			return "", nil, 0, fmt.Errorf("no value")
		}
		name, rest = t[:i], "}"+t[i:]
	}
	if !nameRE.MatchString(name) {
		return "", nil, 0, fmt.Errorf("bad name")
	}
	var labels []string
	for !strings.HasPrefix(rest, "}") {
		eq := strings.Index(rest, `="`)
		if eq < 0 || !labelRE.MatchString(rest[:eq]) {
			return "", nil, 0, fmt.Errorf("bad label")
		}
		lname := rest[:eq]
		rest = rest[eq+2:]
		var val strings.Builder
		for {
			if rest == "" {
				return "", nil, 0, fmt.Errorf("unterminated label value")
			}
			c := rest[0]
			rest = rest[1:]
			if c == '"' {
				break
			}
			if c == '\\' {
				if rest == "" {
					return "", nil, 0, fmt.Errorf("bad escape")
				}
				switch rest[0] {
				case '\\', '"':
					val.WriteByte(rest[0])
				case 'n':
					val.WriteByte('\n')
				default:
					return "", nil, 0, fmt.Errorf("bad escape")
				}
				rest = rest[1:]
				continue
			}
			if c == '\n' {
				return "", nil, 0, fmt.Errorf("newline in label value")
			}
			val.WriteByte(c)
		}
		labels = append(labels, lname, val.String())
		rest = strings.TrimPrefix(rest, ",")
	}
	fields := strings.Fields(rest[1:])
	if len(fields) < 1 || len(fields) > 2 || !strings.HasPrefix(rest[1:], " ") {
		return "", nil, 0, fmt.Errorf("bad value")
	}
	v, err := parseValue(fields[0])
	return name, labels, v, err
}

func parseValue(s string) (float64, error) {
	switch s {
	case "+Inf":
		return math.Inf(1), nil
	case "-Inf":
		return math.Inf(-1), nil
	case "NaN":
		return math.NaN(), nil
	}
	return strconv.ParseFloat(s, 64)
}

// checkHistograms checks each histogram series: buckets ascending in le and
// non-decreasing in count, a +Inf bucket equal to _count.
func (s *Scrape) checkHistograms() error {
	type series struct {
		les    []float64
		counts []float64
	}
	all := map[string]*series{}
	for k, v := range s.Samples {
		name, rest, _ := strings.Cut(k, "{")
		base, ok := strings.CutSuffix(name, "_bucket")
		if !ok || s.Types[base] != "histogram" {
			continue
		}
		i := strings.Index(rest, `le="`)
		if i < 0 {
			return fmt.Errorf("%s: bucket without le", k)
		}
		end := strings.IndexByte(rest[i+4:], '"')
		le, err := parseValue(rest[i+4 : i+4+end])
		if err != nil {
			return fmt.Errorf("%s: bad le", k)
		}
		others := strings.TrimSuffix(strings.TrimSuffix(rest[:i], ","), "}") + strings.TrimPrefix(rest[i+4+end+1:], ",")
		id := base + "{" + strings.TrimSuffix(others, "}")
		se := all[id]
		if se == nil {
			se = &series{}
			all[id] = se
		}
		se.les = append(se.les, le)
		se.counts = append(se.counts, v)
	}
	for id, se := range all {
		idx := make([]int, len(se.les))
		for i := range idx {
			idx[i] = i
		}
		// insertion sort by le: a handful of buckets
		for i := 1; i < len(idx); i++ {
			for j := i; j > 0 && se.les[idx[j]] < se.les[idx[j-1]]; j-- {
				idx[j], idx[j-1] = idx[j-1], idx[j]
			}
		}
		last := idx[len(idx)-1]
		if !math.IsInf(se.les[last], 1) {
			return fmt.Errorf("%s: no +Inf bucket", id)
		}
		for i := 1; i < len(idx); i++ {
			if se.counts[idx[i]] < se.counts[idx[i-1]] {
				return fmt.Errorf("%s: buckets not cumulative", id)
			}
		}
		base, labels, _ := strings.Cut(id, "{")
		countKey := base + "_count"
		if labels != "" {
			countKey += "{" + labels + "}"
		}
		if c, ok := s.Samples[countKey]; !ok || c != se.counts[last] {
			return fmt.Errorf("%s: +Inf bucket %v, _count %v", id, se.counts[last], c)
		}
	}
	return nil
}

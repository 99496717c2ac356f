package directory

import (
	"slices"
	"strings"
	"sync"

	"ttdn"
)

// Resolver turns unit names as plans write them into unit references. It
// matches on folded words (vntext.Fold), so case, diacritics, đ/d and
// punctuation do not matter ("BCD 94-16" finds "BCĐ 94-16", "tinh" finds
// "tỉnh"), and it tolerates one mistyped word in names of three words or
// more. Names are looked up in a word trie built once, so resolving costs
// a few map lookups per word.
//
// A Resolver is safe for concurrent use.
type Resolver struct {
	root  *node
	units map[unitKey]hit // every unit and group
	on    ttdn.Date       // the date names are resolved on; zero means "now"
	// places are the folded words of the province's (or city's) name, from
	// its people's committee ("Ủy ban nhân dân tỉnh Tây Ninh" → "tay
	// ninh"): plans add them after unit names.
	places [][]string
}

// node is a trie node over folded words.
type node struct {
	next map[string]*node
	hits []hit // what the word path ending here names
}

// hit is one unit or group a name stands for, with when it did.
type hit struct {
	ref      ttdn.UnitRef // Name, ID, Code, Group; Text is filled per match
	from, to ttdn.Date
	note     string // why the unit ended, when it did
}

// NewResolver builds a Resolver over units and groups: each is found by its
// name, short name and aliases. Storage builds one from its tables, with IDs.
func NewResolver(units []*ttdn.Unit, groups []*ttdn.UnitGroup) *Resolver {
	r := &Resolver{root: &node{}, units: map[unitKey]hit{}}
	for _, u := range units {
		r.addPlace(u)
		h := hit{ref: ttdn.UnitRef{Name: u.Name, ID: u.ID, Code: u.Code}, from: u.ValidFrom, to: u.ValidTo, note: u.Note}
		r.units[refKey(h.ref)] = h
		r.add(u.Name, h)
		r.add(u.ShortName, h)
		for _, a := range u.Aliases {
			r.add(a, h)
		}
	}
	for _, g := range groups {
		h := hit{ref: ttdn.UnitRef{Name: g.Name, ID: g.ID, Code: g.Code, Group: true}}
		r.units[refKey(h.ref)] = h
		r.add(g.Name, h)
		for _, a := range g.Aliases {
			r.add(a, h)
		}
	}
	return r
}

var (
	defaultOnce     sync.Once
	defaultResolver *Resolver
)

// Default returns the Resolver over the shipped directory (Entries and
// Groups). Its references carry codes and no IDs.
func Default() *Resolver {
	defaultOnce.Do(func() { defaultResolver = NewResolver(Units(), UnitGroups()) })
	return defaultResolver
}

// Units returns the shipped entries as units (no IDs, parents and
// successors left to storage, which knows the IDs).
func Units() []*ttdn.Unit {
	es := Entries()
	us := make([]*ttdn.Unit, len(es))
	for i := range es {
		us[i] = &es[i].Unit
	}
	return us
}

// UnitGroups returns the shipped groups as unit groups (no IDs).
func UnitGroups() []*ttdn.UnitGroup {
	gs := Groups()
	out := make([]*ttdn.UnitGroup, len(gs))
	for i, g := range gs {
		out[i] = &ttdn.UnitGroup{Code: g.Code, Name: g.Name, Aliases: g.Aliases}
	}
	return out
}

// On returns a Resolver that resolves names as they stood on d: where one
// name stood for different units over time ("UBND tỉnh" before and after
// the 1/7/2025 merger), the unit active on d wins.
func (r *Resolver) On(d ttdn.Date) *Resolver {
	return &Resolver{root: r.root, units: r.units, on: d, places: r.places}
}

// addPlace learns the province's name from a top-level people's committee.
func (r *Resolver) addPlace(u *ttdn.Unit) {
	if u.Kind != ttdn.UnitPeoplesCommittee || u.ParentID != 0 {
		return
	}
	toks := tokenize(u.Name)
	for i := 0; i+1 < len(toks); i++ {
		if w := toks[i].word; (w == "tinh" || w == "pho" && i > 0 && toks[i-1].word == "thanh") && len(toks)-i-1 <= 4 {
			var place []string
			for _, t := range toks[i+1:] {
				place = append(place, t.word)
			}
			for _, p := range r.places {
				if slices.Equal(p, place) {
					return
				}
			}
			r.places = append(r.places, place)
			return
		}
	}
}

// Ended reports whether the unit ref names no longer existed on the
// Resolver's date (a plan of 2026 naming Sở Thông tin và Truyền thông), with
// the directory's note saying why. A Resolver without a date ends nothing.
func (r *Resolver) Ended(ref ttdn.UnitRef) (note string, ended bool) {
	h, ok := r.units[refKey(ref)]
	if !ok || r.on.IsZero() || h.to.IsZero() || before(r.on, h.to) {
		return "", false
	}
	return h.note, true
}

// unitKey identifies a resolved unit or group (by ID, code or both).
type unitKey struct {
	code  string
	id    int64
	group bool
}

func refKey(ref ttdn.UnitRef) unitKey { return unitKey{ref.Code, ref.ID, ref.Group} }

func (r *Resolver) add(name string, h hit) {
	toks := tokenize(name)
	if len(toks) == 0 {
		return
	}
	n := r.root
	for _, t := range toks {
		if n.next == nil {
			n.next = make(map[string]*node)
		}
		c := n.next[t.word]
		if c == nil {
			c = &node{}
			n.next[t.word] = c
		}
		n = c
	}
	for _, old := range n.hits {
		if old.ref.Code == h.ref.Code && old.ref.ID == h.ref.ID && old.ref.Group == h.ref.Group {
			return // the same name listed twice for one unit
		}
	}
	n.hits = append(n.hits, h)
}

// choose picks among the units a name stood for the one active on r.on, or
// the current one when r.on is zero.
func (r *Resolver) choose(hits []hit) hit {
	for _, h := range hits {
		if r.on.IsZero() && h.to.IsZero() {
			return h
		}
		if !r.on.IsZero() && (h.from.IsZero() || !before(r.on, h.from)) && (h.to.IsZero() || before(r.on, h.to)) {
			return h
		}
	}
	return hits[0]
}

// before is ttdn.Date.Before without formatting the dates.
func before(a, b ttdn.Date) bool {
	if a.Year != b.Year {
		return a.Year < b.Year
	}
	if a.Month != b.Month {
		return a.Month < b.Month
	}
	return a.Day < b.Day
}

// Resolve resolves text that names exactly one unit or group. When it does
// not, it returns an unresolved reference (Name and Text the trimmed text)
// and false.
func (r *Resolver) Resolve(text string) (ttdn.UnitRef, bool) {
	toks := tokenize(text)
	if n, h := r.longest(toks, 0); h != nil && n == len(toks) {
		ref := h.ref
		ref.Text = strings.TrimSpace(text)
		return ref, true
	}
	t := strings.TrimSpace(text)
	return ttdn.UnitRef{Name: t, Text: t}, false
}

// ResolvePrefix resolves the longest unit name text starts with. It returns
// the reference, the byte offset in text where the name ends, and whether
// one was found.
func (r *Resolver) ResolvePrefix(text string) (ttdn.UnitRef, int, bool) {
	toks := tokenize(text)
	n, h := r.longest(toks, 0)
	if h == nil {
		return ttdn.UnitRef{}, 0, false
	}
	ref := h.ref
	ref.Text = text[toks[0].start:toks[n-1].end]
	return ref, toks[n-1].end, true
}

package directory

// longest finds the longest known name starting at toks[i]. It returns the
// number of tokens matched and the unit or group chosen, or nil. One word
// after the first may be mistyped (one letter added, dropped or changed) if
// the name has three words or more and the word four letters or more: real
// plans write "thành phou" and worse.
func (r *Resolver) longest(toks []token, i int) (int, *hit) {
	if i >= len(toks) {
		return 0, nil
	}
	first := r.root.next[toks[i].word]
	if first == nil {
		return 0, nil
	}
	m := matcher{toks: toks, start: i}
	m.walk(first, i+1, true)
	if m.node == nil {
		return 0, nil
	}
	h := r.choose(m.node.hits)
	return m.end - i, &h
}

type matcher struct {
	toks  []token
	start int
	node  *node // best terminal so far
	end   int
	exact bool
}

func (m *matcher) walk(n *node, j int, fuzzyLeft bool) {
	if len(n.hits) > 0 {
		exact := fuzzyLeft
		if j > m.end || (j == m.end && exact && !m.exact) {
			if exact || j-m.start >= 3 {
				m.node, m.end, m.exact = n, j, exact
			}
		}
	}
	if j >= len(m.toks) || n.next == nil {
		return
	}
	w := m.toks[j].word
	if c := n.next[w]; c != nil {
		m.walk(c, j+1, fuzzyLeft)
	}
	// Try a mistyped word only where the exact words lead nowhere longer.
	if !fuzzyLeft || len(w) < 4 || m.toks[j].split || m.end > j {
		return
	}
	for k, c := range n.next {
		if k != w && len(k) >= 3 && oneEdit(k, w) {
			m.walk(c, j+1, false)
		}
	}
}

// oneEdit reports whether a and b differ by exactly one inserted, deleted or
// substituted byte (folded words are ASCII in practice).
func oneEdit(a, b string) bool {
	if len(a) > len(b) {
		a, b = b, a
	}
	if len(b)-len(a) > 1 {
		return false
	}
	i := 0
	for i < len(a) && a[i] == b[i] {
		i++
	}
	if len(a) == len(b) {
		return i < len(a) && a[i+1:] == b[i+1:]
	}
	return a[i:] == b[i+1:]
}

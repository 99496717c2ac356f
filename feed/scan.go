package feed

import "bytes"

// scanner is a tolerant XML tag scanner. It reports only start and end
// tags with their byte offsets; text, CDATA, comments, processing
// instructions and doctypes are skipped over so that markup-looking text
// inside them is never taken for a tag. Fields are later read from the raw
// bytes between tags (see decodeText), which keeps the scanner free of
// allocations.
//
// Real feeds break XML in many ways (unquoted attributes, a second XML
// declaration, undeclared prefixes, truncated CDATA, stray '<'); the scanner
// never fails: anything it cannot read as a tag is text, and an unterminated
// construct runs to the end of the input.
type scanner struct {
	src []byte
	pos int

	// The current token.
	kind      tokenKind
	prefix    []byte // namespace prefix of the name, nil if none
	local     []byte // local name
	attrs     []attr // reused between tokens
	selfClose bool
	start     int // offset of '<'
	end       int // offset just after '>'
}

type tokenKind uint8

const (
	tokEOF tokenKind = iota
	tokStart
	tokEnd
)

// attr is one attribute; value is raw (entities not yet decoded).
type attr struct {
	prefix, local, value []byte
}

var (
	cdataOpen    = []byte("<![CDATA[")
	cdataClose   = []byte("]]>")
	commentOpen  = []byte("<!--")
	commentClose = []byte("-->")
	piClose      = []byte("?>")
)

// next advances to the next tag and reports its kind.
func (s *scanner) next() tokenKind {
	for {
		i := bytes.IndexByte(s.src[s.pos:], '<')
		if i < 0 {
			s.pos = len(s.src)
			s.kind = tokEOF
			return tokEOF
		}
		s.pos += i
		s.start = s.pos
		rest := s.src[s.pos:]
		switch {
		case len(rest) < 2:
			s.pos = len(s.src)
		case rest[1] == '!':
			s.skipBang(rest)
		case rest[1] == '?':
			s.skipPast(piClose, 2)
		case rest[1] == '/':
			if s.readEnd() {
				return tokEnd
			}
		case isNameStart(rest[1]):
			s.readStart()
			return tokStart
		default:
			s.pos++ // a stray '<' in text
		}
	}
}

// skipBang skips a comment, a CDATA section or a declaration.
func (s *scanner) skipBang(rest []byte) {
	switch {
	case bytes.HasPrefix(rest, commentOpen):
		s.skipPast(commentClose, len(commentOpen))
	case bytes.HasPrefix(rest, cdataOpen):
		s.skipPast(cdataClose, len(cdataOpen))
	default: // <!DOCTYPE …[ … ]>: skip the internal subset too
		depth := 0
		for i := 2; i < len(rest); i++ {
			switch rest[i] {
			case '[':
				depth++
			case ']':
				depth--
			case '>':
				if depth <= 0 {
					s.pos += i + 1
					return
				}
			}
		}
		s.pos = len(s.src)
	}
}

// skipPast moves past the next occurrence of end, searching from skip bytes
// after the current position; without one, to the end of the input.
func (s *scanner) skipPast(end []byte, skip int) {
	from := min(s.pos+skip, len(s.src))
	if j := bytes.Index(s.src[from:], end); j >= 0 {
		s.pos = from + j + len(end)
	} else {
		s.pos = len(s.src)
	}
}

// readEnd reads "</name>"; a "</" not followed by a name is text.
func (s *scanner) readEnd() bool {
	p := s.pos + 2
	n := s.scanName(p)
	if n == p {
		s.pos++
		return false
	}
	s.setName(s.src[p:n])
	if j := bytes.IndexByte(s.src[n:], '>'); j >= 0 {
		s.pos = n + j + 1
	} else {
		s.pos = len(s.src)
	}
	s.kind, s.end = tokEnd, s.pos
	return true
}

// readStart reads "<name attr=… >" or "<name … />".
func (s *scanner) readStart() {
	p := s.pos + 1
	n := s.scanName(p)
	s.setName(s.src[p:n])
	s.attrs = s.attrs[:0]
	s.selfClose = false
	p = n
	for p < len(s.src) {
		c := s.src[p]
		switch {
		case c == '>':
			s.finishStart(p + 1)
			return
		case c == '/' && p+1 < len(s.src) && s.src[p+1] == '>':
			s.selfClose = true
			s.finishStart(p + 2)
			return
		case isNameStart(c):
			p = s.readAttr(p)
		default:
			p++ // white space, stray quotes, '/', '?'
		}
	}
	s.finishStart(len(s.src))
}

func (s *scanner) finishStart(end int) {
	s.pos, s.end, s.kind = end, end, tokStart
}

// readAttr reads one attribute starting at p and returns the offset after
// it. Values may be quoted with ' or ", or unquoted (HTML style).
func (s *scanner) readAttr(p int) int {
	n := s.scanName(p)
	a := attr{}
	a.prefix, a.local = splitName(s.src[p:n])
	p = skipSpace(s.src, n)
	if p < len(s.src) && s.src[p] == '=' {
		p = skipSpace(s.src, p+1)
		a.value, p = s.readValue(p)
	}
	s.attrs = append(s.attrs, a)
	return p
}

func (s *scanner) readValue(p int) ([]byte, int) {
	if p >= len(s.src) {
		return nil, p
	}
	if q := s.src[p]; q == '"' || q == '\'' {
		if j := bytes.IndexByte(s.src[p+1:], q); j >= 0 {
			return s.src[p+1 : p+1+j], p + j + 2
		}
		// An unterminated quote: the value ends at the tag's end.
		j := bytes.IndexByte(s.src[p+1:], '>')
		if j < 0 {
			return s.src[p+1:], len(s.src)
		}
		return s.src[p+1 : p+1+j], p + 1 + j
	}
	e := p
	for e < len(s.src) && !isSpace(s.src[e]) && s.src[e] != '>' {
		e++
	}
	return s.src[p:e], e
}

func (s *scanner) setName(name []byte) {
	s.prefix, s.local = splitName(name)
}

// scanName returns the end of the name starting at p.
func (s *scanner) scanName(p int) int {
	for p < len(s.src) && isNameByte(s.src[p]) {
		p++
	}
	return p
}

// attr returns the value of the attribute with the given local name and
// no prefix (or any prefix when anyPrefix), or nil.
func (s *scanner) attr(local string, anyPrefix bool) []byte {
	for i := range s.attrs {
		a := &s.attrs[i]
		if (anyPrefix || a.prefix == nil) && string(a.local) == local {
			return a.value
		}
	}
	return nil
}

func splitName(name []byte) (prefix, local []byte) {
	if i := bytes.IndexByte(name, ':'); i > 0 && i < len(name)-1 {
		return name[:i], name[i+1:]
	}
	return nil, name
}

func isNameStart(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '_' || c >= 0x80
}

func isNameByte(c byte) bool {
	return isNameStart(c) || '0' <= c && c <= '9' || c == '-' || c == '.' || c == ':'
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

func skipSpace(b []byte, p int) int {
	for p < len(b) && isSpace(b[p]) {
		p++
	}
	return p
}

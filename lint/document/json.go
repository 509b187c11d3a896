package document

import (
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

// jsonParser is a small JSON parser that keeps offsets: encoding/json
// reports neither where a value is nor where the characters of a string
// came from. It reads RFC 8259 JSON and stops at the first error.
type jsonParser struct {
	s   *splitter
	src string
	p   int
	bad bool
}

const maxJSONDepth = 64

// parseJSON parses the whole file; nil after a reported error.
func (s *splitter) parseJSON() *tnode {
	j := &jsonParser{s: s, src: s.src}
	j.space()
	if j.p == len(j.src) {
		return nil
	}
	n := j.value(0)
	if j.bad {
		return nil
	}
	j.space()
	if j.p < len(j.src) {
		j.fail("unexpected %s after the JSON value", j.what())
		return nil
	}
	return n
}

func (j *jsonParser) fail(format string, args ...any) {
	if !j.bad {
		j.s.problemAt(j.p, false, "malformed JSON: "+format, args...)
	}
	j.bad = true
}

// what describes the text at the current position for an error.
func (j *jsonParser) what() string {
	if j.p >= len(j.src) {
		return "end of file"
	}
	r, _ := utf8.DecodeRuneInString(j.src[j.p:])
	return strconv.QuoteRune(r)
}

func (j *jsonParser) space() {
	for j.p < len(j.src) {
		switch j.src[j.p] {
		case ' ', '\t', '\n', '\r':
			j.p++
		default:
			return
		}
	}
}

func (j *jsonParser) value(depth int) *tnode {
	if depth > maxJSONDepth {
		j.fail("nested more than %d levels deep", maxJSONDepth)
		return nil
	}
	if j.p >= len(j.src) {
		j.fail("unexpected end of file")
		return nil
	}
	switch c := j.src[j.p]; {
	case c == '{':
		return j.object(depth)
	case c == '[':
		return j.array(depth)
	case c == '"':
		return j.str()
	case c == '-' || c >= '0' && c <= '9':
		return j.number()
	}
	for _, lit := range []string{"true", "false", "null"} {
		if len(j.src)-j.p >= len(lit) && j.src[j.p:j.p+len(lit)] == lit {
			n := &tnode{kind: tScalar, off: j.p, val: fallback(lit, j.p)}
			if lit == "null" {
				n = &tnode{kind: tNull, off: j.p}
			}
			j.p += len(lit)
			return n
		}
	}
	j.fail("unexpected %s, want a value", j.what())
	return nil
}

func (j *jsonParser) object(depth int) *tnode {
	n := &tnode{kind: tMap, off: j.p}
	j.p++
	j.space()
	if j.p < len(j.src) && j.src[j.p] == '}' {
		j.p++
		return n
	}
	for !j.bad {
		j.space()
		if j.p >= len(j.src) || j.src[j.p] != '"' {
			j.fail("unexpected %s, want a key in double quotes", j.what())
			return nil
		}
		k := j.str()
		j.space()
		if j.p >= len(j.src) || j.src[j.p] != ':' {
			j.fail("unexpected %s, want ':' after a key", j.what())
			return nil
		}
		j.p++
		j.space()
		v := j.value(depth + 1)
		if j.bad {
			return nil
		}
		n.keys, n.vals = append(n.keys, k), append(n.vals, v)
		j.space()
		if j.p < len(j.src) && j.src[j.p] == ',' {
			j.p++
			continue
		}
		if j.p < len(j.src) && j.src[j.p] == '}' {
			j.p++
			return n
		}
		j.fail("unexpected %s, want ',' or '}'", j.what())
	}
	return nil
}

func (j *jsonParser) array(depth int) *tnode {
	n := &tnode{kind: tList, off: j.p}
	j.p++
	j.space()
	if j.p < len(j.src) && j.src[j.p] == ']' {
		j.p++
		return n
	}
	for !j.bad {
		j.space()
		v := j.value(depth + 1)
		if j.bad {
			return nil
		}
		n.items = append(n.items, v)
		j.space()
		if j.p < len(j.src) && j.src[j.p] == ',' {
			j.p++
			continue
		}
		if j.p < len(j.src) && j.src[j.p] == ']' {
			j.p++
			return n
		}
		j.fail("unexpected %s, want ',' or ']'", j.what())
	}
	return nil
}

func (j *jsonParser) number() *tnode {
	start := j.p
	digits := func() int {
		d := j.p
		for j.p < len(j.src) && j.src[j.p] >= '0' && j.src[j.p] <= '9' {
			j.p++
		}
		return j.p - d
	}
	if j.src[j.p] == '-' {
		j.p++
	}
	if j.p < len(j.src) && j.src[j.p] == '0' {
		j.p++
	} else if digits() == 0 {
		j.fail("malformed number")
		return nil
	}
	if j.p < len(j.src) && j.src[j.p] == '.' {
		j.p++
		if digits() == 0 {
			j.fail("malformed number")
			return nil
		}
	}
	if j.p < len(j.src) && (j.src[j.p] == 'e' || j.src[j.p] == 'E') {
		j.p++
		if j.p < len(j.src) && (j.src[j.p] == '+' || j.src[j.p] == '-') {
			j.p++
		}
		if digits() == 0 {
			j.fail("malformed number")
			return nil
		}
	}
	return &tnode{kind: tScalar, off: start, val: fallback(j.src[start:j.p], start)}
}

// jsonEscapes are JSON's one-letter escapes.
var jsonEscapes = map[byte]string{'"': `"`, '\\': `\`, '/': "/", 'b': "\b", 'f': "\f", 'n': "\n", 'r': "\r", 't': "\t"}

// str reads a string; each escape maps to its backslash, other characters
// byte for byte.
func (j *jsonParser) str() *tnode {
	n := &tnode{kind: tString, off: j.p}
	j.p++
	var b builder
	b.src, b.empty = j.src, j.p
	ctx := j.s.context(writeJSON)
	run := j.p
	for {
		if j.p >= len(j.src) {
			j.p = n.off
			j.fail("string is not closed")
			return nil
		}
		c := j.src[j.p]
		switch {
		case c == '"':
			b.verbatim(run, j.p, ctx)
			j.p++
			n.val = b.done()
			return n
		case c == '\\':
			b.verbatim(run, j.p, ctx)
			dec, size, ok := j.escape()
			if !ok {
				j.fail("invalid escape in string")
				return nil
			}
			b.encoded(dec, j.p, j.p+size, ctx)
			j.p += size
			run = j.p
		case c < 0x20:
			j.fail("control character %s in string (write it as an escape)", strconv.QuoteRune(rune(c)))
			return nil
		default:
			j.p++
		}
	}
}

// escape decodes the escape at j.p. A \u escape of a UTF-16 surrogate
// pair takes both halves; a lone half decodes to U+FFFD as encoding/json
// does.
func (j *jsonParser) escape() (string, int, bool) {
	s := j.src[j.p:]
	if len(s) < 2 {
		return "", 0, false
	}
	if d, ok := jsonEscapes[s[1]]; ok {
		return d, 2, true
	}
	if s[1] != 'u' {
		return "", 0, false
	}
	r, ok := hex4(s[2:])
	if !ok {
		return "", 0, false
	}
	if utf16.IsSurrogate(r) {
		if len(s) >= 12 && s[6] == '\\' && s[7] == 'u' {
			if r2, ok := hex4(s[8:]); ok {
				if c := utf16.DecodeRune(r, r2); c != utf8.RuneError {
					return string(c), 12, true
				}
			}
		}
		return string(utf8.RuneError), 6, true
	}
	return string(r), 6, true
}

func hex4(s string) (rune, bool) {
	if len(s) < 4 {
		return 0, false
	}
	v, err := strconv.ParseUint(s[:4], 16, 32)
	if err != nil {
		return 0, false
	}
	return rune(v), true
}

package text

import (
	"html"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
	"golang.org/x/text/width"
)

// Normalized is a folded copy of a text for matching: lower case, narrow
// width forms, Latin accents removed, Cyrillic and Greek look-alikes mapped to
// Latin letters, typographic quotes and dashes made plain, zero-width and
// soft-hyphen characters dropped and every run of white space turned into one
// space. Each byte keeps the offset of the original character it came from,
// so a match on the folded copy reports the original characters.
type Normalized struct {
	Text string
	// origin[i] is the byte offset in the original text of the character that
	// produced Text[i]; origin[len(Text)] is the original length.
	origin []int32
	orig   string
	// Memo is state that the code searching this text keeps with it for as
	// long as the text lives: package match keeps there the one scan for
	// literals that all rules share. Normalize leaves it nil.
	Memo any
}

// Normalize folds s. Phrases from rule files go through the same function, so
// both sides of a comparison are folded alike.
func Normalize(s string) *Normalized {
	var b strings.Builder
	b.Grow(len(s))
	origin := make([]int32, 0, len(s)+1)
	lastSpace := true // drop leading white space
	var buf [utf8.UTFMax]byte
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			// ASCII, most of any message: Fold inlined.
			if c == ' ' || '\t' <= c && c <= '\r' {
				if !lastSpace {
					b.WriteByte(' ')
					origin = append(origin, int32(i))
					lastSpace = true
				}
				i++
				continue
			}
			// A capital, then the bytes that fold to themselves, written
			// as one run: byte by byte, the builder's checks were most of
			// the fold.
			j := i
			if 'A' <= c && c <= 'Z' {
				b.WriteByte(c + 'a' - 'A')
				j++
			}
			k := j
			for k < len(s) && plainASCII(s[k]) {
				k++
			}
			b.WriteString(s[j:k])
			n := len(origin)
			origin = slices.Grow(origin, k-i)[:n+k-i]
			run := origin[n:]
			for p := range run {
				run[p] = int32(i + p)
			}
			i = k
			lastSpace = false
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		folded := Fold(r)
		switch {
		case folded == dropRune:
		case folded == ' ':
			if !lastSpace {
				b.WriteByte(' ')
				origin = append(origin, int32(i))
				lastSpace = true
			}
		default:
			n := utf8.EncodeRune(buf[:], folded)
			b.Write(buf[:n])
			for range n {
				origin = append(origin, int32(i))
			}
			lastSpace = false
		}
		i += size
	}
	out := b.String()
	if strings.HasSuffix(out, " ") {
		out = out[:len(out)-1]
		origin = origin[:len(origin)-1]
	}
	origin = append(origin, int32(len(s)))
	out, origin = undoEvasions(out, origin)
	return &Normalized{Text: out, origin: origin, orig: s}
}

// plainASCII reports whether Normalize keeps byte c as it is: ASCII, and
// neither a capital nor white space.
func plainASCII(c byte) bool {
	if c > ' ' {
		return c < utf8.RuneSelf && (c < 'A' || c > 'Z')
	}
	return c != ' ' && (c < '\t' || c > '\r')
}

// Span maps the byte range [start, end) of the folded text to the smallest
// range of the original text that holds the same characters.
func (n *Normalized) Span(start, end int) (int, int) {
	start = max(0, min(start, len(n.Text)))
	end = max(start, min(end, len(n.Text)))
	if start == end {
		o := int(n.origin[start])
		return o, o
	}
	from := int(n.origin[start])
	last := int(n.origin[end-1])
	_, size := utf8.DecodeRuneInString(n.orig[last:])
	return from, last + size
}

// Origin maps one byte offset of the folded text to the original text.
func (n *Normalized) Origin(offset int) int {
	return int(n.origin[max(0, min(offset, len(n.Text)))])
}

// dropRune marks characters that vanish from the folded text.
const dropRune = -1

// Fold maps one character the way Normalize does: it returns ' ' for white
// space and dropRune for invisible characters.
func Fold(r rune) rune {
	if r < utf8.RuneSelf {
		switch {
		case 'A' <= r && r <= 'Z':
			return r + 'a' - 'A'
		case r == ' ', r == '\t', r == '\n', r == '\r', r == '\f', r == '\v':
			return ' '
		}
		return r
	}
	switch r {
	case '\u00ad', '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u180e':
		return dropRune
	case '\u2018', '\u2019', '\u201a', '\u201b', '\u2032', '\u00b4', '\u0060':
		return '\''
	case '\u201c', '\u201d', '\u201e', '\u201f', '\u2033', '\u00ab', '\u00bb':
		return '"'
	case '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2212':
		return '-'
	case '\u3000':
		return ' '
	case '\u00df': // ß: keep, German phrases spell it too
		return r
	}
	if unicode.IsSpace(r) {
		return ' '
	}
	if l, ok := lookalikes[r]; ok {
		return l
	}
	if p := width.LookupRune(r); p.Kind() == width.EastAsianFullwidth || p.Kind() == width.EastAsianHalfwidth {
		if f := p.Folded(); f != 0 && (f < 0x3000 || f > 0x30ff) {
			r = f
		}
	}
	r = unicode.ToLower(r)
	if isLatinWithMark(r) {
		r = stripMark(r)
	}
	return r
}

// isLatinWithMark reports whether r is a precomposed Latin letter. Only Latin
// loses its accents: stripping marks from kana would turn が into か.
func isLatinWithMark(r rune) bool {
	return (r >= 0x00c0 && r <= 0x024f) || (r >= 0x1e00 && r <= 0x1eff)
}

func stripMark(r rune) rune {
	var buf [utf8.UTFMax]byte
	n := utf8.EncodeRune(buf[:], r)
	d := norm.NFD.Bytes(buf[:n])
	base, size := utf8.DecodeRune(d)
	for rest := d[size:]; len(rest) > 0; {
		m, sz := utf8.DecodeRune(rest)
		if !unicode.Is(unicode.Mn, m) {
			return r
		}
		rest = rest[sz:]
	}
	return base
}

// lookalikes maps Cyrillic and Greek letters that render like Latin ones, the
// usual trick for slipping "rеview" (Cyrillic е) past a word filter.
var lookalikes = map[rune]rune{
	'а': 'a', 'в': 'b', 'е': 'e', 'ё': 'e', 'к': 'k', 'м': 'm', 'н': 'h', 'о': 'o',
	'р': 'p', 'с': 'c', 'т': 't', 'у': 'y', 'х': 'x', 'і': 'i', 'ј': 'j', 'ѕ': 's',
	'А': 'a', 'В': 'b', 'Е': 'e', 'К': 'k', 'М': 'm', 'Н': 'h', 'О': 'o', 'Р': 'p',
	'С': 'c', 'Т': 't', 'Х': 'x', 'І': 'i', 'Ј': 'j', 'Ѕ': 's', 'ԁ': 'd', 'ԛ': 'q', 'ԝ': 'w',
	'α': 'a', 'ο': 'o', 'ρ': 'p', 'ν': 'v', 'τ': 't', 'ι': 'i', 'κ': 'k', 'υ': 'u',
	'Α': 'a', 'Β': 'b', 'Ε': 'e', 'Η': 'h', 'Ι': 'i', 'Κ': 'k', 'Μ': 'm', 'Ν': 'n',
	'Ο': 'o', 'Ρ': 'p', 'Τ': 't', 'Χ': 'x', 'Υ': 'y', 'Ζ': 'z',
}

// IsWordRune reports whether r belongs to a word for boundary checks.
func IsWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_'
}

// IsSpacelessScript reports whether r belongs to a script written without
// spaces between words (Han, kana, Hangul, Thai), where phrases match without
// word boundaries.
func IsSpacelessScript(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul, unicode.Thai)
}

// undoEvasions sees through the disguises people use to slip words past a
// filter, on the folded text: HTML entities ("&#114;eview"), letters split
// by a separator ("r e v i e w", "r.e.v.i.e.w", at least four single
// letters in a row, so "e.g." and "U.S." stay as they are) and digits
// standing for letters inside a word ("rev1ew", "am4zon"). The origin map
// keeps pointing at the original characters. Most texts need none of this
// and are returned unchanged without allocating.
func undoEvasions(t string, origin []int32) (string, []int32) {
	if !mayBeDisguised(t) {
		return t, origin
	}
	var b strings.Builder
	b.Grow(len(t))
	out := make([]int32, 0, len(origin))
	emit := func(r rune, from int32) {
		var buf [utf8.UTFMax]byte
		n := utf8.EncodeRune(buf[:], r)
		b.Write(buf[:n])
		for range n {
			out = append(out, from)
		}
	}
	for i := 0; i < len(t); {
		if t[i] == '&' {
			if r, n, ok := entityAt(t[i:]); ok {
				if f := Fold(r); f != dropRune {
					emit(f, origin[i])
				}
				i += n
				continue
			}
		}
		if n := splitRun(t, i); n > 0 {
			// Keep the letters, drop the separators.
			for j := i; j < i+n; j += 2 {
				emit(rune(t[j]), origin[j])
			}
			i += n
			continue
		}
		c := t[i]
		if sub, ok := digitLetter(c); ok && i > 0 && i+1 < len(t) && isASCIILetter(t[i-1]) && isASCIILetter(t[i+1]) {
			emit(sub, origin[i])
			i++
			continue
		}
		b.WriteByte(c)
		out = append(out, origin[i])
		i++
	}
	out = append(out, origin[len(t)])
	return b.String(), out
}

// mayBeDisguised is the cheap test that keeps undoEvasions off most texts.
func mayBeDisguised(t string) bool {
	for i := 0; i < len(t); i++ {
		c := t[i]
		switch {
		case c == '&':
			return true
		case c >= '0' && c <= '9' && i > 0 && i+1 < len(t) && isASCIILetter(t[i-1]) && isASCIILetter(t[i+1]):
			return true
		case isSplitSeparator(c) && splitRun(t, max(0, i-1)) > 0:
			return true
		}
	}
	return false
}

func isASCIILetter(c byte) bool { return 'a' <= c && c <= 'z' }

func isSplitSeparator(c byte) bool {
	return c == ' ' || c == '.' || c == '-' || c == '_' || c == '*' || c == '/'
}

// splitRun returns the length of a run of at least four single letters
// joined by one repeated separator ("r e v i e w") that starts at i, up to
// and including the last letter, or 0.
func splitRun(t string, i int) int {
	if i >= len(t) || !isASCIILetter(t[i]) || (i > 0 && isWordByte(t[i-1])) {
		return 0
	}
	if i+1 >= len(t) || !isSplitSeparator(t[i+1]) {
		return 0
	}
	sep := t[i+1]
	letters := 1
	j := i + 1
	for j+1 < len(t) && t[j] == sep && isASCIILetter(t[j+1]) && (j+2 >= len(t) || !isWordByte(t[j+2])) {
		letters++
		j += 2
	}
	if letters < 4 {
		return 0
	}
	return j - i
}

func isWordByte(c byte) bool { return isASCIILetter(c) || (c >= '0' && c <= '9') || c >= utf8.RuneSelf }

// digitLetter maps the digits people write for letters.
func digitLetter(c byte) (rune, bool) {
	switch c {
	case '0':
		return 'o', true
	case '1':
		return 'i', true
	case '3':
		return 'e', true
	case '4':
		return 'a', true
	case '5':
		return 's', true
	case '7':
		return 't', true
	}
	return 0, false
}

// entityAt decodes an HTML character reference at the start of t.
func entityAt(t string) (rune, int, bool) {
	end := strings.IndexByte(t, ';')
	if end < 2 || end > 10 {
		return 0, 0, false
	}
	decoded := html.UnescapeString(t[:end+1])
	r, size := utf8.DecodeRuneInString(decoded)
	if decoded == t[:end+1] || size != len(decoded) {
		return 0, 0, false
	}
	return r, end + 1, true
}

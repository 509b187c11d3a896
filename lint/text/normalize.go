package text

import (
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
	return &Normalized{Text: out, origin: origin, orig: s}
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

package message

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/replylint/replylint/lint/match"
	"github.com/replylint/replylint/lint/text"
)

// Layout is the letter structure of a message, as byte spans of the
// original text. A span with Start == End is absent.
type Layout struct {
	Greeting match.Span
	Body     match.Span
	SignOff  match.Span
	// Paragraphs are the body's paragraphs (blank-line separated; a body
	// without blank lines has one paragraph per line).
	Paragraphs []match.Span
	// Opening is the body's first paragraph, Closing its last one (at most
	// its last two sentences when that paragraph is long).
	Opening match.Span
	Closing match.Span
}

// Analyze finds greeting, body, paragraphs and sign-off; vocab says what
// greets and what signs off in lang (nil: the built-in packs).
func Analyze(s *text.Source, vocab Vocabulary, lang string) Layout {
	if vocab == nil {
		vocab = defaultVocabulary()
	}
	src := s.Text()
	lines := nonEmptyLines(s)
	var l Layout
	if len(lines) == 0 {
		return l
	}
	bodyStart, bodyEnd := lines[0].Start, lines[len(lines)-1].End
	first := lines[0]
	if len(lines) > 1 && isGreeting(src[first.Start:first.End], vocab, lang) {
		l.Greeting = first
		bodyStart = lines[1].Start
	}
	// A sign-off is a short closing formula in the last four lines; what
	// follows it (name, role, store) belongs to it.
	for i := len(lines) - 1; i >= max(1, len(lines)-4); i-- {
		ln := lines[i]
		if ln.Start < bodyStart {
			break
		}
		if isSignOff(src[ln.Start:ln.End], vocab, lang) {
			l.SignOff = match.Span{Start: ln.Start, End: lines[len(lines)-1].End}
			bodyEnd = trimRightSpace(src, bodyStart, ln.Start)
			break
		}
	}
	if bodyEnd < bodyStart {
		bodyEnd = bodyStart
	}
	l.Body = match.Span{Start: bodyStart, End: bodyEnd}
	l.Paragraphs = paragraphs(s, l.Body)
	if len(l.Paragraphs) > 0 {
		l.Opening = l.Paragraphs[0]
		last := l.Paragraphs[len(l.Paragraphs)-1]
		l.Closing = last
		if sents := Sentences(src, last); len(sents) > 3 {
			l.Closing = match.Span{Start: sents[len(sents)-2].Start, End: last.End}
		}
	}
	return l
}

func nonEmptyLines(s *text.Source) []match.Span {
	var out []match.Span
	for n := 1; n <= s.LineCount(); n++ {
		start, end := s.LineBounds(n)
		if sp, ok := trimmedSpan(s.Text(), start, end); ok {
			out = append(out, sp)
		}
	}
	return out
}

// trimmedSpan is src[from:to] without its surrounding white space, and
// false when nothing is left.
func trimmedSpan(src string, from, to int) (match.Span, bool) {
	seg := src[from:to]
	t := strings.TrimSpace(seg)
	if t == "" {
		return match.Span{}, false
	}
	// t begins where the leading space ends, which trimming the left
	// alone finds at once (searching seg for t cost as much as the
	// trim).
	lead := len(seg) - len(strings.TrimLeftFunc(seg, unicode.IsSpace))
	return match.Span{Start: from + lead, End: from + lead + len(t)}, true
}

func trimRightSpace(src string, start, end int) int {
	for end > start {
		r, size := utf8.DecodeLastRuneInString(src[start:end])
		if !unicode.IsSpace(r) {
			break
		}
		end -= size
	}
	return end
}

// paragraphs splits a span at blank lines; without blank lines each line is
// a paragraph.
func paragraphs(s *text.Source, body match.Span) []match.Span {
	src := s.Text()
	var out []match.Span
	var cur match.Span
	open := false
	blankSeen := false
	for n := 1; n <= s.LineCount(); n++ {
		start, end := s.LineBounds(n)
		if end <= body.Start || start >= body.End {
			continue
		}
		start, end = max(start, body.Start), min(end, body.End)
		if strings.TrimSpace(src[start:end]) == "" {
			if open {
				out = append(out, cur)
				open = false
			}
			blankSeen = true
			continue
		}
		if !open {
			cur = match.Span{Start: start, End: end}
			open = true
		} else {
			cur.End = end
		}
	}
	if open {
		out = append(out, cur)
	}
	if !blankSeen && len(out) == 1 {
		// No blank lines: fall back to lines as paragraphs.
		var lines []match.Span
		for n := 1; n <= s.LineCount(); n++ {
			start, end := s.LineBounds(n)
			if end <= body.Start || start >= body.End {
				continue
			}
			start, end = max(start, body.Start), min(end, body.End)
			if strings.TrimSpace(src[start:end]) != "" {
				lines = append(lines, match.Span{Start: start, End: end})
			}
		}
		return lines
	}
	return out
}

// sentenceMarks has bit c set for each ASCII byte c that may end a
// sentence: '\n', '!', '.', '?' (all below 64).
const sentenceMarks uint64 = 1<<'\n' | 1<<'!' | 1<<'.' | 1<<'?'

// Sentences splits a span at sentence-final punctuation (. ! ? and their
// CJK forms) followed by a space, a line break or the end. Abbreviations
// such as "e.g." and decimal numbers do not end a sentence because no space
// follows the inner dot.
func Sentences(src string, sp match.Span) []match.Span {
	var out []match.Span
	start := sp.Start
	for i := sp.Start; i < sp.End; {
		// Bytes below 0x80 are whole runes: plain ones are skipped by a
		// bit test and only the rest is decoded (a message is mostly
		// ASCII, and decoding every byte was most of the split).
		c := src[i]
		if c < utf8.RuneSelf && (c >= 64 || sentenceMarks>>c&1 == 0) {
			i++
			continue
		}
		next := i + 1
		end := false
		switch {
		case c == '!' || c == '?' || c == '\n':
			end = true
		case c == '.':
			end = next >= sp.End || src[next] == ' ' || src[next] == '\n' || src[next] == '\r'
		case c >= utf8.RuneSelf:
			r, size := utf8.DecodeRuneInString(src[i:])
			next = i + size
			end = r == '。' || r == '！' || r == '？'
		}
		if end {
			// Take trailing closing punctuation with the sentence.
			for next < sp.End {
				if c := src[next]; c == '!' || c == '?' || c == '.' || c == '"' || c == ')' {
					next++
					continue
				} else if c < utf8.RuneSelf {
					break
				}
				r2, s2 := utf8.DecodeRuneInString(src[next:])
				if r2 != '」' && r2 != '）' {
					break
				}
				next += s2
			}
			if sp, ok := trimmedSpan(src, start, next); ok {
				out = append(out, sp)
			}
			start = next
		}
		i = next
	}
	if start < sp.End {
		if t, ok := trimmedSpan(src, start, sp.End); ok {
			out = append(out, t)
		}
	}
	return out
}

// SentenceAt returns the sentence of span sp that holds offset.
func SentenceAt(src string, sp match.Span, offset int) match.Span {
	for _, s := range Sentences(src, sp) {
		if s.Start <= offset && offset < s.End {
			return s
		}
	}
	return match.Span{Start: offset, End: offset}
}

func isGreeting(line string, vocab Vocabulary, lang string) bool {
	return shortLine(line, 60) && vocab.Greeting(line, lang) > 0
}

func isSignOff(line string, vocab Vocabulary, lang string) bool {
	return shortLine(line, 40) && vocab.SignOff(strings.TrimSpace(line), lang)
}

// GreetingPrefix returns the length in bytes of what opens a line before its
// first real sentence: reply handles ("@name", as in social-media replies)
// and a greeting clause written on the same line as the text ("Hi Sara,",
// "Hello!"), with the spaces after them. Checks that insert text at the
// start of the body put it after this prefix. It is 0 when there is none.
func GreetingPrefix(line string, vocab Vocabulary, lang string) int {
	if vocab == nil {
		vocab = defaultVocabulary()
	}
	i := skipSpaces(line, 0)
	for i < len(line) && line[i] == '@' {
		j := i + 1
		for j < len(line) && line[j] != ' ' && line[j] != '\t' {
			j++
		}
		i = skipSpaces(line, j)
	}
	rest := line[i:]
	if g := vocab.Greeting(rest, lang); g > 0 {
		// The clause ends at the first comma, exclamation mark or colon
		// within a few words ("Hi Sara," but not a whole sentence).
		clause := rest[g:]
		end := strings.IndexAny(clause, ",!:，！：")
		if end >= 0 && utf8.RuneCountInString(clause[:end]) <= 30 {
			_, size := utf8.DecodeRuneInString(clause[end:])
			if j := skipSpaces(line, i+g+end+size); j < len(line) {
				return j
			}
		}
	}
	if i >= len(line) {
		return 0
	}
	return i
}

func skipSpaces(s string, i int) int {
	for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
		i++
	}
	return i
}

package message

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"

	"github.com/replylint/replylint/lint/match"
)

// referenceSentences is Sentences as first written, decoding every rune:
// the byte-wise version must split every text the same way.
func referenceSentences(src string, sp match.Span) []match.Span {
	var out []match.Span
	start := sp.Start
	for i := sp.Start; i < sp.End; {
		r, size := utf8.DecodeRuneInString(src[i:])
		next := i + size
		end := false
		switch r {
		case '。', '！', '？', '!', '?':
			end = true
		case '.':
			end = next >= sp.End || src[next] == ' ' || src[next] == '\n' || src[next] == '\r'
		case '\n':
			end = true
		}
		if end {
			for next < sp.End {
				r2, s2 := utf8.DecodeRuneInString(src[next:])
				if r2 != '!' && r2 != '?' && r2 != '.' && r2 != '"' && r2 != ')' && r2 != '」' && r2 != '）' {
					break
				}
				next += s2
			}
			if t := strings.TrimSpace(src[start:next]); t != "" {
				lead := strings.Index(src[start:next], t)
				out = append(out, match.Span{Start: start + lead, End: start + lead + len(t)})
			}
			start = next
		}
		i = next
	}
	if start < sp.End {
		if t := strings.TrimSpace(src[start:sp.End]); t != "" {
			lead := strings.Index(src[start:sp.End], t)
			out = append(out, match.Span{Start: start + lead, End: start + lead + len(t)})
		}
	}
	return out
}

func TestSentencesMatchReference(t *testing.T) {
	texts := []string{
		"",
		"Hi Sara,\n\nThe parcel left on Monday. It arrives e.g. Friday!! Thanks?\n\nBest,\nTom",
		"Price 3.50 now.Really? (Yes.) \"Fine.\"  \r\nNext",
		"荷物は発送しました。ありがとうございます！本当？」次",
		"Danke！Bitte）. Ende.\u00a0Weiter\u2028nächste Zeile.",
		"\xff\xfe. broken\xc3 utf8! end.",
		"...!?.\n\n\n  \t.",
		"Ünïcödé… sentence — with dashes. Another one",
	}
	for _, s := range texts {
		for from := 0; from <= len(s); from += max(1, len(s)/7) {
			for to := from; to <= len(s); to += max(1, len(s)/5) {
				sp := match.Span{Start: from, End: to}
				assert.Equal(t, referenceSentences(s, sp), Sentences(s, sp), "%q %v", s, sp)
			}
			sp := match.Span{Start: from, End: len(s)}
			assert.Equal(t, referenceSentences(s, sp), Sentences(s, sp), "%q %v", s, sp)
		}
	}
}

package check

import (
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/replylint/replylint/lint/match"
	"github.com/replylint/replylint/lint/message"
)

// The style checks (shouting, capitalization, spacing) count and compare
// characters rather than match phrases; what they share is here.

// Tuning of the style measures. They are heuristics on purpose kept
// conservative: a style rule that cries wolf on URLs or product names is
// switched off by users, so every doubt resolves to "not reported".
const (
	// shoutMinLetters is the length from which one all-caps word is
	// shouting rather than an acronym.
	shoutMinLetters = 4
	// runTogetherMinLetters is the shortest token tried for run-together
	// words; shorter ones are mostly real words that happen to split.
	runTogetherMinLetters = 9
	// runTogetherMinWords is the fewest words a run-together token must
	// split into: two-word splits are mostly real compounds (someone,
	// without, Bluetooth).
	runTogetherMinWords = 3
	// runTogetherShortWord is the length up to which a split word counts as
	// a short (function) word; a split needs runTogetherMinShort of them so
	// that "understandable" (under+stand+able) stays a word.
	runTogetherShortWord = 3
	runTogetherMinShort  = 1
)

// styleSkipPattern finds the parts of a message no style measure looks into:
// URLs, e-mail addresses, @handles and template slots. Their spelling is not
// prose ("{{BUYER_NAME}}", "amzn.to/AbC", "item.pdf?x=1").
const styleSkipPattern = `(?i)` +
	`(?:\b(?:https?|hxxps?|ftp)://|\bwww\.)\S+` +
	`|\bmailto:\S+` +
	`|[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+` +
	`|@[\p{L}\p{N}_.]+` +
	`|\{\{.*?\}\}|\{%.*?%\}|\$\{[^}\n]*\}?|\{[\p{L}_][^{}\n]*\}` +
	`|\[\[[^\n]*?\]\]|\[[^\[\]\n]*\]` +
	`|<<[^\n]*?>>|<[^<>\n]*>` +
	`|%[\p{L}_][\p{L}\p{N}_.]*%`

// styleSkip is styleSkipPattern compiled, shared by the metric rules so
// that a message is searched for it once (see styleSkips). It is compiled
// on first use (a millisecond, which a message maySkip clears never needs)
// and never changed after.
var styleSkip = sync.OnceValue(func() *match.Regexp { return match.MustCompileRegexp(styleSkipPattern) })

// styleSkipKey files a message's style skips in its memo.
type styleSkipKey struct{}

// Prepare compiles the expressions the checks compile on first use now. A
// command about to load its rules can call it in the background (see
// links.Prepare): on a second core they then cost the first message
// nothing.
func Prepare() {
	styleSkip()
	templateSlot()
	contactRE()
}

// styleSkips returns the parts of m no style measure looks into.
func styleSkips(m *message.Message) [][]int {
	v := m.Memo(styleSkipKey{}, func() any {
		if !maySkip(m.Text()) {
			return [][]int(nil)
		}
		return styleSkip().FindAllStringIndex(m.Text(), -1)
	})
	skips, _ := v.([][]int)
	return skips
}

// maySkip reports whether text may hold a part styleSkipPattern finds:
// each needs one of ":@{[<%" or starts with "www.".
func maySkip(text string) bool {
	if strings.ContainsAny(text, ":@{[<%") {
		return true
	}
	for i := strings.IndexByte(text, '.'); i >= 0; {
		if i >= 3 && strings.EqualFold(text[i-3:i], "www") {
			return true
		}
		k := strings.IndexByte(text[i+1:], '.')
		if k < 0 {
			return false
		}
		i += 1 + k
	}
	return false
}

// styleSkipped reports whether [start, end) overlaps a skipped part.
func styleSkipped(skip [][]int, start, end int) bool {
	i := sort.Search(len(skip), func(i int) bool { return skip[i][1] > start })
	return i < len(skip) && skip[i][0] < end
}

// styleToken is a word of the message: letters and digits, with apostrophes
// between letters ("don't").
type styleToken struct {
	start, end int
	text       string
}

// styleTokenAt returns the first token at or after byte i of src, and
// false when there is none.
func styleTokenAt(src string, i int) (styleToken, bool) {
	start := -1
	for i <= len(src) {
		r, size := rune(0), 1
		if i < len(src) {
			if c := src[i]; c < utf8.RuneSelf {
				r = rune(c)
			} else {
				r, size = utf8.DecodeRuneInString(src[i:])
			}
		}
		inWord := styleWordRune(r)
		if !inWord && (r == '\'' || r == '’') && start >= 0 && i+size < len(src) {
			next, _ := utf8.DecodeRuneInString(src[i+size:])
			inWord = unicode.IsLetter(next)
		}
		switch {
		case inWord && start < 0:
			start = i
		case !inWord && start >= 0:
			return styleToken{start: start, end: i, text: src[start:i]}, true
		}
		if i == len(src) {
			break
		}
		i += size
	}
	return styleToken{}, false
}

func styleWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

func styleUpperFirst(w string) string {
	r, size := utf8.DecodeRuneInString(w)
	return string(unicode.ToTitle(r)) + w[size:]
}

// styleSentenceStart reports whether offset begins a sentence: only
// opening quotes or brackets and white space separate it from the start of
// the text, a line break or sentence-final punctuation.
func styleSentenceStart(src string, offset int) bool {
	i := offset
	for i > 0 {
		r, size := utf8.DecodeLastRuneInString(src[:i])
		switch {
		case r == '\n' || r == '\r':
			return true
		case r == '.' || r == '!' || r == '?' || r == '。' || r == '！' || r == '？':
			return true
		case unicode.IsSpace(r) || strings.ContainsRune(styleOpeningPunct, r):
			i -= size
		default:
			return false
		}
	}
	return true
}

// styleOpeningPunct may stand before the first word of a sentence.
const styleOpeningPunct = "\"'“‘„«¿¡(*-–—•"

func styleLatinLetter(r rune) bool { return unicode.IsLetter(r) && unicode.Is(unicode.Latin, r) }

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// styleExceptions sorts a style rule's exceptions: plain words (lower
// case), abbreviations (ending in ".") and suffixes (".pdf", ".com",
// without the dot).
func styleExceptions(list []string) (words, abbreviations, suffixes map[string]bool) {
	words, abbreviations, suffixes = map[string]bool{}, map[string]bool{}, map[string]bool{}
	for _, e := range list {
		e = strings.ToLower(strings.TrimSpace(e))
		switch {
		case e == "":
		case strings.HasPrefix(e, ".") && len(e) > 1:
			suffixes[e[1:]] = true
		case strings.HasSuffix(e, "."):
			abbreviations[e] = true
		default:
			words[e] = true
		}
	}
	return words, abbreviations, suffixes
}

// byStart orders hits by where they start (stable: hits at one place keep
// the order their check found them in).
func byStart(hits []Hit) []Hit {
	sort.SliceStable(hits, func(i, j int) bool { return hits[i].Span.Start < hits[j].Span.Start })
	return hits
}

// Package pattern compiles and runs token patterns: sequences of slots over
// the tokens of a message (see docs/rule-language.md). A Compiler resolves
// vocabulary references against the language packs once at load; every
// compiled sequence of every rule is indexed by the words it can start with,
// so that one pass over a message's tokens finds where each may match.
package pattern

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
)

// altKind says how one alternative of a slot compares with a token.
type altKind uint8

const (
	altStem   altKind = iota // same stem as the word
	altExact                 // same folded form
	altPrefix                // folded form starts with
	altSuffix                // folded form ends with
	altVocab                 // any entry of a vocabulary
)

// rawAlt is one alternative as written.
type rawAlt struct {
	kind altKind
	text string
}

// rawSlot is one slot as written.
type rawSlot struct {
	alts     []rawAlt
	optional bool
	negated  bool
	skip     int // > 0: skip 0..skip tokens
}

// maxSkip bounds "..N": a sentence rarely has more words between the parts
// of one phrase, and a larger window ties unrelated words.
const maxSkip = 12

// defaultSkip is what ".." alone skips.
const defaultSkip = 4

// parseSeq parses a sequence pattern into slots.
func parseSeq(src string) ([]rawSlot, error) {
	fields := strings.Fields(src)
	if len(fields) == 0 {
		return nil, fmt.Errorf("empty pattern")
	}
	out := make([]rawSlot, 0, len(fields))
	for _, f := range fields {
		if strings.HasPrefix(f, "..") {
			n := defaultSkip
			if rest := f[2:]; rest != "" {
				v, err := strconv.Atoi(rest)
				if err != nil || v < 1 || v > maxSkip {
					return nil, fmt.Errorf("%q: a skip is .. or ..N with N from 1 to %d", f, maxSkip)
				}
				n = v
			}
			if len(out) == 0 {
				return nil, fmt.Errorf("%q: a pattern cannot start with a skip", f)
			}
			out = append(out, rawSlot{skip: n})
			continue
		}
		var s rawSlot
		if strings.HasSuffix(f, "?") && len(f) > 1 && !isQuoted(f) {
			s.optional = true
			f = f[:len(f)-1]
		}
		if strings.HasPrefix(f, "!") && len(f) > 1 {
			s.negated = true
			f = f[1:]
		}
		if s.optional && s.negated {
			return nil, fmt.Errorf("%q: a slot cannot be both optional and negated", f)
		}
		if !strings.Contains(f, "|") { // one alternative: no list to split
			alt, err := parseAlt(f)
			if err != nil {
				return nil, err
			}
			s.alts = []rawAlt{alt}
			out = append(out, s)
			continue
		}
		for _, a := range splitAlts(f) {
			alt, err := parseAlt(a)
			if err != nil {
				return nil, err
			}
			s.alts = append(s.alts, alt)
		}
		out = append(out, s)
	}
	if out[len(out)-1].skip > 0 {
		return nil, fmt.Errorf("a pattern cannot end with a skip")
	}
	return out, nil
}

// repeatedWord reports the trap of precedence "a|b c": a slot is one token,
// so "is|it is not" reads (is|it) is not, never "is" or "it is". Written
// so, two neighbouring slots name the same word ("is" in "is|it" and in
// "is"), which makes the pattern accept the word twice in a row — never
// what a phrase means. It returns an error naming the two slots when a
// slot with alternatives and its neighbour share a word (a vocabulary,
// punctuation or a negated slot excepted).
func repeatedWord(src string) error {
	if strings.IndexByte(src, '|') < 0 {
		return nil
	}
	// Every entry of every pack passes here at load: plain loops, no
	// allocation unless there is an error to report.
	prev := ""
	for rest := src; rest != ""; {
		f, tail, _ := strings.Cut(rest, " ")
		rest = tail
		if f == "" {
			continue
		}
		if prev != "" && (strings.IndexByte(prev, '|') >= 0 || strings.IndexByte(f, '|') >= 0) {
			if w := sharedWord(prev, f); w != "" {
				return fmt.Errorf("%q %q: both slots take %q, so the pattern takes it twice in a row; a slot is one token (\"a|b c\" is a or b, then c): write \"b? c\", separate entries or a vocabulary for phrases of several words", prev, f, strings.ToLower(w))
			}
		}
		prev = f
	}
	return nil
}

// sharedWord returns a word that both slots a and b take, "" for none.
// Alternatives are compared as written first; only an equal pair is then
// asked whether it names a word (most pairs differ at their first byte).
func sharedWord(a, b string) string {
	a, b = slotBody(a), slotBody(b)
	if a == "" || b == "" {
		return ""
	}
	for i := 0; i < len(a); {
		wa, next := nextAlt(a, i)
		wa, i = strings.TrimPrefix(wa, "="), next
		for j := 0; j < len(b); {
			wb, next := nextAlt(b, j)
			wb, j = strings.TrimPrefix(wb, "="), next
			if len(wa) == len(wb) && strings.EqualFold(wa, wb) && namesWord(wa) {
				return wa
			}
		}
	}
	return ""
}

// slotBody is what of a slot names words: "" for a skip or a negated
// slot, which take no word of their own; without the optional mark.
func slotBody(f string) string {
	if strings.HasPrefix(f, "..") || strings.HasPrefix(f, "!") {
		return ""
	}
	if len(f) > 1 && !isQuoted(f) {
		f = strings.TrimSuffix(f, "?")
	}
	return f
}

// nextAlt returns the alternative of slot f that starts at i and the index
// after the '|' that ends it (len(f)+1 for the last): a '|' inside quotes
// is part of the alternative.
func nextAlt(f string, i int) (string, int) {
	quoted := false
	j := i
	for ; j < len(f); j++ {
		if f[j] == '\'' {
			quoted = !quoted
		} else if f[j] == '|' && !quoted {
			break
		}
	}
	return f[i:j], j + 1
}

// namesWord reports whether an alternative is a word: not a vocabulary, a
// quoted form or punctuation.
func namesWord(alt string) bool {
	return alt != "" && alt[0] != '@' && alt[0] != '\'' && strings.ContainsFunc(alt, unicode.IsLetter)
}

func isQuoted(f string) bool {
	return len(f) >= 3 && f[0] == '\'' && f[len(f)-1] == '\''
}

// splitAlts splits a slot at '|' outside quotes.
func splitAlts(f string) []string {
	var out []string
	for i := 0; i <= len(f); {
		alt, next := nextAlt(f, i)
		out = append(out, alt)
		i = next
	}
	return out
}

func parseAlt(a string) (rawAlt, error) {
	switch {
	case a == "":
		return rawAlt{}, fmt.Errorf("empty alternative")
	case isQuoted(a):
		return rawAlt{kind: altExact, text: a[1 : len(a)-1]}, nil
	case a[0] == '@':
		name := a[1:]
		if name == "" {
			return rawAlt{}, fmt.Errorf("%q: @ needs a vocabulary name", a)
		}
		return rawAlt{kind: altVocab, text: name}, nil
	case a[0] == '=':
		if len(a) == 1 {
			return rawAlt{}, fmt.Errorf("= needs a word")
		}
		return rawAlt{kind: altExact, text: a[1:]}, nil
	case strings.HasPrefix(a, "*") && len(a) > 1:
		return rawAlt{kind: altSuffix, text: a[1:]}, nil
	case strings.HasSuffix(a, "*") && len(a) > 1:
		return rawAlt{kind: altPrefix, text: a[:len(a)-1]}, nil
	case strings.ContainsAny(a, "*@=!"):
		return rawAlt{}, fmt.Errorf("%q: *, @, = and ! only at the start (or * at the end) of a word", a)
	}
	return rawAlt{kind: altStem, text: a}, nil
}

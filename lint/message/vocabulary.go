package message

import (
	"fmt"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/replylint/replylint/lint/lang"
	"github.com/replylint/replylint/lint/pattern"
	"github.com/replylint/replylint/lint/text"
	"github.com/replylint/replylint/lint/token"
	"github.com/replylint/replylint/rules"
)

// Vocabulary tells the greetings and sign-offs of a language, which decide
// a message's layout. The words are the language packs' (vocabularies
// greeting and sign-off in rules/lang/<code>/), not Go code.
type Vocabulary interface {
	// Greeting returns the byte length of the greeting that opens line
	// ("Hi" of "Hi Sara,"), or of the line up to the greeting word for
	// scripts that put it after the name ("山田様"); 0 when the line has
	// no greeting.
	Greeting(line, lang string) int
	// SignOff reports whether line is a closing formula ("Best regards",
	// "Thanks, Tom").
	SignOff(line, lang string) bool
}

// PackVocabulary reads greetings and sign-offs with token patterns: the
// greeting and sign-off vocabularies of every pack together, matched by
// folded form, since a German letter may open with "Hi" and an English one
// close with "Saludos" (and a short line says little about its language).
type PackVocabulary struct {
	comp             *pattern.Compiler
	greeting, signOf pattern.Item
}

// anyLanguage is the code of the one pack the layout words are read with.
const anyLanguage = "any"

// NewPackVocabulary gathers the greeting and sign-off words of the packs.
// Entries that use other vocabularies are left out: greetings and
// sign-offs are fixed formulas.
func NewPackVocabulary(packs lang.Set) (*PackVocabulary, error) {
	union := &lang.Pack{Code: anyLanguage, Vocabularies: map[string]*lang.Vocabulary{}}
	for _, name := range []string{"greeting", "sign-off"} {
		v := &lang.Vocabulary{Name: name}
		for _, code := range packs.Languages() {
			if pv, ok := packs[code].Vocabularies[name]; ok {
				for _, e := range pv.Entries {
					if !strings.Contains(e.Text, "@") {
						v.Entries = append(v.Entries, e)
					}
				}
			}
		}
		if len(v.Entries) == 0 {
			v.Entries = []lang.Entry{{Text: "=" + name + "-none"}}
		}
		union.Vocabularies[name] = v
	}
	comp := pattern.NewCompiler(lang.Set{anyLanguage: union})
	pv := &PackVocabulary{comp: comp}
	var err error
	if pv.greeting, err = comp.Add(anyLanguage, "@greeting", nil); err != nil {
		return nil, fmt.Errorf("greetings: %w", err)
	}
	if pv.signOf, err = comp.Add(anyLanguage, "@sign-off", nil); err != nil {
		return nil, fmt.Errorf("sign-offs: %w", err)
	}
	comp.Freeze()
	return pv, nil
}

// matches tokenizes a line (in a pooled builder), matches item on it and
// returns what judge says of the matches; the view is the line's only
// while judge runs.
func matches[T any](v *PackVocabulary, line string, item pattern.Item, judge func(*token.View, []pattern.Match) T) T {
	b := v.comp.Builders().Get()
	defer v.comp.Builders().Put(b)
	tv := b.Build(line, text.Normalize(line), nil)
	res := v.comp.Run(anyLanguage, tv)
	defer res.Release()
	return judge(tv, res.Matches(item))
}

// Greeting implements Vocabulary.
func (v *PackVocabulary) Greeting(line, _ string) int {
	return matches(v, line, v.greeting, func(tv *token.View, ms []pattern.Match) int {
		for _, m := range ms {
			// A greeting opens the line; an ideographic one may follow
			// the name it honours (山田様, 您好).
			if m.From == 0 || tv.Tokens[m.From].Class == token.Ideograph {
				return tv.Tokens[m.To-1].End
			}
		}
		return 0
	})
}

// SignOff implements Vocabulary.
func (v *PackVocabulary) SignOff(line, _ string) bool {
	return matches(v, line, v.signOf, func(tv *token.View, ms []pattern.Match) bool {
		for _, m := range ms {
			if m.From != 0 {
				continue
			}
			rest := tv.Tokens[m.To:]
			if tv.Tokens[0].Class == token.Ideograph || onlyPunct(rest) {
				return true
			}
			// "Thanks, Tom": the formula, a comma and a name.
			if rest[0].Norm == "," && !strings.Contains(line, "?") && len(rest) <= 4 {
				return true
			}
		}
		return false
	})
}

func onlyPunct(toks []token.Token) bool {
	for _, t := range toks {
		if t.Class != token.Punct || t.Norm == "?" {
			return false
		}
	}
	return true
}

// defaultVocabulary reads the built-in packs (their snapshot: parsing the
// YAML would cost a one-message run more than linting it), for messages
// made without a linter (tests, tools); it is built once and never changes.
var defaultVocabulary = sync.OnceValue(func() Vocabulary {
	packs, err := lang.DecodeSnapshot(rules.Packs)
	if err != nil {
		return noVocabulary{}
	}
	v, err := NewPackVocabulary(packs)
	if err != nil {
		return noVocabulary{}
	}
	return v
})

// noVocabulary knows no greetings or sign-offs.
type noVocabulary struct{}

func (noVocabulary) Greeting(string, string) int { return 0 }
func (noVocabulary) SignOff(string, string) bool { return false }

// shortLine reports whether line has at most n characters.
func shortLine(line string, n int) bool { return utf8.RuneCountInString(line) <= n }

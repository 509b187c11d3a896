package message

import (
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

// PackVocabulary reads greetings and sign-offs with token patterns over
// language packs.
type PackVocabulary struct {
	comp             *pattern.Compiler
	greeting, signOf map[string]pattern.Item
}

// NewPackVocabulary adds the greeting and sign-off patterns of every pack to
// comp (before it is frozen).
func NewPackVocabulary(comp *pattern.Compiler) (*PackVocabulary, error) {
	v := &PackVocabulary{comp: comp, greeting: map[string]pattern.Item{}, signOf: map[string]pattern.Item{}}
	for _, code := range comp.Packs().Languages() {
		vocab := comp.Pack(code).Vocabularies
		if _, ok := vocab["greeting"]; ok {
			it, err := comp.Add(code, "@greeting", nil)
			if err != nil {
				return nil, err
			}
			v.greeting[code] = it
		}
		if _, ok := vocab["sign-off"]; ok {
			it, err := comp.Add(code, "@sign-off", nil)
			if err != nil {
				return nil, err
			}
			v.signOf[code] = it
		}
	}
	return v, nil
}

// languagesFor are the packs a line is read with: the message's language
// and English, which messages in every language borrow ("Hi", "Thanks").
func languagesFor(lang string) []string {
	if lang == "" || lang == "en" {
		return []string{"en"}
	}
	return []string{lang, "en"}
}

func (v *PackVocabulary) matches(line, code string, items map[string]pattern.Item) (*token.View, []pattern.Match) {
	it, ok := items[code]
	if !ok {
		return nil, nil
	}
	tv := token.Build(line, text.Normalize(line), v.comp.Pack(code))
	return tv, v.comp.Run(code, tv).Matches(it)
}

// Greeting implements Vocabulary.
func (v *PackVocabulary) Greeting(line, lang string) int {
	for _, code := range languagesFor(lang) {
		tv, ms := v.matches(line, code, v.greeting)
		for _, m := range ms {
			// A greeting opens the line; an ideographic one may follow the
			// name it honours (山田様, 您好).
			if m.From == 0 || tv.Tokens[m.From].Class == token.Ideograph {
				return tv.Tokens[m.To-1].End
			}
		}
	}
	return 0
}

// SignOff implements Vocabulary.
func (v *PackVocabulary) SignOff(line, lang string) bool {
	for _, code := range languagesFor(lang) {
		tv, ms := v.matches(line, code, v.signOf)
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
	}
	return false
}

func onlyPunct(toks []token.Token) bool {
	for _, t := range toks {
		if t.Class != token.Punct || t.Norm == "?" {
			return false
		}
	}
	return true
}

// defaultVocabulary reads the built-in packs, for messages made without a
// linter (tests, tools); it is built once and never changes.
var defaultVocabulary = sync.OnceValue(func() Vocabulary {
	packs, err := lang.LoadFS(rules.FS, "lang", "rules/lang")
	if err != nil {
		return noVocabulary{}
	}
	comp := pattern.NewCompiler(packs)
	v, err := NewPackVocabulary(comp)
	if err != nil {
		return noVocabulary{}
	}
	comp.Freeze()
	return v
})

// noVocabulary knows no greetings or sign-offs.
type noVocabulary struct{}

func (noVocabulary) Greeting(string, string) int { return 0 }
func (noVocabulary) SignOff(string, string) bool { return false }

// shortLine reports whether line has at most n characters.
func shortLine(line string, n int) bool { return utf8.RuneCountInString(line) <= n }

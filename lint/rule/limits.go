package rule

import (
	"fmt"
	"slices"

	"github.com/replylint/replylint/lint/strictyaml"
)

// Limits on a rule file, so that a mistaken or hostile file fails fast
// with a clear error instead of costing seconds and gigabytes at load (a
// 10 MB file of phrases took 6.6 s and 1.85 GB before these limits).
// The built-in rules stay far below them: the largest file is under 40 KB.
const (
	// MaxPhrases bounds the phrases, patterns and exceptions of one rule,
	// over all its languages.
	MaxPhrases = 5000
	// MaxPatternBytes bounds one phrase, pattern or exception.
	MaxPatternBytes = 4096
)

// checkSize refuses a rule file over MaxFileBytes before it is parsed.
func checkSize(file string, data []byte) error {
	if len(data) > MaxFileBytes {
		return &strictyaml.Error{File: file, Msg: fmt.Sprintf("rule file has %d bytes; at most %d are allowed (split it into several rules)", len(data), MaxFileBytes)}
	}
	return nil
}

// checkLimits reports the phrases and patterns of a rule that pass the
// limits, each at its line and column.
func (r *Rule) checkLimits() strictyaml.Errors {
	var errs strictyaml.Errors
	count := 0
	var first *String
	for _, lang := range sortedMatchKeys(r.Match) {
		m := r.Match[lang]
		for _, list := range [][]String{m.Phrases, m.Patterns, m.Except} {
			for i := range list {
				s := &list[i]
				count++
				if count == MaxPhrases+1 {
					first = s
				}
				if len(s.Value) > MaxPatternBytes {
					errs = append(errs, &strictyaml.Error{File: r.Pos.File, Line: s.Line, Column: s.Col,
						Msg: fmt.Sprintf("phrase or pattern of %d bytes; at most %d are allowed", len(s.Value), MaxPatternBytes)})
				}
			}
		}
	}
	if first != nil {
		errs = append(errs, &strictyaml.Error{File: r.Pos.File, Line: first.Line, Column: first.Col,
			Msg: fmt.Sprintf("rule %q has %d phrases and patterns; at most %d are allowed (split it into several rules)", r.ID, count, MaxPhrases)})
	}
	return errs
}

func sortedMatchKeys(m map[string]Match) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

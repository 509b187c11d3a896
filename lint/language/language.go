// Package language detects the language of a message (placeholder until the
// lingua-backed detector lands: script rules only).
package language

import "unicode"

// Detector detects languages among a fixed set.
type Detector struct{ langs []string }

// New builds a detector for the given ISO 639-1 codes.
func New(langs []string) *Detector { return &Detector{langs: langs} }

// Detect returns the language of s, or "".
func (d *Detector) Detect(s string) string {
	han, kana, latin := 0, 0, 0
	for _, r := range s {
		switch {
		case unicode.In(r, unicode.Hiragana, unicode.Katakana):
			kana++
		case unicode.Is(unicode.Han, r):
			han++
		case unicode.Is(unicode.Latin, r):
			latin++
		}
	}
	switch {
	case kana > 0 && kana+han >= latin/2:
		return "ja"
	case han > 0 && han >= latin/2:
		return "zh"
	case latin > 0:
		return "en"
	}
	return ""
}

package engine

import (
	"github.com/replylint/replylint/lint/language"
	"github.com/replylint/replylint/lint/message"
)

// newDetector builds the default language detector for the languages the
// loaded rules need.
func newDetector(langs []string) message.Detector {
	return language.New(langs)
}

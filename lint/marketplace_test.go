package lint_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/replylint/replylint/lint"
	"github.com/replylint/replylint/lint/finding"
)

func TestMarketplaceLanguage(t *testing.T) {
	l := builtin(t)
	tests := []struct {
		marketplace, want string
		ok                bool
	}{
		{"amazon.de", "de", true},
		{"amazon.co.uk", "en", true},
		{"amazon.com.au", "en", true},
		{"amazon.fr", "fr", true},
		{"amazon.es", "es", true},
		{"amazon.it", "it", true},
		{"amazon.cn", "zh", true},
		{"https://www.Amazon.co.jp/", "ja", true},
		{"amazon.nl", "", false},
		{"", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.marketplace, func(t *testing.T) {
			got, ok := l.MarketplaceLanguage(tt.marketplace)
			assert.Equal(t, tt.want, got)
			assert.Equal(t, tt.ok, ok)
		})
	}
}

// TestExpectedLanguagePrecedence checks that an explicit expected language
// beats the buyer's message, which beats the marketplace.
func TestExpectedLanguagePrecedence(t *testing.T) {
	l := builtin(t)
	english := "Hello Jonas, thank you for your order. Your parcel left our warehouse today and should arrive on Friday."
	german := "Hallo, mein Paket ist noch nicht angekommen. Können Sie bitte nachsehen, wo es ist?"
	tests := []struct {
		name  string
		opts  lint.Options
		wrong bool
	}{
		{"marketplace", lint.Options{Marketplace: "amazon.de"}, true},
		{"marketplace agrees", lint.Options{Marketplace: "amazon.com"}, false},
		{"buyer's message beats marketplace", lint.Options{Marketplace: "amazon.com", InReplyTo: german}, true},
		{"explicit beats buyer's message", lint.Options{ExpectedLanguage: "en", InReplyTo: german, Marketplace: "amazon.de"}, false},
		{"unknown marketplace", lint.Options{Marketplace: "amazon.nl"}, false},
		{"nothing expected", lint.Options{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.opts.Only = "language"
			res := l.Lint(english, tt.opts)
			if !tt.wrong {
				assert.Empty(t, res.Findings)
				return
			}
			if assert.Len(t, res.Findings, 1) {
				assert.Equal(t, finding.Error, res.Findings[0].Severity)
				assert.Contains(t, res.Findings[0].Message, "German")
			}
		})
	}
}

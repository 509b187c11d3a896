package check

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/replylint/replylint/lint/finding"
	"github.com/replylint/replylint/lint/language"
	"github.com/replylint/replylint/lint/message"
	"github.com/replylint/replylint/lint/rule"
)

const languageRuleYAML = `id: language
kind: language
severity: error
message: wrong language
language:
  mixed-severity: %MIXED%
  marketplaces:
    amazon.de: de
examples:
  good: [Hello]
`

func languageCheck(t testing.TB, mixed string) *Language {
	t.Helper()
	r, err := rule.Parse("language.yaml", []byte(strings.ReplaceAll(languageRuleYAML, "%MIXED%", mixed)))
	require.NoError(t, err)
	adoptBuiltinMessages(t, r)
	c, err := NewLanguage(r)
	require.NoError(t, err)
	return c
}

var testDetector = language.New(rule.Languages())

func languageMessage(text, expected string) *message.Message {
	return message.New(text, message.Context{
		Channel:          rule.Amazon,
		Language:         testDetector.Detect(text),
		ExpectedLanguage: expected,
		Detector:         testDetector,
	})
}

// hitTexts returns the text of each hit and whether it is capped (a mixing
// hit) or not (wrong language).
func hitTexts(m *message.Message, hits []Hit) (texts []string, capped []bool) {
	for _, h := range hits {
		texts = append(texts, m.Slice(h.Span))
		capped = append(capped, h.MaxSeverity != finding.Off)
	}
	return texts, capped
}

func TestLanguageWrong(t *testing.T) {
	c := languageCheck(t, "warning")
	tests := []struct {
		name, text, expected string
		wrong                bool
		// says is a part of the hit's message.
		says string
	}{
		{name: "english for a german buyer", text: "Hello Jonas, thank you for your order. Your parcel left our warehouse today and should arrive on Friday.", expected: "de", wrong: true, says: "in English but the buyer's language is German"},
		{name: "german for an english buyer", text: "Vielen Dank für Ihre Nachricht. Wir haben Ihnen heute einen neuen Deckel geschickt.", expected: "en", wrong: true, says: "in German"},
		{name: "italian for a french buyer", text: "Grazie per il suo ordine, il pacco è stato spedito questa mattina e arriverà venerdì.", expected: "fr", wrong: true, says: "in Italian"},
		{name: "latin text for a japanese buyer", text: "Thank you for your order, the blender was shipped this morning.", expected: "ja", wrong: true, says: "buyer's language is Japanese"},
		{name: "english with a han product name for a japanese buyer", text: "Thank you for ordering the 龙井茶叶礼盒 gift box, we shipped it this morning and it arrives on Friday.", expected: "ja", wrong: true, says: "in English but the buyer's language is Japanese"},
		{name: "chinese for a japanese buyer", text: "感谢您的耐心等待，我们已经为您安排了退款，请注意查收。", expected: "ja", wrong: true, says: "in Chinese"},
		{name: "japanese for a chinese buyer", text: "ご注文いただきありがとうございます。本日発送いたしました。", expected: "zh", wrong: true, says: "in Japanese"},
		{name: "chinese for an english buyer", text: "感谢您的耐心等待，我们已经为您安排了退款。", expected: "en", wrong: true, says: "in Chinese"},

		{name: "right language", text: "Hallo Herr Wagner, vielen Dank für Ihre Bestellung. Das Paket ist heute losgegangen.", expected: "de"},
		{name: "no expected language", text: "Hello Jonas, thank you for your order. Your parcel left today.", expected: ""},
		{name: "too short to tell", text: "Hi Jonas!", expected: "de"},
		{name: "product name in another language", text: "Thank you for buying the Kaffeemaschine mit Milchaufschäumer. We hope you enjoy a good coffee every morning.", expected: "en"},
		{name: "japanese with an english brand", text: "この度はAnker PowerCore 10000をご購入いただき、誠にありがとうございます。", expected: "ja"},
		{name: "chinese with a japanese product name", text: "感谢您购买ポケモン玩具，我们今天已经发货了，预计下周到达。", expected: "zh"},
		{name: "only IDs and links", text: "123-4567890-1234567 https://www.amazon.de/gp/your-account", expected: "de"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := languageMessage(tt.text, tt.expected)
			var wrong []Hit
			for _, h := range c.Run(m) {
				if h.MaxSeverity == finding.Off {
					wrong = append(wrong, h)
				}
			}
			if !tt.wrong {
				assert.Empty(t, wrong)
				return
			}
			require.Len(t, wrong, 1)
			assert.Contains(t, wrong[0].Text(), tt.says)
			assert.Equal(t, strings.TrimSpace(tt.text), m.Slice(wrong[0].Span), "the hit covers the message")
		})
	}
}

func TestLanguageWrongSkipsSentenceMixing(t *testing.T) {
	c := languageCheck(t, "warning")
	m := languageMessage("Thank you for your order, we shipped it this morning. Vielen Dank für Ihre Geduld und bis bald bei uns. The tracking number follows in a separate message and we are here for any question.", "de")
	hits := c.Run(m)
	require.Len(t, hits, 1, "one wrong-language finding, not a mixing finding for the German sentence")
	assert.Equal(t, finding.Off, hits[0].MaxSeverity)
}

func TestLanguageMixing(t *testing.T) {
	c := languageCheck(t, "warning")
	tests := []struct {
		name, text, expected string
		want                 []string
	}{
		{
			name: "chinese sentence in english",
			text: "Thank you for your patience. 我们已经为您安排了补发。 The replacement will arrive next week.",
			want: []string{"我们已经为您安排了补发。"},
		},
		{
			name: "japanese sentence in english",
			text: "We have shipped your order. ご不便をおかけして申し訳ございません。 Please tell us if anything is missing.",
			want: []string{"ご不便をおかけして申し訳ございません。"},
		},
		{
			name: "full-width punctuation",
			text: "Thank you for your order，the parcel left our warehouse this morning。",
			want: []string{"，", "。"},
		},
		{
			name: "german sentence in english",
			text: "Thank you for your message about the blender. Wir haben Ihnen heute einen neuen Deckel geschickt und bitten um Entschuldigung. Please let us know when it arrives.",
			want: []string{"Wir haben Ihnen heute einen neuen Deckel geschickt und bitten um Entschuldigung."},
		},
		{
			name:     "english sentence in a german reply for a german buyer",
			text:     "Vielen Dank für Ihre Nachricht. Wir haben Ihnen heute einen neuen Deckel geschickt. We are sorry for the trouble and hope that you enjoy it.",
			expected: "de",
			want:     []string{"We are sorry for the trouble and hope that you enjoy it."},
		},
		{
			name: "italian sentence in french",
			text: "Merci pour votre commande, nous avons expédié le colis ce matin. Ci scusiamo per il ritardo e la ringraziamo per la sua pazienza.",
			want: []string{"Ci scusiamo per il ritardo e la ringraziamo per la sua pazienza."},
		},

		{name: "chinese product name", text: "Thank you for ordering the 龙井 green tea sampler; it left our warehouse this morning."},
		{name: "german product name", text: "Thank you for buying the Kaffeemaschine mit Milchaufschäumer für die ganze Familie. We hope you enjoy it."},
		{name: "quoted buyer sentence", text: `You wrote: "Ich habe die falsche Farbe bekommen und möchte sie umtauschen." We will send you the blue one today.`},
		{name: "quoted e-mail line", text: "> Ich habe die falsche Farbe bekommen und möchte sie umtauschen.\nThank you for your message, we will send you the blue one today."},
		{name: "short foreign greeting", text: "Hola Lucía! Thank you for your order, we shipped it this morning."},
		{name: "japanese reply with its own punctuation", text: "この度はご注文いただき、誠にありがとうございます。商品は本日発送いたしました。"},
		{name: "ascii punctuation only", text: "Thank you, the parcel left today (3 days early)! Any questions?"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := languageMessage(tt.text, tt.expected)
			texts, capped := hitTexts(m, c.Run(m))
			assert.Equal(t, tt.want, texts)
			for _, cp := range capped {
				assert.True(t, cp, "mixing is capped at the mixed severity")
			}
		})
	}
}

func TestLanguageFullWidthFix(t *testing.T) {
	c := languageCheck(t, "warning")
	tests := []struct{ text, run, fix string }{
		{"Thank you，we shipped it.", "，", ", "},
		{"It left today。", "。", "."},
		{"Really？！ We are sorry.", "？！", "?!"},
		{"The price is 1，299 EUR for the set.", "，", ","},
		{"It costs 30 EUR（tax included）.", "（", " ("},
		{"It costs 30 EUR (tax included）and ships today.", "）", ") "},
		{"Delivery window：10am to noon.", "：", ": "},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			m := languageMessage(tt.text, "")
			var found bool
			for _, h := range c.Run(m) {
				if m.Slice(h.Span) != tt.run {
					continue
				}
				found = true
				require.Len(t, h.Suggestions, 1)
				fx := h.Suggestions[0]
				assert.True(t, fx.Safe)
				require.Len(t, fx.Edits, 1)
				assert.Equal(t, tt.fix, fx.Edits[0].NewText)
				assert.Equal(t, h.Span, fx.Edits[0].Span)
			}
			assert.True(t, found, "no hit on %q", tt.run)
		})
	}
}

func TestLanguageMixedSeverity(t *testing.T) {
	text := "Thank you for your order，the parcel left our warehouse this morning."
	t.Run("capped at the mixed severity", func(t *testing.T) {
		hits := languageCheck(t, "info").Run(languageMessage(text, ""))
		require.Len(t, hits, 1)
		assert.Equal(t, finding.Info, hits[0].MaxSeverity)
	})
	t.Run("off switches mixing off", func(t *testing.T) {
		assert.Empty(t, languageCheck(t, "off").Run(languageMessage(text, "")))
	})
}

func TestLanguageWithoutDetector(t *testing.T) {
	c := languageCheck(t, "warning")
	text := "Thank you for your message. We sent you a new lid today and apologise for the trouble. Please let us know when it arrives."
	m := message.New(text, message.Context{Language: "en", ExpectedLanguage: "de"})
	hits := c.Run(m)
	require.Len(t, hits, 1, "the forced language is trusted when there is no detector")
	assert.Equal(t, finding.Off, hits[0].MaxSeverity)
	assert.Contains(t, hits[0].Text(), "in English")
}

func TestLanguageConfigErrors(t *testing.T) {
	tests := []struct{ name, yaml, want string }{
		{"bad mixed severity", "language:\n  mixed-severity: loud\n", "language.yaml:6:19: unknown severity"},
		{"unsupported marketplace language", "language:\n  marketplaces:\n    amazon.nl: nl\n", `language.yaml:7:16: marketplace amazon.nl: unsupported language "nl"`},
		{"marketplace not a domain", "language:\n  marketplaces:\n    Amazon DE: de\n", "must be a lower-case domain"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := "id: language\nkind: language\nseverity: error\nmessage: m\nexamples:\n  good: [Hello]\n"
			src = strings.Replace(src, "examples:", strings.TrimSuffix(tt.yaml, "\n")+"\nexamples:", 1)
			r, err := rule.Parse("language.yaml", []byte(src))
			require.NoError(t, err)
			_, err = NewLanguage(r)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
		})
	}
}

func TestLanguageNoBlock(t *testing.T) {
	r, err := rule.Parse("language.yaml", []byte("id: language\nkind: language\nseverity: error\nmessage: m\nexamples:\n  good: [Hello]\n"))
	require.NoError(t, err)
	c, err := NewLanguage(r)
	require.NoError(t, err)
	hits := c.Run(languageMessage("Thank you，we shipped it today.", ""))
	require.Len(t, hits, 1)
	assert.Equal(t, finding.Warning, hits[0].MaxSeverity, "mixing defaults to warning")
}

func FuzzLanguageCheck(f *testing.F) {
	c := languageCheck(f, "warning")
	f.Add("Thank you，we shipped it。 我们已经为您安排了补发。", "de")
	f.Add("> quoted\n\"Ich habe\" “x” «y» 「z」（）", "ja")
	f.Fuzz(func(t *testing.T, text, expected string) {
		m := languageMessage(text, expected)
		for _, h := range c.Run(m) {
			if h.Span.Start < 0 || h.Span.End > len(text) || h.Span.Start > h.Span.End {
				t.Fatalf("span %v out of %d bytes", h.Span, len(text))
			}
		}
	})
}

// BenchmarkLanguageCheck runs the check on an 800-byte English reply with
// an expected language, the detector's answer for the message already
// known (as after the engine's detection).
func BenchmarkLanguageCheck(b *testing.B) {
	c := languageCheck(b, "warning")
	text := strings.Repeat("Thank you for letting us know about the scratch on the kettle, I am sorry it arrived like this. "+
		"I have already sent a replacement, which should reach you by Thursday. ", 5)[:800]
	m := languageMessage(text, "en")
	if hits := c.Run(m); len(hits) != 0 {
		b.Fatalf("unexpected hits %v", hits)
	}
	b.ReportAllocs()
	for b.Loop() {
		c.Run(m)
	}
}

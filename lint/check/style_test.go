package check

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/replylint/replylint/lint/message"
	"github.com/replylint/replylint/lint/rule"
	"github.com/replylint/replylint/rules"
)

// metricBuiltin compiles a built-in rule file, so the tests see the data
// that ships.
func metricBuiltin(t *testing.T, path string) Check {
	t.Helper()
	r, err := rule.ParseFS(rules.FS, ".", path, "")
	require.NoError(t, err)
	c, err := New(r, testEnv(t))
	require.NoError(t, err)
	return c
}

func metricFromYAML(t *testing.T, src string) (Check, error) {
	t.Helper()
	r, err := rule.Parse("test.yaml", []byte(src))
	require.NoError(t, err)
	adoptBuiltinMessages(t, r)
	return New(r, testEnv(t))
}

func metricMessage(text, lang string, ch rule.Channel) *message.Message {
	return message.New(text, message.Context{Channel: ch, Language: lang, Mode: rule.Draft})
}

// metricMatches returns the original text of each hit.
func metricMatches(m *message.Message, hits []Hit) []string {
	out := []string{}
	for _, h := range hits {
		out = append(out, m.Slice(h.Span))
	}
	return out
}

// applySafeFixes applies every safe suggestion's edits to the message text.
func applySafeFixes(t *testing.T, m *message.Message, hits []Hit) string {
	t.Helper()
	var edits []Edit
	for _, h := range hits {
		for _, f := range h.Suggestions {
			if f.Safe {
				edits = append(edits, f.Edits...)
			}
		}
	}
	sort.Slice(edits, func(i, j int) bool { return edits[i].Span.Start > edits[j].Span.Start })
	out := m.Text()
	last := len(out) + 1
	for _, e := range edits {
		require.LessOrEqual(t, e.Span.End, last, "overlapping edits")
		out = out[:e.Span.Start] + e.NewText + out[e.Span.End:]
		last = e.Span.Start
	}
	return out
}

const lengthRule = `
id: test-length
kind: length
severity: error
message: too long
length:
  max:
    amazon: 10
    ebay: 0
examples:
  good: [short]
`

func TestMetricLength(t *testing.T) {
	c, err := metricFromYAML(t, lengthRule)
	require.NoError(t, err)
	tests := []struct {
		name    string
		text    string
		channel rule.Channel
		want    string // the part past the limit; "" for no hit
	}{
		{name: "over the limit", text: "Hello there, buyer", channel: rule.Amazon, want: "e, buyer"},
		{name: "exactly the limit", text: "0123456789", channel: rule.Amazon},
		{name: "one over", text: "0123456789!", channel: rule.Amazon, want: "!"},
		{name: "code points not bytes", text: "ääääääääää", channel: rule.Amazon},
		{name: "multi-byte over", text: "日本語の文章がとても長いです", channel: rule.Amazon, want: "長いです"},
		{name: "trailing white space is not counted", text: "0123456789\n\n  \n", channel: rule.Amazon},
		{name: "channel without a limit", text: strings.Repeat("long text ", 500), channel: rule.Ebay},
		{name: "channel not named", text: strings.Repeat("long text ", 500), channel: rule.Shopify},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := metricMessage(tt.text, "en", tt.channel)
			hits := c.Run(m)
			if tt.want == "" {
				assert.Empty(t, hits)
				return
			}
			require.Len(t, hits, 1)
			assert.Equal(t, tt.want, m.Slice(hits[0].Span))
			assert.Contains(t, hits[0].Text(), "at most 10")
			assert.Empty(t, hits[0].Suggestions)
		})
	}
}

func TestMetricLengthBuiltin(t *testing.T) {
	c := metricBuiltin(t, "policy/message-length.yaml")
	long := strings.Repeat("We are sorry for the delay. ", 80) // 2240 characters
	m := metricMessage(long, "en", rule.Amazon)
	hits := c.Run(m)
	require.Len(t, hits, 1)
	assert.Equal(t, 2000, hits[0].Span.Start)
	assert.Equal(t, len(strings.TrimSpace(long)), hits[0].Span.End)
	assert.Contains(t, hits[0].Text(), "2239 characters")
	assert.Len(t, c.Run(metricMessage(long, "en", rule.Ebay)), 1, "eBay's Trading API takes 2000 characters too")
	assert.Empty(t, c.Run(metricMessage(long, "en", rule.Walmart)))
}

func TestMetricLengthByType(t *testing.T) {
	c := metricBuiltin(t, "policy/message-length.yaml")
	text := strings.Repeat("Please confirm the engraving. ", 30) // 900 characters
	for _, tc := range []struct {
		typ  rule.MessageType
		ch   rule.Channel
		want int // the limit reported, 0 for none
	}{
		{rule.TypeCustomization, rule.Amazon, 800},
		{rule.TypeDigitalKey, rule.Amazon, 400},
		{rule.TypeOrderProblem, rule.Amazon, 0},
		{"", rule.Amazon, 0},
		{rule.TypeCustomization, rule.Ebay, 0},
	} {
		m := message.New(text, message.Context{Channel: tc.ch, Language: "en", Type: tc.typ, Kind: rule.Proactive})
		hits := c.Run(m)
		if tc.want == 0 {
			assert.Empty(t, hits, "%s on %s", tc.typ, tc.ch)
			continue
		}
		require.Len(t, hits, 1, "%s on %s", tc.typ, tc.ch)
		assert.Equal(t, tc.want, hits[0].Span.Start)
		assert.Contains(t, hits[0].Text(), fmt.Sprintf("at most %d for a %s message", tc.want, tc.typ))
	}
	reply := message.New(text, message.Context{Channel: rule.Amazon, Language: "en", Type: rule.TypeCustomization, Kind: rule.Reply})
	assert.Empty(t, c.Run(reply), "a reply is not a customization message of the API")
}

func TestMetricShouting(t *testing.T) {
	c := metricBuiltin(t, "hygiene/style-shouting.yaml")
	tests := []struct {
		name  string
		text  string
		lang  string
		want  []string
		fixed string
	}{
		{name: "one word", text: "Your order is VERY important to us.", want: []string{"VERY"}, fixed: "Your order is very important to us."},
		{name: "two short words", text: "Please DO NOT open the box.", want: []string{"DO NOT"}, fixed: "Please do not open the box."},
		{name: "whole sentence", text: "WE ARE SORRY FOR THE DELAY.", want: []string{"WE ARE SORRY FOR THE DELAY"}, fixed: "We are sorry for the delay."},
		{name: "english I stays", text: "I AM SO SORRY, we ship today.", lang: "en", want: []string{"I AM SO SORRY"}, fixed: "I am so sorry, we ship today."},
		{name: "acronym kept in run", text: "SHIPPED VIA USPS TODAY", want: []string{"SHIPPED VIA USPS TODAY"}, fixed: "Shipped via USPS today"},
		{name: "name in greeting", text: "Hi JOHN,\nyour parcel ships today.", want: []string{"JOHN"}, fixed: "Hi John,\nyour parcel ships today."},
		{name: "german", text: "Bitte das Paket NICHT öffnen.", lang: "de", want: []string{"NICHT"}, fixed: "Bitte das Paket nicht öffnen."},
		{name: "repeated marks", text: "Thanks!! Did it arrive??", want: []string{"!!", "??"}, fixed: "Thanks! Did it arrive?"},
		{name: "mixed marks", text: "What?! It came back.", want: []string{"?!"}, fixed: "What? It came back."},
		{name: "long run of marks", text: "Great news!!!!", want: []string{"!!!!"}, fixed: "Great news!"},
		{name: "acronyms", text: "Your ASIN B07XJ8C8F5 is in the FAQ; USPS and DHL ship over HTTPS.", want: []string{}},
		{name: "sizes", text: "The XXL is too big; we can send an XL or XXXL.", want: []string{}},
		{name: "codes with digits", text: "Model AB12CD and order 123-1234567-1234567.", want: []string{}},
		{name: "note label", text: "NOTE: the charger needs a USB-C cable.", want: []string{}},
		{name: "placeholder", text: "Hi {{BUYER_NAME}}, thanks [ORDER ID].", want: []string{}},
		{name: "url", text: "See https://example.com/ABCD/EFGH?X=YYYY for details!", want: []string{}},
		{name: "single capital words", text: "I think A is better than B.", want: []string{}},
		{name: "blanked value", text: "Your code is XXXXXXXX.", want: []string{}},
		{name: "single marks", text: "Thank you! Is it working?", want: []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lang := tt.lang
			if lang == "" {
				lang = "en"
			}
			m := metricMessage(tt.text, lang, rule.Amazon)
			hits := c.Run(m)
			assert.Equal(t, tt.want, metricMatches(m, hits))
			for _, h := range hits {
				require.Len(t, h.Suggestions, 1)
				assert.True(t, h.Suggestions[0].Safe)
			}
			if tt.fixed != "" {
				assert.Equal(t, tt.fixed, applySafeFixes(t, m, hits))
			}
		})
	}
}

func TestMetricCapitalization(t *testing.T) {
	c := metricBuiltin(t, "hygiene/style-capitalization.yaml")
	tests := []struct {
		name  string
		text  string
		lang  string
		want  []string
		fixed string
	}{
		{name: "lower i", text: "Thanks, i will check.", want: []string{"i"}, fixed: "Thanks, I will check."},
		{name: "contractions", text: "I know, i'm late and i’ll fix it, i've seen it.", want: []string{"i", "i", "i"}, fixed: "I know, I'm late and I’ll fix it, I've seen it."},
		{name: "i at the end", text: "The one who sent it was i.", want: []string{"i"}, fixed: "The one who sent it was I."},
		{name: "sentence starts", text: "thanks for waiting. it broke? we will fix it!", want: []string{"thanks", "it", "we"}, fixed: "Thanks for waiting. It broke? We will fix it!"},
		{name: "after greeting", text: "Hi Anna,\nthe refund is done.", want: []string{"the"}, fixed: "Hi Anna,\nThe refund is done."},
		{name: "after blank line", text: "Hello Anna,\n\nThanks.\n\nsee you.", want: []string{"see"}, fixed: "Hello Anna,\n\nThanks.\n\nSee you."},
		{name: "after a line break", text: "It arrived.\nthanks again.", want: []string{"thanks"}, fixed: "It arrived.\nThanks again."},
		{name: "opening quote", text: `He said it works. "great news" indeed.`, want: []string{"great"}, fixed: `He said it works. "Great news" indeed.`},
		{name: "accented", text: "Merci. à demain.", lang: "fr", want: []string{"à"}, fixed: "Merci. À demain."},
		{name: "german", text: "Danke. wir senden heute.", lang: "de", want: []string{"wir"}, fixed: "Danke. Wir senden heute."},
		{name: "italian i is an article", text: "Grazie, i prodotti arrivano.", lang: "it", want: []string{}},
		{name: "abbreviations", text: "We use UPS, DHL, etc. and more. See e.g. the manual, i.e. page two.", want: []string{}},
		{name: "times and initials", text: "It left at 4 p.m. yesterday from the U.S. warehouse.", want: []string{}},
		{name: "brands", text: "Your iPhone case ships. eBay orders too. iphone cases as well.", want: []string{}},
		{name: "domains and paths", text: "Open the page. amazon.com/returns has the form. support@shop.example answers.", want: []string{}},
		{name: "list markers", text: "Choose (i) a refund or (ii) a replacement.", want: []string{}},
		{name: "numbered list", text: "Steps:\n1. unplug it\n2. wait", want: []string{}},
		{name: "ellipsis", text: "Let me check... one moment.", want: []string{}},
		{name: "hard wrap", text: "We checked your order and the\nreplacement left today.", want: []string{}},
		{name: "line after a comma", text: "Best regards,\nmaria", want: []string{}},
		{name: "german letter goes on after the greeting", text: "Hallo Frau Vogel,\n\nes tut mir leid. Der Ersatz kommt.", lang: "de", want: []string{}},
		{name: "french letter goes on after the greeting", text: "Bonjour Madame Martin,\nnous sommes désolés.", lang: "fr", want: []string{}},
		{name: "german after a greeting without comma", text: "Hallo Frau Vogel!\n\nes tut mir leid.", lang: "de", want: []string{"es"}},
		{name: "english after the greeting", text: "Hi Anna,\n\nthe refund is issued.", lang: "en", want: []string{"the"}},
		{name: "placeholder", text: "Thanks. {{name}} will call. [buyer name] knows.", want: []string{}},
		{name: "digits", text: "Thanks. 3 items left.", want: []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lang := tt.lang
			if lang == "" {
				lang = "en"
			}
			m := metricMessage(tt.text, lang, rule.Amazon)
			hits := c.Run(m)
			assert.Equal(t, tt.want, metricMatches(m, hits))
			for _, h := range hits {
				require.Len(t, h.Suggestions, 1)
				// A lower-case "i" is sure; a sentence start is a guess.
				assert.Equal(t, m.Text()[h.Span.Start:h.Span.End] == "i", h.Suggestions[0].Safe)
			}
			if tt.fixed != "" {
				assert.Equal(t, tt.fixed, applyAllFixes(t, m, hits))
			}
		})
	}
}

// applyAllFixes applies safe and unsafe fixes.
func applyAllFixes(t *testing.T, m *message.Message, hits []Hit) string {
	t.Helper()
	all := make([]Hit, len(hits))
	for i, h := range hits {
		all[i] = h
		all[i].Suggestions = nil
		for _, f := range h.Suggestions {
			f.Safe = true
			all[i].Suggestions = append(all[i].Suggestions, f)
		}
	}
	return applySafeFixes(t, m, all)
}

func TestMetricSpacing(t *testing.T) {
	c := metricBuiltin(t, "hygiene/style-spacing.yaml")
	tests := []struct {
		name  string
		text  string
		lang  string
		want  []string
		fixed string
	}{
		{name: "after a full stop", text: "Thank you for your order.The parcel left.", want: []string{"order.The"}, fixed: "Thank you for your order. The parcel left."},
		{name: "after a comma", text: "We checked the item,it was fine.", want: []string{"item,it"}, fixed: "We checked the item, it was fine."},
		{name: "after marks", text: "Sorry!We fix it. Works?Tell us;we listen. Note:the box.", want: []string{"Sorry!We", "Works?Tell", "us;we", "Note:the"},
			fixed: "Sorry! We fix it. Works? Tell us; we listen. Note: the box."},
		{name: "two in one chunk", text: "ok,thanks,bye", want: []string{"ok,thanks", "thanks,bye"}, fixed: "ok, thanks, bye"},
		{name: "title", text: "Mr.Smith called.", want: []string{"Mr.Smith"}, fixed: "Mr. Smith called."},
		{name: "french", text: "Merci,nous expédions demain.", lang: "fr", want: []string{"Merci,nous"}, fixed: "Merci, nous expédions demain."},
		{name: "url", text: "See https://www.amazon.com/gp/help?node=1,2 and www.ups.com/track.", want: []string{}},
		{name: "domain and file", text: "Visit amazon.com or mystore.co.uk, open label.pdf or IMG_001.jpeg.", want: []string{}},
		{name: "email", text: "Write to support@example.com,thanks.", want: []string{}},
		{name: "numbers", text: "It is 3.5 inches, costs 1,200 yen and comes at 10:30.", want: []string{}},
		{name: "initials", text: "From the U.S. warehouse, e.g. today, i.e. soon; sizes S,M,L.", want: []string{}},
		{name: "ellipsis", text: "Let me check...one moment.", want: []string{}},
		{name: "placeholder", text: "Hi {{buyer.name}},thanks. Dear [Buyer,Name].", want: []string{}},
		{name: "non-latin", text: "ありがとう,ございます", lang: "ja", want: []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lang := tt.lang
			if lang == "" {
				lang = "en"
			}
			m := metricMessage(tt.text, lang, rule.Amazon)
			hits := c.Run(m)
			assert.Equal(t, tt.want, metricMatches(m, hits))
			if tt.fixed != "" {
				assert.Equal(t, tt.fixed, applySafeFixes(t, m, hits))
			}
		})
	}
}

func TestMetricRunTogether(t *testing.T) {
	c := metricBuiltin(t, "hygiene/style-spacing.yaml")
	tests := []struct {
		name string
		text string
		lang string
		want []string // matches
		fix  []string // suggested texts
	}{
		{name: "capitalised", text: "Thankyouallthesame for waiting.", want: []string{"Thankyouallthesame"}, fix: []string{"Thank you all the same"}},
		{name: "lower case", text: "If needed, pleasecontactus again.", want: []string{"pleasecontactus"}, fix: []string{"please contact us"}},
		{name: "with article", text: "We hope you haveaniceday.", want: []string{"haveaniceday"}, fix: []string{"have a nice day"}},
		{name: "next to punctuation", text: "Sorry.letmeknowwhatyouthink", want: []string{"Sorry.letmeknowwhatyouthink", "letmeknowwhatyouthink"}, fix: []string{" ", "let me know what you think"}},
		{name: "real words that split", text: "Understandable, nevertheless whatsoever.", want: []string{}},
		{name: "two-word compounds", text: "Someone checked everything, without exception.", want: []string{}},
		{name: "short tokens", text: "Thankyou for the order.", want: []string{}},
		{name: "names and capitals", text: "Our PleaseContactUs page and THANKYOUALLTHESAME.", want: []string{}},
		{name: "domain", text: "Visit pleasecontactus.com today.", want: []string{}},
		{name: "other language", text: "Unser Kundenservicehilftgern weiter.", lang: "de", want: []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lang := tt.lang
			if lang == "" {
				lang = "en"
			}
			m := metricMessage(tt.text, lang, rule.Amazon)
			hits := c.Run(m)
			assert.Equal(t, tt.want, metricMatches(m, hits))
			var fixes []string
			for _, h := range hits {
				require.Len(t, h.Suggestions, 1)
				require.Len(t, h.Suggestions[0].Edits, 1)
				fixes = append(fixes, h.Suggestions[0].Edits[0].NewText)
				if len(h.Suggestions[0].Edits[0].NewText) > 1 {
					assert.False(t, h.Suggestions[0].Safe, "word splits are not safe")
				}
			}
			if len(tt.fix) > 0 {
				assert.Equal(t, tt.fix, fixes)
			}
		})
	}
}

func TestStyleSegment(t *testing.T) {
	words := map[string]bool{}
	for _, w := range strings.Fields("a an the thank thanks you all same sam e he at here there") {
		words[w] = true
	}
	assert.Equal(t, []string{"thank", "you", "all", "the", "same"}, styleSegment("thankyouallthesame", words, 6))
	assert.Equal(t, []string{"there"}, styleSegment("there", words, 6), "one word beats t+here and the+re")
	assert.Nil(t, styleSegment("thankyouxyz", words, 6))
}

func TestMetricConfigErrors(t *testing.T) {
	base := "id: x\nkind: %s\nseverity: info\nmessage: m\nexamples:\n  good: [ok]\n"
	tests := []struct {
		name, kind, block, want string
	}{
		{name: "no length block", kind: "length", want: "needs a length block"},
		{name: "no shouting block", kind: "shouting", want: "needs a shouting block"},
		{name: "no capitalization block", kind: "capitalization", want: "needs a capitalization block"},
		{name: "no spacing block", kind: "spacing", want: "needs a spacing block"},
		{name: "length without max", kind: "length", block: "length:\n  messages: {}\n", want: "needs max"},
		{name: "negative max", kind: "length", block: "length:\n  max:\n    amazon: -1\n", want: "test.yaml:9:13: max must not be negative"},
		{name: "bad type", kind: "length", block: "length:\n  max: {amazon: 5}\n  max-by-type: {memo: {amazon: 5}}\n", want: `test.yaml:9:16: unknown message type "memo"`},
		{name: "bad words language", kind: "spacing", block: "spacing:\n  words:\n    xx: [a]\n", want: `test.yaml:9:9: unsupported language "xx"`},
		{name: "bad greeting language", kind: "capitalization", block: "capitalization:\n  lower-after-greeting: [de, nl]\n", want: `unsupported language "nl"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := metricFromYAML(t, fmt.Sprintf(base, tt.kind)+tt.block)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
			assert.Contains(t, err.Error(), "test.yaml:")
		})
	}
}

func TestStyleDottedInitials(t *testing.T) {
	for w, want := range map[string]bool{
		"e.g.": true, "u.s.": true, "a.": true, "ab.": false, "Dr.": false, "z.B.": true,
		"i.e": false, ".": false, "a..b.": false, "abc.d.": false, "1.2.": false, "é.": true, "": false,
	} {
		if got := styleDottedInitials(w); got != want {
			t.Errorf("styleDottedInitials(%q) = %v, want %v", w, got, want)
		}
	}
}

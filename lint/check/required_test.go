package check

import (
	"fmt"
	"io/fs"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/replylint/replylint/lint/finding"
	"github.com/replylint/replylint/lint/message"
	"github.com/replylint/replylint/lint/rule"
	"github.com/replylint/replylint/rules"
)

const requiredRuleYAML = `id: test-apology
kind: required
severity: warning
message: no apology
applies-to: [complaint-reply]
required:
  where: anywhere
  insert: %s
  late-severity: info
  late-message: late apology
suggest:
  description: add one
  action: insert
  text:
    en: I'm sorry about this.
    ja: 申し訳ございません。
match:
  en:
    phrases: [sorry, (apologize|apologise)]
    except: ['re:\bnot (?:\w+ )?sorry']
  ja:
    phrases: [申し訳]
examples:
  bad: [x]
  good: [y]
`

func parseRule(t *testing.T, src string) *rule.Rule {
	t.Helper()
	r, err := rule.Parse("test.yaml", []byte(src))
	require.NoError(t, err)
	return r
}

func newMessage(text, lang string) *message.Message {
	return message.New(text, message.Context{Channel: rule.Amazon, Kind: rule.ComplaintReply, Mode: rule.Draft, Language: lang})
}

// applyFix applies a fix's edits, last first so offsets stay valid.
func applyFix(src string, fx Fix) string {
	edits := append([]Edit(nil), fx.Edits...)
	sort.Slice(edits, func(i, j int) bool { return edits[i].Span.Start > edits[j].Span.Start })
	for _, e := range edits {
		src = src[:e.Span.Start] + e.NewText + src[e.Span.End:]
	}
	return src
}

// assertWellFormed checks what an insertion must not break: no doubled
// spaces, no space before a line break, one line-ending style.
func assertWellFormed(t *testing.T, s string) {
	t.Helper()
	assert.NotContains(t, s, "  ", "double space in %q", s)
	assert.NotContains(t, s, " \n", "trailing space in %q", s)
	assert.NotContains(t, s, "\n\n\n", "two blank lines in %q", s)
	if strings.Contains(s, "\r\n") {
		assert.Equal(t, strings.Count(s, "\n"), strings.Count(s, "\r\n"), "mixed line endings in %q", s)
	}
}

func TestRequiredMissingInsertsAtStart(t *testing.T) {
	c, err := NewRequired(parseRule(t, fmt.Sprintf(requiredRuleYAML, "start")), nil)
	require.NoError(t, err)
	tests := []struct {
		name, lang, text, want string
	}{
		{
			name: "letter with blank lines",
			lang: "en",
			text: "Hi Ann,\n\nThe parcel left on Monday.\n\nI will refund the postage.\n\nBest,\nTom",
			want: "Hi Ann,\n\nI'm sorry about this.\n\nThe parcel left on Monday.\n\nI will refund the postage.\n\nBest,\nTom",
		},
		{
			name: "CRLF letter",
			lang: "en",
			text: "Hi Ann,\r\n\r\nThe parcel left on Monday.\r\n\r\nI will refund the postage.\r\n\r\nBest,\r\nTom",
			want: "Hi Ann,\r\n\r\nI'm sorry about this.\r\n\r\nThe parcel left on Monday.\r\n\r\nI will refund the postage.\r\n\r\nBest,\r\nTom",
		},
		{
			name: "one line",
			lang: "en",
			text: "The parcel left on Monday.",
			want: "I'm sorry about this. The parcel left on Monday.",
		},
		{
			name: "one paragraph under a greeting",
			lang: "en",
			text: "Hello Ann,\n\nThe parcel left on Monday. It should arrive soon.\n\nRegards,\nTom",
			want: "Hello Ann,\n\nI'm sorry about this. The parcel left on Monday. It should arrive soon.\n\nRegards,\nTom",
		},
		{
			name: "social reply with handle and inline greeting",
			lang: "en",
			text: "@buyer42 Hey Sara, the parcel left on Monday. ^TK",
			want: "@buyer42 Hey Sara, I'm sorry about this. the parcel left on Monday. ^TK",
		},
		{
			name: "chat with one paragraph per line",
			lang: "en",
			text: "Hello!\nThe parcel left on Monday.\nIt should arrive soon.",
			want: "Hello!\nI'm sorry about this.\nThe parcel left on Monday.\nIt should arrive soon.",
		},
		{
			name: "japanese without spaces",
			lang: "ja",
			text: "山田様\n\n商品は月曜日に発送しました。\n\nよろしくお願いいたします。",
			want: "山田様\n\n申し訳ございません。商品は月曜日に発送しました。\n\nよろしくお願いいたします。",
		},
		{
			name: "empty text",
			lang: "en",
			text: "",
			want: "I'm sorry about this.",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hits := c.Run(newMessage(tt.text, tt.lang))
			require.Len(t, hits, 1)
			h := hits[0]
			assert.Equal(t, h.Span.Start, h.Span.End, "zero-width span")
			assert.Equal(t, finding.Off, h.MaxSeverity)
			require.Len(t, h.Suggestions, 1)
			require.Len(t, h.Suggestions[0].Edits, 1)
			assert.Equal(t, h.Span, h.Suggestions[0].Edits[0].Span, "the hit sits at the insertion point")
			got := applyFix(tt.text, h.Suggestions[0])
			assert.Equal(t, tt.want, got)
			assertWellFormed(t, got)
			assert.Empty(t, c.Run(newMessage(got, tt.lang)), "the inserted text satisfies the rule")
		})
	}
}

func TestRequiredPresentOrNot(t *testing.T) {
	c, err := NewRequired(parseRule(t, fmt.Sprintf(requiredRuleYAML, "start")), nil)
	require.NoError(t, err)
	tests := []struct {
		name, lang, text string
		hit              bool
	}{
		{"apology first", "en", "I'm sorry the lamp broke. I will send a new one.", false},
		{"apology in the greeting line", "en", "Hi Ann, so sorry!\n\nI will send a new one.\n\nBest,\nTom", false},
		{"other inflection", "en", "We apologise for the delay. A new one is on its way.", false},
		{"negated", "en", "We are not sorry about the delay. The carrier caused it.", true},
		{"only in a quoted line", "en", "> I want an apology, sorry is not enough\n\nThe parcel left on Monday.", true},
		{"only in quotation marks", "en", `You wrote "sorry does not help". The parcel left on Monday.`, true},
		{"none", "en", "The parcel left on Monday. It will arrive soon.", true},
		{"only in the quoted earlier message", "en", "The parcel left on Monday.\n\nOn Monday, Ann wrote:\nSorry to bother you, where is my parcel?", true},
		{"only below an original-message header", "en", "The parcel left on Monday.\n\n-----Original Message-----\nI am sorry but where is it?", true},
		{"language without vocabulary", "fr", "Le colis est parti lundi.", false},
		{"japanese", "ja", "申し訳ございません。本日発送いたします。", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hits := c.Run(newMessage(tt.text, tt.lang))
			if tt.hit {
				require.Len(t, hits, 1)
				assert.Equal(t, finding.Off, hits[0].MaxSeverity, "a missing element is not capped")
			} else {
				assert.Empty(t, hits)
			}
		})
	}
}

func TestRequiredLate(t *testing.T) {
	c, err := NewRequired(parseRule(t, fmt.Sprintf(requiredRuleYAML, "start")), nil)
	require.NoError(t, err)
	tests := []struct {
		name, text, match string
		late              bool
	}{
		{
			name:  "last paragraph",
			text:  "Hi Ann,\n\nThe carrier lost the parcel.\n\nI will send a new one.\n\nSorry for the trouble.\n\nBest,\nTom",
			match: "Sorry",
			late:  true,
		},
		{
			name:  "last sentence of a long single paragraph",
			text:  "The carrier lost the parcel. It was their fault. I will send a new one. Sorry for the trouble.",
			match: "Sorry",
			late:  true,
		},
		{
			name: "second of two sentences is not late",
			text: "Thanks for writing. Sorry the parcel is lost.",
		},
		{
			name: "after a thank-you paragraph, in the first half",
			text: "Hi Ann,\n\nThank you for your message.\n\nI'm sorry the parcel is lost. I will send a new one today. It leaves at noon.\n\nBest,\nTom",
		},
		{
			name:  "in the closing lines",
			text:  "Hi Ann,\n\nThe carrier lost the parcel. I will send a new one.\n\nSorry again,\nTom",
			match: "Sorry",
			late:  true,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hits := c.Run(newMessage(tt.text, "en"))
			if !tt.late {
				assert.Empty(t, hits)
				return
			}
			require.Len(t, hits, 1)
			h := hits[0]
			assert.Equal(t, tt.match, tt.text[h.Span.Start:h.Span.End])
			assert.Equal(t, finding.Info, h.MaxSeverity)
			assert.Equal(t, "late apology", h.Message)
			require.Len(t, h.Suggestions, 1)
			got := applyFix(tt.text, h.Suggestions[0])
			assertWellFormed(t, got)
			assert.Empty(t, c.Run(newMessage(got, "en")), "an apology up front settles it")
		})
	}
}

func TestRequiredInsertPlaces(t *testing.T) {
	tests := []struct {
		name, insert, text, want string
	}{
		{
			name:   "after the first sentence",
			insert: "after-first-sentence",
			text:   "Hi Ann,\n\nThe lamp broke in transit. A new one is available.\n\nBest,\nTom",
			want:   "Hi Ann,\n\nThe lamp broke in transit. I'm sorry about this. A new one is available.\n\nBest,\nTom",
		},
		{
			name:   "after a first sentence without a full stop",
			insert: "after-first-sentence",
			text:   "The lamp broke in transit",
			want:   "The lamp broke in transit. I'm sorry about this.",
		},
		{
			name:   "before the closing paragraph",
			insert: "before-closing",
			text:   "Hi Ann,\n\nThe lamp broke in transit.\n\nWhich colour would you like?\n\nBest,\nTom",
			want:   "Hi Ann,\n\nThe lamp broke in transit.\n\nI'm sorry about this.\n\nWhich colour would you like?\n\nBest,\nTom",
		},
		{
			name:   "before the closing question, not the pleasantry after it",
			insert: "before-closing",
			text:   "Hi Ann,\n\nThe lamp broke in transit.\n\nWhich colour would you like?\n\nThanks for your patience.\n\nBest,\nTom",
			want:   "Hi Ann,\n\nThe lamp broke in transit.\n\nI'm sorry about this.\n\nWhich colour would you like?\n\nThanks for your patience.\n\nBest,\nTom",
		},
		{
			name:   "before a closing question in one paragraph",
			insert: "before-closing",
			text:   "The lamp broke in transit. Which colour would you like?",
			want:   "The lamp broke in transit. I'm sorry about this. Which colour would you like?",
		},
		{
			name:   "at the end of one paragraph without a question",
			insert: "before-closing",
			text:   "The lamp broke in transit. A new one is available",
			want:   "The lamp broke in transit. A new one is available. I'm sorry about this.",
		},
		{
			name:   "at the end",
			insert: "end",
			text:   "Hi Ann,\n\nThe lamp broke in transit.\n\nA new one is available.\n\nBest,\nTom",
			want:   "Hi Ann,\n\nThe lamp broke in transit.\n\nA new one is available. I'm sorry about this.\n\nBest,\nTom",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := NewRequired(parseRule(t, fmt.Sprintf(requiredRuleYAML, tt.insert)), nil)
			require.NoError(t, err)
			hits := c.Run(newMessage(tt.text, "en"))
			require.Len(t, hits, 1)
			require.Len(t, hits[0].Suggestions, 1)
			got := applyFix(tt.text, hits[0].Suggestions[0])
			assert.Equal(t, tt.want, got)
			assertWellFormed(t, got)
		})
	}
}

func TestRequiredWhere(t *testing.T) {
	src := strings.Replace(fmt.Sprintf(requiredRuleYAML, "start"), "  where: anywhere\n", "  where: opening\n", 1)
	src = strings.Replace(src, "  late-severity: info\n  late-message: late apology\n", "", 1)
	c, err := NewRequired(parseRule(t, src), nil)
	require.NoError(t, err)
	assert.Empty(t, c.Run(newMessage("Hi Ann,\n\nSorry the lamp broke.\n\nA new one is on its way.\n\nBest,\nTom", "en")))
	hits := c.Run(newMessage("Hi Ann,\n\nThe lamp broke.\n\nSorry about it.\n\nBest,\nTom", "en"))
	require.Len(t, hits, 1, "an apology outside the opening does not count")
	assert.Equal(t, finding.Off, hits[0].MaxSeverity)
}

func TestNewRequiredErrors(t *testing.T) {
	base := fmt.Sprintf(requiredRuleYAML, "start")
	tests := []struct {
		name, from, to, want string
	}{
		{"unknown where", "where: anywhere", "where: middle", `unknown where "middle"`},
		{"unknown insert", "insert: start", "insert: middle", `unknown insert "middle"`},
		{"bad late severity", "late-severity: info", "late-severity: loud", "late-severity must be"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := NewRequired(parseRule(t, strings.Replace(base, tt.from, tt.to, 1)), nil)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
			assert.Contains(t, err.Error(), "test.yaml:", "positioned in the rule file")
		})
	}
	head, _, found := strings.Cut(base, "match:\n")
	require.True(t, found)
	noMatch := head + "examples:\n  bad: [x]\n  good: [y]\n"
	_, err := NewRequired(parseRule(t, noMatch), nil)
	assert.ErrorContains(t, err, "needs a patterns or match block")
}

// TestBuiltinRequiredInsertions checks every built-in required rule in every
// language it knows: on a message that lacks everything, its suggestion
// inserts well-formed text that satisfies the rule.
func TestBuiltinRequiredInsertions(t *testing.T) {
	bodies := map[string]string{
		"en": "Hi Ann,\n\nThe parcel left our warehouse on Monday.\n\nThe tracking page shows it in transit.\n\nBest regards,\nTom",
		"de": "Hallo Anna,\n\nDas Paket hat unser Lager am Montag verlassen.\n\nDie Sendungsverfolgung zeigt es unterwegs.\n\nMit freundlichen Grüßen\nTom",
		"fr": "Bonjour Anne,\n\nLe colis a quitté notre entrepôt lundi.\n\nLe suivi indique qu'il est en route.\n\nCordialement,\nTom",
		"es": "Hola Ana,\n\nEl paquete salió de nuestro almacén el lunes.\n\nEl seguimiento indica que está en camino.\n\nSaludos cordiales,\nTom",
		"it": "Ciao Anna,\n\nIl pacco ha lasciato il nostro magazzino lunedì.\n\nIl tracciamento indica che è in viaggio.\n\nCordiali saluti,\nTom",
		"ja": "山田様\n\n商品は月曜日に倉庫から出荷されました。\n\n追跡情報では現在配送中です。\n\nよろしくお願いいたします。",
		"zh": "您好，\n\n包裹已于周一从仓库发出。\n\n物流信息显示正在运输中。\n\n谢谢",
	}
	found := 0
	err := fs.WalkDir(rules.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		r, err := rule.ParseFS(rules.FS, ".", p, "")
		if err != nil || r.Kind != rule.KindRequired {
			return nil //nolint:nilerr // other helpers' rules are tested elsewhere
		}
		found++
		c, err := NewRequired(r, testEnv(t))
		require.NoError(t, err, p)
		for _, lang := range r.Languages {
			t.Run(r.ID+"/"+lang, func(t *testing.T) {
				body, ok := bodies[lang]
				require.True(t, ok, "no test body for %s", lang)
				hits := c.Run(newMessage(body, lang))
				require.Len(t, hits, 1, "the bare message lacks the element")
				require.NotEmpty(t, hits[0].Suggestions)
				got := applyFix(body, hits[0].Suggestions[0])
				assertWellFormed(t, got)
				assert.Empty(t, c.Run(newMessage(got, lang)), "inserted text satisfies the rule: %q", got)
			})
		}
		return nil
	})
	require.NoError(t, err)
	assert.Positive(t, found)
}

package check

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/replylint/replylint/lint/rule"
	"github.com/replylint/replylint/rules"
)

const choiceRuleYAML = `id: test-choice
kind: choice-question
severity: warning
message: no choice
applies-to: [complaint-reply]
suggest:
  description: ask for a choice
  action: replace-sentence
  text:
    en: Would you prefer a refund or a replacement?
    ja: 返金と交換のどちらをご希望でしょうか？
choice:
  en:
    questions: [let (me|us) know, please (tell|choose)]
    alternatives:
      - or
      - (whichever|which) * (prefer|like|want)
      - either
    not-choice: [or not, (questions|concerns) or (questions|concerns), or anything else]
  ja:
    questions: [(でしょうか|ますか)]
    alternatives: [(それとも|または|どちら)]
    not-choice: [(ご質問|ご不明な点)(または|や)]
examples:
  bad: [x]
  good: [y]
`

func TestChoiceQuestion(t *testing.T) {
	c, err := NewChoiceQuestion(parseRule(t, choiceRuleYAML), nil)
	require.NoError(t, err)
	tests := []struct {
		name, lang, text string
		// span is the reported text ("" for a zero-width hit); ok means no hit.
		ok   bool
		span string
		// want is the text after the suggestion.
		want string
	}{
		{
			name: "choice with or",
			lang: "en", ok: true,
			text: "Hi Ann,\n\nI'm sorry the mug broke.\n\nWould you like a new mug or a refund?\n\nBest,\nTom",
		},
		{
			name: "which you prefer without a question mark",
			lang: "en", ok: true,
			text: "I'm sorry the mug broke. I can send a new one or refund you. Please let me know which you prefer.",
		},
		{
			name: "question followed by a pleasantry",
			lang: "en", ok: true,
			text: "Hi Ann,\n\nI'm sorry the mug broke.\n\nWould you like a new mug or a refund?\n\nThank you for your patience.\n\nBest,\nTom",
		},
		{
			name: "yes/no question then an alternative sentence",
			lang: "en", ok: true,
			text: "I'm sorry the mug broke. Would you like to wait for the new stock? Or I can refund you today.",
		},
		{
			name: "yes/no question",
			lang: "en",
			text: "Hi Ann,\n\nI'm sorry the mug broke. I will send a new one.\n\nIs that OK?\n\nBest,\nTom",
			span: "Is that OK?",
			want: "Hi Ann,\n\nI'm sorry the mug broke. I will send a new one.\n\nWould you prefer a refund or a replacement?\n\nBest,\nTom",
		},
		{
			name: "which about a fact",
			lang: "en",
			text: "Sorry about that. Which version of the app are you on?",
			span: "Which version of the app are you on?",
			want: "Sorry about that. Would you prefer a refund or a replacement?",
		},
		{
			name: "alternative cancelled by a not-choice phrase",
			lang: "en",
			text: "I'm sorry the mug broke. I will send a new one. Let me know if you have any questions or concerns.",
			span: "Let me know if you have any questions or concerns.",
			want: "I'm sorry the mug broke. I will send a new one. Would you prefer a refund or a replacement?",
		},
		{
			name: "no question at all",
			lang: "en",
			text: "Hi Ann,\n\nI'm sorry the mug broke.\n\nI will send a new one today.\n\nBest,\nTom",
			want: "Hi Ann,\n\nI'm sorry the mug broke.\n\nI will send a new one today. Would you prefer a refund or a replacement?\n\nBest,\nTom",
		},
		{
			name: "no question, CRLF and no final stop",
			lang: "en",
			text: "Hi Ann,\r\n\r\nI'm sorry the mug broke\r\n\r\nBest,\r\nTom",
			want: "Hi Ann,\r\n\r\nI'm sorry the mug broke. Would you prefer a refund or a replacement?\r\n\r\nBest,\r\nTom",
		},
		{
			name: "choice in the body, yes/no question in the closing",
			lang: "en",
			text: "Hi Ann,\n\nWould you like a new mug or a refund?\n\nI have checked the stock. We have the blue one. It ships from Berlin. Is that OK?\n\nBest,\nTom",
			span: "Is that OK?",
			want: "Hi Ann,\n\nWould you like a new mug or a refund?\n\nI have checked the stock. We have the blue one. It ships from Berlin. Would you prefer a refund or a replacement?\n\nBest,\nTom",
		},
		{
			name: "japanese choice without a question mark",
			lang: "ja", ok: true,
			text: "申し訳ございません。返金と交換のどちらがよろしいでしょうか。",
		},
		{
			name: "japanese yes/no question",
			lang: "ja",
			text: "申し訳ございません。交換品を発送いたします。よろしいでしょうか？",
			span: "よろしいでしょうか？",
			want: "申し訳ございません。交換品を発送いたします。返金と交換のどちらをご希望でしょうか？",
		},
		{
			name: "japanese cancelled alternative",
			lang: "ja",
			text: "申し訳ございません。ご質問またはご要望があればお知らせいただけますか？",
			span: "ご質問またはご要望があればお知らせいただけますか？",
			want: "申し訳ございません。返金と交換のどちらをご希望でしょうか？",
		},
		{
			name: "language without vocabulary",
			lang: "fr", ok: true,
			text: "Désolé. Est-ce que cela vous convient ?",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hits := c.Run(newMessage(tt.text, tt.lang))
			if tt.ok {
				assert.Empty(t, hits)
				return
			}
			require.Len(t, hits, 1)
			h := hits[0]
			assert.Equal(t, tt.span, tt.text[h.Span.Start:h.Span.End])
			require.Len(t, h.Suggestions, 1)
			got := applyFix(tt.text, h.Suggestions[0])
			assert.Equal(t, tt.want, got)
			assertWellFormed(t, got)
			assert.Empty(t, c.Run(newMessage(got, tt.lang)), "the suggested question satisfies the rule")
		})
	}
}

func TestNewChoiceQuestionErrors(t *testing.T) {
	tests := []struct {
		name, from, to, want string
	}{
		{"unsupported language", "  ja:\n", "  pt:\n", `unsupported language "pt"`},
		{"no alternatives", "    alternatives: [(それとも|または|どちら)]\n", "", "needs alternatives"},
		{"bad pattern", "[or not,", "['re:(', or not,", "except"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := strings.Replace(choiceRuleYAML, tt.from, tt.to, 1)
			require.NotEqual(t, choiceRuleYAML, src)
			_, err := NewChoiceQuestion(parseRule(t, src), nil)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
			assert.Contains(t, err.Error(), "test.yaml:", "positioned in the rule file")
		})
	}
	head, _, found := strings.Cut(choiceRuleYAML, "choice:\n")
	require.True(t, found)
	noChoice := head + "examples:\n  bad: [x]\n  good: [y]\n"
	_, err := NewChoiceQuestion(parseRule(t, noChoice), nil)
	assert.ErrorContains(t, err, "or a choice block")
}

// TestBuiltinChoiceQuestionSuggestion checks the built-in rule in every
// language: a closing without a choice fires, and the suggested question
// settles it.
func TestBuiltinChoiceQuestionSuggestion(t *testing.T) {
	r, err := rule.ParseFS(rules.FS, ".", "empathy/choice-question.yaml", "")
	require.NoError(t, err)
	c, err := NewChoiceQuestion(r, testEnv(t))
	require.NoError(t, err)
	bodies := map[string]string{
		"en": "Hi Ann,\n\nI'm sorry the mug broke.\n\nIs that OK?\n\nBest regards,\nTom",
		"de": "Hallo Anna,\n\nEs tut mir leid, dass die Tasse kaputt ist.\n\nIst das in Ordnung?\n\nMit freundlichen Grüßen\nTom",
		"fr": "Bonjour Anne,\n\nJe suis désolé que la tasse soit cassée.\n\nCela vous convient-il ?\n\nCordialement,\nTom",
		"es": "Hola Ana,\n\nSiento mucho que la taza llegara rota.\n\n¿Le parece bien?\n\nSaludos cordiales,\nTom",
		"it": "Ciao Anna,\n\nMi dispiace che la tazza sia arrivata rotta.\n\nLe va bene?\n\nCordiali saluti,\nTom",
		"ja": "山田様\n\nカップが破損しており申し訳ございません。\n\nよろしいでしょうか？\n\nよろしくお願いいたします。",
		"zh": "您好，\n\n非常抱歉杯子破损了。\n\n可以吗？\n\n谢谢",
	}
	for _, lang := range r.Languages {
		t.Run(lang, func(t *testing.T) {
			body, ok := bodies[lang]
			require.True(t, ok, "no test body for %s", lang)
			hits := c.Run(newMessage(body, lang))
			require.Len(t, hits, 1, "a yes/no closing fires")
			require.NotEmpty(t, hits[0].Suggestions)
			got := applyFix(body, hits[0].Suggestions[0])
			assertWellFormed(t, got)
			assert.Empty(t, c.Run(newMessage(got, lang)), "suggested question satisfies the rule: %q", got)
		})
	}
}

func TestChoiceQuestionNotChoiceRespectsWords(t *testing.T) {
	src := strings.Replace(choiceRuleYAML, "not-choice: [or not,", "not-choice: [or (so|more), or not,", 1)
	c, err := NewChoiceQuestion(parseRule(t, src), nil)
	require.NoError(t, err)
	// "or so" must not cancel the "or" of "or some", nor "or not" that of "or nothing".
	assert.Empty(t, c.Run(newMessage("Sorry! Would you like a refund or some store credit?", "en")))
	assert.Empty(t, c.Run(newMessage("Sorry! Shall I send the spare part or nothing at all?", "en")))
	assert.Len(t, c.Run(newMessage("Sorry! Is a new one in a day or so OK for you?", "en")), 1)
	assert.Len(t, c.Run(newMessage("Sorry! Would you like a refund or not?", "en")), 1)
}

package lint_test

import (
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/replylint/replylint/lint"
	"github.com/replylint/replylint/lint/finding"
	"github.com/replylint/replylint/lint/rule"
	"github.com/replylint/replylint/rules"
)

func builtin(t testing.TB) *lint.Linter {
	t.Helper()
	l, err := lint.New(lint.Config{Builtin: true})
	require.NoError(t, err)
	return l
}

func readExample(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile("../testdata/examples/" + name)
	require.NoError(t, err)
	return string(data)
}

// rulesByLine collects rule IDs by the line of their finding.
func rulesByLine(fs []finding.Finding) map[string][]int {
	out := map[string][]int{}
	for _, f := range fs {
		out[f.Rule] = append(out[f.Rule], f.Start.Line)
	}
	return out
}

func TestBadReplyFindingsOnTheRightLines(t *testing.T) {
	res := builtin(t).Lint(readExample(t, "bad-reply.txt"), lint.Options{Channel: rule.Amazon})
	got := rulesByLine(res.Findings)
	assert.Equal(t, rule.ComplaintReply, res.Kind)
	assert.Contains(t, got["style-spacing"], 3, "run-together 'blender.Honestly'")
	assert.Contains(t, got["blame"], 3, "blames the buyer")
	assert.Contains(t, got["review-manipulation"], 5, "asks to remove the review")
	assert.Contains(t, got["pressure"], 5, "please please")
	assert.Contains(t, got["external-link"], 5, "links to a shop")
	assert.Contains(t, got["contact-info"], 5, "e-mail address")
	assert.Contains(t, got, "apology", "no apology anywhere")
	assert.Less(t, res.Score, 40)
	for _, f := range res.Findings {
		if f.Rule == "apology" {
			require.NotEmpty(t, f.Suggestions, "the apology finding suggests an insertion")
		}
	}
	for _, id := range []string{"review-manipulation", "blame", "external-link", "style-spacing"} {
		for _, f := range res.Findings {
			if f.Rule == id {
				assert.NotEmpty(t, f.Suggestions, "%s has a rewrite", id)
			}
		}
	}
}

func TestFourStepReplyScoresHigh(t *testing.T) {
	res := builtin(t).Lint(readExample(t, "good-reply.txt"), lint.Options{Channel: rule.Amazon})
	for _, f := range res.Findings {
		assert.Less(t, f.Severity, finding.Warning, "unexpected %s %s at %d:%d: %s", f.Severity, f.Rule, f.Start.Line, f.Start.Column, f.Message)
	}
	assert.GreaterOrEqual(t, res.Score, 90)
	assert.Equal(t, "A", res.Grade)
}

func TestScoreCapsOneRuleAtTwiceItsWeight(t *testing.T) {
	l := builtin(t)
	msg := "Please remove your review. Please delete your review. Please change your review. Please edit your review."
	res := l.Lint(msg, lint.Options{Kind: rule.Reply, Only: "review-manipulation"})
	require.Len(t, res.Findings, 4)
	assert.Equal(t, 40, res.Score, "4 errors of weight 30 cost at most 60")
}

func TestDisableAndOverride(t *testing.T) {
	msg := "Please remove your review."
	l, err := lint.New(lint.Config{Builtin: true, Disable: []string{"review-manipulation"}})
	require.NoError(t, err)
	assert.Empty(t, rulesByLine(l.Lint(msg, lint.Options{Kind: rule.Reply}).Findings)["review-manipulation"])

	l, err = lint.New(lint.Config{Builtin: true, Severity: map[string]finding.Severity{"review-manipulation": finding.Info}})
	require.NoError(t, err)
	res := l.Lint(msg, lint.Options{Kind: rule.Reply, Only: "review-manipulation"})
	require.Len(t, res.Findings, 1)
	assert.Equal(t, finding.Info, res.Findings[0].Severity)

	_, err = lint.New(lint.Config{Builtin: true, Disable: []string{"no-such-rule"}})
	var cfgErr *lint.ConfigError
	require.ErrorAs(t, err, &cfgErr)
	assert.Contains(t, err.Error(), "no-such-rule")
}

func TestChannelSwitchesRulesOff(t *testing.T) {
	l := builtin(t)
	msg := "Use code SAVE10 for 10% off your next order!"
	amazon := rulesByLine(l.Lint(msg, lint.Options{Channel: rule.Amazon}).Findings)
	shopify := rulesByLine(l.Lint(msg, lint.Options{Channel: rule.Shopify}).Findings)
	assert.Contains(t, amazon, "promotion")
	assert.NotContains(t, shopify, "promotion")
}

func TestPositionsPointAtOriginalText(t *testing.T) {
	msg := "Hello,\r\n\r\nＰＬＥＡＳＥ  remove\u200b your review."
	res := builtin(t).Lint(msg, lint.Options{Kind: rule.Reply, Only: "review-manipulation"})
	require.Len(t, res.Findings, 1)
	f := res.Findings[0]
	assert.Equal(t, 3, f.Start.Line)
	assert.Equal(t, msg[f.Start.Offset:f.End.Offset], f.Match)
	assert.Equal(t, "remove\u200b your review", f.Match)
	assert.Equal(t, 9, f.Start.Column, "columns count code points")
}

// TestBuiltinRulesPassTheLoadCheck: the built-in rules load as a user's
// rules do (every expression and pattern compiled at load).
func TestBuiltinRulesPassTheLoadCheck(t *testing.T) {
	rs, err := rule.LoadFS(rules.FS, ".", "rules")
	require.NoError(t, err)
	_, err = lint.NewFromRules(rs, lint.Config{})
	require.NoError(t, err)
}

// TestKindDetection: a message, or the buyer message it answers, that
// names an order problem in any supported language makes a complaint
// reply; words that merely contain a problem word do not.
func TestKindDetection(t *testing.T) {
	l := builtin(t)
	tests := []struct {
		text, inReplyTo, lang string
		want                  rule.MessageKind
	}{
		{"Thank you for your order. It ships tomorrow.", "", "en", rule.Proactive},
		{"Thank you for your order. It ships tomorrow.", "Can I pay by card?", "en", rule.Reply},
		{"Thank you for your message. Your order ships tomorrow.", "", "en", rule.Reply},
		{"Sorry the lid arrived DAMAGED.", "", "en", rule.ComplaintReply},
		{"Thanks for writing.", "My parcel never arrived!", "en", rule.ComplaintReply},
		{"Your item is not-working? Let us fix it.", "", "en", rule.ComplaintReply},
		{"We improved the lateral fit of our shoes.", "", "en", rule.Reply}, // "late" inside a word
		{"Es tut uns leid, der Artikel ist beschädigt.", "", "de", rule.ComplaintReply},
		{"Nous sommes désolés pour le retard.", "", "fr", rule.ComplaintReply},
		{"Lamentamos que el paquete llegara dañado.", "", "es", rule.ComplaintReply},
		{"Ci scusiamo, il pacco è in ritardo.", "", "it", rule.ComplaintReply},
		{"商品が破損していたとのこと、申し訳ございません。", "", "ja", rule.ComplaintReply},
		{"很抱歉您的包裹没收到。", "", "zh", rule.ComplaintReply},
		{"ご注文ありがとうございます。", "", "ja", rule.Proactive},
	}
	for _, tc := range tests {
		res := l.Lint(tc.text, lint.Options{Language: tc.lang, InReplyTo: tc.inReplyTo})
		assert.Equal(t, tc.want, res.Kind, "%q (in reply to %q)", tc.text, tc.inReplyTo)
	}
}

// TestChoiceQuestionGoesBeforeGermanSignOff: German closings with ß are
// sign-offs, so the closing question is inserted above them, not after the
// name under them.
func TestChoiceQuestionGoesBeforeGermanSignOff(t *testing.T) {
	l := builtin(t)
	for _, signOff := range []string{"Viele Grüße", "Mit freundlichen Grüßen", "Liebe Grüsse"} {
		draft := "Guten Tag Frau Vogel,\n\nes tut mir leid, dass das Paket beschädigt ankam. Das war unser Fehler. Wir senden Ihnen heute kostenlos Ersatz.\n\n" + signOff + "\nTom\n"
		res := l.Lint(draft, lint.Options{Language: "de", Kind: rule.ComplaintReply})
		var edit *finding.Edit
		for _, f := range res.Findings {
			if f.Rule == "choice-question" && len(f.Suggestions) > 0 && len(f.Suggestions[0].Edits) > 0 {
				edit = &f.Suggestions[0].Edits[0]
			}
		}
		require.NotNil(t, edit, "%s: a closing question is suggested: %v", signOff, res.Findings)
		signOffLine := 5
		assert.Less(t, edit.Start.Line, signOffLine+1, "%s: inserted above the sign-off, not after the name", signOff)
		assert.GreaterOrEqual(t, edit.Start.Line, 3, "%s: inserted after the body", signOff)
	}
}

// TestDetectedProactiveIsAdvisory: a message read as proactive from its
// words gets the proactive-only judgements as warnings that say how to
// declare a reply; declared proactive they are errors; declared a reply
// they are not made.
func TestDetectedProactiveIsAdvisory(t *testing.T) {
	l := builtin(t)
	confirmation := "Hi Sam,\n\nThank you for your order. Your parcel left our warehouse today.\n\nBest regards,\nTom\n"
	byRule := func(res *lint.Result) map[string]finding.Finding {
		out := map[string]finding.Finding{}
		for _, f := range res.Findings {
			out[f.Rule] = f
		}
		return out
	}
	detected := l.Lint(confirmation, lint.Options{Channel: rule.Amazon})
	assert.Equal(t, rule.Proactive, detected.Kind)
	for _, id := range []string{"message-type", "order-id"} {
		f, ok := byRule(detected)[id]
		require.True(t, ok, "%s: %v", id, detected.Findings)
		assert.Equal(t, finding.Warning, f.Severity, id)
		assert.Contains(t, f.Message, "declare kind: reply", id)
	}
	declared := l.Lint(confirmation, lint.Options{Channel: rule.Amazon, Kind: rule.Proactive})
	for _, id := range []string{"message-type", "order-id"} {
		f, ok := byRule(declared)[id]
		require.True(t, ok, id)
		assert.Equal(t, finding.Error, f.Severity, id)
		assert.NotContains(t, f.Message, "declare kind", id)
	}
	reply := l.Lint(confirmation, lint.Options{Channel: rule.Amazon, Kind: rule.Reply})
	assert.NotContains(t, byRule(reply), "message-type")
	assert.NotContains(t, byRule(reply), "order-id")
}

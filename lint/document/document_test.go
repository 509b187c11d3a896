package document_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/replylint/replylint/lint/document"
	"github.com/replylint/replylint/lint/finding"
	"github.com/replylint/replylint/lint/rule"
	"github.com/replylint/replylint/lint/text"
)

// split splits src and fails on any problem.
func split(t *testing.T, path, src string) []*document.Message {
	t.Helper()
	msgs, errs := document.Split(path, src)
	require.Empty(t, errs)
	return msgs
}

// problems returns the problems of splitting src as "line:col: msg".
func problems(t *testing.T, path, src string) ([]*document.Message, []string) {
	t.Helper()
	msgs, errs := document.Split(path, src)
	var out []string
	for _, err := range errs {
		var p *document.Problem
		require.True(t, errors.As(err, &p), "%v", err)
		prefix := ""
		if p.Warning {
			prefix = "warning: "
		}
		out = append(out, strings.TrimPrefix(p.Error(), path+":")+"|"+prefix)
	}
	return msgs, out
}

// fileOf finds sub in the message text, maps it to the file and returns
// the file's bytes there; it fails unless the range can be written back.
func fileOf(t *testing.T, m *document.Message, src, sub string) string {
	t.Helper()
	i := strings.Index(m.Text, sub)
	require.GreaterOrEqual(t, i, 0, "%q not in %q", sub, m.Text)
	fs, fe, ok := m.FileSpan(i, i+len(sub))
	require.True(t, ok, "FileSpan of %q", sub)
	return src[fs:fe]
}

func TestDetectFormat(t *testing.T) {
	tests := []struct {
		path, src string
		want      document.Format
	}{
		{"reply.txt", "<p>hi</p>", document.Text},
		{"reply.eml", "hello", document.Email},
		{"reply.tmpl", "Hello {{.Name}},\nthanks", document.Text},
		{"reply.tmpl", "<p>Hello {{.Name}},</p>", document.HTML},
		{"reply.html.j2", "Hello", document.HTML},
		{"reply.md.hbs", "Hello", document.Markdown},
		{"README.MD", "# x", document.Markdown},
		{"mail.htm", "text", document.HTML},
		{"set.yml", "a: b", document.YAML},
		{"set.JSON", "[]", document.JSON},
		{"-", `[{"body": "hi"}]`, document.JSON},
		{"-", "{{#if x}}hi{{/if}}", document.Text},
		{"-", "Dear <Buyer Name>, thanks", document.Text},
		{"-", "Hi<br>there", document.HTML},
		{"-", "<!DOCTYPE html><title>x</title>", document.HTML},
		{"-", "key: value", document.Text},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, document.DetectFormat(tt.path, tt.src), "%s %q", tt.path, tt.src)
	}
	f, err := document.ParseFormat("yml")
	require.NoError(t, err)
	assert.Equal(t, document.YAML, f)
	_, err = document.ParseFormat("docx")
	assert.ErrorContains(t, err, "unknown format")
}

func TestPlainTextIsTheFile(t *testing.T) {
	for _, src := range []string{
		"Hello Sam,\nplease do not remove your review.\nBest,\nAnn\n",
		"Hello Sam,\r\nplease do not remove your review.\r\nBest,\r\nAnn\r\n",
		"",
	} {
		msgs := split(t, "reply.txt", src)
		require.Len(t, msgs, 1)
		m := msgs[0]
		assert.Equal(t, src, m.Text)
		assert.Equal(t, "", m.Name)
		assert.Equal(t, document.Text, m.Format)
		for o := 0; o <= len(src); o++ {
			assert.Equal(t, o, m.FileOffset(o))
		}
		if src != "" {
			assert.Equal(t, "remove your review", fileOf(t, m, src, "remove your review"))
			// CR LF stays: the line table of Text agrees with the file's.
			i := strings.Index(m.Text, "Best")
			assert.Equal(t, text.NewSource(src).Position(i), text.NewSource(m.Text).Position(i))
		}
	}
}

func TestFrontMatter(t *testing.T) {
	src := "---\n" +
		"name: late-delivery\n" +
		"channel: ebay\n" +
		"kind: complaint-reply\n" +
		"language: de\n" +
		"mode: template\n" +
		"marketplace: amazon.de\n" +
		"disable: [apology, choice-question]\n" +
		"subject: \"Ihre Bestellung \\u00fcber {{order}}\"\n" +
		"---\n" +
		"Hallo,\n\nbitte entfernen Sie Ihre Bewertung nicht.\n"
	msgs := split(t, "late.md", src)
	require.Len(t, msgs, 1)
	m := msgs[0]
	assert.Equal(t, "late-delivery", m.Name)
	assert.Equal(t, document.Markdown, m.Format)
	s := m.Settings
	assert.Equal(t, rule.Ebay, s.Channel)
	assert.Equal(t, rule.ComplaintReply, s.Kind)
	assert.Equal(t, "de", s.Language)
	assert.Equal(t, rule.Template, s.Mode)
	assert.Equal(t, "amazon.de", s.Marketplace)
	assert.Equal(t, []string{"apology", "choice-question"}, s.Disable)
	assert.Equal(t, 3, s.Pos["channel"].Line)
	assert.Equal(t, 10, s.Pos["channel"].Column)
	assert.Equal(t, "Ihre Bestellung über {{order}}\n\nHallo,\n\nbitte entfernen Sie Ihre Bewertung nicht.\n", m.Text)
	// The body maps into the file after the front matter, the subject into
	// the subject's value.
	assert.Equal(t, "Bewertung nicht", fileOf(t, m, src, "Bewertung nicht"))
	assert.Equal(t, `Bestellung \u00fcber {{order}}`, fileOf(t, m, src, "Bestellung über {{order}}"))
	i := strings.Index(m.Text, "Hallo")
	assert.Equal(t, 11, text.NewSource(src).Position(m.FileOffset(i)).Line)
	// The blank line after the subject is not in the file.
	_, _, ok := m.FileSpan(i-2, i)
	assert.False(t, ok)
	refs := m.RuleRefs()
	require.Len(t, refs, 2)
	assert.Equal(t, "apology", refs[0].ID)
	assert.Equal(t, 8, refs[0].Pos.Line)
	assert.Equal(t, 11, refs[0].Pos.Column)
	assert.Equal(t, 20, refs[1].Pos.Column)
}

func TestFrontMatterCRLFAndEmpty(t *testing.T) {
	src := "---\r\nchannel: walmart\r\n---\r\nThanks for your order.\r\n"
	m := split(t, "a.md", src)[0]
	assert.Equal(t, rule.Walmart, m.Settings.Channel)
	assert.Equal(t, "Thanks for your order.\r\n", m.Text)
	assert.Equal(t, "your order", fileOf(t, m, src, "your order"))

	m = split(t, "a.txt", "---\n# nothing yet\n---\nHi\n")[0]
	assert.Equal(t, "Hi\n", m.Text)
	assert.Empty(t, m.Settings.Channel)

	// A leading "---" that is never closed is text (a Markdown rule).
	m = split(t, "a.md", "---\nHi there\n")[0]
	assert.Equal(t, "---\nHi there\n", m.Text)
}

func TestFrontMatterErrors(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string
	}{
		{"unknown key", "---\nchannel: ebay\nchanel: ebay\n---\nHi\n",
			[]string{`3:1: unknown front matter key "chanel" (known keys: name, subject, channel, kind, type, language, mode, marketplace, register, disable)|`}},
		{"bad values", "---\nchannel: etsy\nkind: rant\nmode: final\nlanguage: pt\n---\nHi\n",
			[]string{
				`2:10: unknown channel "etsy" (want amazon, ebay, walmart, tiktok or shopify)|`,
				`3:7: unknown message kind "rant" (want complaint-reply, reply or proactive)|`,
				`4:7: unknown mode "final" (want draft or template)|`,
				`5:11: unsupported language "pt" (want one of en, de, fr, es, it, ja, zh)|`,
			}},
		{"wrong shapes", "---\ndisable:\n  a: b\nsubject: [x]\n---\nHi\n",
			[]string{`3:3: disable must be a list of rule IDs, found a mapping|`, `4:10: subject must be text, found a list|`}},
		{"malformed id", "---\ndisable: [Review_Manipulation]\n---\nHi\n",
			[]string{`2:11: malformed rule ID "Review_Manipulation" in disable|`}},
		{"duplicate key", "---\nmode: draft\nmode: template\n---\nHi\n",
			[]string{`3:1: key "mode" is given twice|`}},
		{"broken yaml", "---\nchannel: ebay\nkind: reply: x\n---\nHi\n",
			[]string{`3:1: mapping values are not allowed in this context|`}},
		{"not a mapping", "---\n- a\n- b\n---\nHi\n",
			[]string{`2:1: front matter must be a mapping of settings, found a list|`}},
		{"unclosed", "---\nchannel: ebay\nHi\n",
			[]string{`1:1: front matter is not closed (end it with a line "---"); the file is linted as text|warning: `}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			msgs, got := problems(t, "f.md", tt.src)
			assert.Equal(t, tt.want, got)
			require.Len(t, msgs, 1, "the body is still linted")
		})
	}
}

func TestHTMLVisibleText(t *testing.T) {
	src := "<!DOCTYPE html>\n<html><head><title>Order</title>\n<style>p { color: red }</style></head>\n" +
		"<body>\n" +
		"<p>Hi&nbsp;Sam,</p>\n" +
		"<p>We are sorry that your parcel\n      arrived late &amp; damaged.\n" +
		"You can <a href=\"https://track.example.com/?id=1&amp;l=en\">follow it here</a>.</p>\n" +
		"<ul><li>Refund</li><li>Replacement</li></ul>\n" +
		"<div>Best,</div><div>Ann</div>\n" +
		"<script>var x = '<p>not text</p>';</script>\n" +
		"</body></html>\n"
	m := split(t, "mail.html", src)[0]
	assert.Equal(t, "Hi Sam,\n\n"+
		"We are sorry that your parcel arrived late & damaged. You can follow it here.\n"+
		"https://track.example.com/?id=1&l=en\n\n"+
		"Refund\nReplacement\n\n"+
		"Best,\nAnn", m.Text)
	assert.Equal(t, "your parcel", fileOf(t, m, src, "your parcel"))
	// Collapsed white space and an entity map to their file text.
	assert.Equal(t, "parcel\n      arrived", fileOf(t, m, src, "parcel arrived"))
	assert.Equal(t, "late &amp; damaged", fileOf(t, m, src, "late & damaged"))
	assert.Equal(t, "Hi&nbsp;Sam", fileOf(t, m, src, "Hi Sam"))
	// A decoded character maps to the entity's start.
	amp := strings.Index(m.Text, "&")
	assert.Equal(t, strings.Index(src, "&amp; damaged"), m.FileOffset(amp))
	// The link target maps to the attribute value.
	assert.Equal(t, "https://track.example.com/?id=1&amp;l=en", fileOf(t, m, src, "https://track.example.com/?id=1&l=en"))
	// Ranges across tags or inserted line breaks cannot be written back.
	for _, sub := range []string{"follow it here.", "Refund\nReplacement", "damaged. You can follow"} {
		i := strings.Index(m.Text, sub)
		require.GreaterOrEqual(t, i, 0, sub)
		_, _, ok := m.FileSpan(i, i+len(sub))
		assert.False(t, ok, sub)
	}
}

func TestHTMLLinksAndBreaks(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"link text is its target", `<p>See <a href="https://x.example/">x.example</a> now</p>`, "See x.example now"},
		{"mailto shown", `<p>Write to <a href="mailto:a@b.example">a@b.example</a></p>`, "Write to a@b.example"},
		{"mailto hidden", `<p>Write to <a href="mailto:a@b.example">us</a></p>`, "Write to us\nmailto:a@b.example"},
		{"fragment", `<p><a href="#top">Top</a></p>`, "Top"},
		{"two links one block", `<div><a href=x.example>a</a> and <a href='y.example'>b</a> end</div>next`, "a and b end\nx.example\ny.example\nnext"},
		{"gmail blank line", `<div>Hi</div><div><br></div><div>there</div>`, "Hi\n\nthere"},
		{"br", `Line one<br>Line two<br/><br>Para`, "Line one\nLine two\n\nPara"},
		{"inline tags", `<p>Ple<b>ase</b> <i>do</i>  not</p>`, "Please do not"},
		{"table cells", `<table><tr><td>A</td><td>B</td></tr><tr><td>C</td></tr></table>`, "A\nB\nC"},
		{"entities", `<p>caf&eacute; &#233;&#xE9; &copy &lt;b&gt; &bogus; &amp</p>`, "café éé © <b> &bogus; &"},
		{"attribute legacy entity", `<a href="/?a=1&copy=2">go</a>`, "go\n/?a=1&copy=2"},
		{"head left open", `<head><title>x</title><body><p>Hi</p>`, "Hi"},
		{"template comment with markup", `<p>Hi {{/* <b>bold</b> */}}there</p>`, "Hi there"},
		{"freemarker", `<p>Hi <#-- x --> there</p>`, "Hi there"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			msgs, errs := document.SplitFormat("m.html", tt.src, document.HTML)
			require.Empty(t, errs)
			assert.Equal(t, tt.want, msgs[0].Text)
		})
	}
}

func TestCommentsAreRemoved(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"go", "Hi {{/* note */}}there", "Hi there"},
		{"go trim", "Hi {{- /* note */ -}} there", "Hi there"},
		{"jinja", "Hi {# note #} there", "Hi there"},
		{"jinja trim", "Hi {#- note -#}", "Hi"},
		{"handlebars block", "Hi {{!-- a }} b --}} there", "Hi there"},
		{"handlebars", "Hi {{! note }}there", "Hi there"},
		{"freemarker", "Hi <#-- note --> there", "Hi there"},
		{"html", "Hi <!-- note --> there", "Hi there"},
		{"own line", "Hi Sam,\n{{/* note */}}\nthanks.\n", "Hi Sam,\nthanks.\n"},
		{"own line crlf", "Hi Sam,\r\n  {# a #} {# b #}\r\nthanks.", "Hi Sam,\r\nthanks."},
		{"last line", "Hi Sam,\n{{/* note */}}", "Hi Sam,"},
		{"end of line", "Hi Sam, {{/* note */}}\nthanks", "Hi Sam,\nthanks"},
		{"end of line with spaces", "Hi Sam, {{/* a */}} {# b #}  \nthanks", "Hi Sam,\nthanks"},
		{"multi-line", "Hi,\n<!-- a\nb -->\nthanks", "Hi,\nthanks"},
		{"handlebars each is not jinja", "{{#each items}}x{{/each}}", "{{#each items}}x{{/each}}"},
		{"placeholders stay", "Hi {{buyer_name}}, {{ .Order }}", "Hi {{buyer_name}}, {{ .Order }}"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := split(t, "a.txt", tt.src)[0]
			assert.Equal(t, tt.want, m.Text)
			if i := strings.Index(m.Text, "thanks"); i >= 0 {
				assert.Equal(t, "thanks", fileOf(t, m, tt.src, "thanks"))
			}
		})
	}
}

func TestSuppressions(t *testing.T) {
	type sup struct {
		rules  []string
		scope  document.Scope
		line   int
		reason string
	}
	tests := []struct {
		name, path, src string
		want            []sup
		problems        []string
	}{
		{"go next line", "a.txt",
			"Hi,\n{{/* replylint-disable-next-line review-manipulation -- legal approved */}}\nPlease update your review.\n",
			[]sup{{[]string{"review-manipulation"}, document.ScopeNextLine, 2, "legal approved"}}, nil},
		{"jinja this line", "a.txt",
			"Hi,\nGet 10% off {# replylint-disable-line promotion, emoji -- brand slogan #}\n",
			[]sup{{[]string{"promotion", "emoji"}, document.ScopeLine, 2, "brand slogan"}}, nil},
		{"handlebars whole message", "a.txt",
			"{{!-- replylint-disable apology -- shipping notice --}}\nYour parcel left today.\n",
			[]sup{{[]string{"apology"}, document.ScopeMessage, 0, "shipping notice"}}, nil},
		{"handlebars short", "a.txt",
			"Hi {{! replylint-disable-line -- all rules, test text }}\n",
			[]sup{{nil, document.ScopeLine, 1, "all rules, test text"}}, nil},
		{"freemarker", "a.txt",
			"Hi\n<#-- replylint-disable-next-line emoji -- logo -->\nx\n",
			[]sup{{[]string{"emoji"}, document.ScopeNextLine, 2, "logo"}}, nil},
		{"markdown html comment after front matter", "a.md",
			"---\nchannel: ebay\n---\nHi\n\n<!-- replylint-disable-next-line contact-info -- our eBay page -->\nSee our shop page.\n",
			[]sup{{[]string{"contact-info"}, document.ScopeNextLine, 3, "our eBay page"}}, nil},
		{"next line at end of a line", "a.txt",
			"Hi {{/* replylint-disable-next-line emoji -- x */}}\nthere\n",
			[]sup{{[]string{"emoji"}, document.ScopeNextLine, 2, "x"}}, nil},
		{"html between paragraphs", "a.html",
			"<p>Hi</p>\n<!-- replylint-disable-next-line emoji -- x -->\n<p>Sorry</p>",
			[]sup{{[]string{"emoji"}, document.ScopeNextLine, 3, "x"}}, nil},
		{"html same line", "a.html",
			"<p>Hi</p><p>Great deal <!-- replylint-disable-line promotion -- x --></p>",
			[]sup{{[]string{"promotion"}, document.ScopeLine, 3, "x"}}, nil},
		{"html template comment", "a.html",
			"<p>Hi</p>\n{{/* replylint-disable-next-line emoji -- x */}}\n<p>Sorry</p>",
			[]sup{{[]string{"emoji"}, document.ScopeNextLine, 3, "x"}}, nil},
		{"missing reason", "a.txt",
			"Hi {{/* replylint-disable-line emoji */}}\n",
			[]sup{{[]string{"emoji"}, document.ScopeLine, 1, ""}},
			[]string{`1:4: replylint-disable-line without a reason: add "-- why the rule does not apply"|warning: `}},
		{"unknown directive", "a.txt",
			"Hi {{/* replylint-enable emoji -- x */}}\n", nil,
			[]string{`1:4: unknown directive "replylint-enable" (want replylint-disable, replylint-disable-line or replylint-disable-next-line)|`}},
		{"only malformed ids suppress nothing", "a.txt",
			"Hi {{/* replylint-disable Emoji -- x */}}\n", nil,
			[]string{`1:4: malformed rule ID "Emoji" in replylint-disable|`}},
		{"disable-line alone", "a.txt",
			"Hi\n{{/* replylint-disable-line emoji -- x */}}\nthere\n", nil,
			[]string{`2:1: replylint-disable-line stands on a line of its own and covers nothing; use replylint-disable-next-line|warning: `}},
		{"unclosed", "a.txt",
			"Hi {{/* replylint-disable emoji -- x\nthere\n",
			[]sup{{[]string{"emoji"}, document.ScopeMessage, 0, "x there"}},
			[]string{`1:4: comment is not closed; the rest of the text is taken as comment|`}},
		{"ordinary comment", "a.txt", "Hi {{/* TODO: shorten */}}\n", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			msgs, got := problems(t, tt.path, tt.src)
			assert.Equal(t, tt.problems, got)
			require.Len(t, msgs, 1)
			var have []sup
			for _, s := range msgs[0].Suppressions {
				have = append(have, sup{s.Rules, s.Scope, s.Line, s.Reason})
			}
			assert.Equal(t, tt.want, have)
			assert.NotContains(t, msgs[0].Text, "replylint-")
		})
	}
}

func TestSuppressionPositionAndRefs(t *testing.T) {
	src := "---\ndisable: [emoji]\n---\nHi,\n  {{/* replylint-disable-next-line promotion,blame -- x */}}\nSale!\n"
	m := split(t, "a.md", src)[0]
	require.Len(t, m.Suppressions, 1)
	assert.Equal(t, text.Position{Offset: strings.Index(src, "{{/*"), Line: 5, Column: 3}, m.Suppressions[0].Pos)
	var ids []string
	for _, r := range m.RuleRefs() {
		ids = append(ids, r.ID)
	}
	assert.Equal(t, []string{"emoji", "promotion", "blame"}, ids)
}

func TestSuppress(t *testing.T) {
	src := "---\ndisable: [emoji]\n---\n" +
		"Hi,\n" +
		"{{/* replylint-disable-next-line promotion -- x */}}\n" +
		"Sale today.\n" +
		"Sale tomorrow. {{/* replylint-disable-line -- y */}}\n" +
		"Sale again.\n" +
		"{# replylint-disable-next-line blame -- unused #}\n" +
		"End.\n"
	m := split(t, "a.md", src)[0]
	require.Equal(t, "Hi,\nSale today.\nSale tomorrow.\nSale again.\nEnd.\n", m.Text)
	at := func(rule string, line int) finding.Finding {
		return finding.Finding{Rule: rule, Start: text.Position{Line: line}}
	}
	kept, unused := m.Suppress([]finding.Finding{
		at("emoji", 1), at("promotion", 2), at("promotion", 3), at("pressure", 3), at("promotion", 4),
	})
	assert.Equal(t, []finding.Finding{at("promotion", 4)}, kept)
	require.Len(t, unused, 1)
	assert.Equal(t, []string{"blame"}, unused[0].Rules)
}

func TestMapFinding(t *testing.T) {
	src := "<p>Please remove your review &amp; rating.</p>\n<p>Thanks</p>"
	m := split(t, "a.html", src)[0]
	require.Equal(t, "Please remove your review & rating.\n\nThanks", m.Text)
	ts := text.NewSource(m.Text)
	file := text.NewSource(src)
	i := strings.Index(m.Text, "remove your review & rating")
	j := i + len("remove your review & rating")
	k := strings.Index(m.Text, "Thanks")
	f := finding.Finding{
		Rule: "review-manipulation", Start: ts.Position(i), End: ts.Position(j),
		Suggestions: []finding.Suggestion{
			{Description: "rewrite", Safe: true, Edits: []finding.Edit{{Start: ts.Position(i), End: ts.Position(j), NewText: "tell us <how> we did & more"}}},
			{Description: "across paragraphs", Edits: []finding.Edit{{Start: ts.Position(i), End: ts.Position(k), NewText: "x"}}},
		},
	}
	got := m.MapFinding(f, file)
	fs := strings.Index(src, "remove")
	fe := strings.Index(src, ".</p>")
	assert.Equal(t, file.Position(fs), got.Start)
	assert.Equal(t, file.Position(fe), got.End)
	require.Len(t, got.Suggestions, 2)
	assert.Equal(t, []finding.Edit{{Start: file.Position(fs), End: file.Position(fe), NewText: "tell us &lt;how&gt; we did &amp; more"}}, got.Suggestions[0].Edits)
	assert.True(t, got.Suggestions[0].Safe)
	assert.Equal(t, "across paragraphs", got.Suggestions[1].Description)
	assert.Empty(t, got.Suggestions[1].Edits, "a suggestion that cannot be written back keeps only its text")
	assert.Equal(t, "review-manipulation", got.Rule)
}

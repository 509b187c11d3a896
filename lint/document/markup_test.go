package document_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/replylint/replylint/lint/document"
	"github.com/replylint/replylint/lint/finding"
	"github.com/replylint/replylint/lint/text"
)

// markupFinding is a finding on m.Markup from start to the end of sub.
func markupFinding(t *testing.T, m *document.Message, sub string) finding.Finding {
	t.Helper()
	i := strings.Index(m.Markup, sub)
	require.GreaterOrEqual(t, i, 0, "%q in %q", sub, m.Markup)
	src := text.NewSource(m.Markup)
	return finding.Finding{Rule: "html-style", Start: src.Position(i), End: src.Position(i + len(sub)), InMarkup: true,
		Suggestions: []finding.Suggestion{{Description: "d", Edits: []finding.Edit{{Start: src.Position(i), End: src.Position(i), NewText: "x"}}}}}
}

func TestMarkupOfAnHTMLFile(t *testing.T) {
	file := "---\nkind: proactive\n---\n<p>Hi <b>Sam</b>,<br><br><br>your invoice.</p>\n"
	msgs, errs := document.Split("t.html", file)
	require.Empty(t, errs)
	require.Len(t, msgs, 1)
	m := msgs[0]
	assert.Equal(t, "<p>Hi <b>Sam</b>,<br><br><br>your invoice.</p>\n", m.Markup)
	f := m.MapFinding(markupFinding(t, m, "<br><br><br>"), text.NewSource(file))
	assert.Equal(t, "<br><br><br>", file[f.Start.Offset:f.End.Offset])
	assert.Equal(t, 4, f.Start.Line)
	assert.False(t, f.InMarkup)
	assert.Empty(t, f.Suggestions, "markup findings carry no edits")
}

func TestMarkupOfACollectionEntry(t *testing.T) {
	file := `[{"name": "a", "body": "<p>Hi,<br><br><br>\"quoted\" text</p>"}, {"name": "b", "body": "plain text"}]`
	msgs, errs := document.Split("t.json", file)
	require.Empty(t, errs)
	require.Len(t, msgs, 2)
	assert.Equal(t, `<p>Hi,<br><br><br>"quoted" text</p>`, msgs[0].Markup, "the decoded string")
	assert.Empty(t, msgs[1].Markup, "a plain-text entry has no markup")
	f := msgs[0].MapFinding(markupFinding(t, msgs[0], "<br><br><br>"), text.NewSource(file))
	assert.Equal(t, "<br><br><br>", file[f.Start.Offset:f.End.Offset])
}

func TestNoMarkupForText(t *testing.T) {
	msgs, errs := document.Split("t.txt", "Hi <b>there</b>")
	require.Empty(t, errs)
	require.Len(t, msgs, 1)
	assert.Empty(t, msgs[0].Markup)
}

func TestTypeSetting(t *testing.T) {
	msgs, errs := document.Split("t.txt", "---\ntype: invoice\n---\nHi")
	require.Empty(t, errs)
	assert.Equal(t, "invoice", string(msgs[0].Settings.Type))
	_, errs = document.Split("t.txt", "---\ntype: gossip\n---\nHi")
	require.Len(t, errs, 1)
	assert.Contains(t, errs[0].Error(), `t.txt:2:7: unknown message type "gossip"`)
	// In a collection entry another tool's "type" is a warning, not an error.
	msgs, errs = document.Split("t.json", `[{"name": "a", "type": "email", "body": "Hi"}]`)
	require.Len(t, errs, 1)
	var p *document.Problem
	require.ErrorAs(t, errs[0], &p)
	assert.True(t, p.Warning)
	assert.Empty(t, msgs[0].Settings.Type)
}

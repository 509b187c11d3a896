package document_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/replylint/replylint/lint/document"
)

// change finds old in message i's text and replaces it.
func change(t *testing.T, msgs []*document.Message, i int, old, repl string) document.Change {
	t.Helper()
	k := strings.Index(msgs[i].Text, old)
	require.GreaterOrEqual(t, k, 0, "%q in %q", old, msgs[i].Text)
	return document.Change{Message: i, Start: k, End: k + len(old), NewText: repl}
}

func TestWriteBackKeepsWhatReadsBack(t *testing.T) {
	tests := []struct {
		name, path, src string
		changes         func([]*document.Message) []document.Change
		want            string
		applied         []bool
	}{
		{
			name: "all changes of a file at once",
			path: "a.yaml",
			src:  "- name: a\n  body: Thanks!! It ships.\n- name: b\n  body: |\n    Sorry!! it is late.\n",
			changes: func(m []*document.Message) []document.Change {
				return []document.Change{change(t, m, 0, "!!", "!"), change(t, m, 1, "!!", "!"), change(t, m, 1, "it is", "It is")}
			},
			want:    "- name: a\n  body: Thanks! It ships.\n- name: b\n  body: |\n    Sorry! It is late.\n",
			applied: []bool{true, true, true},
		},
		{
			// A name is part of the file's structure: a change may not
			// rename a template (here the HTML link text that would make
			// its target line vanish is the bad one).
			name: "a bad change is bisected out, the others stay",
			path: "a.html",
			src:  "<p>Thanks!! Track it <a href=\"https://www.amazon.com/orders\">here</a>.</p><p>Bye!!</p>",
			changes: func(m []*document.Message) []document.Change {
				return []document.Change{change(t, m, 0, "Thanks!!", "Thanks!"), change(t, m, 0, "here", "https://www.amazon.com/orders"), change(t, m, 0, "Bye!!", "Bye!")}
			},
			want:    "<p>Thanks! Track it <a href=\"https://www.amazon.com/orders\">here</a>.</p><p>Bye!</p>",
			applied: []bool{true, false, true},
		},
		{
			name: "a plain scalar that cannot take the text is written double-quoted, with the change kept before",
			path: "a.yaml",
			src:  "a: Thanks!! Please remove it.\n",
			changes: func(m []*document.Message) []document.Change {
				return []document.Change{change(t, m, 0, "!!", "!"), change(t, m, 0, "remove it", "note: this")}
			},
			want:    "a: \"Thanks! Please note: this.\"\n",
			applied: []bool{true, true},
		},
		{
			name: "a change that would break another message is left out",
			path: "a.yaml",
			src:  "a: &x Thanks!!\nb: *x\n",
			changes: func(m []*document.Message) []document.Change {
				return []document.Change{change(t, m, 0, "!!", "!")}
			},
			want:    "a: &x Thanks!!\nb: *x\n",
			applied: []bool{false},
		},
		{
			name: "prose never goes into a link target",
			path: "a.html",
			src:  "<p><a href=\"http://amazon.com/orders\">your orders</a></p>",
			changes: func(m []*document.Message) []document.Change {
				return []document.Change{change(t, m, 0, "http://amazon.com/orders", "the order details page in your account")}
			},
			want:    "<p><a href=\"http://amazon.com/orders\">your orders</a></p>",
			applied: []bool{false},
		},
		{
			name: "a link target takes a URL",
			path: "a.html",
			src:  "<p><a href=\"http://amazon.com/orders\">your orders</a></p>",
			changes: func(m []*document.Message) []document.Change {
				return []document.Change{change(t, m, 0, "http://amazon.com/orders", "https://amazon.com/orders")}
			},
			want:    "<p><a href=\"https://amazon.com/orders\">your orders</a></p>",
			applied: []bool{true},
		},
		{
			name: "an edit that would open front matter is left out",
			path: "a.md",
			src:  "- Thanks!!\n---\nBye\n",
			changes: func(m []*document.Message) []document.Change {
				return []document.Change{change(t, m, 0, "- Thanks!!", "---"), change(t, m, 0, "Bye", "Bye now")}
			},
			want:    "- Thanks!!\n---\nBye now\n",
			applied: []bool{false, true},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			msgs := split(t, tt.path, tt.src)
			out, applied := document.WriteBack(msgs, tt.changes(msgs))
			assert.Equal(t, tt.want, out)
			assert.Equal(t, tt.applied, applied)
		})
	}
}

func TestWriteBackNothing(t *testing.T) {
	out, applied := document.WriteBack(nil, nil)
	assert.Empty(t, out)
	assert.Empty(t, applied)
	msgs := split(t, "a.txt", "Hi")
	out, applied = document.WriteBack(msgs, []document.Change{{Message: 3, NewText: "x"}})
	assert.Equal(t, "Hi", out)
	assert.Equal(t, []bool{false}, applied)
}

// CheckEdits judges edits as they are shown, spliced in byte for byte:
// what only a re-emitted scalar can hold is not offered.
func TestCheckEditsSplicesOnly(t *testing.T) {
	msgs := split(t, "a.yaml", "a: Thanks!! Please remove it.\n")
	changes := []document.Change{change(t, msgs, 0, "!!", "!"), change(t, msgs, 0, "remove it", "note: this")}
	assert.Equal(t, []bool{true, false}, document.CheckEdits(msgs, changes))
	_, applied := document.WriteBack(msgs, changes)
	assert.Equal(t, []bool{true, true}, applied)
}

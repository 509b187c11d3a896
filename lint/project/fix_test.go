package project

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/replylint/replylint/lint/finding"
	"github.com/replylint/replylint/lint/text"
)

func TestSignOffStart(t *testing.T) {
	tests := []struct {
		name, msg, want string // want: the text from the sign-off on ("" none)
	}{
		{"closing formula", "Hi Ana,\n\nIt ships today.\n\nBest regards,\nTom\n", "Best regards,\nTom\n"},
		{"placeholder only", "Hi {{buyer_name}},\n\nIt ships today.\n\n{{agent}}\n", "{{agent}}\n"},
		{"bracket placeholder", "Hi,\n\nIt ships today.\n\n[Your name]", "[Your name]"},
		{"none", "Hi Ana,\n\nIt ships today.", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			at := signOffStart(tt.msg, nil)
			if tt.want == "" {
				assert.Equal(t, -1, at)
				return
			}
			assert.Equal(t, tt.want, tt.msg[at:])
		})
	}
}

func ins(at int, s string) finding.Edit {
	return finding.Edit{Start: text.Position{Offset: at}, End: text.Position{Offset: at}, NewText: s}
}

func TestInsertable(t *testing.T) {
	msg := "Hi Ana,\n\nIt ships today. If you need anything else, just reply to this message.\n\n{{agent}}\n"
	signOff := strings.Index(msg, "{{agent}}")
	body := strings.Index(msg, "It ships")
	assert.True(t, insertable([]finding.Edit{ins(body, "Sorry for the wait. ")}, msg, signOff, map[string]bool{}))
	assert.False(t, insertable([]finding.Edit{ins(body, " If you need anything else, just reply to this message.")}, msg, signOff, map[string]bool{}),
		"the line is already in the message")
	assert.False(t, insertable([]finding.Edit{ins(len(msg), "Would you like a refund or a replacement?")}, msg, signOff, map[string]bool{}),
		"nothing after the sign-off")
	seen := map[string]bool{normalInsert("Sorry for the wait."): true}
	assert.False(t, insertable([]finding.Edit{ins(body, "Sorry for the wait.")}, msg, signOff, seen), "not twice in one pass")
	// A rewrite may keep words of what it replaces; a mark is no sentence.
	rewrite := finding.Edit{Start: text.Position{Offset: body}, End: text.Position{Offset: body + len("It ships today.")}, NewText: "It ships today, tracked."}
	assert.True(t, insertable([]finding.Edit{rewrite}, msg, signOff, map[string]bool{}))
	mark := finding.Edit{Start: text.Position{Offset: body}, End: text.Position{Offset: body + 2}, NewText: "It"}
	assert.True(t, insertable([]finding.Edit{mark}, msg, signOff, map[string]bool{}))
}

func TestSpanSet(t *testing.T) {
	var s spanSet
	edit := func(a, b int) []finding.Edit {
		return []finding.Edit{{Start: text.Position{Offset: a}, End: text.Position{Offset: b}}}
	}
	s.add(edit(10, 20))
	s.add(edit(30, 30))
	s.add(edit(0, 5))
	for _, tt := range []struct {
		a, b int
		want bool
	}{
		{5, 10, false}, {19, 21, true}, {20, 20, false}, {15, 15, true},
		{30, 30, true}, {29, 31, true}, {31, 40, false}, {0, 1, true}, {25, 29, false},
	} {
		assert.Equal(t, tt.want, s.overlapsAny(edit(tt.a, tt.b)), "%d..%d", tt.a, tt.b)
	}
}

package lsp_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/replylint/replylint/lint/lsp"
)

// template2KB is a 2 KB reply template with a few findings, written for
// the benchmark.
func template2KB() string {
	var b strings.Builder
	b.WriteString("Hi {{buyer_name}},\n\n")
	paras := []string{
		"Thank you for your message about order {{order_id}}. I'm sorry the kettle stopped heating after a week; that is not the experience we want for you.",
		"I have checked the order and arranged a replacement, which ships today with tracking. You do not need to return the faulty kettle.",
		"If you prefer a refund instead, reply to this message and I will process it the same day. Honestly it is not our fault that the courier was late.",
		"You can read the care guide at www.kettle-care-shop.com before the new one arrives.",
	}
	for b.Len() < 1900 {
		for _, p := range paras {
			b.WriteString(p)
			b.WriteString("\n\n")
		}
	}
	b.WriteString("Would you like the replacement, or would you prefer the refund?\n\nBest regards,\nThe Kettle Team\n")
	return b.String()
}

// typeAndWait makes one keystroke (inserting or deleting a character in the
// middle of the template) and waits for the diagnostics of that version.
func typeAndWait(c *client, uri string, version int, line int) {
	r := &lsp.Range{Start: lsp.Position{Line: line, Character: 5}, End: lsp.Position{Line: line, Character: 5}}
	text := "x"
	if version%2 == 1 {
		r.End.Character = 6 // delete the x typed before
		text = ""
	}
	c.change(uri, version, lsp.TextDocumentContentChangeEvent{Range: r, Text: text})
	c.waitVersion(uri, version)
}

// BenchmarkChangeToDiagnostics measures the time from a keystroke in a
// 2 KB template to its diagnostics, with the debounce off: what a user
// waits on top of the debounce.
func BenchmarkChangeToDiagnostics(b *testing.B) {
	src := template2KB()
	uri := "file:///tmp/replylint-lsp-bench/template.txt"
	c := newClient(b, lsp.Options{Debounce: -1}, nil)
	c.open(uri, src)
	c.waitVersion(uri, 1)
	b.SetBytes(int64(len(src)))
	v := 1
	for b.Loop() {
		v++
		typeAndWait(c, uri, v, 4)
	}
}

// TestLatency2KB holds the server to its promise: diagnostics for a 2 KB
// template within 50 ms of the change once the debounce has passed (the
// median of 30 keystrokes, measured with the debounce off).
func TestLatency2KB(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("timing test: not with -short or the race detector")
	}
	src := template2KB()
	uri := "file:///tmp/replylint-lsp-bench/latency.txt"
	c := newClient(t, lsp.Options{Debounce: -1}, nil)
	c.open(uri, src)
	c.waitVersion(uri, 1)
	var took []time.Duration
	for v := 2; v < 32; v++ {
		start := time.Now()
		typeAndWait(c, uri, v, 4)
		took = append(took, time.Since(start))
	}
	slices.Sort(took)
	median := took[len(took)/2]
	t.Logf("2 KB template (%d bytes): change to diagnostics median %v, max %v", len(src), median, took[len(took)-1])
	if median > 50*time.Millisecond {
		t.Errorf("median latency %v is over 50 ms", median)
	}
}

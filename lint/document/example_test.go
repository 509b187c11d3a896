package document_test

import (
	"fmt"
	"strings"

	"github.com/replylint/replylint/lint/document"
	"github.com/replylint/replylint/lint/text"
)

func ExampleSplit() {
	src := "- name: damaged\n" +
		"  kind: complaint-reply\n" +
		"  body: \"Sorry!\\nPlease update your review \\u2014 thanks.\"\n"
	msgs, errs := document.Split("replies.yaml", src)
	fmt.Println(len(errs), "problems")
	m := msgs[0]
	fmt.Printf("%s (%s): %q\n", m.Name, m.Settings.Kind, m.Text)

	// A finding on "update your review \u2014" points into the file.
	i := strings.Index(m.Text, "update")
	j := strings.Index(m.Text, "—") + len("—")
	start, end, ok := m.FileSpan(i, j)
	fmt.Printf("%v %q at %d:%d\n", ok, src[start:end], text.NewSource(src).Position(start).Line, text.NewSource(src).Position(start).Column)

	// A fix is encoded for a double-quoted YAML string.
	edit, ok := m.Edit(i, j, `tell us "how" we did`)
	fmt.Printf("%v %q\n", ok, edit.NewText)
	// Output:
	// 0 problems
	// damaged (complaint-reply): "Sorry!\nPlease update your review — thanks."
	// true "update your review \\u2014" at 3:25
	// true "tell us \\\"how\\\" we did"
}

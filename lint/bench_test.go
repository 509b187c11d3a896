package lint_test

import (
	"strings"
	"testing"

	"github.com/replylint/replylint/lint"
	"github.com/replylint/replylint/lint/rule"
)

// typicalReply is an ~800-byte complaint reply of the kind agents send.
const typicalReply = `Hi Maria,

I'm really sorry that the coffee grinder arrived with a cracked lid. I understand how disappointing that is after waiting a week for it.

I have checked your order 112-3456789-1234567 and I will take care of this today. I can send you a new grinder by express delivery at no cost, or refund the full amount of $49.99 to your original payment method right away. If you would like to send the damaged one back, the prepaid return label is available in your Amazon orders page, and you can follow the new parcel with the tracking link once it ships.

Would you prefer the replacement or the full refund?

Best regards,
Tom
Customer Care, Brightmill Kitchen`

// warm lints a message twice: the first messages of a language prepare
// its matchers and the shared literal automaton (see package match).
// BenchmarkLintFirstMessage measures that cost.
func warm(l *lint.Linter, opts lint.Options) {
	l.Lint(typicalReply, opts)
	l.Lint(typicalReply, opts)
}

func BenchmarkLintTypicalMessage(b *testing.B) {
	l, err := lint.New(lint.Config{Builtin: true})
	if err != nil {
		b.Fatal(err)
	}
	opts := lint.Options{Channel: rule.Amazon, Language: "en"}
	warm(l, opts)
	b.SetBytes(int64(len(typicalReply)))
	b.ReportAllocs()
	for b.Loop() {
		l.Lint(typicalReply, opts)
	}
}

func BenchmarkLintTypicalMessageDetectLanguage(b *testing.B) {
	l, err := lint.New(lint.Config{Builtin: true})
	if err != nil {
		b.Fatal(err)
	}
	opts := lint.Options{Channel: rule.Amazon}
	warm(l, opts)
	b.SetBytes(int64(len(typicalReply)))
	b.ReportAllocs()
	for b.Loop() {
		l.Lint(typicalReply, opts)
	}
}

func BenchmarkLintLargeMessage(b *testing.B) {
	l, err := lint.New(lint.Config{Builtin: true})
	if err != nil {
		b.Fatal(err)
	}
	big := strings.Repeat(typicalReply+"\n\n", 100)
	opts := lint.Options{Channel: rule.Amazon, Language: "en"}
	warm(l, opts)
	b.SetBytes(int64(len(big)))
	b.ReportAllocs()
	for b.Loop() {
		l.Lint(big, opts)
	}
}

// BenchmarkLintFirstMessage loads the built-in rules and lints one
// message: what a one-shot command pays.
func BenchmarkLintFirstMessage(b *testing.B) {
	opts := lint.Options{Channel: rule.Amazon, Language: "en"}
	b.ReportAllocs()
	for b.Loop() {
		l, err := lint.New(lint.Config{Builtin: true})
		if err != nil {
			b.Fatal(err)
		}
		l.Lint(typicalReply, opts)
	}
}

func BenchmarkLoadBuiltinRules(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := lint.New(lint.Config{Builtin: true}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLintOneRule lints the typical message with one rule at a time
// ("none": the work every message costs before any rule runs), to tell
// which rule a regression comes from.
func BenchmarkLintOneRule(b *testing.B) {
	l, err := lint.New(lint.Config{Builtin: true})
	if err != nil {
		b.Fatal(err)
	}
	ids := []string{"none"}
	for _, r := range l.Rules() {
		ids = append(ids, r.ID)
	}
	for _, id := range ids {
		b.Run(id, func(b *testing.B) {
			opts := lint.Options{Channel: rule.Amazon, Language: "en", Only: id}
			warm(l, opts)
			b.ReportAllocs()
			for b.Loop() {
				l.Lint(typicalReply, opts)
			}
		})
	}
}

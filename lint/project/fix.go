package project

import (
	"regexp"
	"sort"
	"strings"

	"github.com/replylint/replylint/lint"
	"github.com/replylint/replylint/lint/document"
	"github.com/replylint/replylint/lint/finding"
	"github.com/replylint/replylint/lint/message"
	"github.com/replylint/replylint/lint/text"
)

// MaxFixPasses bounds the fix loop, as ruff bounds its own: a fix may
// uncover another finding, whose fix is applied in the next pass, but a
// set of rules that keeps rewriting each other's text must still stop.
const MaxFixPasses = 10

// FixResult is what Fix did to a file.
type FixResult struct {
	// Text is the fixed file; equal to the file's source when no fix
	// applied.
	Text string
	// Passes counts the passes that applied at least one fix.
	Passes int
	// Applied counts the fixes applied over all passes.
	Applied int
	// File is Text linted again: what remains.
	File *File
	// Errors are the problems found linting Text.
	Errors []error
}

// Fix applies the fixes of a linted file until none applies: each pass
// picks one suggestion per finding (safe ones only unless unsafe), writes
// them back through document.WriteBack (which keeps only what reads back)
// and lints the written text again; at most MaxFixPasses passes, and it
// stops early when a pass would bring back a text seen before. File of the
// result is the final text linted once more.
func (r *Runner) Fix(f *File, unsafe bool) *FixResult {
	res := &FixResult{Text: f.Source, File: f}
	seen := map[string]bool{f.Source: true}
	cur := f
	for res.Passes < MaxFixPasses {
		changes := selectChanges(cur, unsafe)
		if len(changes) == 0 {
			break
		}
		out, applied := document.WriteBack(cur.msgs, changes)
		n := 0
		for _, ok := range applied {
			if ok {
				n++
			}
		}
		if n == 0 || seen[out] {
			break
		}
		seen[out] = true
		next, errs := r.lintSource(cur.in, out)
		if next == nil {
			res.Errors = errs
			break
		}
		res.Passes++
		res.Applied += n
		res.Text, res.File, res.Errors = out, next, errs
		cur = next
	}
	return res
}

// selectChanges picks, per message, the first applicable suggestion of
// each finding whose edits touch no edit picked before. An insertion is
// left out when its text is already in the message or was picked for it
// in this pass (two findings asking for the same closing line), and when
// it would land in or after the sign-off.
func selectChanges(f *File, unsafe bool) []document.Change {
	var out []document.Change
	for k, m := range f.msgs {
		if k >= len(f.texts) {
			break
		}
		signOff := signOffStart(m.Text, f.layout)
		var chosen spanSet
		inserted := map[string]bool{}
		for _, fd := range f.texts[k].findings {
			for _, s := range fd.Suggestions {
				if !s.Safe && !unsafe || len(s.Edits) == 0 || chosen.overlapsAny(s.Edits) || !insertable(s.Edits, m.Text, signOff, inserted) {
					continue
				}
				for _, e := range s.Edits {
					if k := normalInsert(e.NewText); e.Start.Offset == e.End.Offset || sentence(k) {
						inserted[k] = true
					}
					out = append(out, document.Change{Message: k, Start: e.Start.Offset, End: e.End.Offset, NewText: e.NewText})
				}
				chosen.add(s.Edits)
				break
			}
		}
	}
	return out
}

// insertable applies the insertion rules of selectChanges to a
// suggestion's edits.
// A replacement that writes a sentence (two canned rewrites of two blame
// sentences) is held to the same once-per-message rule.
func insertable(edits []finding.Edit, msg string, signOff int, inserted map[string]bool) bool {
	for _, e := range edits {
		key := normalInsert(e.NewText)
		insertion := e.Start.Offset == e.End.Offset
		if key == "" || !insertion && !sentence(key) {
			continue
		}
		// Already there, outside what the edit replaces (a rewrite may
		// keep some of the words it replaces).
		rest := msg
		if e.Start.Offset >= 0 && e.End.Offset <= len(msg) && e.Start.Offset <= e.End.Offset {
			rest = msg[:e.Start.Offset] + " " + msg[e.End.Offset:]
		}
		if inserted[key] || strings.Contains(normalInsert(rest), key) {
			return false
		}
		if insertion && signOff >= 0 && e.Start.Offset >= signOff {
			return false
		}
	}
	return true
}

// sentence reports whether new text is prose of its own rather than a
// mark or a word ("!", "https", "I").
func sentence(s string) bool { return len(s) >= 12 && strings.Contains(s, " ") }

func normalInsert(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }

// placeholderLine is a line that holds only a template placeholder, which
// at the end of a message stands for the agent's name or signature.
var placeholderLine = regexp.MustCompile(`^\s*(\{\{[^{}]*\}\}|\{[A-Za-z_][A-Za-z0-9_.]*\}|\[[^\[\]]+\]|%[A-Za-z_]+%|\$\{[^{}]*\})\s*$`)

// signOffStart returns where a message's sign-off starts (its closing
// formula, or a last line that is only a placeholder), -1 when it has
// none; vocab is the linter's layout words (nil: the built-in packs').
func signOffStart(msg string, vocab message.Vocabulary) int {
	src := text.NewSource(msg)
	at := -1
	if l := message.Analyze(src, vocab, ""); l.SignOff.End > l.SignOff.Start {
		at = l.SignOff.Start
	}
	for n := src.LineCount(); n >= 1; n-- {
		s, e := src.LineBounds(n)
		line := msg[s:e]
		if strings.TrimSpace(line) == "" {
			continue
		}
		if placeholderLine.MatchString(line) && (at < 0 || s < at) {
			at = s
		}
		break
	}
	return at
}

// overlaps treats two insertions at one point as overlapping too, since
// their order would be arbitrary.
func overlaps(as, ae, bs, be int) bool {
	if as == ae && bs == be {
		return as == bs
	}
	return as < be && bs < ae || (as == ae && bs < as && as < be) || (bs == be && as < bs && bs < ae)
}

// verifySuggestions lints a message with its suggestions applied and takes
// the edits out of every suggestion whose new text brings a finding of its
// own (a rewrite that is itself a promotion, a closing line that repeats
// one already there): such a suggestion is still shown, never applied.
// Suggestions that overlap are tried in further rounds.
func verifySuggestions(l *lint.Linter, msg string, opts lint.Options, res *lint.Result) {
	type ref struct{ f, s int }
	checked := map[ref]bool{}
	before := map[string]int{}
	for _, fd := range res.Findings {
		before[findingKey(fd)]++
	}
	// The message with a suggestion applied is the same message: its
	// language, kind and type are those already found, not detected again
	// (detecting the kind was a fifth of every verifying lint).
	if opts.Language == "" {
		opts.Language = res.Language
	}
	if opts.Kind == "" {
		opts.Kind = res.Kind
	}
	if opts.Type == "" {
		opts.Type = res.Type
	}
	// The insertion rules of the fix loop hold for what is offered too.
	// The linter's own layout words: the built-in packs' alone would be
	// decoded and compiled a second time (a millisecond of a one-message
	// run).
	signOff := signOffStart(msg, l.Layout())
	for i := range res.Findings {
		for j := range res.Findings[i].Suggestions {
			s := &res.Findings[i].Suggestions[j]
			if !insertable(s.Edits, msg, signOff, map[string]bool{}) {
				s.Edits = nil
			}
		}
	}
	for round := 0; round < 4; round++ {
		var picked []ref
		var chosen []finding.Edit
		var taken spanSet
		for i, fd := range res.Findings {
			for j, s := range fd.Suggestions {
				k := ref{i, j}
				if checked[k] || len(s.Edits) == 0 || !inText(s.Edits, len(msg)) || taken.overlapsAny(s.Edits) {
					continue
				}
				picked = append(picked, k)
				chosen = append(chosen, s.Edits...)
				taken.add(s.Edits)
			}
		}
		if len(picked) == 0 {
			return
		}
		if !writesText(chosen) {
			// Only new text can bring a finding of its own (a finding
			// is laid at the new text it touches, and a deletion leaves
			// none): nothing to lint again, every suggestion holds.
			for _, k := range picked {
				checked[k] = true
			}
			continue
		}
		fixed, spans := applyEdits(msg, chosen)
		again := l.Lint(fixed, opts)
		bad := map[int]bool{} // index into chosen
		seen := map[string]int{}
		// The new text's places, by start, to find those a new finding
		// touches without trying them all.
		byStart := make([]int, 0, len(spans))
		for i, sp := range spans {
			if sp[1] > sp[0] {
				byStart = append(byStart, i)
			}
		}
		sort.Slice(byStart, func(a, b int) bool { return spans[byStart[a]][0] < spans[byStart[b]][0] })
		for _, fd := range again.Findings {
			key := findingKey(fd)
			seen[key]++
			if seen[key] <= before[key] {
				continue
			}
			// Spans are disjoint: those starting before the finding's end,
			// walking back while they still reach into it.
			// A finding that reaches over more than one new text (a
			// message-level one) is no suggestion's doing.
			n := sort.Search(len(byStart), func(i int) bool { return spans[byStart[i]][0] >= fd.End.Offset })
			var hit []int
			for j := n - 1; j >= 0 && len(hit) < 2; j-- {
				sp := spans[byStart[j]]
				if sp[1] <= fd.Start.Offset {
					break
				}
				hit = append(hit, byStart[j])
			}
			if len(hit) == 1 {
				bad[hit[0]] = true
			}
		}
		at := 0
		for _, k := range picked {
			checked[k] = true
			s := &res.Findings[k.f].Suggestions[k.s]
			n := len(s.Edits)
			for i := at; i < at+n; i++ {
				if bad[i] {
					s.Edits = nil
					break
				}
			}
			at += n
		}
	}
	// What could not be tried is not offered as an edit either.
	for i := range res.Findings {
		for j := range res.Findings[i].Suggestions {
			if !checked[ref{i, j}] {
				res.Findings[i].Suggestions[j].Edits = nil
			}
		}
	}
}

// writesText reports whether an edit puts new text in.
func writesText(edits []finding.Edit) bool {
	for _, e := range edits {
		if e.NewText != "" {
			return true
		}
	}
	return false
}

func inText(edits []finding.Edit, n int) bool {
	for _, e := range edits {
		if e.Start.Offset < 0 || e.End.Offset > n || e.Start.Offset > e.End.Offset {
			return false
		}
	}
	return true
}

// applyEdits applies non-overlapping edits to s and returns where each
// edit's new text is in the result, in the order of edits.
func applyEdits(s string, edits []finding.Edit) (string, [][2]int) {
	order := make([]int, len(edits))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return edits[order[a]].Start.Offset < edits[order[b]].Start.Offset })
	spans := make([][2]int, len(edits))
	var b strings.Builder
	at := 0
	for _, i := range order {
		e := edits[i]
		b.WriteString(s[at:e.Start.Offset])
		spans[i] = [2]int{b.Len(), b.Len() + len(e.NewText)}
		b.WriteString(e.NewText)
		at = e.End.Offset
	}
	b.WriteString(s[at:])
	return b.String(), spans
}

// spanSet holds disjoint ranges sorted by start, to test a new range
// against all of them in logarithmic time: a file with thousands of
// findings on one line must not cost their number squared.
type spanSet struct{ s [][2]int }

func (x *spanSet) overlaps(a, b int) bool {
	i := sort.Search(len(x.s), func(i int) bool { return x.s[i][0] > b })
	for j := i - 1; j >= 0; j-- {
		c := x.s[j]
		if overlaps(a, b, c[0], c[1]) {
			return true
		}
		if c[1] < a {
			break // the ranges before end earlier still
		}
	}
	return false
}

func (x *spanSet) overlapsAny(edits []finding.Edit) bool {
	for _, e := range edits {
		if x.overlaps(e.Start.Offset, e.End.Offset) {
			return true
		}
	}
	return false
}

func (x *spanSet) add(edits []finding.Edit) {
	for _, e := range edits {
		a, b := e.Start.Offset, e.End.Offset
		i := sort.Search(len(x.s), func(i int) bool { return x.s[i][0] > a || x.s[i][0] == a && x.s[i][1] > b })
		x.s = append(x.s, [2]int{})
		copy(x.s[i+1:], x.s[i:])
		x.s[i] = [2]int{a, b}
	}
}

// findingKey identifies a finding across two versions of a text: its rule
// and what it matched (a long match, such as a whole message too long to
// send, by its rule alone: it changes with every edit).
func findingKey(fd finding.Finding) string {
	if len(fd.Match) > 200 {
		return fd.Rule
	}
	return fd.Rule + "\x00" + fd.Match
}

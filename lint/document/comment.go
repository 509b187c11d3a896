package document

import (
	"regexp"
	"strings"
)

// comment is a template comment found in a text (a file, or a decoded
// string of a collection).
type comment struct {
	start, end int    // in the scanned text, delimiters included
	body       string // between the delimiters, trimmed of white space and trim markers
	closed     bool
}

// commentSyntax is one engine's comment form.
type commentSyntax struct {
	open, close string
	// trim lists the whitespace-control markers the engine allows just
	// inside the delimiters ({{- /* */ -}}, {#- -#}, {{~!-- --~}}).
	trim string
}

// commentSyntaxes lists the comment forms, longest opener first so that
// "{{!--" wins over "{{!".
var commentSyntaxes = []commentSyntax{
	{open: "{{- /*", close: "*/}}"},
	{open: "{{/*", close: "*/}}"},
	{open: "{{~!--", close: "--}}", trim: "~"},
	{open: "{{!--", close: "--}}", trim: "~"},
	{open: "{{~!", close: "}}", trim: "~"},
	{open: "{{!", close: "}}", trim: "~"},
	{open: "{#", close: "#}", trim: "-+"},
	{open: "<#--", close: "-->"},
	{open: "<!--", close: "-->"},
}

// scanComments finds template comments in s. With skipHTML, <!-- --> is
// left to the HTML tokenizer, which knows where a <script> ends.
func scanComments(s string, skipHTML bool) []comment {
	var out []comment
	for i := 0; i < len(s); {
		j := strings.IndexAny(s[i:], "{<")
		if j < 0 {
			break
		}
		i += j
		c, ok := commentAt(s, i, skipHTML)
		if !ok {
			i++
			continue
		}
		out = append(out, c)
		i = c.end
	}
	return out
}

// commentAt reads a comment that starts at s[i], if one does.
func commentAt(s string, i int, skipHTML bool) (comment, bool) {
	for _, syn := range commentSyntaxes {
		if !strings.HasPrefix(s[i:], syn.open) {
			continue
		}
		if syn.open == "<!--" && skipHTML {
			return comment{}, false
		}
		// "{{#each}}" is a Handlebars block, not a Jinja comment.
		if syn.open == "{#" && i > 0 && s[i-1] == '{' {
			return comment{}, false
		}
		from := i + len(syn.open)
		end, innerEnd, closed := closeComment(s, from, syn)
		return comment{start: i, end: end, body: trimCommentBody(s[from:innerEnd], syn.trim), closed: closed}, true
	}
	return comment{}, false
}

// closeComment finds the end of a comment whose text starts at from. Go
// comments may close with "*/ -}}" and Handlebars ones with "--~}}"; an
// unclosed comment runs to the end of the text.
func closeComment(s string, from int, syn commentSyntax) (end, innerEnd int, closed bool) {
	var alt string
	switch syn.close {
	case "*/}}":
		alt = "*/ -}}"
	case "--}}":
		alt = "--~}}"
	}
	for k := from; k < len(s); {
		j := strings.Index(s[k:], syn.close[:2])
		if j < 0 {
			break
		}
		at := k + j
		switch {
		case strings.HasPrefix(s[at:], syn.close):
			return at + len(syn.close), at, true
		case alt != "" && strings.HasPrefix(s[at:], alt):
			return at + len(alt), at, true
		}
		k = at + 1
	}
	return len(s), len(s), false
}

func trimCommentBody(b, trim string) string {
	b = strings.TrimSpace(b)
	if trim != "" {
		b = strings.TrimLeft(b, trim)
		b = strings.TrimRight(b, trim)
	}
	return strings.TrimSpace(b)
}

// stripComments removes template comments from x. A line that held only
// comments goes away with its line break, so a comment line inside a
// paragraph does not split it into two; a comment between words takes the
// white space on one side with it. The comments come back with the offset
// in the stripped text where each one was.
func stripComments(x mapped) (mapped, []placedComment) {
	cs := scanComments(x.text, false)
	if len(cs) == 0 {
		return x, nil
	}
	s := x.text
	removed := make([][2]int, 0, len(cs))
	ownLine := make([]bool, len(cs))
	for i, c := range cs {
		a, z := c.start, c.end
		ls, le := lineStart(s, a), lineEnd(s, z)
		if blankOutside(s, ls, le, cs) {
			ownLine[i] = true
			// The whole line goes, with the line break after it (or,
			// for the last line, the one before it).
			switch {
			case le < len(s):
				a, z = ls, le+breakLen(s, le)
			case ls > 0:
				a, z = ls-breakLenBefore(s, ls), le
			default:
				a, z = ls, le
			}
		} else {
			switch {
			case blankOutside(s, z, le, cs):
				z = le
				for a > ls && isHSpaceAt(s, a-1) {
					a--
				}
			case a == ls || isHSpaceAt(s, a-1):
				for z < le && isHSpaceAt(s, z) {
					z++
				}
			}
		}
		removed = appendRange(removed, a, z)
	}
	var keep [][2]int
	prev := 0
	for _, r := range removed {
		if r[0] > prev {
			keep = append(keep, [2]int{prev, r[0]})
		}
		prev = max(prev, r[1])
	}
	if prev < len(s) {
		keep = append(keep, [2]int{prev, len(s)})
	}
	out := restrict(x, keep)
	placed := make([]placedComment, len(cs))
	for i, c := range cs {
		// The comment sat where the kept text before it ends.
		at := 0
		for _, k := range keep {
			at += max(0, min(k[1], c.start)-k[0])
		}
		placed[i] = placedComment{
			comment:   c,
			ownLine:   ownLine[i],
			textAt:    min(at, out.m.n),
			fileStart: x.m.fileOffset(c.start),
			fileEnd:   x.m.fileEnd(c.end),
		}
	}
	return out, placed
}

// placedComment is a comment with its place in the message text and file.
type placedComment struct {
	comment
	textAt int // offset in the message text where it was removed
	// ownLine is set when the comment's line held nothing else and went
	// with it.
	ownLine            bool
	fileStart, fileEnd int
}

// appendRange adds [a, z) to sorted, merging overlaps.
func appendRange(rs [][2]int, a, z int) [][2]int {
	if n := len(rs); n > 0 && a <= rs[n-1][1] {
		rs[n-1][0] = min(rs[n-1][0], a)
		rs[n-1][1] = max(rs[n-1][1], z)
		return rs
	}
	return append(rs, [2]int{a, z})
}

// blankOutside reports whether s[ls:le] holds only white space once the
// comments are taken out.
func blankOutside(s string, ls, le int, cs []comment) bool {
	i := ls
	for _, c := range cs {
		if c.end <= ls || c.start >= le {
			continue
		}
		if c.start > i && !onlyHSpace(s[i:c.start]) {
			return false
		}
		i = max(i, c.end)
	}
	return i >= le || onlyHSpace(s[i:le])
}

func lineStart(s string, i int) int {
	return strings.LastIndexAny(s[:i], "\r\n") + 1
}

func lineEnd(s string, i int) int {
	if j := strings.IndexAny(s[i:], "\r\n"); j >= 0 {
		return i + j
	}
	return len(s)
}

func breakLen(s string, i int) int {
	switch {
	case strings.HasPrefix(s[i:], "\r\n"):
		return 2
	case i < len(s) && (s[i] == '\n' || s[i] == '\r'):
		return 1
	}
	return 0
}

func breakLenBefore(s string, i int) int {
	switch {
	case strings.HasSuffix(s[:i], "\r\n"):
		return 2
	case i > 0 && (s[i-1] == '\n' || s[i-1] == '\r'):
		return 1
	}
	return 0
}

func isHSpaceAt(s string, i int) bool { return i >= 0 && i < len(s) && (s[i] == ' ' || s[i] == '\t') }

func onlyHSpace(s string) bool { return strings.Trim(s, " \t") == "" }

// Directive words.
const (
	directiveDisable         = "replylint-disable"
	directiveDisableLine     = "replylint-disable-line"
	directiveDisableNextLine = "replylint-disable-next-line"
)

// ruleIDPattern is the shape of a rule ID (as lint/rule checks it).
var ruleIDPattern = regexp.MustCompile(`^[a-z][a-z0-9]*(-[a-z0-9]+)*$`)

// reasonSeparator splits the rule list from the reason: "--" standing alone.
var reasonSeparator = regexp.MustCompile(`(?:^|\s)--(?:\s|$)`)

// directive is a parsed suppression comment.
type directive struct {
	scope  Scope
	rules  []string
	reason string
	// problems found in it; warning marks the ones that do not stop it.
	problems []directiveProblem
	// void is set when the directive must not apply (a rule list that was
	// all typos would otherwise silence every rule).
	void bool
}

type directiveProblem struct {
	msg     string
	warning bool
}

// parseDirective reads a comment body. ok is false for an ordinary comment.
func parseDirective(body string) (d directive, ok bool) {
	if !strings.HasPrefix(body, "replylint-") {
		return d, false
	}
	word, rest, _ := strings.Cut(body, " ")
	if i := strings.IndexAny(word, "\t\r\n"); i >= 0 {
		word, rest = body[:i], body[i:]
	}
	switch word {
	case directiveDisable:
		d.scope = ScopeMessage
	case directiveDisableLine:
		d.scope = ScopeLine
	case directiveDisableNextLine:
		d.scope = ScopeNextLine
	default:
		d.void = true
		d.problems = append(d.problems, directiveProblem{msg: "unknown directive " + quote(word) +
			" (want replylint-disable, replylint-disable-line or replylint-disable-next-line)"})
		return d, true
	}
	ids := rest
	if loc := reasonSeparator.FindStringIndex(rest); loc != nil {
		ids = rest[:loc[0]]
		d.reason = strings.Join(strings.Fields(rest[loc[1]:]), " ")
	}
	given := 0
	for _, id := range strings.FieldsFunc(ids, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' || r == '\r' || r == '\n' }) {
		given++
		if !ruleIDPattern.MatchString(id) {
			d.problems = append(d.problems, directiveProblem{msg: "malformed rule ID " + quote(id) + " in " + word})
			continue
		}
		d.rules = append(d.rules, id)
	}
	if given > 0 && len(d.rules) == 0 {
		d.void = true
	}
	if d.reason == "" {
		d.problems = append(d.problems, directiveProblem{msg: word + " without a reason: add \"-- why the rule does not apply\"", warning: true})
	}
	return d, true
}

func quote(s string) string { return `"` + s + `"` }

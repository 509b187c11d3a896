package check

import (
	"strings"

	"github.com/replylint/replylint/lint/match"
	"github.com/replylint/replylint/lint/message"
	"github.com/replylint/replylint/lint/rule"
)

// Placeholder finds template slots left in a message. In a draft about to
// be sent every slot, drafting mark and malformed tag fires; in a template
// slots are expected, so only drafting marks and malformed tags fire.
//
// The slot and marker patterns come from the rule file and run on the
// original text (case and brackets matter: "TODO" is a mark, Spanish "todo"
// is a word). The template syntax check is structural and lives here: it
// pairs "{{"/"}}", "{%"/"%}", "${"/"}" and "[["/"]]" and matches block tags
// such as "{% if %}" with their "{% endif %}".
type Placeholder struct {
	rule *rule.Rule
	// slots and markers run over the whole message; match.Regexp runs them
	// only around their literals ("{{", "[", "<").
	slots   []*match.Regexp
	markers []*match.Regexp
}

// NewPlaceholder compiles a placeholder rule.
func NewPlaceholder(r *rule.Rule) (*Placeholder, error) {
	spec := r.Placeholder
	if spec == nil {
		return nil, r.ErrorAt(nil, "a placeholder rule needs a placeholder block")
	}
	if len(spec.Slots) == 0 && len(spec.Markers) == 0 {
		return nil, r.ErrorAt([]string{"placeholder"}, "a placeholder rule needs slots or markers")
	}
	c := &Placeholder{rule: r}
	compile := func(list []rule.String) ([]*match.Regexp, error) {
		out := make([]*match.Regexp, 0, len(list))
		for _, s := range list {
			re, err := match.CompileRegexp(s.Value)
			if err != nil {
				return nil, r.Errorf(s, "bad pattern: %v", err)
			}
			out = append(out, re)
		}
		return out, nil
	}
	var err error
	if c.slots, err = compile(spec.Slots); err != nil {
		return nil, err
	}
	if c.markers, err = compile(spec.Markers); err != nil {
		return nil, err
	}
	return c, nil
}

// Run implements Check.
func (c *Placeholder) Run(m *message.Message) []Hit {
	src := m.Text()
	var hits []Hit
	for _, re := range c.markers {
		for _, loc := range re.FindAllStringIndex(src, -1) {
			hits = append(hits, Hit{Span: match.Span{Start: loc[0], End: loc[1]}})
		}
	}
	if m.Mode != rule.Template {
		for _, re := range c.slots {
			for _, loc := range re.FindAllStringIndex(src, -1) {
				if slotMarkdownLink(src, loc[1]) {
					continue
				}
				hits = append(hits, Hit{Span: match.Span{Start: loc[0], End: loc[1]}})
			}
		}
	}
	// A malformed tag is wrong in a template and just as unfilled in a
	// draft; in a draft the slot finding for the same text comes first and
	// wins the overlap.
	hits = append(hits, slotTemplateSyntax(c.rule, src)...)
	return dropOverlaps(hits)
}

// slotMarkdownLink reports whether a bracketed match ending at end is the text
// of a markdown link ("[Alvar Carto](https://…)"), which is not a slot.
func slotMarkdownLink(src string, end int) bool {
	return end > 0 && src[end-1] == ']' && end < len(src) && src[end] == '('
}

// slotTagPair is a template delimiter pair; sameLine says the tag may not span
// lines (a "{{" left open is then reported at its own line).
type slotTagPair struct {
	open, close string
	sameLine    bool
}

var slotPairs = []slotTagPair{
	{open: "{{", close: "}}", sameLine: true},
	{open: "{%", close: "%}"},
	{open: "${", close: "}", sameLine: true},
	{open: "[[", close: "]]", sameLine: true},
}

// slotBlockEnds maps the block tags of Liquid, Jinja and Twig to their end tags.
var slotBlockEnds = map[string]string{
	"if": "endif", "unless": "endunless", "for": "endfor", "case": "endcase",
	"capture": "endcapture", "comment": "endcomment", "raw": "endraw",
	"tablerow": "endtablerow", "block": "endblock", "macro": "endmacro",
	"with": "endwith", "filter": "endfilter", "autoescape": "endautoescape",
	"verbatim": "endverbatim", "apply": "endapply", "embed": "endembed",
	"spaceless": "endspaceless", "paginate": "endpaginate", "form": "endform",
}

// slotInnerTags may only stand inside a block.
var slotInnerTags = map[string]bool{"else": true, "elsif": true, "elif": true, "elseif": true, "when": true, "empty": true}

// slotTemplateSyntax reports malformed template tags: an opening delimiter
// without its closing one, a closing one without an opening one, an empty
// slot, and block tags that are not closed or close the wrong block.
func slotTemplateSyntax(r *rule.Rule, src string) []Hit {
	if !hasSlotDelimiter(src) {
		return nil
	}
	var hits []Hit
	malformed := func(start, end int, name string, args ...string) {
		hits = append(hits, namedHit(r, match.Span{Start: start, End: end}, name, args...))
	}
	type block struct {
		name       string
		start, end int
	}
	var stack []block
	closed := map[int]bool{} // offsets of closing delimiters that belong to a tag
	for i := 0; i < len(src); i++ {
		p, ok := slotPairAt(src, i)
		if !ok {
			continue
		}
		open, cls := p.open, p.close
		if p.open == "{{" && strings.HasPrefix(src[i:], "{{{") {
			open, cls = "{{{", "}}}"
		}
		limit := len(src)
		if p.sameLine {
			if nl := strings.IndexAny(src[i:], "\r\n"); nl >= 0 {
				limit = i + nl
			}
		}
		body := src[i+len(open) : limit]
		ce := strings.Index(body, cls)
		if no := strings.Index(body, p.open); no >= 0 && (ce < 0 || no < ce) {
			ce = -1 // the next tag opens before this one closes
		}
		if ce >= 0 && (p.open == "{{" || p.open == "${") && strings.ContainsAny(body[:ce], "{}") {
			ce = -1 // "{{ name }, … }}": a lone brace ends the slot that was meant
		}
		if ce < 0 {
			end := i + len(open) + slotFirstWord(body)
			malformed(i, end, "unclosed-tag", "open", open, "close", cls)
			i += len(open) - 1
			continue
		}
		inner := body[:ce]
		tagEnd := i + len(open) + ce + len(cls)
		for k := i + len(open) + ce; k < tagEnd; k++ {
			closed[k] = true
		}
		content := strings.TrimSpace(strings.Trim(inner, "-~"))
		switch {
		case content == "":
			malformed(i, tagEnd, "empty-tag")
		case open == "{%":
			name, _, _ := strings.Cut(content, " ")
			switch {
			case slotBlockEnds[name] != "":
				stack = append(stack, block{name: name, start: i, end: tagEnd})
			case strings.HasPrefix(name, "end") && len(name) > 3:
				if len(stack) == 0 || slotBlockEnds[stack[len(stack)-1].name] != name {
					malformed(i, tagEnd, "end-without-block")
				} else {
					stack = stack[:len(stack)-1]
				}
			case slotInnerTags[name] && len(stack) == 0:
				malformed(i, tagEnd, "outside-block")
			}
		}
		i = tagEnd - 1
	}
	for _, b := range stack {
		malformed(b.start, b.end, "unclosed-block", "end", slotBlockEnds[b.name])
	}
	// Closing delimiters that no tag claimed.
	for _, cls := range []string{"}}", "%}", "]]"} {
		for i := 0; i < len(src); {
			k := strings.Index(src[i:], cls)
			if k < 0 {
				break
			}
			at := i + k
			if !closed[at] {
				malformed(at, at+len(cls), "closes-nothing")
			}
			i = at + len(cls)
			for i < len(src) && src[i] == cls[0] {
				i++ // "}}}" is one closing run
			}
		}
	}
	return hits
}

// hasSlotDelimiter reports whether src holds an opening or closing
// delimiter at all: most messages do not, and need no byte-by-byte walk.
func hasSlotDelimiter(src string) bool {
	for _, p := range slotPairs {
		if strings.Contains(src, p.open) {
			return true
		}
	}
	for _, cls := range []string{"}}", "%}", "]]"} {
		if strings.Contains(src, cls) {
			return true
		}
	}
	return false
}

// slotPairAt returns the delimiter pair opening at src[i].
func slotPairAt(src string, i int) (slotTagPair, bool) {
	for _, p := range slotPairs {
		if strings.HasPrefix(src[i:], p.open) {
			return p, true
		}
	}
	return slotTagPair{}, false
}

// slotFirstWord returns the length of the leading spaces and first word of
// s: what an unclosed tag probably meant to enclose.
func slotFirstWord(s string) int {
	k := len(s) - len(strings.TrimLeft(s, " \t"))
	if w := strings.IndexAny(s[k:], " \t\r\n"); w >= 0 {
		return k + w
	}
	return len(s)
}

package document

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/replylint/replylint/lint/strictyaml"
)

// collection splits a YAML or JSON file of many templates.
func (s *splitter) collection(format Format) []*Message {
	var root *tnode
	if format == JSON {
		root = s.parseJSON()
	} else {
		root = s.parseYAML()
	}
	if root == nil {
		return nil
	}
	c := &collector{s: s, format: format, names: map[string]int{}}
	c.root(root)
	return c.msgs
}

// parseYAML parses the whole file; nil when it is empty or broken.
func (s *splitter) parseYAML() *tnode {
	y := newYAMLDoc(s, 0, len(s.src))
	n, err := strictyaml.Parse(s.path, []byte(s.src))
	if err != nil {
		var e *strictyaml.Error
		if errors.As(err, &e) && e.Msg == "empty YAML document" {
			return nil
		}
		s.yamlProblem(y, err)
		return nil
	}
	return y.node(n, 0)
}

// collector turns a parsed collection into messages.
type collector struct {
	s      *splitter
	format Format
	msgs   []*Message
	names  map[string]int // name → offset of its first use
}

// root reads the top of a collection: a list of templates, a mapping of
// names to templates, or a single template entry.
func (c *collector) root(n *tnode) {
	switch n.kind {
	case tCut:
	case tList:
		c.list("", n)
	case tMap:
		if c.isEntry(n) {
			c.entry("", n, true)
			return
		}
		for i, k := range n.keys {
			c.member(k, n.vals[i])
		}
	case tString:
		c.message("", n, fields{}, n.off)
	default:
		c.s.problemAt(n.off, false, "expected a list or a mapping of templates, found %s", n.describe())
	}
}

// isEntry reports whether a top-level mapping is one template rather than
// a mapping of names to templates: it has a text field and only known
// fields.
func (c *collector) isEntry(n *tnode) bool {
	known := knownKeys(fieldsEntry)
	hasBody := false
	for i, k := range n.keys {
		if !slices.Contains(known, k.val.text) {
			return false
		}
		if slices.Contains(bodyKeys, k.val.text) && n.vals[i].kind == tString {
			hasBody = true
		}
	}
	return hasBody
}

// list reads a list of templates; prefix names a list that is a group in
// a mapping ("macros" gives "macros[0]").
func (c *collector) list(prefix string, n *tnode) {
	for i, it := range n.items {
		place := fmt.Sprintf("%s[%d]", prefix, i)
		switch it.kind {
		case tString:
			c.message(place, it, fields{}, it.off)
		case tMap:
			c.entry(place, it, true)
		case tCut:
		default:
			c.s.problemAt(it.off, false, "template %s: expected text or a mapping with a body, found %s", place, it.describe())
		}
	}
}

// member reads one name: template pair of a top-level mapping.
func (c *collector) member(k, v *tnode) {
	name := k.val.text
	switch v.kind {
	case tString:
		c.message(name, v, fields{}, v.off)
	case tMap:
		c.entry(name, v, false)
	case tList:
		c.list(name, v)
	default:
		c.message(name, v, fields{}, v.off)
	}
}

// entry reads a mapping of template fields. For a list item a name field
// names the template; a template under a key is named by its key.
func (c *collector) entry(place string, n *tnode, named bool) {
	f := c.s.readFields(n, fieldsEntry)
	name := place
	if named && f.name != "" {
		name = f.name
	}
	if f.body == nil {
		c.s.problemAt(n.off, false, "template %s has no text (give one of %s)", describeName(name), strings.Join(bodyKeys, ", "))
		return
	}
	c.message(name, f.body, f, n.off)
}

func describeName(name string) string {
	if name == "" || strings.HasPrefix(name, "[") {
		return name
	}
	return fmt.Sprintf("%q", name)
}

// message makes one message from a body node.
func (c *collector) message(name string, body *tnode, f fields, at int) {
	switch body.kind {
	case tCut:
		return
	case tString:
	case tNull:
		c.s.problemAt(body.off, false, "template %s has no text", describeName(name))
		return
	default:
		c.s.problemAt(body.off, false, "template %s: the text must be a string, found %s", describeName(name), body.describe())
		return
	}
	if first, dup := c.names[name]; dup && name != "" {
		c.s.problemAt(at, true, "template name %q is used twice (first at line %d)", name, c.s.pos(first).Line)
	} else {
		c.names[name] = at
	}
	msg := &Message{Name: name, Format: c.format, Settings: f.settings, refs: f.refs, Template: true, entry: f.body != nil}
	var text mapped
	var comments []placedComment
	if f.format == HTML || f.format == "" && htmlMarkup.MatchString(body.val.text) {
		text, comments = c.s.htmlIn(body.val)
	} else {
		text, comments = stripComments(body.val)
	}
	if f.subject != nil {
		subj, subjComments := stripComments(f.subject.val)
		text, comments = withSubject(subj, subjComments, text, comments)
	}
	c.s.finish(msg, text, comments)
	c.msgs = append(c.msgs, msg)
}

// HoldsTemplates reports whether a split collection looks like templates
// rather than some other YAML or JSON file (a CI workflow, a package
// manifest): at least one entry is a mapping with a text field (body,
// text, message, content or template). A directory walk lints only such
// files unless told to lint every file of the extension.
func HoldsTemplates(msgs []*Message) bool {
	for _, m := range msgs {
		if m.entry {
			return true
		}
	}
	return false
}

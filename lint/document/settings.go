package document

import (
	"slices"
	"strings"

	"github.com/replylint/replylint/lint/rule"
	"github.com/replylint/replylint/lint/text"
)

// fieldsMode says where a mapping of template fields comes from.
type fieldsMode int

const (
	// fieldsFrontMatter: front matter; the body is the rest of the file and
	// unknown keys are errors.
	fieldsFrontMatter fieldsMode = iota
	// fieldsEntry: a collection entry; it holds its body, and keys other
	// tools put there are ignored unless they look like a misspelt field.
	fieldsEntry
)

// bodyKeys are the fields that hold a collection entry's text.
var bodyKeys = []string{"body", "text", "message", "content", "template"}

// nameKeys name a collection entry, strongest first.
var nameKeys = []string{"name", "id", "title"}

// settingKeys are the per-message settings.
var settingKeys = []string{"channel", "kind", "type", "language", "mode", "marketplace", "register", "disable"}

// fields is what a mapping of template fields says.
type fields struct {
	name     string
	format   Format // of the body: "" (sniffed), Text, Markdown or HTML
	body     *tnode // nil: none given
	subject  *tnode
	settings Settings
	refs     []RuleRef
}

func knownKeys(mode fieldsMode) []string {
	if mode == fieldsFrontMatter {
		return append([]string{"name", "subject"}, settingKeys...)
	}
	keys := append(append([]string{}, bodyKeys...), nameKeys...)
	return append(append(keys, "subject", "format"), settingKeys...)
}

// readFields reads a mapping of template fields.
func (s *splitter) readFields(n *tnode, mode fieldsMode) fields {
	var f fields
	known := knownKeys(mode)
	seen := map[string]bool{}
	nameRank := len(nameKeys)
	for i, k := range n.keys {
		key, v := k.val.text, n.vals[i]
		if !slices.Contains(known, key) {
			if mode == fieldsFrontMatter {
				s.problemAt(k.off, false, "unknown front matter key %q (known keys: %s)", key, strings.Join(known, ", "))
			} else if guess := nearMiss(key, known); guess != "" {
				s.problemAt(k.off, true, "unknown key %q is ignored; did you mean %q?", key, guess)
			}
			continue
		}
		if seen[key] {
			s.problemAt(k.off, false, "key %q is given twice", key)
			continue
		}
		seen[key] = true
		switch {
		case slices.Contains(bodyKeys, key):
			if f.body != nil {
				s.problemAt(k.off, false, "%q and another text field are both given; a template has one text (%s)", key, strings.Join(bodyKeys, ", "))
				continue
			}
			f.body = v
		case slices.Contains(nameKeys, key):
			rank := slices.Index(nameKeys, key)
			if v.kind != tString && v.kind != tScalar {
				s.problemAt(v.off, false, "%s must be text, found %s", key, v.describe())
				continue
			}
			if rank < nameRank {
				f.name, nameRank = v.val.text, rank
			}
		case key == "format":
			f.format = s.readBodyFormat(v)
		case key == "subject":
			switch v.kind {
			case tNull:
			case tString:
				f.subject = v
			default:
				s.problemAt(v.off, false, "subject must be text, found %s", v.describe())
			}
		case key == "type" && mode == fieldsEntry && !isMessageType(v):
			// Other tools keep a "type" of their own in template entries
			// (email, macro): only a message type is read as one.
			s.problemAt(v.off, true, "type %s is not a message type and is ignored (%v)", v.describe(), typeNames())
		default:
			s.readSetting(&f, key, v)
		}
	}
	return f
}

// readBodyFormat reads the format of an entry's body.
func (s *splitter) readBodyFormat(v *tnode) Format {
	if v.kind == tString {
		if f, err := ParseFormat(v.val.text); err == nil && (f == Text || f == Markdown || f == HTML) {
			return f
		}
	}
	s.problemAt(v.off, false, "format must be text, markdown or html, found %s", v.describe())
	return ""
}

// readSetting reads one setting and checks its value.
func (s *splitter) readSetting(f *fields, key string, v *tnode) {
	if v.kind == tNull {
		return
	}
	st := &f.settings
	if key == "disable" {
		s.readDisable(f, v)
		return
	}
	if v.kind != tString && v.kind != tScalar {
		s.problemAt(v.off, false, "%s must be text, found %s", key, v.describe())
		return
	}
	val := strings.TrimSpace(v.val.text)
	var err error
	switch key {
	case "channel":
		st.Channel, err = rule.ParseChannel(val)
	case "kind":
		st.Kind, err = rule.ParseMessageKind(val)
	case "type":
		st.Type, err = rule.ParseMessageType(val)
	case "mode":
		st.Mode, err = rule.ParseMode(val)
	case "language":
		if !slices.Contains(rule.Languages(), val) {
			s.problemAt(v.off, false, "unsupported language %q (want one of %s)", val, strings.Join(rule.Languages(), ", "))
			return
		}
		st.Language = val
	case "register":
		st.Register, err = rule.ParseRegister(val)
	case "marketplace":
		if val == "" {
			s.problemAt(v.off, false, "marketplace is empty")
			return
		}
		st.Marketplace = val
	}
	if err != nil {
		s.problemAt(v.off, false, "%v", err)
		return
	}
	s.setPos(st, key, v.off)
}

func (s *splitter) setPos(st *Settings, key string, off int) {
	if st.Pos == nil {
		st.Pos = map[string]text.Position{}
	}
	st.Pos[key] = s.pos(off)
}

// readDisable reads a list of rule IDs, or one string of them separated by
// commas or spaces.
func (s *splitter) readDisable(f *fields, v *tnode) {
	var items []*tnode
	switch v.kind {
	case tList:
		items = v.items
	case tString:
		items = []*tnode{v}
	default:
		s.problemAt(v.off, false, "disable must be a list of rule IDs, found %s", v.describe())
		return
	}
	for _, it := range items {
		if it.kind != tString {
			s.problemAt(it.off, false, "disable must be a list of rule IDs, found %s", it.describe())
			continue
		}
		for _, id := range strings.FieldsFunc(it.val.text, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' }) {
			if !ruleIDPattern.MatchString(id) {
				s.problemAt(it.off, false, "malformed rule ID %q in disable", id)
				continue
			}
			if !slices.Contains(f.settings.Disable, id) {
				f.settings.Disable = append(f.settings.Disable, id)
			}
			f.refs = append(f.refs, RuleRef{ID: id, Pos: s.pos(it.off)})
		}
	}
	s.setPos(&f.settings, "disable", v.off)
}

// nearMiss returns the known key that key looks like a typo of, or "".
// Short keys allow one slip, longer ones two, so that "chanel" and
// "langauge" are caught while other tools' fields ("tags", "notes") pass.
func nearMiss(key string, known []string) string {
	key = strings.ToLower(key)
	for _, k := range known {
		if key == k {
			return k
		}
	}
	for _, k := range known {
		d := editDistance(key, k)
		if d == 1 && len(k) >= 4 || d == 2 && len(k) >= 7 {
			return k
		}
	}
	return ""
}

// editDistance is the optimal string alignment distance: insertions,
// deletions, substitutions and swaps of neighbours cost one.
func editDistance(a, b string) int {
	ar, br := []rune(a), []rune(b)
	if len(ar) > 64 || len(br) > 64 {
		return 99
	}
	prev2 := make([]int, len(br)+1)
	prev := make([]int, len(br)+1)
	cur := make([]int, len(br)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ar); i++ {
		cur[0] = i
		for j := 1; j <= len(br); j++ {
			cost := 1
			if ar[i-1] == br[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ar[i-1] == br[j-2] && ar[i-2] == br[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(br)]
}

// isMessageType reports whether a node is the name of a message type.
func isMessageType(v *tnode) bool {
	if v.kind != tString && v.kind != tScalar {
		return false
	}
	_, err := rule.ParseMessageType(strings.TrimSpace(v.val.text))
	return err == nil
}

func typeNames() string {
	var names []string
	for _, t := range rule.MessageTypes() {
		names = append(names, string(t))
	}
	return "message types: " + strings.Join(names, ", ")
}

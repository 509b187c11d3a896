package rule

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/replylint/replylint/lint/strictyaml"
)

// PartsDir is the folder of a language pack that holds the rules' parts in
// that language: lang/<code>/rules/<rule id>.yaml holds the rule's
// rewrites (its suggestion texts) and examples in that language, next to
// the vocabularies they use, as LanguageTool keeps a language's rules and
// examples together. A rule file says what the rule judges, with its
// English texts (the fallback of every language); a new language is one
// folder. The folder's language is its examples' (an example there names
// none); lang/any/rules holds examples whose language is detected, not
// given (the language rule's, or ones that share YAML anchors).
const PartsDir = "rules"

// LanguagePart is a rule's part in one language (lang/<code>/rules/<id>.yaml).
type LanguagePart struct {
	// Rewrites are suggestion texts in the part's language, by the key of
	// the suggestion: "<rule>" for the rule's own, "<rule>/<sub-rule>" for a
	// pattern's, each with an optional "@informal" variant.
	Rewrites map[string]string `yaml:"rewrites"`
	Examples Examples          `yaml:"examples"`
	node     *yaml.Node
}

// loadExamples adds the language parts of a rules folder to its rules.
// The rule's own examples come first, then those of lang/any and of each
// language in Languages() order.
//
// With all set the rules are all of the folder's, and a file naming none of
// them is an error; otherwise files of other rules are skipped.
func loadExamples(fsys fs.FS, root, display string, rules []*Rule, all bool) error {
	langDir := path.Join(root, "lang")
	if _, err := fs.Stat(fsys, langDir); errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	byID := make(map[string]*Rule, len(rules))
	for _, r := range rules {
		byID[r.ID] = r
	}
	var errs []error
	for _, code := range append([]string{AnyLanguage}, Languages()...) {
		dir := path.Join(langDir, code, PartsDir)
		entries, err := fs.ReadDir(fsys, dir)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return fmt.Errorf("rules folder %s: %w", display, err)
		}
		for _, e := range entries { // ReadDir sorts by name
			name := e.Name()
			if e.IsDir() || !(strings.HasSuffix(name, ".yaml") || strings.HasSuffix(name, ".yml")) {
				continue
			}
			p := path.Join(dir, name)
			shown := path.Join(display, strings.TrimPrefix(strings.TrimPrefix(p, root), "/"))
			id := strings.TrimSuffix(strings.TrimSuffix(name, ".yaml"), ".yml")
			r, ok := byID[id]
			if !ok && !all {
				continue
			}
			if !ok {
				errs = append(errs, &strictyaml.Error{File: shown,
					Msg: fmt.Sprintf("examples of rule %q, which this rules folder does not have (the file is named after the rule's id)", id)})
				continue
			}
			part, err := parsePart(fsys, p, shown, code)
			if err != nil {
				errs = append(errs, err)
				continue
			}
			if err := r.addRewrites(part, shown, code); err != nil {
				errs = append(errs, err)
				continue
			}
			r.Examples.Bad = append(r.Examples.Bad, part.Examples.Bad...)
			r.Examples.Good = append(r.Examples.Good, part.Examples.Good...)
		}
	}
	return errors.Join(errs...)
}

// ParseFS parses the rule file p of the rules folder at root in fsys, with
// its parts in the folder's lang/<code>/rules; display names
// the folder in errors.
func ParseFS(fsys fs.FS, root, p, display string) (*Rule, error) {
	r, err := parseFile(fsys, p, root, display)
	if err != nil {
		return nil, err
	}
	if err := loadExamples(fsys, root, display, []*Rule{r}, false); err != nil {
		return nil, err
	}
	if err := r.needExamples(); err != nil {
		return nil, err
	}
	return r, nil
}

// parsePart reads one language part of language code.
func parsePart(fsys fs.FS, p, shown, code string) (LanguagePart, error) {
	var part LanguagePart
	data, err := readLimited(fsys, p)
	if err != nil {
		return part, fmt.Errorf("%s: %w", shown, bareErr(err))
	}
	if err := checkSize(shown, data); err != nil {
		return part, err
	}
	n, err := strictyaml.Parse(shown, data)
	if err != nil {
		return part, err
	}
	if err := strictyaml.Decode(shown, n, &part); err != nil {
		return part, err
	}
	part.node = n
	ex := part.Examples
	var errs strictyaml.Errors
	for _, list := range [][]Example{ex.Bad, ex.Good} {
		for i := range list {
			e := &list[i]
			e.File = shown
			if code == AnyLanguage {
				continue
			}
			if e.Language != "" {
				errs = append(errs, &strictyaml.Error{File: shown, Line: e.Line, Column: e.Col,
					Msg: fmt.Sprintf("the example names language %q, but its folder gives it (%s); drop the key, or move the example to lang/%s/%s or lang/any/%s", e.Language, code, e.Language, PartsDir, PartsDir)})
				continue
			}
			e.Language = code
		}
	}
	if len(ex.Bad) == 0 && len(ex.Good) == 0 && len(part.Rewrites) == 0 {
		errs = append(errs, &strictyaml.Error{File: shown, Line: n.Line, Column: n.Column, Msg: "empty: give rewrites, or examples (bad: texts that must fire, good: texts that must not)"})
	}
	if code == AnyLanguage && len(part.Rewrites) > 0 {
		errs = append(errs, &strictyaml.Error{File: shown, Line: n.Line, Column: n.Column, Msg: "rewrites are written in a language: put them in lang/<code>/" + PartsDir})
	}
	if len(errs) > 0 {
		return part, errs
	}
	return part, nil
}

// addRewrites adds a part's rewrites to the suggestions they name. A text
// the rule file already gives for the language is an error: one text has
// one home.
func (r *Rule) addRewrites(part LanguagePart, shown, code string) error {
	var errs strictyaml.Errors
	keys := make([]string, 0, len(part.Rewrites))
	for k := range part.Rewrites {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, key := range keys {
		fail := func(format string, args ...any) {
			line, col := part.keyPos("rewrites", key)
			errs = append(errs, &strictyaml.Error{File: shown, Line: line, Column: col, Msg: fmt.Sprintf(format, args...)})
		}
		name, variant := key, ""
		if i := strings.IndexByte(key, '@'); i >= 0 {
			name, variant = key[:i], key[i:]
		}
		if variant != "" && variant != InformalSuffix {
			fail("unknown variant %q of rewrite %q (only %s)", variant, name, InformalSuffix)
			continue
		}
		id, sub, _ := strings.Cut(name, "/")
		if id != r.ID {
			fail("rewrite %q is not of rule %s (keys are %s or %s/<sub-rule>)", key, r.ID, r.ID, r.ID)
			continue
		}
		s := r.Suggest
		if sub != "" {
			s = nil
			for _, p := range r.Patterns {
				if p.ID == sub {
					s = p.Suggest
				}
			}
		}
		if s == nil {
			fail("rewrite %q: rule %s has no suggestion there to translate", key, name)
			continue
		}
		lang := code + variant
		if _, dup := s.Text[lang]; dup {
			fail("rewrite %q: the rule file already gives its %s text", key, lang)
			continue
		}
		if s.Text == nil {
			s.Text = map[string]string{}
		}
		s.Text[lang] = part.Rewrites[key]
	}
	if len(errs) > 0 {
		return errs
	}
	return nil
}

// keyPos returns where key of the mapping under top starts in the part's
// file.
func (p *LanguagePart) keyPos(top, key string) (line, col int) {
	n := p.node
	if n == nil {
		return 0, 0
	}
	if n.Kind == yaml.DocumentNode && len(n.Content) > 0 {
		n = n.Content[0]
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value != top {
			continue
		}
		m := n.Content[i+1]
		for j := 0; j+1 < len(m.Content); j += 2 {
			if m.Content[j].Value == key {
				return m.Content[j].Line, m.Content[j].Column
			}
		}
		return n.Content[i].Line, n.Content[i].Column
	}
	return n.Line, n.Column
}

// ExampleFile is where an example of r was written.
func (r *Rule) ExampleFile(e Example) string {
	if e.File != "" {
		return e.File
	}
	return r.Pos.File
}

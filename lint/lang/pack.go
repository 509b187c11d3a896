// Package lang holds the language packs: per language, how text is cut into
// tokens (stemmer, contractions, clause connectors, abbreviations) and the
// named vocabularies that every rule of that language shares. Packs are data
// (rules/lang/<code>/*.yaml); this package decodes them strictly, merges the
// files of one language and answers the tokenizer's questions. It knows
// nothing about rules or patterns.
package lang

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/replylint/replylint/lint/strictyaml"
	"github.com/replylint/replylint/lint/text"
)

// Entry is one phrase of a vocabulary as written, with its place.
type Entry struct {
	Text string
	File string
	Line int
	Col  int
}

// Pos returns file:line:col of the entry.
func (e Entry) Pos() string { return fmt.Sprintf("%s:%d:%d", e.File, e.Line, e.Col) }

// Vocabulary is a named list of phrases. Typos > 0 lets single words of six
// letters or more match with that many edits (a buyer-facing agent writes
// "aplogise").
type Vocabulary struct {
	Name    string
	Typos   int
	Entries []Entry
	// File, Line and Col say where the name was defined.
	File      string
	Line, Col int
}

// vocabularySpec accepts a plain list or {typos, words}.
type vocabularySpec struct {
	Typos int         `yaml:"typos"`
	Words []entrySpec `yaml:"words"`
	Node  *yaml.Node  `yaml:"-"`
}

// entrySpec is one phrase with its place.
type entrySpec struct {
	Value     string
	Line, Col int
}

func (e *entrySpec) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.ScalarNode || strings.TrimSpace(n.Value) == "" {
		return fmt.Errorf("line %d: a vocabulary entry is a non-empty phrase", n.Line)
	}
	*e = entrySpec{Value: n.Value, Line: n.Line, Col: n.Column}
	return nil
}

func (v *vocabularySpec) UnmarshalYAML(n *yaml.Node) error {
	v.Node = n
	switch n.Kind {
	case yaml.SequenceNode:
		if err := n.Decode(&v.Words); err != nil {
			return fmt.Errorf("vocabulary: %w", err)
		}
		return nil
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, val := n.Content[i], n.Content[i+1]
			switch k.Value {
			case "typos":
				if err := val.Decode(&v.Typos); err != nil || v.Typos < 0 || v.Typos > 2 {
					return fmt.Errorf("line %d: typos must be 0, 1 or 2", val.Line)
				}
			case "words":
				if val.Kind != yaml.SequenceNode {
					return fmt.Errorf("line %d: words must be a list", val.Line)
				}
				if err := val.Decode(&v.Words); err != nil {
					return fmt.Errorf("vocabulary words: %w", err)
				}
			default:
				return fmt.Errorf("line %d: unknown key %q in a vocabulary (typos, words)", k.Line, k.Value)
			}
		}
		return nil
	}
	return fmt.Errorf("line %d: a vocabulary is a list of phrases or {typos, words}", n.Line)
}

// KindExamples are messages that kind detection must classify: complaint
// replies (or buyer complaints) and messages that are not.
type KindExamples struct {
	Complaint    []string `yaml:"complaint"`
	NotComplaint []string `yaml:"not-complaint"`
	// Proactive are messages the seller writes first; Reply answer the
	// buyer without a complaint.
	Proactive []string `yaml:"proactive"`
	Reply     []string `yaml:"reply"`
}

// fileSpec is one pack file as written.
type fileSpec struct {
	Language            string                     `yaml:"language"`
	Stemmer             string                     `yaml:"stemmer"`
	Contractions        map[string]string          `yaml:"contractions"`
	ClauseConnectors    []string                   `yaml:"clause-connectors"`
	AdverbialConnectors []string                   `yaml:"adverbial-connectors"`
	Coordinators        []string                   `yaml:"coordinators"`
	Abbreviations       []string                   `yaml:"abbreviations"`
	Dictionary          []string                   `yaml:"dictionary"`
	Compounds           bool                       `yaml:"compounds"`
	Vocabularies        map[string]*vocabularySpec `yaml:"vocabularies"`
	Examples            *KindExamples              `yaml:"examples"`
	// TypeExamples are messages that type detection must classify, by
	// message type (the file that defines the type vocabularies).
	TypeExamples map[string][]string `yaml:"type-examples"`
}

// Pack is everything known about one language.
type Pack struct {
	Code string
	// Stemmer names the Snowball stemmer ("" or "none": no stemming).
	Stemmer string
	// Contractions map a folded word form, or an apostrophe suffix ("'ll",
	// "n't") or prefix ("j'", "l'"), to the words it stands for.
	Contractions map[string]string
	// ClauseConnectors start a new clause ("but", "aber").
	ClauseConnectors []string
	// AdverbialConnectors start a new clause only where one starts
	// anyway (after clause punctuation, at a sentence start) or after one
	// of the Coordinators ("et pourtant"), where the clause then starts at
	// the coordinator: elsewhere they are adverbs inside the clause ("nous
	// avons pourtant envoyé", "können wir jedoch nicht").
	AdverbialConnectors []string
	// Coordinators join words as often as clauses ("und", "et"): they
	// start a clause only before an adverbial connector.
	Coordinators []string
	// Abbreviations end with a dot that does not end a sentence.
	Abbreviations []string
	Vocabularies  map[string]*Vocabulary
	KindExamples  KindExamples
	// TypeExamples are messages by the message type detection must give.
	TypeExamples map[string][]string
	// Dictionary lists common words beyond the vocabularies' own; together
	// they let the tokenizer split text written without spaces.
	Dictionary []string
	// Compounds is true for languages that write compound nouns as one
	// word (German): a long word made of known words is then no typing
	// slip.
	Compounds bool
	stem      func(string) string
	// lexicon holds the pack's words, gathered when the tokenizer first
	// asks (only for long words): a run that meets one language folds the
	// dictionary of that one only.
	lexicon *lexicon
	// derived holds what packages above this one compute from the pack
	// once (see Derived).
	derived sync.Map
}

// Derived returns build's value for key, computed once per pack: the
// tokenizer keeps its folded abbreviations and tokenized clause connectors
// here instead of recomputing them for every message. Safe for concurrent
// use; build may run more than once in a race, and one value wins.
func (p *Pack) Derived(key any, build func() any) any {
	if v, ok := p.derived.Load(key); ok {
		return v
	}
	v, _ := p.derived.LoadOrStore(key, build())
	return v
}

// lexicon is the words a pack knows, folded.
type lexicon struct {
	once  sync.Once
	words map[string]bool
	// letters are the one-letter words of the dictionary ("a", "y"): a
	// letter that only a vocabulary knows ("e" of "e-mail") is no word of
	// its own when run-together text is split.
	letters map[string]bool
}

// lex returns the pack's lexicon, gathered once (nil for a pack built by
// hand rather than loaded).
func (p *Pack) lex() *lexicon {
	if p == nil || p.lexicon == nil {
		return nil
	}
	p.lexicon.once.Do(func() { p.collectWords(p.lexicon) })
	return p.lexicon
}

// IsWord reports whether a folded word is known to the pack: in its
// dictionary or in one of its vocabularies.
func (p *Pack) IsWord(w string) bool {
	lx := p.lex()
	return lx != nil && lx.words[w]
}

// IsLetterWord reports whether a one-letter folded word is a word of the
// language by its dictionary ("a" in English, "y" in Spanish).
func (p *Pack) IsLetterWord(w string) bool {
	lx := p.lex()
	return lx != nil && lx.letters[w]
}

// HasWords reports whether the pack knows any words (to split run-together
// text with).
func (p *Pack) HasWords() bool {
	lx := p.lex()
	return lx != nil && len(lx.words) > 0
}

// collectWords gathers the plain words of the dictionary and of every
// vocabulary entry (not references, skips, prefixes or suffixes), folded.
func (p *Pack) collectWords(lx *lexicon) {
	lx.words = map[string]bool{}
	add := func(phrase string) {
		if lowerASCII(phrase) { // folds to itself, one word: most of them
			lx.words[phrase] = true
			return
		}
		for _, w := range strings.FieldsFunc(text.Normalize(phrase).Text, func(r rune) bool {
			return !text.IsWordRune(r) || text.IsSpacelessScript(r)
		}) {
			lx.words[w] = true
		}
	}
	lx.letters = map[string]bool{}
	for _, w := range p.Dictionary {
		add(w)
		if lowerASCII(w) {
			if len(w) == 1 {
				lx.letters[w] = true
			}
			continue
		}
		for _, f := range strings.Fields(text.Normalize(w).Text) {
			if utf8.RuneCountInString(f) == 1 {
				lx.letters[f] = true
			}
		}
	}
	for _, v := range p.Vocabularies {
		for _, e := range v.Entries {
			for _, f := range strings.Fields(e.Text) {
				if strings.HasPrefix(f, "@") || strings.HasPrefix(f, "..") {
					continue
				}
				f = strings.TrimSuffix(strings.TrimLeft(f, "!="), "?")
				for _, alt := range strings.Split(f, "|") {
					if alt == "" || strings.ContainsAny(alt, "*@'") {
						continue
					}
					add(alt)
				}
			}
		}
	}
}

// lowerASCII reports whether s is one word of a-z only, which folding
// leaves as it is.
func lowerASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'a' || s[i] > 'z' {
			return false
		}
	}
	return s != ""
}

// Stem returns the stem of a folded word (the word itself without a stemmer).
func (p *Pack) Stem(word string) string {
	if p == nil || p.stem == nil {
		return word
	}
	return p.stem(word)
}

// Set is the packs of every language, by ISO 639-1 code.
type Set map[string]*Pack

// Shared is the code of the pack whose vocabularies every language sees:
// words of no language, such as top-level domains (rules/lang/any/).
const Shared = "any"

// Languages returns the codes of the languages in sorted order (not the
// shared pack).
func (s Set) Languages() []string {
	out := make([]string, 0, len(s))
	for c := range s {
		if c != Shared {
			out = append(out, c)
		}
	}
	sort.Strings(out)
	return out
}

// LoadFS reads every pack file under root/<code>/*.yaml of fsys. display is
// the name of root in error messages. Files of the same language are merged;
// a vocabulary defined twice, or a tokenizer setting given in two files, is
// an error naming both places.
func LoadFS(fsys fs.FS, root, display string) (Set, error) {
	set := Set{}
	if err := set.Load(fsys, root, display); err != nil {
		return nil, err
	}
	return set, nil
}

// Load adds the pack files under root of fsys to the set (a project's own
// rules folder may extend the built-in packs with lang/<code>/*.yaml).
func (s Set) Load(fsys fs.FS, root, display string) error {
	set := s
	var paths []string
	err := fs.WalkDir(fsys, root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		// rules/ holds the rules' parts in the pack's language (their
		// rewrites and examples, read with the rules by package rule),
		// not vocabularies.
		if d.IsDir() && d.Name() == "rules" && p != root {
			return fs.SkipDir
		}
		if !d.IsDir() && (strings.HasSuffix(p, ".yaml") || strings.HasSuffix(p, ".yml")) {
			paths = append(paths, p)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("reading language packs in %s: %w", display, err)
	}
	sort.Strings(paths)
	var errs []error
	for _, p := range paths {
		name := path.Join(display, strings.TrimPrefix(strings.TrimPrefix(p, root), "/"))
		if err := set.addFile(fsys, p, name); err != nil {
			errs = append(errs, err)
		}
	}
	if err := errors.Join(errs...); err != nil {
		return err
	}
	for _, p := range set {
		if err := p.prepare(); err != nil {
			return err
		}
	}
	return nil
}

// prepare readies a loaded pack for the tokenizer: a fresh lexicon (the
// files just loaded may add words) and its stemmer.
func (p *Pack) prepare() error {
	p.lexicon = &lexicon{}
	if p.stem != nil || p.Stemmer == "" {
		return nil
	}
	stem, err := stemmerFor(p.Stemmer)
	if err != nil {
		return fmt.Errorf("language pack %s: %w", p.Code, err)
	}
	p.stem = stem
	return nil
}

// maxPackFile bounds one pack file: vocabularies are lists of words, and a
// file far larger than any real one is a mistake (or an attack on memory).
const maxPackFile = 1 << 20

func (s Set) addFile(fsys fs.FS, p, name string) error {
	data, err := fs.ReadFile(fsys, p)
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	if len(data) > maxPackFile {
		return fmt.Errorf("%s: %d bytes; a language pack file may have at most %d", name, len(data), maxPackFile)
	}
	root, err := strictyaml.Parse(name, data)
	if err != nil {
		return err
	}
	var spec fileSpec
	if err := strictyaml.Decode(name, root, &spec); err != nil {
		return err
	}
	dir := path.Base(path.Dir(p))
	if spec.Language == "" {
		return strictyaml.At(name, root, "a language pack file needs language: (the folder's code %q)", dir)
	}
	if spec.Language != dir {
		return strictyaml.At(name, strictyaml.Lookup(root, "language"), "language %q in the folder of %q", spec.Language, dir)
	}
	pk := s[spec.Language]
	if pk == nil {
		pk = &Pack{Code: spec.Language, Contractions: map[string]string{}, Vocabularies: map[string]*Vocabulary{}}
		s[spec.Language] = pk
	}
	if spec.Stemmer != "" {
		if pk.Stemmer != "" {
			return strictyaml.At(name, strictyaml.Lookup(root, "stemmer"), "stemmer is set twice for %s", pk.Code)
		}
		if _, err := stemmerFor(spec.Stemmer); err != nil {
			return strictyaml.At(name, strictyaml.Lookup(root, "stemmer"), "%v", err)
		}
		pk.Stemmer = spec.Stemmer
	}
	for k, v := range spec.Contractions {
		pk.Contractions[strings.ToLower(k)] = strings.ToLower(v)
	}
	pk.ClauseConnectors = append(pk.ClauseConnectors, spec.ClauseConnectors...)
	pk.AdverbialConnectors = append(pk.AdverbialConnectors, spec.AdverbialConnectors...)
	// A connector is a conjunction (it always starts a clause) or an
	// adverb (only at a clause's start), not both.
	for _, c := range pk.AdverbialConnectors {
		if slices.Contains(pk.ClauseConnectors, c) {
			key := "adverbial-connectors"
			if !slices.Contains(spec.AdverbialConnectors, c) {
				key = "clause-connectors"
			}
			return strictyaml.At(name, strictyaml.Lookup(root, key), "%q is both a clause connector and an adverbial connector of %s: it is one or the other", c, pk.Code)
		}
	}
	pk.Coordinators = append(pk.Coordinators, spec.Coordinators...)
	pk.Dictionary = append(pk.Dictionary, spec.Dictionary...)
	pk.Compounds = pk.Compounds || spec.Compounds
	pk.Abbreviations = append(pk.Abbreviations, spec.Abbreviations...)
	for typ, list := range spec.TypeExamples {
		if pk.TypeExamples == nil {
			pk.TypeExamples = map[string][]string{}
		}
		pk.TypeExamples[typ] = append(pk.TypeExamples[typ], list...)
	}
	if spec.Examples != nil {
		pk.KindExamples.Complaint = append(pk.KindExamples.Complaint, spec.Examples.Complaint...)
		pk.KindExamples.NotComplaint = append(pk.KindExamples.NotComplaint, spec.Examples.NotComplaint...)
		pk.KindExamples.Proactive = append(pk.KindExamples.Proactive, spec.Examples.Proactive...)
		pk.KindExamples.Reply = append(pk.KindExamples.Reply, spec.Examples.Reply...)
	}
	vocNode := strictyaml.Lookup(root, "vocabularies")
	for vname, vs := range spec.Vocabularies {
		keyNode := keyOf(vocNode, vname)
		if !validName(vname) {
			return strictyaml.At(name, keyNode, "vocabulary name %q: use lower-case words joined by '-'", vname)
		}
		if old, ok := pk.Vocabularies[vname]; ok {
			return strictyaml.At(name, keyNode, "vocabulary %q is already defined at %s:%d:%d", vname, old.File, old.Line, old.Col)
		}
		v := &Vocabulary{Name: vname, Typos: vs.Typos, File: name}
		if keyNode != nil {
			v.Line, v.Col = keyNode.Line, keyNode.Column
		}
		for _, w := range vs.Words {
			v.Entries = append(v.Entries, Entry{Text: w.Value, File: name, Line: w.Line, Col: w.Col})
		}
		if len(v.Entries) == 0 {
			return strictyaml.At(name, keyNode, "vocabulary %q is empty", vname)
		}
		pk.Vocabularies[vname] = v
	}
	return nil
}

// keyOf returns the key node named key of a mapping node.
func keyOf(m *yaml.Node, key string) *yaml.Node {
	if m == nil || m.Kind != yaml.MappingNode {
		return m
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i]
		}
	}
	return m
}

// validName reports whether s is a vocabulary name: a-z, 0-9 and inner '-'.
func validName(s string) bool {
	if s == "" || s[0] == '-' || s[len(s)-1] == '-' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

// ValidName reports whether s can name a vocabulary.
func ValidName(s string) bool { return validName(s) }

package pattern

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/replylint/replylint/lint/lang"
	"github.com/replylint/replylint/lint/token"
)

// test compares one token.
type test struct {
	kind altKind // altStem, altExact, altPrefix or altSuffix
	s    string
}

func (t test) match(tok *token.Token) bool {
	switch t.kind {
	case altStem:
		return tok.Stem == t.s
	case altExact:
		return tok.Norm == t.s
	case altPrefix:
		return strings.HasPrefix(tok.Norm, t.s)
	case altSuffix:
		return strings.HasSuffix(tok.Norm, t.s)
	}
	return false
}

// alt is one compiled alternative: a run of token tests (a word may be
// several tokens: "e-mail", "申し訳") or a vocabulary.
type alt struct {
	phrase []test
	voc    *vocab
}

type slot struct {
	alts     []alt
	optional bool
	negated  bool
	skip     int
}

// seq is a compiled sequence pattern.
type seq struct {
	slots []slot
	src   string
	// hasVocab says a match may capture vocabularies' words.
	hasVocab bool
}

// vocab is a compiled vocabulary.
type vocab struct {
	// id numbers the vocabulary within its language, for the per-message
	// table of where it ends.
	id      int32
	name    string
	entries []*seq
	// typos > 0: single-word entries (in typoWords) also match a token
	// within that edit distance.
	typos     int
	typoWords []string
	// byStem and byNorm index the entries by the stems and folded forms
	// they can start with; scan lists the entries that cannot be indexed.
	// All three hold entry indexes in ascending order, so that entries are
	// tried in the order written.
	byStem, byNorm map[string][]int32
	scan           []int32
}

// ErrMissingVocabulary says a pattern names a vocabulary that the language
// has not got; the rule then has nothing to say in that language.
var ErrMissingVocabulary = errors.New("no such vocabulary")

// Compiler compiles patterns against the language packs and indexes them.
// Patterns are added while rules load; Freeze ends that, after which Run may
// be called from many goroutines.
type Compiler struct {
	packs  lang.Set
	langs  map[string]*langIndex
	frozen bool
}

type langIndex struct {
	code   string
	pack   *lang.Pack
	vocabs map[string]*vocab
	items  []*seq
	byStem map[string][]int32
	byNorm map[string][]int32
	// scan lists items whose first slot cannot be looked up (prefix,
	// suffix, negation, typo tolerance): they are tried at every token.
	scan []int32
	// vocabCount numbers the compiled vocabularies (pack and rule-local).
	vocabCount int32
}

// NewCompiler returns a compiler over the given packs.
func NewCompiler(packs lang.Set) *Compiler {
	return &Compiler{packs: packs, langs: map[string]*langIndex{}}
}

// Packs returns the language packs.
func (c *Compiler) Packs() lang.Set { return c.packs }

// Pack returns the pack of a language (nil if none).
func (c *Compiler) Pack(code string) *lang.Pack { return c.packs[code] }

// Item names a compiled pattern in its language.
type Item struct {
	Lang string
	ID   int32
}

// Locals are a rule's own vocabularies in one language; they hide pack
// vocabularies of the same name.
type Locals struct {
	specs    map[string]*lang.Vocabulary
	compiled map[string]*vocab
}

// NewLocals wraps a rule's vocabularies for one language.
func NewLocals(specs map[string]*lang.Vocabulary) *Locals {
	return &Locals{specs: specs, compiled: map[string]*vocab{}}
}

func (c *Compiler) index(code string) *langIndex {
	li := c.langs[code]
	if li == nil {
		li = &langIndex{code: code, pack: c.packs[code], vocabs: map[string]*vocab{},
			byStem: map[string][]int32{}, byNorm: map[string][]int32{}}
		c.langs[code] = li
	}
	return li
}

// Add compiles src for a language and indexes it. An error wrapping
// ErrMissingVocabulary means the language lacks a vocabulary src uses.
func (c *Compiler) Add(code, src string, locals *Locals) (Item, error) {
	if c.frozen {
		return Item{}, fmt.Errorf("pattern %q: the compiler is frozen", src)
	}
	li := c.index(code)
	s, err := c.compileSeq(li, src, locals, map[string]bool{})
	if err != nil {
		return Item{}, err
	}
	id := int32(len(li.items))
	li.items = append(li.items, s)
	stems, norms, scan := firstKeys(s.slots, map[*vocab]bool{})
	if scan {
		li.scan = append(li.scan, id)
	}
	for _, k := range dedupe(stems) {
		li.byStem[k] = append(li.byStem[k], id)
	}
	for _, k := range dedupe(norms) {
		li.byNorm[k] = append(li.byNorm[k], id)
	}
	return Item{Lang: code, ID: id}, nil
}

// Check compiles src without indexing it (for validation).
func (c *Compiler) Check(code, src string, locals *Locals) error {
	_, err := c.compileSeq(c.index(code), src, locals, map[string]bool{})
	return err
}

// Freeze ends compilation.
func (c *Compiler) Freeze() { c.frozen = true }

func dedupe(list []string) []string {
	sort.Strings(list)
	out := list[:0]
	for i, s := range list {
		if i == 0 || s != list[i-1] {
			out = append(out, s)
		}
	}
	return out
}

func (c *Compiler) compileSeq(li *langIndex, src string, locals *Locals, resolving map[string]bool) (*seq, error) {
	raw, err := parseSeq(src)
	if err != nil {
		return nil, err
	}
	s := &seq{src: src}
	for _, rs := range raw {
		sl := slot{optional: rs.optional, negated: rs.negated, skip: rs.skip}
		for _, ra := range rs.alts {
			a, err := c.compileAlt(li, ra, locals, resolving)
			if err != nil {
				return nil, err
			}
			if len(a.phrase) == 0 && a.voc == nil {
				continue // a word that folds to nothing
			}
			if rs.negated && len(a.phrase) > 1 {
				return nil, fmt.Errorf("!%s: a negated slot is one token", ra.text)
			}
			sl.alts = append(sl.alts, a)
			s.hasVocab = s.hasVocab || a.voc != nil
		}
		if rs.skip == 0 && len(sl.alts) == 0 {
			return nil, fmt.Errorf("pattern %q: a slot matches nothing", src)
		}
		s.slots = append(s.slots, sl)
	}
	return s, nil
}

func (c *Compiler) compileAlt(li *langIndex, ra rawAlt, locals *Locals, resolving map[string]bool) (alt, error) {
	switch ra.kind {
	case altVocab:
		v, err := c.vocabulary(li, ra.text, locals, resolving)
		return alt{voc: v}, err
	case altPrefix, altSuffix:
		words := token.Words(ra.text, li.pack)
		if len(words) != 1 {
			return alt{}, fmt.Errorf("%q: a prefix or suffix is part of one word", ra.text)
		}
		return alt{phrase: []test{{kind: ra.kind, s: words[0]}}}, nil
	}
	words := token.Words(ra.text, li.pack)
	a := alt{}
	for _, w := range words {
		t := test{kind: ra.kind, s: w}
		if ra.kind == altStem {
			t.s = li.pack.Stem(w)
		}
		a.phrase = append(a.phrase, t)
	}
	return a, nil
}

// vocabulary resolves a name: the rule's own first, then the pack's.
func (c *Compiler) vocabulary(li *langIndex, name string, locals *Locals, resolving map[string]bool) (*vocab, error) {
	if locals != nil {
		if v, ok := locals.compiled[name]; ok {
			return v, nil
		}
		if spec, ok := locals.specs[name]; ok {
			return c.compileVocab(li, spec, locals, resolving, locals.compiled)
		}
	}
	if v, ok := li.vocabs[name]; ok {
		return v, nil
	}
	if li.pack == nil {
		return nil, fmt.Errorf("@%s in %s: %w (no language pack)", name, li.code, ErrMissingVocabulary)
	}
	spec, ok := li.pack.Vocabularies[name]
	if !ok {
		return nil, fmt.Errorf("@%s in %s: %w", name, li.code, ErrMissingVocabulary)
	}
	// Pack vocabularies see only the pack, never a rule's locals.
	return c.compileVocab(li, spec, nil, resolving, li.vocabs)
}

func (c *Compiler) compileVocab(li *langIndex, spec *lang.Vocabulary, locals *Locals, resolving map[string]bool, into map[string]*vocab) (*vocab, error) {
	key := li.code + "/" + spec.Name
	if resolving[key] {
		return nil, fmt.Errorf("vocabulary %q refers to itself", spec.Name)
	}
	resolving[key] = true
	defer delete(resolving, key)
	v := &vocab{id: li.vocabCount, name: spec.Name, typos: spec.Typos}
	li.vocabCount++
	for _, e := range spec.Entries {
		s, err := c.compileSeq(li, e.Text, locals, resolving)
		if err != nil {
			if errors.Is(err, ErrMissingVocabulary) {
				return nil, err
			}
			return nil, fmt.Errorf("%s: %w", e.Pos(), err)
		}
		v.entries = append(v.entries, s)
		if spec.Typos > 0 && len(s.slots) == 1 && len(s.slots[0].alts) == 1 && len(s.slots[0].alts[0].phrase) == 1 {
			if w := token.Words(e.Text, li.pack); len(w) == 1 && len([]rune(w[0])) >= minTypoLen {
				v.typoWords = append(v.typoWords, w[0])
			}
		}
	}
	v.index()
	into[spec.Name] = v
	return v, nil
}

// index builds the entry index of a vocabulary.
func (v *vocab) index() {
	v.byStem, v.byNorm = map[string][]int32{}, map[string][]int32{}
	for i, e := range v.entries {
		stems, norms, scan := firstKeys(e.slots, map[*vocab]bool{v: true})
		if scan {
			v.scan = append(v.scan, int32(i))
			continue
		}
		for _, k := range dedupe(stems) {
			v.byStem[k] = append(v.byStem[k], int32(i))
		}
		for _, k := range dedupe(norms) {
			v.byNorm[k] = append(v.byNorm[k], int32(i))
		}
	}
}

// minTypoLen is the shortest word that may match with a typo: shorter words
// have too many neighbours one edit away ("sorry"/"sorty" is fine, "not"/"now"
// is not).
const minTypoLen = 6

// firstKeys returns the stems and folded forms a match of slots can start
// with, or scan when that cannot be said.
func firstKeys(slots []slot, seen map[*vocab]bool) (stems, norms []string, scan bool) {
	if len(slots) == 0 {
		return nil, nil, true
	}
	sl := slots[0]
	if sl.negated || sl.skip > 0 {
		return nil, nil, true
	}
	for _, a := range sl.alts {
		if a.voc != nil {
			if seen[a.voc] {
				continue
			}
			seen[a.voc] = true
			if a.voc.typos > 0 {
				scan = true
			}
			for _, e := range a.voc.entries {
				s, n, sc := firstKeys(e.slots, seen)
				stems, norms = append(stems, s...), append(norms, n...)
				scan = scan || sc
			}
			delete(seen, a.voc)
			continue
		}
		switch t := a.phrase[0]; t.kind {
		case altStem:
			stems = append(stems, t.s)
		case altExact:
			norms = append(norms, t.s)
		default:
			scan = true
		}
	}
	if sl.optional {
		s, n, sc := firstKeys(slots[1:], seen)
		stems, norms = append(stems, s...), append(norms, n...)
		scan = scan || sc
	}
	return stems, norms, scan
}

// Stats describes what a compiler holds for one language.
type Stats struct {
	// Items is the number of compiled patterns; Scan of them are tried at
	// every token.
	Items, Scan int
	// Keys is the number of distinct stems and forms items start with;
	// Postings the number of (key, item) pairs.
	Keys, Postings int
	// Vocabularies is the number of pack vocabularies compiled.
	Vocabularies int
}

// Stats returns the compiler's figures per language.
func (c *Compiler) Stats() map[string]Stats {
	out := map[string]Stats{}
	for code, li := range c.langs {
		s := Stats{Items: len(li.items), Scan: len(li.scan), Keys: len(li.byStem) + len(li.byNorm), Vocabularies: len(li.vocabs)}
		for _, l := range li.byStem {
			s.Postings += len(l)
		}
		for _, l := range li.byNorm {
			s.Postings += len(l)
		}
		out[code] = s
	}
	return out
}

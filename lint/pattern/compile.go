package pattern

import (
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/replylint/replylint/lint/lang"
	"github.com/replylint/replylint/lint/text"
	"github.com/replylint/replylint/lint/token"
)

// test compares one token.
type test struct {
	kind altKind // altStem, altExact, altPrefix or altSuffix
	s    string
	// sym is s interned (see langIndex.syms) for stem and exact tests, so
	// that the ender compares integers; set by Freeze.
	sym int32
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
	// need is what a match needs in the message (see needs); set by
	// Freeze.
	need []needLit
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
	// byStemNext and byNormNext index the entries that start with a
	// negated slot ("!in exchange") by the token after the start.
	byStemNext, byNormNext map[string][]int32
	scan                   []int32
	// root is the vocabulary's node in its language's trie of fixed
	// entries (0: it has none); fixed[i] says entry i is there and not
	// tried on its own. Set by Freeze.
	root  int32
	fixed []bool
	// starts[i] is what entry i can start with, read for the entries
	// outside the trie (see ender.vocab). Set by Freeze.
	starts []entryStart
	// entryBase numbers the vocabulary's first entry within its language,
	// for the per-message judgement of each entry (see possible).
	entryBase int32
}

// ErrMissingVocabulary says a pattern names a vocabulary that the language
// has not got; the rule then has nothing to say in that language.
var ErrMissingVocabulary = errors.New("no such vocabulary")

// Compiler compiles patterns against the language packs and indexes them.
// Patterns are added while rules load; Freeze ends that, after which Run may
// be called from many goroutines.
//
// Add checks a pattern at once — every error compiling it could give (a
// bad slot, a missing or self-referring vocabulary, an entry of a pack
// vocabulary at its file:line:col) — without tokenizing or stemming the
// vocabularies' entries; a language's patterns are compiled and indexed
// when its first message comes (Run), so that a run that meets one
// language pays for that one only.
type Compiler struct {
	packs  lang.Set
	langs  map[string]*langIndex
	frozen bool
	// scratch pools the working memory of Run (see Results.Release).
	scratch sync.Pool
	// builders pools the tokenizers' arrays of the messages matched.
	builders token.Pool
}

type langIndex struct {
	code string
	pack *lang.Pack
	// pending are the patterns added for the language, in item order;
	// build compiles them once, when the language is first needed.
	pending []pendingItem
	once    sync.Once
	// err is the first error compiling a pending pattern (none: Add
	// checked each); its item then matches nothing.
	err error
	// checked names the vocabularies Add has checked (see Compiler).
	checked map[string]bool
	// placeholder stands for a checked vocabulary while Add checks.
	placeholder vocab
	// blankContraction says a contraction of the pack stands for no word,
	// so that a word's folding to nothing must be asked of the tokenizer.
	blankContraction bool
	vocabs           map[string]*vocab
	items            []*seq
	byStem           map[string][]int32
	byNorm           map[string][]int32
	// byStemNext and byNormNext index the items that start with a negated
	// slot by the token after the start.
	byStemNext, byNormNext map[string][]int32
	// scan lists items whose first slot cannot be looked up (prefix,
	// suffix, negation, typo tolerance): they are tried at every token.
	scan []int32
	// vocabCount numbers the compiled vocabularies (pack and rule-local).
	vocabCount int32
	vocabs2    []*vocab
	// startByStem and startByNorm give, for a stem or folded form, the
	// bit set of the vocabularies an entry of which can start with it;
	// scanVocabs those that may start anywhere. Built by Freeze, they let
	// a message's tokens say once which vocabularies can start on them.
	startByStem, startByNorm         map[string][]uint64
	startByStemNext, startByNormNext map[string][]uint64
	scanVocabs                       []uint64
	words                            int
	// The same indexes over interned strings, built by Freeze: syms numbers
	// every stem and form a pattern or vocabulary names (from 1; 0 is a
	// word no pattern knows), so that a message's tokens are looked up once
	// each and matching indexes arrays instead of hashing strings.
	syms map[string]int32
	// itemKeys[id] are the symbols item id can start with: an item's
	// candidate starts are read from the message's chains of positions by
	// symbol when the item is first asked for.
	itemKeys []itemKeys
	// startBits[sym*words:] is the bit set of vocabularies an entry of
	// which can start with the stem sym; startBitsNorm the same for forms.
	startBits, startBitsNorm         []uint64
	startBitsNext, startBitsNormNext []uint64
	// startSame[sym*words:] is the row of a token whose stem and form are
	// both sym: startBits | startBitsNorm | scanVocabs; startSameNext
	// startBitsNext | startBitsNormNext.
	startSame, startSameNext []uint64
	// trie holds the vocabularies' fixed entries (see trie).
	trie trie
	// entryCount is the number of vocabulary entries (see vocab.entryBase).
	entryCount int
	// firstStem and firstNorm list, per stem or form, the entries (by
	// number) that one of the alternatives of their first need clause
	// names; anyEntry marks the entries no symbol can rule out. A message
	// marks from them which entries can match at all (see possible).
	firstStem, firstNorm symLists
	anyEntry             []uint64
}

// symLists are lists of entry numbers by symbol, in one array: list s is
// at[off[s]:off[s+1]].
type symLists struct {
	off, at []int32
}

func (l *symLists) of(sym int32) []int32 {
	return l.at[l.off[sym]:l.off[sym+1]]
}

// newSymLists gathers per-symbol lists of nsyms symbols into one array.
func newSymLists(lists [][]int32) symLists {
	out := symLists{off: make([]int32, len(lists)+1)}
	for s, l := range lists {
		out.at = append(out.at, l...)
		out.off[s+1] = int32(len(out.at))
	}
	return out
}

// pendingItem is a pattern waiting for its language to be compiled.
type pendingItem struct {
	src    string
	locals *Locals
}

// itemKeys are the symbols an item can start with: stems and forms of its
// first token, or, for an item that opens with a negated slot, of the
// token after its start. Their order does not matter (starts are a set).
type itemKeys struct {
	stems, norms, nextStems, nextNorms []int32
}

// entryStart is what a vocabulary entry outside the trie can start with:
// the symbols of its first token (or, after a negated slot, of the token
// after its start), or anything (any: it cannot be indexed).
type entryStart struct {
	keys itemKeys
	any  bool
	// sig has a bit for each of its keys (see startSig), all bits for
	// any: an entry whose sig shares no bit with a token's cannot start
	// there, told by one AND before the keys are read.
	sig uint64
}

// startSig is the bit of a start key in entryStart.sig: kind 0 to 3 for a
// stem, a form, the next token's stem and the next token's form.
func startSig(sym int32, kind uint32) uint64 {
	return 1 << ((uint32(sym)*0x9E3779B1 + kind*0x85EBCA6B) >> 26)
}

// tokenSig is the bits a token's keys (stem s, form n, and the next
// token's, -1 for none) set (see entryStart.sig).
func tokenSig(s, n, ns, nn int32) uint64 {
	sig := startSig(s, 0) | startSig(n, 1)
	if ns >= 0 {
		sig |= startSig(ns, 2) | startSig(nn, 3)
	}
	return sig
}

// can reports whether the entry can start on a token of stem s and form n
// followed by one of stem ns and form nn (-1: none follows).
func (k *entryStart) can(s, n, ns, nn int32) bool {
	return k.any || hasSym(k.keys.stems, s) || hasSym(k.keys.norms, n) ||
		hasSym(k.keys.nextStems, ns) || hasSym(k.keys.nextNorms, nn)
}

// hasSym reports whether sym is in list, sorted: an entry that opens with
// a vocabulary starts with all of that vocabulary's words, so a list may
// be long, and is then searched; a short one is scanned.
func hasSym(list []int32, sym int32) bool {
	if len(list) <= 8 {
		for _, s := range list {
			if s == sym {
				return true
			}
		}
		return false
	}
	lo, hi := 0, len(list)
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		if list[mid] < sym {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	return lo < len(list) && list[lo] == sym
}

// NewCompiler returns a compiler over the given packs.
func NewCompiler(packs lang.Set) *Compiler {
	return &Compiler{packs: packs, langs: map[string]*langIndex{}}
}

// Packs returns the language packs.
func (c *Compiler) Packs() lang.Set { return c.packs }

// Pack returns the pack of a language (nil if none).
func (c *Compiler) Pack(code string) *lang.Pack { return c.packs[code] }

// Builders pools the token builders of the messages the compiler's
// patterns are run on: whoever builds a view with one puts it back when
// the message is done.
func (c *Compiler) Builders() *token.Pool { return &c.builders }

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
	checked  map[string]bool
}

// NewLocals wraps a rule's vocabularies for one language.
func NewLocals(specs map[string]*lang.Vocabulary) *Locals {
	return &Locals{specs: specs, compiled: map[string]*vocab{}, checked: map[string]bool{}}
}

func (c *Compiler) index(code string) *langIndex {
	li := c.langs[code]
	if li == nil {
		li = &langIndex{code: code, pack: c.packs[code], vocabs: map[string]*vocab{}, checked: map[string]bool{},
			byStem: map[string][]int32{}, byNorm: map[string][]int32{},
			byStemNext: map[string][]int32{}, byNormNext: map[string][]int32{}}
		if li.pack != nil {
			for _, exp := range li.pack.Contractions {
				li.blankContraction = li.blankContraction || strings.TrimSpace(exp) == ""
			}
		}
		c.langs[code] = li
	}
	return li
}

// Add checks src for a language and adds it to the language's patterns,
// compiled and indexed when the language is first needed. An error wrapping
// ErrMissingVocabulary means the language lacks a vocabulary src uses.
func (c *Compiler) Add(code, src string, locals *Locals) (Item, error) {
	if c.frozen {
		return Item{}, fmt.Errorf("pattern %q: the compiler is frozen", src)
	}
	li := c.index(code)
	if _, err := c.compileSeq(li, src, locals, map[string]bool{}, true); err != nil {
		return Item{}, err
	}
	id := int32(len(li.pending))
	li.pending = append(li.pending, pendingItem{src: src, locals: locals})
	return Item{Lang: code, ID: id}, nil
}

// Check checks src as Add does without adding it (for validation).
func (c *Compiler) Check(code, src string, locals *Locals) error {
	_, err := c.compileSeq(c.index(code), src, locals, map[string]bool{}, true)
	return err
}

// Freeze ends adding patterns; each language is compiled when first needed.
func (c *Compiler) Freeze() {
	if !c.frozen { // Run freezes too: no write once frozen
		c.frozen = true
	}
}

// CompileAll compiles every language now (a service that wants no first
// message to wait, or a test of all languages) and returns what went wrong
// compiling, which Add's checks should have made impossible. It freezes the
// compiler.
func (c *Compiler) CompileAll() error {
	c.Freeze()
	codes := make([]string, 0, len(c.langs))
	for code := range c.langs {
		codes = append(codes, code)
	}
	sort.Strings(codes)
	var errs []error
	for _, code := range codes {
		if err := c.prepared(code).err; err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// prepared returns a language's index compiled (nil for a language no
// pattern was added for); the compiler must be frozen.
func (c *Compiler) prepared(code string) *langIndex {
	li := c.langs[code]
	if li != nil {
		li.once.Do(func() { c.build(li) })
	}
	return li
}

// build compiles and indexes the pending patterns of a language.
func (c *Compiler) build(li *langIndex) {
	li.items = make([]*seq, len(li.pending))
	// Both maps are left empty by the calls that use them, so one serves
	// all items.
	resolving, seen := map[string]bool{}, map[*vocab]bool{}
	for id, p := range li.pending {
		s, err := c.compileSeq(li, p.src, p.locals, resolving, false)
		if err != nil {
			// Not indexed: the item matches nothing.
			li.items[id] = &seq{src: p.src}
			if li.err == nil {
				li.err = fmt.Errorf("%s: pattern %q: %w", li.code, p.src, err)
			}
			continue
		}
		li.items[id] = s
		keys := firstKeys(s.slots, seen)
		if keys.scan {
			li.scan = append(li.scan, int32(id))
		} else {
			keys.addTo(int32(id), li.byStem, li.byNorm, li.byStemNext, li.byNormNext)
		}
	}
	li.pending = nil
	li.buildStarts()
	li.intern()
}

// intern numbers the stems and forms of the language's patterns and builds
// the array indexes over them (see langIndex.syms).
func (li *langIndex) intern() {
	// The distinct keys first (a map: the lists would hold each many
	// times), then numbered in sorted order, so that symbol numbers do not
	// depend on map order.
	li.syms = map[string]int32{}
	addTests := func(s *seq) {
		for i := range s.slots {
			for _, a := range s.slots[i].alts {
				for _, t := range a.phrase {
					if t.kind == altStem || t.kind == altExact {
						li.syms[t.s] = 0
					}
				}
			}
		}
	}
	for _, m := range []map[string][]int32{li.byStem, li.byNorm, li.byStemNext, li.byNormNext} {
		for k := range m {
			li.syms[k] = 0
		}
	}
	for _, it := range li.items {
		addTests(it)
	}
	for _, v := range li.vocabs2 {
		for _, m := range []map[string][]int32{v.byStem, v.byNorm, v.byStemNext, v.byNormNext} {
			for k := range m {
				li.syms[k] = 0
			}
		}
		for _, e := range v.entries {
			addTests(e)
		}
	}
	keys := make([]string, 0, len(li.syms))
	for k := range li.syms {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for i, k := range keys {
		li.syms[k] = int32(i + 1)
	}
	n := len(keys) + 1
	setSyms := func(s *seq) {
		for i := range s.slots {
			for ai := range s.slots[i].alts {
				ph := s.slots[i].alts[ai].phrase
				for j := range ph {
					if ph[j].kind == altStem || ph[j].kind == altExact {
						ph[j].sym = li.syms[ph[j].s]
					}
				}
			}
		}
	}
	li.itemKeys = make([]itemKeys, len(li.items))
	for _, l := range []struct {
		m   map[string][]int32
		get func(*itemKeys) *[]int32
	}{
		{li.byStem, func(k *itemKeys) *[]int32 { return &k.stems }},
		{li.byNorm, func(k *itemKeys) *[]int32 { return &k.norms }},
		{li.byStemNext, func(k *itemKeys) *[]int32 { return &k.nextStems }},
		{li.byNormNext, func(k *itemKeys) *[]int32 { return &k.nextNorms }},
	} {
		for k, ids := range l.m {
			for _, id := range ids {
				list := l.get(&li.itemKeys[id])
				*list = append(*list, li.syms[k])
			}
		}
	}
	for _, it := range li.items {
		setSyms(it)
	}
	bits := func(m map[string][]uint64) []uint64 {
		out := make([]uint64, n*li.words)
		for k, b := range m {
			copy(out[int(li.syms[k])*li.words:], b)
		}
		return out
	}
	li.startBits, li.startBitsNorm = bits(li.startByStem), bits(li.startByNorm)
	li.startBitsNext, li.startBitsNormNext = bits(li.startByStemNext), bits(li.startByNormNext)
	li.startSame, li.startSameNext = make([]uint64, n*li.words), make([]uint64, n*li.words)
	for i := range li.startSame {
		li.startSame[i] = li.startBits[i] | li.startBitsNorm[i] | li.scanVocabs[i%li.words]
		li.startSameNext[i] = li.startBitsNext[i] | li.startBitsNormNext[i]
	}
	for _, v := range li.vocabs2 {
		for _, e := range v.entries {
			setSyms(e)
		}
		v.starts = make([]entryStart, len(v.entries))
		for _, l := range []struct {
			m   map[string][]int32
			get func(*itemKeys) *[]int32
		}{
			{v.byStem, func(k *itemKeys) *[]int32 { return &k.stems }},
			{v.byNorm, func(k *itemKeys) *[]int32 { return &k.norms }},
			{v.byStemNext, func(k *itemKeys) *[]int32 { return &k.nextStems }},
			{v.byNormNext, func(k *itemKeys) *[]int32 { return &k.nextNorms }},
		} {
			for k, ids := range l.m {
				for _, id := range ids {
					list := l.get(&v.starts[id].keys)
					*list = append(*list, li.syms[k])
				}
			}
		}
		for _, i := range v.scan {
			v.starts[i].any = true
		}
		for i := range v.starts {
			st := &v.starts[i]
			if st.any {
				st.sig = ^uint64(0)
			}
			for kind, l := range [][]int32{st.keys.stems, st.keys.norms, st.keys.nextStems, st.keys.nextNorms} {
				slices.Sort(l)
				for _, sym := range l {
					st.sig |= startSig(sym, uint32(kind))
				}
			}
		}
	}
	li.buildTrie()
	li.buildNeeds()
}

// buildStarts indexes which vocabularies can start at a stem or form.
func (li *langIndex) buildStarts() {
	li.words = (int(li.vocabCount) + 63) / 64
	li.startByStem, li.startByNorm = map[string][]uint64{}, map[string][]uint64{}
	li.startByStemNext, li.startByNormNext = map[string][]uint64{}, map[string][]uint64{}
	li.scanVocabs = make([]uint64, li.words)
	set := func(m map[string][]uint64, key string, id int32) {
		b := m[key]
		if b == nil {
			b = make([]uint64, li.words)
			m[key] = b
		}
		b[id/64] |= 1 << (id % 64)
	}
	for _, v := range li.vocabs2 {
		for k := range v.byStem {
			set(li.startByStem, k, v.id)
		}
		for k := range v.byNorm {
			set(li.startByNorm, k, v.id)
		}
		for k := range v.byStemNext {
			set(li.startByStemNext, k, v.id)
		}
		for k := range v.byNormNext {
			set(li.startByNormNext, k, v.id)
		}
		if len(v.scan) > 0 || v.typos > 0 {
			li.scanVocabs[v.id/64] |= 1 << (v.id % 64)
		}
	}
}

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

// compileSeq compiles a sequence; check only checks it (see Compiler): it
// gives the same errors, in the same order, without tokenizing words or
// compiling vocabularies, and its result is good for nothing else.
func (c *Compiler) compileSeq(li *langIndex, src string, locals *Locals, resolving map[string]bool, check bool) (*seq, error) {
	if check {
		if ok, refs := simplePattern(src); ok {
			if err := repeatedWord(src); err != nil {
				return nil, err
			}
			if !refs {
				return nil, nil
			}
			return nil, c.checkRefs(li, src, locals, resolving)
		}
	}
	raw, err := parseSeq(src)
	if err != nil {
		return nil, err
	}
	if err := repeatedWord(src); err != nil {
		return nil, err
	}
	s := &seq{src: src, slots: make([]slot, 0, len(raw))}
	for _, rs := range raw {
		sl := slot{optional: rs.optional, negated: rs.negated, skip: rs.skip}
		if len(rs.alts) > 0 {
			sl.alts = make([]alt, 0, len(rs.alts))
		}
		for _, ra := range rs.alts {
			a, err := c.compileAlt(li, ra, locals, resolving, check, rs.negated)
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

// plainPhrase reports whether src is words only — letters and digits, with
// inner hyphens and apostrophes, each word with a letter or digit — which
// always compiles: no operator to misuse, no vocabulary to miss, no word
// that folds to nothing (a letter or digit never folds to a space or
// vanishes).
func plainPhrase(src string) bool {
	seen := false // a letter or digit in the current word
	for _, r := range src {
		switch {
		case 'a' <= r && r <= 'z', 'A' <= r && r <= 'Z', '0' <= r && r <= '9':
			seen = true
		case r >= utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			seen = true
		case r == ' ':
			if !seen {
				return false
			}
			seen = false
		case r == '-' || r == '\'':
		default:
			return false
		}
	}
	return seen
}

// simplePattern reports whether src is made of plain words (see
// plainPhrase), alternatives of them (a|b), exact forms (=a), optional slots
// (a?), skips (.., ..N) between slots and vocabulary references (@name):
// no negation, prefix or quoting. Most vocabulary entries are, so checking
// them costs a scan instead of a parse: such a pattern always parses, and
// compiles unless a vocabulary it names does not (refs says it names one).
func simplePattern(src string) (ok, refs bool) {
	if plainPhrase(src) {
		return true, false
	}
	fields := 0
	last := ""
	for rest := src; ; {
		f, tail, more := strings.Cut(rest, " ")
		if f == "" { // a leading, trailing or double space: let parseSeq judge
			return false, false
		}
		if strings.HasPrefix(f, "..") {
			if fields == 0 || !validSkip(f[2:]) {
				return false, false
			}
		} else {
			ok, r := simpleSlot(f)
			if !ok {
				return false, false
			}
			refs = refs || r
		}
		fields++
		last = f
		if !more {
			break
		}
		rest = tail
	}
	return !strings.HasPrefix(last, ".."), refs
}

// validSkip reports whether n (what follows "..") is a skip parseSeq takes.
func validSkip(n string) bool {
	if n == "" {
		return true
	}
	v := 0
	for i := 0; i < len(n); i++ {
		if n[i] < '0' || n[i] > '9' || i >= 2 {
			return false
		}
		v = v*10 + int(n[i]-'0')
	}
	return v >= 1 && v <= maxSkip
}

// simpleSlot reports whether a field is alternatives of plain words, each
// maybe with =, or of vocabulary references, the slot maybe optional. An
// apostrophe with a '|' is left to the parser, which reads quotes there.
func simpleSlot(f string) (ok, refs bool) {
	if strings.HasPrefix(f, "'") || strings.HasPrefix(f, "!") ||
		strings.Contains(f, "'") && strings.Contains(f, "|") {
		return false, false
	}
	for rest := strings.TrimSuffix(f, "?"); ; {
		a, tail, more := strings.Cut(rest, "|")
		switch {
		case strings.HasPrefix(a, "@"):
			if !lang.ValidName(a[1:]) {
				return false, false
			}
			refs = true
		default:
			if a = strings.TrimPrefix(a, "="); strings.HasPrefix(a, "'") || !plainPhrase(a) {
				return false, false
			}
		}
		if !more {
			return true, refs
		}
		rest = tail
	}
}

// checkRefs checks the vocabularies a simple pattern names, in the order
// compiling would resolve them, so that the first error is the same.
func (c *Compiler) checkRefs(li *langIndex, src string, locals *Locals, resolving map[string]bool) error {
	for rest := src; ; {
		f, tail, more := strings.Cut(rest, " ")
		if !strings.HasPrefix(f, "..") {
			for alts := strings.TrimSuffix(f, "?"); ; {
				a, next, more := strings.Cut(alts, "|")
				if strings.HasPrefix(a, "@") {
					if err := c.checkVocabulary(li, a[1:], locals, resolving); err != nil {
						return err
					}
				}
				if !more {
					break
				}
				alts = next
			}
		}
		if !more {
			return nil
		}
		rest = tail
	}
}

// compileAlt compiles one alternative. When checking, a word becomes a
// phrase of the right emptiness (of the right length when count asks, for a
// negated slot) and a vocabulary the placeholder.
func (c *Compiler) compileAlt(li *langIndex, ra rawAlt, locals *Locals, resolving map[string]bool, check, count bool) (alt, error) {
	switch ra.kind {
	case altVocab:
		if check {
			err := c.checkVocabulary(li, ra.text, locals, resolving)
			return alt{voc: &li.placeholder}, err
		}
		v, err := c.vocabulary(li, ra.text, locals, resolving)
		return alt{voc: v}, err
	case altPrefix, altSuffix:
		// The folded form itself: a prefix is part of a word, so it is not
		// cut into words as a run-together word would be.
		w := text.Normalize(ra.text).Text
		if w == "" || strings.IndexFunc(w, func(r rune) bool { return !text.IsWordRune(r) }) >= 0 {
			return alt{}, fmt.Errorf("%q: a prefix or suffix is part of one word", ra.text)
		}
		return alt{phrase: []test{{kind: ra.kind, s: w}}}, nil
	}
	if check && !count && plainPhrase(ra.text) {
		return alt{phrase: []test{{kind: ra.kind}}}, nil // a letter: not blank
	}
	if check && !count && !li.blankContraction {
		// The tokenizer makes a token of every rune but a space, and
		// every word at least one token unless a contraction stands for
		// none: a word folds to nothing exactly when its folded form is
		// blank.
		if strings.Trim(text.Normalize(ra.text).Text, " ") == "" {
			return alt{}, nil
		}
		return alt{phrase: []test{{kind: ra.kind}}}, nil
	}
	words := token.Words(ra.text, li.pack)
	a := alt{phrase: make([]test, 0, len(words))}
	for _, w := range words {
		t := test{kind: ra.kind, s: w}
		if ra.kind == altStem && !check {
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
	spec := c.packVocabulary(li, name)
	if spec == nil {
		return nil, fmt.Errorf("@%s in %s: %w", name, li.code, ErrMissingVocabulary)
	}
	// Pack vocabularies see only the pack, never a rule's locals.
	return c.compileVocab(li, spec, nil, resolving, li.vocabs)
}

// packVocabulary returns the pack's vocabulary of a name, or the shared
// pack's (words of no language, such as top-level domains, seen by every
// language); nil if neither has one.
func (c *Compiler) packVocabulary(li *langIndex, name string) *lang.Vocabulary {
	var spec *lang.Vocabulary
	if li.pack != nil {
		spec = li.pack.Vocabularies[name]
	}
	if spec == nil {
		if shared := c.packs[lang.Shared]; shared != nil && li.code != lang.Shared {
			spec = shared.Vocabularies[name]
		}
	}
	return spec
}

// checkVocabulary checks a vocabulary as vocabulary would compile it; a
// vocabulary that checked once is not checked again.
func (c *Compiler) checkVocabulary(li *langIndex, name string, locals *Locals, resolving map[string]bool) error {
	if locals != nil {
		if locals.checked[name] {
			return nil
		}
		if spec, ok := locals.specs[name]; ok {
			return c.checkVocab(li, spec, locals, resolving, locals.checked)
		}
	}
	if li.checked[name] {
		return nil
	}
	spec := c.packVocabulary(li, name)
	if spec == nil {
		return fmt.Errorf("@%s in %s: %w", name, li.code, ErrMissingVocabulary)
	}
	return c.checkVocab(li, spec, nil, resolving, li.checked)
}

// checkVocab checks the entries of a vocabulary as compileVocab compiles
// them, with the same errors.
func (c *Compiler) checkVocab(li *langIndex, spec *lang.Vocabulary, locals *Locals, resolving map[string]bool, into map[string]bool) error {
	key := li.code + "/" + spec.Name
	if resolving[key] {
		return fmt.Errorf("vocabulary %q refers to itself", spec.Name)
	}
	resolving[key] = true
	defer delete(resolving, key)
	for _, e := range spec.Entries {
		if _, err := c.compileSeq(li, e.Text, locals, resolving, true); err != nil {
			return entryError(e, err)
		}
	}
	into[spec.Name] = true
	return nil
}

// entryError places an error compiling a vocabulary entry at the entry; a
// missing vocabulary is passed on as it is (the rule then has nothing to
// say in the language).
func entryError(e lang.Entry, err error) error {
	if errors.Is(err, ErrMissingVocabulary) {
		return err
	}
	return fmt.Errorf("%s: %w", e.Pos(), err)
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
	li.vocabs2 = append(li.vocabs2, v)
	for _, e := range spec.Entries {
		s, err := c.compileSeq(li, e.Text, locals, resolving, false)
		if err != nil {
			return nil, entryError(e, err)
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
	v.byStemNext, v.byNormNext = map[string][]int32{}, map[string][]int32{}
	seen := map[*vocab]bool{v: true} // firstKeys leaves it as it found it
	for i, e := range v.entries {
		keys := firstKeys(e.slots, seen)
		if keys.scan {
			v.scan = append(v.scan, int32(i))
			continue
		}
		keys.addTo(int32(i), v.byStem, v.byNorm, v.byStemNext, v.byNormNext)
	}
}

// minTypoLen is the shortest word that may match with a typo: shorter words
// have too many neighbours one edit away ("sorry"/"sorty" is fine, "not"/"now"
// is not).
const minTypoLen = 6

// startKeys are what a match can start with: stems and folded forms of
// its first token, or — for a pattern that opens with a negated slot — of
// its second; scan when that cannot be said.
type startKeys struct {
	stems, norms         []string
	nextStems, nextNorms []string
	scan                 bool
}

func (k *startKeys) add(o startKeys) {
	k.stems, k.norms = append(k.stems, o.stems...), append(k.norms, o.norms...)
	k.nextStems, k.nextNorms = append(k.nextStems, o.nextStems...), append(k.nextNorms, o.nextNorms...)
	k.scan = k.scan || o.scan
}

// addTo indexes id under its keys.
func (k startKeys) addTo(id int32, byStem, byNorm, byStemNext, byNormNext map[string][]int32) {
	for _, l := range []struct {
		keys []string
		m    map[string][]int32
	}{{k.stems, byStem}, {k.norms, byNorm}, {k.nextStems, byStemNext}, {k.nextNorms, byNormNext}} {
		keys := l.keys
		if len(keys) > 1 {
			keys = dedupe(keys)
		}
		for _, key := range keys {
			l.m[key] = append(l.m[key], id)
		}
	}
}

// firstKeys returns the keys a match of slots can start with.
func firstKeys(slots []slot, seen map[*vocab]bool) startKeys {
	if len(slots) == 0 {
		return startKeys{scan: true}
	}
	sl := slots[0]
	if sl.skip > 0 || sl.negated && sl.optional {
		return startKeys{scan: true}
	}
	if sl.negated {
		// "!in exchange": any token but "in", then "exchange" — found by
		// the token after the start.
		rest := firstKeys(slots[1:], seen)
		if rest.scan || len(rest.nextStems)+len(rest.nextNorms) > 0 {
			return startKeys{scan: true}
		}
		return startKeys{nextStems: rest.stems, nextNorms: rest.norms}
	}
	var keys startKeys
	for _, a := range sl.alts {
		if a.voc != nil {
			if seen[a.voc] {
				continue
			}
			seen[a.voc] = true
			if a.voc.typos > 0 {
				keys.scan = true
			}
			for _, e := range a.voc.entries {
				keys.add(firstKeys(e.slots, seen))
			}
			delete(seen, a.voc)
			continue
		}
		switch t := a.phrase[0]; t.kind {
		case altStem:
			keys.stems = append(keys.stems, t.s)
		case altExact:
			keys.norms = append(keys.norms, t.s)
		default:
			keys.scan = true
		}
	}
	if sl.optional {
		keys.add(firstKeys(slots[1:], seen))
	}
	return keys
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

// Stats returns the compiler's figures per language, compiling every
// language (it freezes the compiler).
func (c *Compiler) Stats() map[string]Stats {
	c.Freeze()
	out := map[string]Stats{}
	for code := range c.langs {
		li := c.prepared(code)
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

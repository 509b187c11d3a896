package match

import (
	"sync"

	"github.com/replylint/replylint/lint/text"
)

// Index lets the matchers of all the rules of a linter share one pass over
// a message. It learns which matchers search messages of a language, builds
// one automaton over all their literals, and scans each message it is
// attached to once, the first time a matcher searches it.
//
// A matcher the index does not know yet scans the text with its own
// automaton, as it does without an index, and joins the index; the shared
// automaton is rebuilt, for the next message, with it. So after the first
// messages of a language every matcher is served by the one scan. The
// result is the same either way: only the work differs.
//
// An Index is safe for concurrent use.
type Index struct {
	mu    sync.Mutex
	langs map[string]*langIndex
}

// langIndex is what the index knows for messages of one language.
type langIndex struct {
	progs []*program
	known map[*program]bool
	// cat is the automaton over progs' literals; nil when progs changed.
	cat *catalog
}

// NewIndex returns an empty index.
func NewIndex() *Index {
	return &Index{langs: map[string]*langIndex{}}
}

// Attach makes matchers that search n (a message in language lang) go
// through the index. It records the index on n.Memo; a nil index does
// nothing.
func (ix *Index) Attach(n *text.Normalized, lang string) {
	if ix == nil {
		return
	}
	n.Memo = &sharedScan{ix: ix, lang: lang, text: n.Text}
}

// sharedScan is the shared literal scan of one text, made on first use.
type sharedScan struct {
	ix   *Index
	lang string
	text string
	once sync.Once
	res  *scanResult
}

// scanOf returns the scan attached to n, if any.
func scanOf(n *text.Normalized) *sharedScan {
	sc, _ := n.Memo.(*sharedScan)
	if sc == nil || sc.text != n.Text {
		return nil
	}
	return sc
}

// occurrences returns p's literal occurrences from the shared scan, and
// false when the index does not cover p yet (p then joins it).
func (sc *sharedScan) occurrences(p *program) ([]occ, bool) {
	sc.once.Do(func() {
		if cat := sc.ix.catalog(sc.lang); cat != nil {
			sc.res = cat.scan(sc.text)
		}
	})
	if occs, ok := sc.res.of(p); ok {
		return occs, true
	}
	sc.ix.add(sc.lang, p)
	return nil, false
}

// catalog returns the current automaton of a language, building it when
// matchers joined since the last build; nil when no matcher is known.
func (ix *Index) catalog(lang string) *catalog {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	li := ix.langs[lang]
	if li == nil || len(li.progs) == 0 {
		return nil
	}
	if li.cat == nil {
		li.cat = newCatalog(li.progs)
	}
	return li.cat
}

// Learn tells the index, ahead of the first message of lang, about all
// the lists of the sets for that language, so that its automaton is built
// once with all their literals instead of once per list that joins. The
// lists must have been prepared (see Prepare).
func (ix *Index) Learn(lang string, sets ...*Set) {
	if ix == nil {
		return
	}
	for _, s := range sets {
		if s == nil {
			continue
		}
		for _, p := range s.programs(lang) {
			if !p.whole {
				ix.add(lang, p)
			}
		}
	}
}

func (ix *Index) add(lang string, p *program) {
	p.prepare()
	ix.mu.Lock()
	defer ix.mu.Unlock()
	li := ix.langs[lang]
	if li == nil {
		li = &langIndex{known: map[*program]bool{}}
		ix.langs[lang] = li
	}
	if li.known[p] {
		return
	}
	li.known[p] = true
	li.progs = append(li.progs, p)
	li.cat = nil
}

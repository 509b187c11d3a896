package lang

import (
	"fmt"
	"hash/maphash"
	"strings"
	"sync"
	"sync/atomic"

	snowball "github.com/blevesearch/snowballstem"
	"github.com/blevesearch/snowballstem/english"
	"github.com/blevesearch/snowballstem/french"
	"github.com/blevesearch/snowballstem/german"
	"github.com/blevesearch/snowballstem/italian"
	"github.com/blevesearch/snowballstem/spanish"
)

// Stemmers lists the stemmer names a pack may ask for.
func Stemmers() []string {
	return []string{"english", "german", "french", "spanish", "italian", "none"}
}

// stemCacheSlots is the size of a pack's stem cache (a power of two):
// messages repeat a small vocabulary, and a Snowball stemmer costs ~0.5 µs a
// word. 8,192 slots (64 KB of pointers, made when the language's first
// word comes) hold the words of a directory of templates with few
// collisions; a larger table cost a one-message run more than it saved.
const stemCacheSlots = 1 << 13

// stemCache remembers stems in a direct-mapped table: a word's slot is its
// hash, and a new word takes the slot over. A hit is one hash and one
// atomic load, where sync.Map's trie walk was a tenth of tokenizing
// (pointer chasing across a cache the size of a run's vocabulary); a miss
// only costs the stemmer, and no lock is ever taken, so the cache is safe
// for concurrent use.
type stemCache struct {
	seed maphash.Seed
	// slots are made when the first word comes: a run that meets one
	// language does not allocate (and clear) the tables of the others.
	once  sync.Once
	slots []atomic.Pointer[stemEntry]
}

type stemEntry struct{ word, stem string }

func newStemCache() *stemCache {
	return &stemCache{seed: maphash.MakeSeed()}
}

func (c *stemCache) slot(word string) *atomic.Pointer[stemEntry] {
	c.once.Do(func() { c.slots = make([]atomic.Pointer[stemEntry], stemCacheSlots) })
	return &c.slots[maphash.String(c.seed, word)&(stemCacheSlots-1)]
}

// stemmerFor returns the stemmer a pack names (nil for none).
func stemmerFor(name string) (func(string) string, error) {
	var run func(*snowball.Env) bool
	switch name {
	case "", "none":
		return nil, nil
	case "english":
		run = english.Stem
	case "german":
		run = german.Stem
	case "french":
		run = french.Stem
	case "spanish":
		run = spanish.Stem
	case "italian":
		run = italian.Stem
	default:
		return nil, fmt.Errorf("unknown stemmer %q (english, german, french, spanish, italian or none)", name)
	}
	cache := newStemCache()
	return func(word string) string { return cache.stem(word, run) }, nil
}

// stem returns the stem run gives word, from the cache when it is there.
func (c *stemCache) stem(word string, run func(*snowball.Env) bool) string {
	if len(word) < 3 {
		return word
	}
	slot := c.slot(word)
	if e := slot.Load(); e != nil && e.word == word {
		return e.stem
	}
	env := snowball.NewEnv(word)
	run(env)
	// The word is cut from a message: kept as it is, it would keep that
	// message's text alive for as long as it stays cached.
	e := &stemEntry{word: strings.Clone(word), stem: env.Current()}
	if e.stem == word {
		e.stem = e.word
	}
	slot.Store(e)
	return e.stem
}

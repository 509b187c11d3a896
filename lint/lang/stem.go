package lang

import (
	"fmt"
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

// stemCacheSize bounds the words a pack remembers the stem of: messages
// repeat a small vocabulary, and a Snowball stemmer costs ~0.5 µs a word.
const stemCacheSize = 1 << 16

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
	var (
		cache sync.Map
		size  atomic.Int32
	)
	return func(word string) string {
		if len(word) < 3 {
			return word
		}
		if s, ok := cache.Load(word); ok {
			return s.(string)
		}
		env := snowball.NewEnv(word)
		run(env)
		s := env.Current()
		if size.Load() < stemCacheSize {
			if _, loaded := cache.LoadOrStore(word, s); !loaded {
				size.Add(1)
			}
		}
		return s
	}, nil
}

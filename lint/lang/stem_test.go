package lang

import (
	"fmt"
	"sync"
	"testing"
	"unsafe"

	snowball "github.com/blevesearch/snowballstem"
	"github.com/blevesearch/snowballstem/english"
	"github.com/blevesearch/snowballstem/german"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestStemCacheAgreesWithStemmer stems more words than the cache has
// slots, twice, from several goroutines: every answer, hit or miss, is
// the stemmer's own.
func TestStemCacheAgreesWithStemmer(t *testing.T) {
	stem, err := stemmerFor("german")
	require.NoError(t, err)
	words := []string{"bestellungen", "bestellung", "lieferung", "entschuldigen", "ab", "zurückgeschickt"}
	for i := 0; len(words) < stemCacheSlots+500; i++ {
		words = append(words, fmt.Sprintf("wort%dungen", i))
	}
	want := make([]string, len(words))
	for i, w := range words {
		env := snowball.NewEnv(w)
		german.Stem(env)
		want[i] = env.Current()
	}
	var wg sync.WaitGroup
	errs := make([]int, 4)
	for g := range errs {
		wg.Go(func() {
			for range 2 {
				for i, w := range words {
					if stem(w) != want[i] {
						errs[g]++
					}
				}
			}
		})
	}
	wg.Wait()
	assert.Equal(t, []int{0, 0, 0, 0}, errs)
	assert.Equal(t, "bestell", stem("bestellungen"))
	assert.Equal(t, "ab", stem("ab"), "words under three letters are their own stem")
}

func TestStemCacheDoesNotKeepTheText(t *testing.T) {
	text := []byte("the refunded parcel")
	word := string(text)[4:12]
	c := newStemCache()
	require.Equal(t, "refund", c.stem(word, english.Stem))
	e := c.slot(word).Load()
	require.NotNil(t, e)
	assert.Equal(t, "refunded", e.word)
	assert.NotSame(t, unsafe.StringData(word), unsafe.StringData(e.word), "the cached word is a copy")
	assert.Equal(t, "refund", c.stem(word, english.Stem), "a hit")
}

package pattern

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestMemoTable(t *testing.T) {
	m := newMemoTable(1)
	want := map[uint64]uint64{}
	for i := uint64(0); i < 5000; i++ {
		key := i<<32 | i%97
		m.put(key, i*3)
		want[key] = i * 3
	}
	m.put(0, 7) // key 0 is a key like any other
	want[0] = 7
	for k, v := range want {
		got, ok := m.get(k)
		assert.True(t, ok, k)
		assert.Equal(t, v, got, k)
	}
	_, ok := m.get(1<<40 | 5)
	assert.False(t, ok)
	assert.Equal(t, len(want), m.n)
}

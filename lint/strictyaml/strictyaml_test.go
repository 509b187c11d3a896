package strictyaml

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type inner struct {
	Name string `yaml:"name"`
	N    int    `yaml:"n"`
}

type outer struct {
	Title string           `yaml:"title"`
	Items []inner          `yaml:"items"`
	ByKey map[string]inner `yaml:"by-key"`
	Flag  bool             `yaml:"flag"`
}

func TestDecodeRejectsWithPositions(t *testing.T) {
	src := "title: x\nitems:\n  - name: a\n    n: two\n  - nmae: b\nby-key:\n  k: [1]\nflag: maybe\ncolour: red\n"
	n, err := Parse("f.yaml", []byte(src))
	require.NoError(t, err)
	var v outer
	err = Decode("f.yaml", n, &v)
	require.Error(t, err)
	msg := err.Error()
	assert.Contains(t, msg, `f.yaml:4:8: expected a whole number, found "two"`)
	assert.Contains(t, msg, `f.yaml:5:5: unknown key "nmae"`)
	assert.Contains(t, msg, `f.yaml:7:6: expected a mapping, found a list`)
	assert.Contains(t, msg, `f.yaml:8:7: expected true or false, found "maybe"`)
	assert.Contains(t, msg, `f.yaml:9:1: unknown key "colour"`)
}

func TestDecodeOK(t *testing.T) {
	n, err := Parse("f.yaml", []byte("title: x\nitems: [{name: a, n: 1}]\nflag: true\n"))
	require.NoError(t, err)
	var v outer
	require.NoError(t, Decode("f.yaml", n, &v))
	assert.Equal(t, outer{Title: "x", Items: []inner{{Name: "a", N: 1}}, Flag: true}, v)
}

func TestParseErrors(t *testing.T) {
	_, err := Parse("f.yaml", []byte("a: [\n"))
	require.Error(t, err)
	assert.Regexp(t, `^f\.yaml:\d+:\d+: `, err.Error())
	_, err = Parse("f.yaml", []byte(""))
	assert.ErrorContains(t, err, "empty YAML document")
	_, err = Parse("f.yaml", []byte("a: 1\n---\nb: 2\n"))
	assert.ErrorContains(t, err, "second YAML document")
}

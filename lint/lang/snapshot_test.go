package lang

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/replylint/replylint/lint/text"
	"github.com/replylint/replylint/rules"
)

// TestSnapshotIsFresh: the embedded snapshot is what the YAML packs give.
func TestSnapshotIsFresh(t *testing.T) {
	set, err := LoadFS(rules.FS, "lang", "rules/lang")
	require.NoError(t, err)
	if string(set.EncodeSnapshot()) != rules.Packs {
		t.Fatal("rules/lang.bin is stale: run go generate ./rules")
	}
}

// TestSnapshotRoundTrip: decoding gives the packs the YAML gives, fields,
// stemmers and word lists alike.
func TestSnapshotRoundTrip(t *testing.T) {
	got, err := DecodeSnapshot(rules.Packs)
	require.NoError(t, err)
	assert.Equal(t, rules.Packs, string(got.EncodeSnapshot()))
	want, err := LoadFS(rules.FS, "lang", "rules/lang")
	require.NoError(t, err)
	require.Equal(t, want.Languages(), got.Languages())
	for code, w := range want {
		g := got[code]
		require.NotNil(t, g, code)
		assert.Equal(t, w.Vocabularies, g.Vocabularies, code)
		assert.Equal(t, w.Contractions, g.Contractions, code)
		assert.Equal(t, w.KindExamples, g.KindExamples, code)
		assert.Equal(t, w.TypeExamples, g.TypeExamples, code)
		assert.Equal(t, w.Dictionary, g.Dictionary, code)
		for _, word := range []string{"refunding", "entschuldigung", "remboursement", "返金", "pleasecontactus"} {
			assert.Equal(t, w.Stem(word), g.Stem(word), code)
			assert.Equal(t, w.IsWord(word), g.IsWord(word), code)
		}
		assert.Equal(t, w.HasWords(), g.HasWords(), code)
	}
}

// TestSnapshotCoversPack fails when a field is added to what a pack holds
// without adding it to the snapshot (snapWriter.pack, snapReader.pack).
func TestSnapshotCoversPack(t *testing.T) {
	fields := func(v any) []string {
		var out []string
		typ := reflect.TypeOf(v)
		for i := 0; i < typ.NumField(); i++ {
			if f := typ.Field(i); f.IsExported() {
				out = append(out, f.Name)
			}
		}
		return out
	}
	assert.Equal(t, []string{"Code", "Stemmer", "Contractions", "ClauseConnectors", "AdverbialConnectors", "Coordinators", "Abbreviations", "Vocabularies",
		"KindExamples", "TypeExamples", "Dictionary", "Compounds"}, fields(Pack{}))
	assert.Equal(t, []string{"Name", "Typos", "Entries", "File", "Line", "Col"}, fields(Vocabulary{}))
	assert.Equal(t, []string{"Text", "File", "Line", "Col"}, fields(Entry{}))
	assert.Equal(t, []string{"Complaint", "NotComplaint", "Proactive", "Reply"}, fields(KindExamples{}))
}

// TestSnapshotDamaged: a cut or altered snapshot is an error, never a panic.
func TestSnapshotDamaged(t *testing.T) {
	data := rules.Packs
	for n := 0; n < len(data); n += 1 + n/3 {
		_, err := DecodeSnapshot(data[:n])
		assert.Error(t, err, "cut at %d", n)
	}
	_, err := DecodeSnapshot(data + "x")
	assert.Error(t, err)
	for _, at := range []int{len(snapshotMagic), len(snapshotMagic) + 1, len(data) / 2} {
		b := []byte(data)
		b[at] = 0xff
		_, _ = DecodeSnapshot(string(b)) // may decode; must not panic
	}
}

// TestLexiconShortcut: the words gathered with the a-z shortcut are those
// folding every phrase gives.
func TestLexiconShortcut(t *testing.T) {
	set, err := DecodeSnapshot(rules.Packs)
	require.NoError(t, err)
	for code, p := range set {
		lx := p.lex()
		if !assert.NotNil(t, lx, code) {
			continue
		}
		assert.Equal(t, slowWords(p), lx.words, code)
		assert.Equal(t, slowLetters(p), lx.letters, code)
	}
}

func foldedWords(phrase string) []string {
	return strings.FieldsFunc(text.Normalize(phrase).Text, func(r rune) bool {
		return !text.IsWordRune(r) || text.IsSpacelessScript(r)
	})
}

// slowWords is collectWords without its shortcut.
func slowWords(p *Pack) map[string]bool {
	out := map[string]bool{}
	add := func(phrase string) {
		for _, w := range foldedWords(phrase) {
			out[w] = true
		}
	}
	for _, w := range p.Dictionary {
		add(w)
	}
	for _, v := range p.Vocabularies {
		for _, e := range v.Entries {
			for _, f := range strings.Fields(e.Text) {
				if strings.HasPrefix(f, "@") || strings.HasPrefix(f, "..") {
					continue
				}
				f = strings.TrimSuffix(strings.TrimLeft(f, "!="), "?")
				for _, alt := range strings.Split(f, "|") {
					if alt != "" && !strings.ContainsAny(alt, "*@'") {
						add(alt)
					}
				}
			}
		}
	}
	return out
}

func slowLetters(p *Pack) map[string]bool {
	out := map[string]bool{}
	for _, w := range p.Dictionary {
		for _, f := range strings.Fields(text.Normalize(w).Text) {
			if utf8.RuneCountInString(f) == 1 {
				out[f] = true
			}
		}
	}
	return out
}

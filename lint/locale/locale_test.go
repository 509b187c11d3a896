package locale

import (
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func catalogFS(files map[string]string) fstest.MapFS {
	fsys := fstest.MapFS{}
	for name, text := range files {
		fsys["locale/"+name] = &fstest.MapFile{Data: []byte(text)}
	}
	return fsys
}

const englishCatalog = "locale: en\nlanguages: {en: English, de: German}\ntexts:\n  engine#empty: The message is empty.\n"

func TestLoadAndText(t *testing.T) {
	c, err := Load(catalogFS(map[string]string{
		"en.yaml": englishCatalog,
		"de.yaml": "locale: de\nlanguages: {en: Englisch, de: Deutsch}\ntexts:\n  engine#empty: Die Nachricht ist leer.\n  blame: 'Schuld: „{match}“.'\n",
	}), "locale")
	require.NoError(t, err)
	require.NoError(t, c.Check(map[string]string{"blame": `Blame: "{match}".`, "blame/argue": "Argues."}))
	assert.Equal(t, []string{"de", "en"}, c.Locales())
	assert.True(t, c.Has("de"))
	assert.False(t, c.Has("fr"))

	assert.Equal(t, "Schuld: „{match}“.", c.Text("de", "blame", `Blame: "{match}".`))
	assert.Equal(t, "Argues.", c.Text("de", "blame/argue", "Argues."), "an untranslated key falls back to the rule file's English")
	assert.Equal(t, "Die Nachricht ist leer.", c.Text("de", "engine#empty", ""))
	assert.Equal(t, "The message is empty.", c.Text("fr", "engine#empty", ""), "a locale without a catalog gets the English catalog")
	_, ok := c.Lookup("de", "blame/argue")
	assert.False(t, ok)

	assert.Equal(t, "Deutsch", c.LanguageName("de", "de"))
	assert.Equal(t, "German", c.LanguageName("fr", "de"))
	assert.Equal(t, "ja", c.LanguageName("de", "ja"), "a language nobody names keeps its code")

	assert.Equal(t, map[string][]string{"de": {"blame/argue"}}, c.Missing(map[string]string{"blame": "x", "blame/argue": "y"}))

	var none *Catalog
	assert.Equal(t, "as written", none.Text("de", "blame", "as written"), "a nil catalog writes English")
}

func TestCheckErrors(t *testing.T) {
	tests := []struct {
		name, de, want string
	}{
		{"unknown key", "locale: de\ntexts:\n  blame/gone: Weg.\n", `locale/de.yaml:3:3: unknown text "blame/gone"`},
		{"placeholder dropped", "locale: de\ntexts:\n  blame: Schuld.\n", "locale/de.yaml:3:3: blame: placeholders [] differ from the English [{match}]"},
		{"placeholder renamed", "locale: de\ntexts:\n  blame: 'Schuld: {treffer}.'\n", "placeholders [{treffer}] differ from the English [{match}]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Load(catalogFS(map[string]string{"en.yaml": englishCatalog, "de.yaml": tt.de}), "locale")
			require.NoError(t, err)
			err = c.Check(map[string]string{"blame": `Blame: "{match}".`})
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
		})
	}
	t.Run("english catalog repeats a rule text", func(t *testing.T) {
		c, err := Load(catalogFS(map[string]string{"en.yaml": "locale: en\ntexts:\n  blame: Blame.\n"}), "locale")
		require.NoError(t, err)
		err = c.Check(map[string]string{"blame": "Blame."})
		require.Error(t, err)
		assert.Contains(t, err.Error(), `locale/en.yaml:3:3: "blame" is written in its rule file`)
	})
}

func TestLoadErrors(t *testing.T) {
	tests := []struct {
		name, file, text, want string
	}{
		{"unknown field", "de.yaml", "locale: de\nmessages: {}\n", "locale/de.yaml:2:1"},
		{"locale not the file name", "de.yaml", "locale: fr\n", `locale "fr" does not match the file name (want "de")`},
		{"broken YAML", "de.yaml", "locale: [de\n", "locale/de.yaml"},
		{"text not a string", "de.yaml", "locale: de\ntexts:\n  blame: [a]\n", "locale/de.yaml:3:10"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(catalogFS(map[string]string{tt.file: tt.text}), "locale")
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
		})
	}
}

func TestPlaceholdersAndFill(t *testing.T) {
	assert.Equal(t, []string{"{host}", "{match}"}, Placeholders(`Link {match} goes to {host}, not {match}; {% endif %} and {order_id} are no placeholders.`))
	tests := []struct {
		name, text string
		values     map[string]string
		want       string
	}{
		{"filled", "Link {match} goes to {host}.", map[string]string{"match": "bit.ly/x", "host": "evil.example"}, "Link bit.ly/x goes to evil.example."},
		{"a value is not filled again", "Match {match}.", map[string]string{"match": "{host}", "host": "x"}, "Match {host}."},
		{"unknown placeholder stays", "Say {what}.", map[string]string{"match": "x"}, "Say {what}."},
		{"no values", "Say {what}.", nil, "Say {what}."},
		{"template syntax stays", "Close it with {% {end} %}.", map[string]string{"end": "endif"}, "Close it with {% endif %}."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, Fill(tt.text, tt.values))
		})
	}
}

// TestOpenReadsOnDemand: Open reads no catalog until it is asked for, and
// a catalog that does not read is English (Read and Check say why).
func TestOpenReadsOnDemand(t *testing.T) {
	c, err := Open(catalogFS(map[string]string{
		"en.yaml": englishCatalog,
		"de.yaml": "locale: [de\n",
	}), "locale")
	require.NoError(t, err)
	assert.Equal(t, []string{"de", "en"}, c.Locales())
	require.NoError(t, c.Read("en"))
	assert.Equal(t, "The message is empty.", c.Text("de", "engine#empty", ""), "a catalog that does not read falls back to English")
	assert.Equal(t, "German", c.LanguageName("de", "de"))
	assert.False(t, c.Has("de"))
	require.Error(t, c.Read("de"))
	err = c.Check(nil)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "locale/de.yaml")
	require.NoError(t, c.Read("fr"), "no catalog: nothing to read")
}

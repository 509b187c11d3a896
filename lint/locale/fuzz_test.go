package locale

import (
	"testing"
	"testing/fstest"
)

// FuzzLoad: any catalog text loads or fails with an error, never a panic,
// and a loaded catalog checks, looks up and fills without one either.
func FuzzLoad(f *testing.F) {
	f.Add("locale: de\nlanguages: {en: Englisch}\ntexts:\n  blame: 'Schuld: „{match}“.'\n")
	f.Add("locale: de\ntexts:\n  blame: [a]\n")
	f.Add("locale: de\ntexts: &a {x: *a}\n")
	f.Add("\xff\xfe")
	f.Fuzz(func(t *testing.T, text string) {
		fsys := fstest.MapFS{
			"locale/en.yaml": &fstest.MapFile{Data: []byte(englishCatalog)},
			"locale/de.yaml": &fstest.MapFile{Data: []byte(text)},
		}
		c, err := Load(fsys, "locale")
		if err != nil {
			return
		}
		_ = c.Check(map[string]string{"blame": `Blame: "{match}".`})
		msg := c.Text("de", "blame", `Blame: "{match}".`)
		_ = Fill(msg, map[string]string{"match": "x"})
		_ = c.LanguageName("de", "en")
		_ = c.Missing(map[string]string{"blame": "x"})
	})
}

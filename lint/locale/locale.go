// Package locale holds the translations of what replylint tells a reader:
// finding messages, fix descriptions, rule descriptions and language
// names, in the reader's language (the agent's, not the message's).
//
// English is written where the text is used: in the rule files (a rule's
// message, its sub-rules' messages, the named messages of its check kind)
// and, for the few texts of the engine itself, in the English catalog.
// Every other locale has one catalog file, locale/<code>.yaml, that maps
// the same keys to translated text:
//
//	locale: de
//	languages: {en: Englisch, de: Deutsch, …}
//	texts:
//	  blame: 'Schuldzuweisung oder Abwehr: „{match}“. …'
//	  blame/buyer-misuse: …
//	  contact-info#email: …
//
// Keys are those of rule.Rule.Texts. Check holds the catalogs against the
// English (a test of the engine does it for the built-in rules and
// catalogs, which are fixed when the binary is built): a key nothing has,
// or a translation whose named placeholders ({match}, {host}) differ from
// the English ones, is an error at the key's file:line:col, so a renamed
// rule or a dropped placeholder cannot go unnoticed. A key a catalog lacks
// falls back to English (a test holds the catalogs complete). The linter
// opens the catalogs (Open) and reads each the first time its locale is
// asked for.
package locale

import (
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/replylint/replylint/lint/strictyaml"
)

// English is the locale the rule files are written in.
const English = "en"

// file is one catalog as written.
type file struct {
	Locale string `yaml:"locale"`
	// Languages names languages by code, in this locale.
	Languages map[string]string `yaml:"languages"`
	// Texts are the translations by key.
	Texts map[string]string `yaml:"texts"`
}

// Catalog is the translations of every locale. It is immutable to its
// callers and safe for concurrent use.
type Catalog struct {
	locales []string
	byCode  map[string]*entry
}

// entry is one locale's catalog, read from its file the first time it is
// asked for: a run that writes English reads no other catalog (parsing all
// seven was a third of loading the linter).
type entry struct {
	fsys fs.FS
	name string
	once sync.Once
	// Set by once.
	texts     map[string]string // key → text
	languages map[string]string // code → name
	// at is where each translation stands, for Check's errors.
	at  map[string]*strictyaml.Error
	err error
}

// read parses the entry's file, once.
func (e *entry) read() *entry {
	e.once.Do(func() {
		data, err := fs.ReadFile(e.fsys, e.name)
		if err != nil {
			e.err = fmt.Errorf("locale: %w", err)
			return
		}
		n, err := strictyaml.Parse(e.name, data)
		if err != nil {
			e.err = err
			return
		}
		var f file
		if err := strictyaml.Decode(e.name, n, &f); err != nil {
			e.err = err
			return
		}
		if want := strings.TrimSuffix(path.Base(e.name), ".yaml"); f.Locale != want {
			e.err = strictyaml.At(e.name, n, "locale %q does not match the file name (want %q)", f.Locale, want)
			return
		}
		at := map[string]*strictyaml.Error{}
		if tn := strictyaml.Lookup(n, "texts"); tn != nil {
			for i := 0; i+1 < len(tn.Content); i += 2 {
				at[tn.Content[i].Value] = strictyaml.At(e.name, tn.Content[i], "")
			}
		}
		e.texts, e.languages, e.at = f.Texts, f.Languages, at
	})
	return e
}

// Load reads the catalogs locale/*.yaml of fsys under dir: one per
// locale, named by its code. Check holds them against the English.
func Load(fsys fs.FS, dir string) (*Catalog, error) {
	c, err := Open(fsys, dir)
	if err != nil {
		return nil, err
	}
	for _, loc := range c.locales {
		if err := c.Read(loc); err != nil {
			return nil, err
		}
	}
	return c, nil
}

// Open finds the catalogs locale/*.yaml of fsys under dir, as Load does,
// but reads each only when it is first asked for (Read says whether it
// reads; a catalog that does not is treated as empty: English).
func Open(fsys fs.FS, dir string) (*Catalog, error) {
	names, err := fs.Glob(fsys, path.Join(dir, "*.yaml"))
	if err != nil {
		return nil, fmt.Errorf("locale: %w", err)
	}
	sort.Strings(names)
	c := &Catalog{byCode: make(map[string]*entry, len(names))}
	for _, name := range names {
		code := strings.TrimSuffix(path.Base(name), ".yaml")
		c.locales = append(c.locales, code)
		c.byCode[code] = &entry{fsys: fsys, name: name}
	}
	return c, nil
}

// Read reads the catalog of locale now, if it has not been read, and
// returns its error: a file that does not parse, or names another locale.
func (c *Catalog) Read(locale string) error {
	if e := c.byCode[locale]; e != nil {
		return e.read().err
	}
	return nil
}

// texts returns the translations of locale, nil when it has none.
func (c *Catalog) texts(locale string) map[string]string {
	if e := c.byCode[locale]; e != nil {
		return e.read().texts
	}
	return nil
}

// Check holds the catalogs against the English: english has the rule
// files' texts by key, the English catalog the engine's own. A key neither
// has, a translation whose placeholders differ from the English, or an
// English catalog text a rule file already writes is an error at its
// file:line:col.
func (c *Catalog) Check(english map[string]string) error {
	for _, loc := range c.locales {
		if err := c.Read(loc); err != nil {
			return err
		}
	}
	var errs strictyaml.Errors
	en := c.byCode[English]
	var enTexts map[string]string
	if en != nil {
		enTexts = en.texts
	}
	all := make(map[string]string, len(english)+len(enTexts))
	for k, v := range english {
		all[k] = v
	}
	for _, k := range sortedKeys(enTexts) {
		if _, ok := english[k]; ok {
			errs = append(errs, at(en.at[k], "%q is written in its rule file; the English catalog only holds the engine's texts", k))
			continue
		}
		all[k] = enTexts[k]
	}
	for _, loc := range c.locales {
		if loc == English {
			continue
		}
		e := c.byCode[loc]
		for _, k := range sortedKeys(e.texts) {
			en, ok := all[k]
			if !ok {
				errs = append(errs, at(e.at[k], "unknown text %q: no rule or engine text has this key", k))
				continue
			}
			if got, want := Placeholders(e.texts[k]), Placeholders(en); !slices.Equal(got, want) {
				errs = append(errs, at(e.at[k], "%s: placeholders %v differ from the English %v", k, got, want))
			}
		}
	}
	if len(errs) > 0 {
		return errs
	}
	return nil
}

// Missing returns, per locale, the keys of english (and of the English
// catalog) that the locale does not translate.
func (c *Catalog) Missing(english map[string]string) map[string][]string {
	out := map[string][]string{}
	for _, loc := range c.locales {
		if loc == English {
			continue
		}
		for _, src := range []map[string]string{english, c.texts(English)} {
			for _, k := range sortedKeys(src) {
				if t := c.texts(loc)[k]; t == "" {
					out[loc] = append(out[loc], k)
				}
			}
		}
	}
	return out
}

func at(e *strictyaml.Error, format string, args ...any) *strictyaml.Error {
	out := *e
	out.Msg = fmt.Sprintf(format, args...)
	return &out
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// Locales returns the locales with a catalog, sorted.
func (c *Catalog) Locales() []string { return slices.Clone(c.locales) }

// Has reports whether locale has a catalog (one that reads).
func (c *Catalog) Has(locale string) bool {
	e := c.byCode[locale]
	return e != nil && e.read().err == nil
}

// Text returns the text of key in locale: its translation, else the
// English catalog's text, else english (the rule file's own text).
func (c *Catalog) Text(locale, key, english string) string {
	if c == nil {
		return english
	}
	if t, ok := c.texts(locale)[key]; ok && t != "" {
		return t
	}
	if t, ok := c.texts(English)[key]; ok && t != "" {
		return t
	}
	return english
}

// Lookup returns the translation of key in locale alone.
func (c *Catalog) Lookup(locale, key string) (string, bool) {
	if c == nil {
		return "", false
	}
	t, ok := c.texts(locale)[key]
	return t, ok && t != ""
}

// LanguageName returns the name of the language code in locale (English
// when the locale does not name it; the code itself when nothing does).
func (c *Catalog) LanguageName(locale, code string) string {
	if c != nil {
		if n, ok := c.languageNames(locale)[code]; ok {
			return n
		}
		if n, ok := c.languageNames(English)[code]; ok {
			return n
		}
	}
	return code
}

// languageNames returns the language names of locale, nil when it has
// none.
func (c *Catalog) languageNames(locale string) map[string]string {
	if e := c.byCode[locale]; e != nil {
		return e.read().languages
	}
	return nil
}

// placeholder is a named slot in a text: {match}, {host}.
var placeholder = regexp.MustCompile(`\{[a-z][a-z0-9-]*\}`)

// Placeholders returns the named placeholders of a text, sorted, each
// once.
func Placeholders(s string) []string {
	found := placeholder.FindAllString(s, -1)
	sort.Strings(found)
	return slices.Compact(found)
}

// Fill replaces the named placeholders of a text by their values; a
// placeholder without a value stays as written.
func Fill(s string, values map[string]string) string {
	if len(values) == 0 || !strings.Contains(s, "{") {
		return s
	}
	return placeholder.ReplaceAllStringFunc(s, func(p string) string {
		if v, ok := values[p[1:len(p)-1]]; ok {
			return v
		}
		return p
	})
}

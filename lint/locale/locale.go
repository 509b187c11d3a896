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
// English (the linter does when it loads the built-in rules): a key
// nothing has, or a translation whose named placeholders ({match}, {host})
// differ from the English ones, is an error at the key's file:line:col, so
// a renamed rule or a dropped placeholder cannot go unnoticed. A key a
// catalog lacks falls back to English (a test holds the catalogs
// complete).
package locale

import (
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"sort"
	"strings"

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

// Catalog is the translations of every locale. It is immutable once
// loaded and safe for concurrent use.
type Catalog struct {
	texts     map[string]map[string]string // locale → key → text
	languages map[string]map[string]string // locale → code → name
	locales   []string
	// where each translation stands, for Check's errors.
	at map[string]map[string]*strictyaml.Error
}

// Load reads the catalogs locale/*.yaml of fsys under dir: one per
// locale, named by its code. Check holds them against the English.
func Load(fsys fs.FS, dir string) (*Catalog, error) {
	names, err := fs.Glob(fsys, path.Join(dir, "*.yaml"))
	if err != nil {
		return nil, fmt.Errorf("locale: %w", err)
	}
	sort.Strings(names)
	c := &Catalog{
		texts:     map[string]map[string]string{},
		languages: map[string]map[string]string{},
		at:        map[string]map[string]*strictyaml.Error{},
	}
	for _, name := range names {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("locale: %w", err)
		}
		n, err := strictyaml.Parse(name, data)
		if err != nil {
			return nil, err
		}
		var f file
		if err := strictyaml.Decode(name, n, &f); err != nil {
			return nil, err
		}
		want := strings.TrimSuffix(path.Base(name), ".yaml")
		if f.Locale != want {
			return nil, strictyaml.At(name, n, "locale %q does not match the file name (want %q)", f.Locale, want)
		}
		at := map[string]*strictyaml.Error{}
		if tn := strictyaml.Lookup(n, "texts"); tn != nil {
			for i := 0; i+1 < len(tn.Content); i += 2 {
				at[tn.Content[i].Value] = strictyaml.At(name, tn.Content[i], "")
			}
		}
		c.locales = append(c.locales, f.Locale)
		c.languages[f.Locale], c.texts[f.Locale], c.at[f.Locale] = f.Languages, f.Texts, at
	}
	return c, nil
}

// Check holds the catalogs against the English: english has the rule
// files' texts by key, the English catalog the engine's own. A key neither
// has, a translation whose placeholders differ from the English, or an
// English catalog text a rule file already writes is an error at its
// file:line:col.
func (c *Catalog) Check(english map[string]string) error {
	var errs strictyaml.Errors
	all := make(map[string]string, len(english)+len(c.texts[English]))
	for k, v := range english {
		all[k] = v
	}
	for _, k := range sortedKeys(c.texts[English]) {
		if _, ok := english[k]; ok {
			errs = append(errs, at(c.at[English][k], "%q is written in its rule file; the English catalog only holds the engine's texts", k))
			continue
		}
		all[k] = c.texts[English][k]
	}
	for _, loc := range c.locales {
		if loc == English {
			continue
		}
		for _, k := range sortedKeys(c.texts[loc]) {
			en, ok := all[k]
			if !ok {
				errs = append(errs, at(c.at[loc][k], "unknown text %q: no rule or engine text has this key", k))
				continue
			}
			if got, want := Placeholders(c.texts[loc][k]), Placeholders(en); !slices.Equal(got, want) {
				errs = append(errs, at(c.at[loc][k], "%s: placeholders %v differ from the English %v", k, got, want))
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
		for _, src := range []map[string]string{english, c.texts[English]} {
			for _, k := range sortedKeys(src) {
				if t := c.texts[loc][k]; t == "" {
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

// Has reports whether locale has a catalog.
func (c *Catalog) Has(locale string) bool {
	_, ok := c.texts[locale]
	return ok
}

// Text returns the text of key in locale: its translation, else the
// English catalog's text, else english (the rule file's own text).
func (c *Catalog) Text(locale, key, english string) string {
	if c == nil {
		return english
	}
	if t, ok := c.texts[locale][key]; ok && t != "" {
		return t
	}
	if t, ok := c.texts[English][key]; ok && t != "" {
		return t
	}
	return english
}

// Lookup returns the translation of key in locale alone.
func (c *Catalog) Lookup(locale, key string) (string, bool) {
	if c == nil {
		return "", false
	}
	t, ok := c.texts[locale][key]
	return t, ok && t != ""
}

// LanguageName returns the name of the language code in locale (English
// when the locale does not name it; the code itself when nothing does).
func (c *Catalog) LanguageName(locale, code string) string {
	if c != nil {
		if n, ok := c.languages[locale][code]; ok {
			return n
		}
		if n, ok := c.languages[English][code]; ok {
			return n
		}
	}
	return code
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

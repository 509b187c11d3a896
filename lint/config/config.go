// Package config reads .replylint.yaml: project settings for a directory of
// reply templates (channel, marketplace, kind, mode, rule adjustments, extra
// allowed link domains, custom rule directories, file selection and CI
// thresholds), with per-glob overrides. Decoding is strict: unknown keys are
// errors with file:line:col.
package config

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/replylint/replylint/lint/finding"
	"github.com/replylint/replylint/lint/rule"
	"github.com/replylint/replylint/lint/strictyaml"
)

// FileNames are the names searched for, in order, in each directory.
func FileNames() []string { return []string{".replylint.yaml", ".replylint.yml"} }

// Settings are what a config (or one override) may set for a file.
type Settings struct {
	Channel     string            `yaml:"channel"`
	Marketplace string            `yaml:"marketplace"`
	Kind        string            `yaml:"kind"`
	Type        string            `yaml:"type"`
	Mode        string            `yaml:"mode"`
	Language    string            `yaml:"language"`
	Register    string            `yaml:"register"`
	Disable     []string          `yaml:"disable"`
	Enable      []string          `yaml:"enable"`
	Severity    map[string]string `yaml:"severity"`
}

// Override applies Settings to the files its globs match.
type Override struct {
	Files    []string `yaml:"files"`
	Settings `yaml:",inline"`
}

// File is .replylint.yaml as written.
type File struct {
	Settings   `yaml:",inline"`
	Rules      []string   `yaml:"rules"`
	AllowLinks []string   `yaml:"allow-domains"`
	Include    []string   `yaml:"include"`
	Exclude    []string   `yaml:"exclude"`
	Extensions []string   `yaml:"extensions"`
	FailLevel  string     `yaml:"fail-level"`
	MinScore   *int       `yaml:"min-score"`
	Overrides  []Override `yaml:"overrides"`
}

// Config is a loaded, validated config file.
type Config struct {
	File
	// Path is the config file; Dir its directory, against which globs and
	// rule directories are resolved.
	Path, Dir string
	include   []*regexp.Regexp
	exclude   []*regexp.Regexp
	overrides [][]*regexp.Regexp
	// node is the parsed file, for the positions of problems found later
	// (a rule ID no loaded rule has, a rules folder that is missing).
	node *yaml.Node
}

// Load reads and validates a config file.
func Load(path string) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("config: %w", err)
	}
	return Parse(path, data)
}

// Parse validates config bytes read from path.
func Parse(path string, data []byte) (*Config, error) {
	n, err := strictyaml.Parse(path, data)
	if err != nil {
		return nil, err
	}
	var f File
	if err := strictyaml.Decode(path, n, &f); err != nil {
		return nil, err
	}
	c := &Config{File: f, Path: path, Dir: filepath.Dir(path), node: n}
	var errs []error
	at := func(keys ...string) *strictyaml.Error {
		node := n
		for _, k := range keys {
			if next := strictyaml.Lookup(node, k); next != nil {
				node = next
			}
		}
		return strictyaml.At(path, node, "")
	}
	bad := func(keys []string, format string, args ...any) {
		e := at(keys...)
		e.Msg = fmt.Sprintf(format, args...)
		errs = append(errs, e)
	}
	c.validateSettings(f.Settings, nil, bad)
	for i, o := range f.Overrides {
		where := []string{"overrides"}
		if len(o.Files) == 0 {
			bad(where, "overrides[%d] needs a files: list of globs", i)
		}
		c.validateSettings(o.Settings, where, bad)
		var res []*regexp.Regexp
		for _, g := range o.Files {
			re, err := Glob(g)
			if err != nil {
				bad(where, "overrides[%d]: %v", i, err)
				continue
			}
			res = append(res, re)
		}
		c.overrides = append(c.overrides, res)
	}
	for _, g := range f.Include {
		re, err := Glob(g)
		if err != nil {
			bad([]string{"include"}, "%v", err)
			continue
		}
		c.include = append(c.include, re)
	}
	for _, g := range f.Exclude {
		re, err := Glob(g)
		if err != nil {
			bad([]string{"exclude"}, "%v", err)
			continue
		}
		c.exclude = append(c.exclude, re)
	}
	if f.FailLevel != "" {
		if _, err := finding.ParseSeverity(f.FailLevel); err != nil {
			bad([]string{"fail-level"}, "%v", err)
		}
	}
	if f.MinScore != nil && (*f.MinScore < 0 || *f.MinScore > 100) {
		bad([]string{"min-score"}, "min-score must be between 0 and 100")
	}
	for i, e := range f.Extensions {
		if !strings.HasPrefix(e, ".") {
			bad([]string{"extensions"}, "extensions[%d] %q must start with a dot", i, e)
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return c, nil
}

func (c *Config) validateSettings(s Settings, where []string, bad func([]string, string, ...any)) {
	key := func(k string) []string { return append(slices.Clone(where), k) }
	if s.Channel != "" {
		if _, err := rule.ParseChannel(s.Channel); err != nil {
			bad(key("channel"), "%v", err)
		}
	}
	if s.Kind != "" {
		if _, err := rule.ParseMessageKind(s.Kind); err != nil {
			bad(key("kind"), "%v", err)
		}
	}
	if s.Type != "" {
		if _, err := rule.ParseMessageType(s.Type); err != nil {
			bad(key("type"), "%v", err)
		}
	}
	if s.Mode != "" {
		if _, err := rule.ParseMode(s.Mode); err != nil {
			bad(key("mode"), "%v", err)
		}
	}
	if s.Language != "" && !slices.Contains(rule.Languages(), s.Language) {
		bad(key("language"), "unsupported language %q", s.Language)
	}
	if s.Register != "" {
		if _, err := rule.ParseRegister(s.Register); err != nil {
			bad(key("register"), "%v", err)
		}
	}
	for id, sev := range s.Severity {
		if _, err := finding.ParseSeverity(sev); err != nil {
			bad(key("severity"), "severity of %s: %v", id, err)
		}
	}
}

// Find returns the config that governs a file: the nearest config file in
// the file's directory or above it, or nil when there is none.
func Find(path string) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", fmt.Errorf("config: %w", err)
	}
	info, err := os.Stat(abs)
	dir := abs
	if err != nil || !info.IsDir() {
		dir = filepath.Dir(abs)
	}
	for {
		for _, name := range FileNames() {
			p := filepath.Join(dir, name)
			if _, err := os.Stat(p); err == nil {
				return p, nil
			} else if !errors.Is(err, fs.ErrNotExist) {
				return "", fmt.Errorf("config: %w", err)
			}
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", nil
		}
		dir = parent
	}
}

// Effective is the outcome of a config for one file.
type Effective struct {
	Settings
	// Overrides lists the indexes of the overrides that applied.
	Overrides []int
}

// For merges the top-level settings with every override whose globs match
// the file, in order; later overrides win, lists add up.
func (c *Config) For(path string) Effective {
	rel := c.rel(path)
	e := Effective{Settings: cloneSettings(c.Settings)}
	for i, o := range c.Overrides {
		if !matchAny(c.overrides[i], rel) {
			continue
		}
		e.Overrides = append(e.Overrides, i)
		merge(&e.Settings, o.Settings)
	}
	return e
}

// Selects reports whether include/exclude globs let a file be linted when
// found by walking a directory.
func (c *Config) Selects(path string) bool {
	rel := c.rel(path)
	if len(c.include) > 0 && !matchAny(c.include, rel) {
		return false
	}
	return !matchAny(c.exclude, rel)
}

// RuleDirs resolves the custom rule directories against the config's folder.
func (c *Config) RuleDirs() []string {
	out := make([]string, len(c.Rules))
	for i, d := range c.Rules {
		if filepath.IsAbs(d) {
			out[i] = d
		} else {
			out[i] = filepath.Join(c.Dir, d)
		}
	}
	return out
}

func (c *Config) rel(path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		return filepath.ToSlash(path)
	}
	dir, err := filepath.Abs(c.Dir)
	if err != nil {
		return filepath.ToSlash(path)
	}
	rel, err := filepath.Rel(dir, abs)
	if err != nil {
		return filepath.ToSlash(path)
	}
	return filepath.ToSlash(rel)
}

func matchAny(res []*regexp.Regexp, rel string) bool {
	for _, re := range res {
		if re.MatchString(rel) {
			return true
		}
	}
	return false
}

func cloneSettings(s Settings) Settings {
	s.Disable = slices.Clone(s.Disable)
	s.Enable = slices.Clone(s.Enable)
	sev := make(map[string]string, len(s.Severity))
	for k, v := range s.Severity {
		sev[k] = v
	}
	s.Severity = sev
	return s
}

func merge(dst *Settings, src Settings) {
	for _, p := range []struct{ dst, src *string }{
		{&dst.Channel, &src.Channel}, {&dst.Marketplace, &src.Marketplace}, {&dst.Kind, &src.Kind},
		{&dst.Type, &src.Type},
		{&dst.Mode, &src.Mode}, {&dst.Language, &src.Language}, {&dst.Register, &src.Register},
	} {
		if *p.src != "" {
			*p.dst = *p.src
		}
	}
	for _, id := range src.Disable {
		if !slices.Contains(dst.Disable, id) {
			dst.Disable = append(dst.Disable, id)
		}
	}
	for _, id := range src.Enable {
		dst.Disable = slices.DeleteFunc(dst.Disable, func(d string) bool { return d == id })
	}
	for k, v := range src.Severity {
		dst.Severity[k] = v
	}
}

// Glob compiles a gitignore-style glob relative to the config folder: "*"
// within one path segment, "**" across segments, "?" one character; a glob
// without "/" matches the file name in any folder.
func Glob(g string) (*regexp.Regexp, error) {
	if g == "" {
		return nil, errors.New("empty glob")
	}
	pattern := strings.TrimPrefix(g, "./")
	anyDir := !strings.Contains(strings.TrimSuffix(pattern, "/"), "/")
	var b strings.Builder
	b.WriteString("^")
	if anyDir {
		b.WriteString("(?:.*/)?")
	}
	for i := 0; i < len(pattern); i++ {
		ch := pattern[i]
		switch {
		case strings.HasPrefix(pattern[i:], "**/"):
			b.WriteString("(?:.*/)?")
			i += 2
		case strings.HasPrefix(pattern[i:], "**"):
			b.WriteString(".*")
			i++
		case ch == '*':
			b.WriteString("[^/]*")
		case ch == '?':
			b.WriteString("[^/]") // one character: Go regexps match by code point
		default:
			// One whole character: quoting a single byte of a UTF-8
			// character (as string(byte) would) never matches.
			_, size := utf8.DecodeRuneInString(pattern[i:])
			b.WriteString(regexp.QuoteMeta(pattern[i : i+size]))
			i += size - 1
		}
	}
	if strings.HasSuffix(pattern, "/") {
		b.WriteString(".*")
	}
	b.WriteString("$")
	re, err := regexp.Compile(b.String())
	if err != nil {
		return nil, fmt.Errorf("glob %q: %w", g, err)
	}
	return re, nil
}

// ErrorAt builds an error at the place of a problem found after loading:
// the entry "id" of a settings field (a key of severity, an item of
// disable or enable) at the top level or in the first override that has
// it, else the field itself, else the file's start.
func (c *Config) ErrorAt(field, id, format string, args ...any) *strictyaml.Error {
	e := strictyaml.At(c.Path, c.entry(field, id), format, args...)
	if e.Line == 0 {
		e.Line, e.Column = 1, 1
	}
	return e
}

func (c *Config) entry(field, id string) *yaml.Node {
	maps := []*yaml.Node{c.node}
	if o := strictyaml.Lookup(c.node, "overrides"); o != nil && o.Kind == yaml.SequenceNode {
		maps = append(maps, o.Content...)
	}
	var first *yaml.Node
	for _, m := range maps {
		v := strictyaml.Lookup(m, field)
		if v == nil {
			continue
		}
		if first == nil {
			first = v
		}
		switch v.Kind {
		case yaml.MappingNode:
			for i := 0; i+1 < len(v.Content); i += 2 {
				if v.Content[i].Value == id {
					return v.Content[i]
				}
			}
		case yaml.SequenceNode:
			for _, item := range v.Content {
				if item.Value == id {
					return item
				}
			}
		}
	}
	if first != nil {
		return first
	}
	return c.node
}

// CheckRuleDirs reports each rules folder of the config that is missing or
// unreadable, at its entry in the config, so that "rules: [nonexist]" names
// the config's file:line rather than only the folder.
func (c *Config) CheckRuleDirs() error {
	var errs []error
	for i, dir := range c.RuleDirs() {
		if _, err := os.Stat(dir); err != nil {
			msg := err.Error()
			if errors.Is(err, fs.ErrNotExist) {
				msg = "no such file or directory"
			} else if pe := (*fs.PathError)(nil); errors.As(err, &pe) {
				msg = pe.Err.Error()
			}
			errs = append(errs, c.ErrorAt("rules", c.Rules[i], "rules folder %q: %s", c.Rules[i], msg))
		}
	}
	return errors.Join(errs...)
}

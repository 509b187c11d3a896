// Package channel reads the channel profiles (rules/channels/<channel>.yaml):
// for each sales channel, the policy pages its rules follow and the date
// each was last checked, so that a reader can tell where a rule comes from
// and how fresh it is. It knows nothing about checking messages.
package channel

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"strings"

	"github.com/replylint/replylint/lint/rule"
	"github.com/replylint/replylint/lint/strictyaml"
)

// Profile is one channel's policy pack.
type Profile struct {
	Channel rule.Channel `yaml:"channel"`
	// Name is the channel's name as sellers know it.
	Name string `yaml:"name"`
	// Checked is the date (YYYY-MM-DD) the sources were last checked.
	Checked string   `yaml:"checked"`
	Sources []Source `yaml:"sources"`
	// Notes say what the profile cannot check (in prose).
	Notes string `yaml:"notes"`
	// File is where the profile was read from.
	File string `yaml:"-"`
}

// Source is one policy page.
type Source struct {
	Title string `yaml:"title"`
	URL   string `yaml:"url"`
	// Checked is the date it was last read; "" means the profile's date.
	Checked string `yaml:"checked"`
	// Rules are the IDs of the rules that follow the page.
	Rules []string `yaml:"rules"`
}

// Set is the profiles by channel.
type Set map[rule.Channel]*Profile

// datePattern is the form of a checked date.
var datePattern = regexp.MustCompile(`^20[0-9]{2}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$`)

// maxProfileFile bounds one profile file: a list of links, never large.
const maxProfileFile = 256 << 10

// LoadFS reads every .yaml file under root of fsys; display names root in
// errors. Every problem is reported, each as file:line:col.
func LoadFS(fsys fs.FS, root, display string) (Set, error) {
	entries, err := fs.ReadDir(fsys, root)
	if err != nil {
		return nil, fmt.Errorf("reading channel profiles in %s: %w", display, err)
	}
	set := Set{}
	var errs []error
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".yaml") {
			continue
		}
		name := path.Join(display, e.Name())
		data, err := fs.ReadFile(fsys, path.Join(root, e.Name()))
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", name, err))
			continue
		}
		p, err := Parse(name, data)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if old, dup := set[p.Channel]; dup {
			errs = append(errs, fmt.Errorf("%s: channel %s already has a profile in %s", name, p.Channel, old.File))
			continue
		}
		set[p.Channel] = p
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return set, nil
}

// Parse decodes and validates one profile.
func Parse(file string, data []byte) (*Profile, error) {
	if len(data) > maxProfileFile {
		return nil, fmt.Errorf("%s: %d bytes; a channel profile may have at most %d", file, len(data), maxProfileFile)
	}
	n, err := strictyaml.Parse(file, data)
	if err != nil {
		return nil, err
	}
	var p Profile
	if err := strictyaml.Decode(file, n, &p); err != nil {
		return nil, err
	}
	p.File = file
	var errs strictyaml.Errors
	bad := func(key string, format string, args ...any) {
		at := n
		if v := strictyaml.Lookup(n, key); v != nil {
			at = v
		}
		errs = append(errs, strictyaml.At(file, at, format, args...))
	}
	if _, err := rule.ParseChannel(string(p.Channel)); err != nil {
		bad("channel", "%v", err)
	}
	if p.Name == "" {
		bad("name", "missing name")
	}
	if !datePattern.MatchString(p.Checked) {
		bad("checked", "checked %q must be a date YYYY-MM-DD", p.Checked)
	}
	if len(p.Sources) == 0 {
		bad("sources", "a channel profile names at least one policy source")
	}
	for i, s := range p.Sources {
		if s.Title == "" || !strings.HasPrefix(s.URL, "https://") && !strings.HasPrefix(s.URL, "http://") {
			bad("sources", "sources[%d]: needs a title and an http(s) url", i)
		}
		if s.Checked != "" && !datePattern.MatchString(s.Checked) {
			bad("sources", "sources[%d]: checked %q must be a date YYYY-MM-DD", i, s.Checked)
		}
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return &p, nil
}

// SourcesFor returns the sources of a profile that a rule follows.
func (p *Profile) SourcesFor(ruleID string) []Source {
	var out []Source
	for _, s := range p.Sources {
		for _, id := range s.Rules {
			if id == ruleID {
				out = append(out, s)
				break
			}
		}
	}
	return out
}

// CheckedOn returns the source's date, or the profile's.
func (p *Profile) CheckedOn(s Source) string {
	if s.Checked != "" {
		return s.Checked
	}
	return p.Checked
}

// Channels returns the channels with a profile, in rule.Channels order.
func (s Set) Channels() []rule.Channel {
	var out []rule.Channel
	for _, ch := range rule.Channels() {
		if s[ch] != nil {
			out = append(out, ch)
		}
	}
	return out
}

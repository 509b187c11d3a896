package triage

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"sort"
	"strings"

	"github.com/replylint/replylint/lint/rule"
	"github.com/replylint/replylint/lint/strictyaml"
)

// A signal rule says which words of a buyer's message raise which risk. It
// is data (rules/triage/<id>.yaml), read with the same token patterns and
// language packs as the reply rules, but it is never a reply-linting rule:
// rule.LoadFS skips the triage folder and only this package reads it.

// ReplyKind is what the answer to a message must be.
type ReplyKind string

// Reply kinds.
const (
	// Complaint: a complaint reply with the four de-escalation steps.
	Complaint ReplyKind = "complaint"
	// Information: an answer to a question, order update or request.
	Information ReplyKind = "information"
)

// Signal is one compiled-from-YAML signal rule.
type Signal struct {
	ID    string
	Title string
	// Risk is how much the signal adds to a message's risk (0..100): what a
	// late or cold answer to it can cost on a marketplace metric.
	Risk float64
	// Reply is the reply kind a message with this signal needs.
	Reply ReplyKind
	// Remedies are the remedies a reply to it offers, in order of
	// preference (keys of the skeleton phrases).
	Remedies []string
	Patterns []*PatternSpec
	Examples map[string]Examples
	// File is where the rule was read from.
	File string
	Line int
}

// PatternSpec is one way a signal shows in a message: like a reply rule's
// sub-rule, every all item must match in one scope unit (any order), one of
// any if given, and none of not.
type PatternSpec struct {
	ID        string        `yaml:"id"`
	Scope     string        `yaml:"scope"`
	Pattern   *rule.String  `yaml:"pattern"`
	All       []rule.String `yaml:"all"`
	Any       []rule.String `yaml:"any"`
	Not       []rule.String `yaml:"not"`
	Languages []string      `yaml:"languages"`
	// Report names the item of all whose span is reported (0-based);
	// default: from the first to the last matched item.
	Report *int `yaml:"report"`
}

// Examples are messages a signal must find (Match, with the span marked
// ⟦ ⟧ when it matters) and must not find (NoMatch), per language.
type Examples struct {
	Match   []string `yaml:"match"`
	NoMatch []string `yaml:"no-match"`
}

type signalSpec struct {
	ID       string              `yaml:"id"`
	Title    string              `yaml:"title"`
	Risk     float64             `yaml:"risk"`
	Reply    string              `yaml:"reply"`
	Remedies []string            `yaml:"remedies"`
	Patterns []*PatternSpec      `yaml:"patterns"`
	Examples map[string]Examples `yaml:"examples"`
}

// SignalIDs are the built-in signals' stable IDs.
func SignalIDs() []string {
	return []string{"a-to-z-claim", "chargeback", "negative-review", "not-received", "late", "damaged",
		"wrong-item", "safety", "legal", "return-refund", "cancellation", "question"}
}

// maxSignalFile bounds one signal file (a rule, not a data dump).
const maxSignalFile = 1 << 20

// LoadSignals reads every .yaml file below root of fsys as a signal rule.
// display names root in errors. Every broken file is reported at once.
func LoadSignals(fsys fs.FS, root, display string) ([]*Signal, error) {
	var paths []string
	err := fs.WalkDir(fsys, root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		// skeletons/ holds the reply outlines' phrases, not signals.
		if d.IsDir() && d.Name() == "skeletons" {
			return fs.SkipDir
		}
		if !d.IsDir() && (strings.HasSuffix(p, ".yaml") || strings.HasSuffix(p, ".yml")) {
			paths = append(paths, p)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("reading signal rules in %s: %w", display, err)
	}
	sort.Strings(paths)
	var out []*Signal
	var errs []error
	seen := map[string]string{}
	for _, p := range paths {
		name := path.Join(display, strings.TrimPrefix(strings.TrimPrefix(p, root), "/"))
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", name, err))
			continue
		}
		s, err := ParseSignal(name, data)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if first, ok := seen[s.ID]; ok {
			errs = append(errs, fmt.Errorf("%s:%d: signal %q is defined twice (first in %s)", name, s.Line, s.ID, first))
			continue
		}
		seen[s.ID] = name
		out = append(out, s)
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return out, nil
}

// ParseSignal decodes one signal file strictly.
func ParseSignal(file string, data []byte) (*Signal, error) {
	if len(data) > maxSignalFile {
		return nil, fmt.Errorf("%s: %d bytes; a signal file may have at most %d", file, len(data), maxSignalFile)
	}
	root, err := strictyaml.Parse(file, data)
	if err != nil {
		return nil, err
	}
	var spec signalSpec
	if err := strictyaml.Decode(file, root, &spec); err != nil {
		return nil, err
	}
	at := func(key, format string, args ...any) error {
		n := strictyaml.Lookup(root, key)
		if n == nil {
			n = root
		}
		return strictyaml.At(file, n, format, args...)
	}
	s := &Signal{ID: spec.ID, Title: spec.Title, Risk: spec.Risk, Reply: ReplyKind(spec.Reply),
		Remedies: spec.Remedies, Patterns: spec.Patterns, Examples: spec.Examples, File: file, Line: root.Line}
	if n := strictyaml.Lookup(root, "id"); n != nil {
		s.Line = n.Line
	}
	switch {
	case s.ID == "" || strings.ToLower(s.ID) != s.ID || strings.ContainsAny(s.ID, " _"):
		return nil, at("id", "a signal needs id: lower-case words joined by '-'")
	case s.Title == "":
		return nil, at("title", "signal %s needs a title", s.ID)
	case s.Risk < 0 || s.Risk > 100:
		return nil, at("risk", "risk must be from 0 to 100")
	case s.Reply != Complaint && s.Reply != Information:
		return nil, at("reply", "reply must be complaint or information")
	case len(s.Patterns) == 0:
		return nil, at("patterns", "signal %s has no patterns", s.ID)
	}
	for _, r := range s.Remedies {
		if !slices.Contains(RemedyKeys(), r) {
			return nil, at("remedies", "unknown remedy %q (known: %s)", r, strings.Join(RemedyKeys(), ", "))
		}
	}
	pats := strictyaml.Lookup(root, "patterns")
	for i, p := range s.Patterns {
		n := pats
		if pats != nil && i < len(pats.Content) {
			n = pats.Content[i]
		}
		switch p.Scope {
		case "":
			p.Scope = "sentence"
		case "clause", "sentence", "paragraph", "message":
		default:
			return nil, strictyaml.At(file, n, "scope must be clause, sentence, paragraph or message")
		}
		if (p.Pattern == nil) == (len(p.All) == 0) {
			return nil, strictyaml.At(file, n, "a pattern has either pattern: or all:")
		}
		if p.Pattern != nil {
			p.All = []rule.String{*p.Pattern}
			p.Pattern = nil
		}
		if p.Report != nil && (*p.Report < 0 || *p.Report >= len(p.All)) {
			return nil, strictyaml.At(file, n, "report: %d is not an item of all", *p.Report)
		}
		for _, l := range p.Languages {
			if !slices.Contains(rule.Languages(), l) {
				return nil, strictyaml.At(file, n, "unknown language %q", l)
			}
		}
	}
	for l := range s.Examples {
		if !slices.Contains(rule.Languages(), l) {
			return nil, at("examples", "examples in unknown language %q", l)
		}
	}
	return s, nil
}

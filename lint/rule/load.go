package rule

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"regexp"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"

	"gopkg.in/yaml.v3"

	"github.com/replylint/replylint/lint/finding"
	"github.com/replylint/replylint/lint/strictyaml"
)

// Rule is a validated rule.
type Rule struct {
	Spec
	// Pos is where the rule starts.
	Pos Pos
	// DefaultSeverity applies on channels the rule file does not name.
	DefaultSeverity finding.Severity
	// Weight is what one finding costs the score.
	Weight int
	// Builtin is set for the rules embedded in the binary (their source
	// is the repository, not a file on disk).
	Builtin bool
	// node keeps field positions for errors found later (bad patterns).
	node *yaml.Node
}

// SeverityOn returns the rule's severity on a channel (Off when disabled).
func (r *Rule) SeverityOn(ch Channel) finding.Severity {
	if s := r.Channels.Get(ch); s != "" {
		sev, err := finding.ParseSeverity(s)
		if err == nil {
			return sev
		}
	}
	return r.DefaultSeverity
}

// AppliesToKind reports whether the rule checks messages of kind k.
func (r *Rule) AppliesToKind(k MessageKind) bool {
	return len(r.AppliesTo) == 0 || slices.Contains(r.AppliesTo, string(k))
}

// AppliesToType reports whether the rule checks messages of type t.
func (r *Rule) AppliesToType(t MessageType) bool {
	return len(r.AppliesToTypes) == 0 || slices.Contains(r.AppliesToTypes, string(t))
}

// SourceURL returns the policy page behind the rule on a channel when it is
// a web address ("" for a source that is a book or a note).
func (r *Rule) SourceURL(ch Channel) string {
	u, _ := r.SourceOn(ch)
	u = strings.TrimSpace(u)
	if strings.HasPrefix(u, "https://") || strings.HasPrefix(u, "http://") {
		if !strings.ContainsAny(u, " \t\n") {
			return u
		}
	}
	return ""
}

// SourceOn returns the policy page behind the rule on a channel and the
// date it was last checked: the channel's own entry of sources, else the
// rule's source.
func (r *Rule) SourceOn(ch Channel) (url, checked string) {
	for _, s := range r.Sources {
		if s.Channel == string(ch) {
			return s.URL, s.Checked
		}
	}
	return r.Source, r.Checked
}

// HasLanguage reports whether the rule has something to say about lang.
func (r *Rule) HasLanguage(lang string) bool {
	return len(r.Languages) == 0 || slices.Contains(r.Languages, lang)
}

// At returns the position of a field of the rule (the rule itself when the
// field is absent).
func (r *Rule) At(keys ...string) Pos {
	n := r.node
	if n == nil { // decoded from a snapshot: no YAML tree to look in
		return r.Pos
	}
	for _, k := range keys {
		next := strictyaml.Lookup(n, k)
		if next == nil {
			break
		}
		n = next
	}
	return Pos{File: r.Pos.File, Line: n.Line, Column: n.Column}
}

// Errorf builds a positioned error for a String of this rule.
func (r *Rule) Errorf(s String, format string, args ...any) error {
	return &strictyaml.Error{File: r.Pos.File, Line: s.Line, Column: s.Col, Msg: fmt.Sprintf(format, args...)}
}

// ErrorAt builds a positioned error at a field of this rule.
func (r *Rule) ErrorAt(keys []string, format string, args ...any) error {
	p := r.At(keys...)
	return &strictyaml.Error{File: p.File, Line: p.Line, Column: p.Column, Msg: fmt.Sprintf(format, args...)}
}

var idPattern = regexp.MustCompile(`^[a-z][a-z0-9]*(-[a-z0-9]+)*$`)

// datePattern is the form of a checked date.
var datePattern = regexp.MustCompile(`^20[0-9]{2}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$`)

// Parse decodes and validates one rule file, which must hold its own
// examples.
func Parse(file string, data []byte) (*Rule, error) {
	r, err := parse(file, data)
	if err != nil {
		return nil, err
	}
	if err := r.needExamples(); err != nil {
		return nil, err
	}
	return r, nil
}

// parse decodes and validates one rule file; its examples may come from
// examples files.
func parse(file string, data []byte) (*Rule, error) {
	if err := checkSize(file, data); err != nil {
		return nil, err
	}
	n, err := strictyaml.Parse(file, data)
	if err != nil {
		return nil, err
	}
	var spec Spec
	if err := strictyaml.Decode(file, n, &spec); err != nil {
		return nil, err
	}
	r := &Rule{Spec: spec, Pos: Pos{File: file, Line: n.Line, Column: n.Column}, node: n}
	if errs := append(r.validate(), r.checkLimits()...); len(errs) > 0 {
		return nil, errs
	}
	return r, nil
}

func (r *Rule) validate() strictyaml.Errors {
	var errs strictyaml.Errors
	add := func(keys []string, format string, args ...any) {
		p := r.At(keys...)
		errs = append(errs, &strictyaml.Error{File: p.File, Line: p.Line, Column: p.Column, Msg: fmt.Sprintf(format, args...)})
	}
	if r.ID == "" {
		add(nil, "missing id")
	} else if !idPattern.MatchString(r.ID) {
		add([]string{"id"}, "id %q must be lower-case words joined by dashes", r.ID)
	}
	if r.Kind == "" {
		add(nil, "missing kind (one of %s)", kindList())
	} else if !slices.Contains(Kinds(), r.Kind) {
		add([]string{"kind"}, "unknown kind %q (one of %s)", r.Kind, kindList())
	}
	if r.Message == "" {
		add(nil, "missing message")
	}
	sev, err := finding.ParseSeverity(r.Severity)
	switch {
	case r.Severity == "":
		add(nil, "missing severity (error, warning or info)")
	case err != nil:
		add([]string{"severity"}, "%v", err)
	}
	r.DefaultSeverity = sev
	for _, ch := range Channels() {
		if s := r.Channels.Get(ch); s != "" {
			if _, err := finding.ParseSeverity(s); err != nil {
				add([]string{"channels", string(ch)}, "%v", err)
			}
		}
	}
	r.Weight = DefaultWeight(sev)
	if r.Spec.Weight != nil {
		if *r.Spec.Weight < 0 || *r.Spec.Weight > 100 {
			add([]string{"weight"}, "weight must be between 0 and 100")
		}
		r.Weight = *r.Spec.Weight
	}
	for i, k := range r.AppliesTo {
		if _, err := ParseMessageKind(k); err != nil {
			add([]string{"applies-to"}, "applies-to[%d]: %v", i, err)
		}
	}
	for i, t := range r.AppliesToTypes {
		if _, err := ParseMessageType(t); err != nil {
			add([]string{"applies-to-types"}, "applies-to-types[%d]: %v", i, err)
		}
	}
	if r.Checked != "" && !datePattern.MatchString(r.Checked) {
		add([]string{"checked"}, "checked %q must be a date YYYY-MM-DD", r.Checked)
	}
	for i, s := range r.Sources {
		if s.URL == "" {
			add([]string{"sources"}, "sources[%d]: missing url", i)
		}
		if s.Channel != "" {
			if _, err := ParseChannel(s.Channel); err != nil {
				add([]string{"sources"}, "sources[%d]: %v", i, err)
			}
		}
		if s.Checked != "" && !datePattern.MatchString(s.Checked) {
			add([]string{"sources"}, "sources[%d]: checked %q must be a date YYYY-MM-DD", i, s.Checked)
		}
	}
	for _, l := range r.Languages {
		if !slices.Contains(Languages(), l) {
			add([]string{"languages"}, "unsupported language %q (one of %s)", l, strings.Join(Languages(), ", "))
		}
	}
	for lang := range r.Match {
		if lang != AnyLanguage && !slices.Contains(Languages(), lang) {
			add([]string{"match", lang}, "unsupported language %q (one of any, %s)", lang, strings.Join(Languages(), ", "))
		}
	}
	if len(r.Languages) == 0 {
		r.Languages = r.matchLanguages()
	}
	if r.Suggest != nil {
		switch r.Suggest.Action {
		case "", "replace", "replace-sentence", "insert", "none":
		default:
			add([]string{"suggest", "action"}, "unknown action %q (replace, replace-sentence, insert or none)", r.Suggest.Action)
		}
		for _, key := range r.Suggest.badTextKeys() {
			add([]string{"suggest", "text", key}, "unknown text key %q (a language, %s, optionally with %s)", key, strings.Join(Languages(), ", "), InformalSuffix)
		}
	}
	blocks := map[Kind]bool{
		KindLink: r.Link != nil, KindContact: r.Contact != nil, KindRequired: r.Required != nil,
		KindChoiceQuestion: r.Choice != nil, KindPlaceholder: r.Placeholder != nil,
		KindLanguage: r.Language != nil, KindLength: r.Length != nil, KindShouting: r.Shouting != nil,
		KindCapitalization: r.Capitalization != nil, KindSpacing: r.Spacing != nil,
		KindMessageType: r.MessageType != nil, KindOrderID: r.OrderID != nil, KindHTMLStyle: r.HTMLStyle != nil,
	}
	for _, k := range Kinds() {
		if blocks[k] && k != r.Kind {
			key := string(k)
			if k == KindChoiceQuestion {
				key = "choice"
			}
			add([]string{key}, "the %s block only goes with kind %s (this rule is kind %s)", key, k, r.Kind)
		}
	}
	for lang := range r.Vocabularies {
		if lang != AnyLanguage && !slices.Contains(Languages(), lang) {
			add([]string{"vocabularies", lang}, "unsupported language %q (one of any, %s)", lang, strings.Join(Languages(), ", "))
		}
	}
	for i, p := range r.Patterns {
		at := func(format string, args ...any) {
			errs = append(errs, &strictyaml.Error{File: r.Pos.File, Line: p.Line, Column: p.Col, Msg: fmt.Sprintf("patterns[%d]: ", i) + fmt.Sprintf(format, args...)})
		}
		if p.ID == "" || !idPattern.MatchString(p.ID) {
			at("a sub-rule needs an id of lower-case words joined by dashes")
		}
		if (p.Pattern == nil) == (len(p.All) == 0) {
			at("give either pattern or all")
		}
		switch p.Scope {
		case "", "clause", "sentence", "paragraph", "message":
		default:
			at("unknown scope %q (clause, sentence, paragraph or message)", p.Scope)
		}
		switch p.Inside {
		case "", "greeting", "body", "opening", "closing", "signoff":
		default:
			at("unknown inside %q (greeting, body, opening, closing or signoff)", p.Inside)
		}
		for _, l := range p.Languages {
			if !slices.Contains(Languages(), l) {
				at("unsupported language %q (one of %s)", l, strings.Join(Languages(), ", "))
			}
		}
		if p.Report != nil && (*p.Report < 0 || *p.Report >= len(p.All)) {
			at("report must index an item of all (0 to %d)", len(p.All)-1)
		}
		if p.Suggest != nil {
			switch p.Suggest.Action {
			case "", "replace", "replace-sentence", "insert", "none":
			default:
				at("unknown suggest action %q (replace, replace-sentence, insert or none)", p.Suggest.Action)
			}
			for _, key := range p.Suggest.badTextKeys() {
				at("unknown suggest text key %q (a language, %s, optionally with %s)", key, strings.Join(Languages(), ", "), InformalSuffix)
			}
		}
	}
	return errs
}

// needExamples reports a rule without examples: in its file or, for a rule
// of a folder, in the folder's lang/<code>/rules/<id>.yaml.
func (r *Rule) needExamples() error {
	if len(r.Examples.Bad) > 0 || len(r.Examples.Good) > 0 {
		return nil
	}
	p := r.Pos
	return strictyaml.Errors{&strictyaml.Error{File: p.File, Line: p.Line, Column: p.Column,
		Msg: "no examples: give examples.bad (texts that must fire) and examples.good (texts that must not), in the rule or in lang/<code>/" + PartsDir + "/" + r.ID + ".yaml"}}
}

// matchLanguages derives the rule's languages from its match keys; a rule
// with only "any" patterns (or none) applies to every language.
func (r *Rule) matchLanguages() []string {
	var langs []string
	for lang := range r.Match {
		if lang != AnyLanguage {
			langs = append(langs, lang)
		}
	}
	for lang := range r.Choice {
		if !slices.Contains(langs, lang) {
			langs = append(langs, lang)
		}
	}
	if _, ok := r.Match[AnyLanguage]; ok {
		return nil
	}
	sort.Strings(langs)
	return langs
}

func kindList() string {
	names := make([]string, 0, len(Kinds()))
	for _, k := range Kinds() {
		names = append(names, string(k))
	}
	return strings.Join(names, ", ")
}

// DefaultWeight is the catalogue's weight for a severity.
func DefaultWeight(s finding.Severity) int {
	switch s {
	case finding.Error:
		return 30
	case finding.Warning:
		return 10
	case finding.Info:
		return 2
	}
	return 0
}

// DuplicateError reports two rules with one ID.
type DuplicateError struct {
	ID          string
	First, Then Pos
}

func (e *DuplicateError) Error() string {
	return fmt.Sprintf("%s: rule %q is defined twice (first at %s); rename one or remove it", e.Then, e.ID, e.First)
}

// LoadFS reads every .yaml/.yml file below root in fsys, in lexical order.
// All problems are collected, so a user sees every broken file at once.
func LoadFS(fsys fs.FS, root, display string) ([]*Rule, error) {
	var paths []string
	err := fs.WalkDir(fsys, root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return fmt.Errorf("%s: %w", path.Join(display, p), bareErr(err))
		}
		// lang/ holds language packs (package lang), triage/ the signal
		// rules of buyer messages (package triage) and channels/ the channel
		// profiles (package channel) and locale/ the translations of the
		// built-in rules' texts (package locale): none of them are reply rules.
		if d.IsDir() && (d.Name() == "lang" || d.Name() == "triage" || d.Name() == "channels" || d.Name() == "locale") {
			return fs.SkipDir
		}
		if !d.IsDir() && (strings.HasSuffix(p, ".yaml") || strings.HasSuffix(p, ".yml")) {
			paths = append(paths, p)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("reading rules in %s: %w", display, err)
	}
	// The files are parsed on all cores (YAML decoding is most of what
	// loading costs) and kept in walk order.
	rules := make([]*Rule, len(paths))
	errs := make([]error, len(paths))
	work := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(paths)) {
		wg.Go(func() {
			for i := range work {
				rules[i], errs[i] = parseFile(fsys, paths[i], root, display)
			}
		})
	}
	for i := range paths {
		work <- i
	}
	close(work)
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	if err := loadExamples(fsys, root, display, rules, true); err != nil {
		return nil, err
	}
	for _, r := range rules {
		if err := r.needExamples(); err != nil {
			errs = append(errs, err)
		}
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return rules, nil
}

func parseFile(fsys fs.FS, p, root, display string) (*Rule, error) {
	name := path.Join(display, strings.TrimPrefix(strings.TrimPrefix(p, root), "/"))
	data, err := readLimited(fsys, p)
	if err != nil {
		// Named with its folder: "loop.yaml: too many levels of symbolic
		// links" alone does not say which --rules folder holds it.
		return nil, fmt.Errorf("rules folder %s: %s: %w", display, name, bareErr(err))
	}
	return parse(name, data)
}

// MaxFileBytes is the largest rule file read. Rule files are written by
// hand; a larger one is a mistake (or an attack on the loader), and
// parsing it would take seconds and gigabytes.
const MaxFileBytes = 1 << 20

// readLimited reads a rule file, refusing directories and files over
// MaxFileBytes before reading them whole.
func readLimited(fsys fs.FS, p string) ([]byte, error) {
	f, err := fsys.Open(p)
	if err != nil {
		return nil, fmt.Errorf("open: %w", err)
	}
	defer func() { _ = f.Close() }()
	info, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("stat: %w", err)
	}
	if info.IsDir() {
		return nil, errors.New("is a directory, not a rule file")
	}
	if info.Size() > MaxFileBytes {
		return nil, fmt.Errorf("%d bytes; a rule file may have at most %d", info.Size(), MaxFileBytes)
	}
	data, err := io.ReadAll(io.LimitReader(f, MaxFileBytes+1))
	if err != nil {
		return nil, fmt.Errorf("read: %w", err)
	}
	if len(data) > MaxFileBytes {
		return nil, fmt.Errorf("more than %d bytes; a rule file may have at most %d", MaxFileBytes, MaxFileBytes)
	}
	return data, nil
}

// bareErr drops the path an fs error repeats.
func bareErr(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// CheckDuplicates reports rules that share an ID.
func CheckDuplicates(rules []*Rule) error {
	seen := map[string]*Rule{}
	var errs []error
	for _, r := range rules {
		if first, ok := seen[r.ID]; ok {
			errs = append(errs, &DuplicateError{ID: r.ID, First: first.Pos, Then: r.At("id")})
			continue
		}
		seen[r.ID] = r
	}
	return errors.Join(errs...)
}

// badTextKeys lists the keys of Text that name no language (or its
// informal variant), sorted so that errors come in a stable order.
func (s *SuggestSpec) badTextKeys() []string {
	var bad []string
	for key := range s.Text {
		if !slices.Contains(Languages(), strings.TrimSuffix(key, InformalSuffix)) {
			bad = append(bad, key)
		}
	}
	slices.Sort(bad)
	return bad
}

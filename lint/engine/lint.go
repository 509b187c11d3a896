// Package engine is replylint's linter: it loads the rules and language
// packs, compiles them once, and lints one message at a time (language,
// kind, type and register, every rule's check, findings in the reader's
// locale, the score). Callers import the facade, package lint; the engine
// is what it stands on.
package engine

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/replylint/replylint/lint/channel"
	"github.com/replylint/replylint/lint/check"
	"github.com/replylint/replylint/lint/core"
	"github.com/replylint/replylint/lint/finding"
	"github.com/replylint/replylint/lint/lang"
	"github.com/replylint/replylint/lint/locale"
	"github.com/replylint/replylint/lint/match"
	"github.com/replylint/replylint/lint/message"
	"github.com/replylint/replylint/lint/pattern"
	"github.com/replylint/replylint/lint/rule"
	"github.com/replylint/replylint/lint/text"
	"github.com/replylint/replylint/rules"
)

// Config says which rules a Linter loads and how they are adjusted.
type Config struct {
	// Builtin loads the packs embedded in the binary.
	Builtin bool
	// RuleDirs are extra directories of rule files.
	RuleDirs []string
	// Disable lists rule IDs to switch off.
	Disable []string
	// Severity overrides a rule's severity on every channel ("off" disables).
	Severity map[string]finding.Severity
	// Detector detects languages; nil builds the default detector for the
	// languages the loaded rules use.
	Detector message.Detector
}

// Linter holds compiled rules. It is safe for concurrent use.
type Linter struct {
	rules    []loaded
	detector message.Detector
	// index lets all rules share one literal scan per message.
	index *match.Index
	// patterns holds every token pattern of every rule, indexed per
	// language, and the language packs.
	patterns *pattern.Compiler
	// problemItems find the problem vocabulary per language (kind
	// detection from the packs).
	problemItems map[string]kindItems
	// registerItems find the formal and informal "you" per language
	// (register detection, see register.go).
	registerItems map[string]registerItems
	// layout tells greetings and sign-offs (the packs' words).
	layout message.Vocabulary
	// typeItems find each message type's vocabulary per language (type
	// detection, see msgtype.go).
	typeItems map[string][]typeItem
	// profiles are the channel profiles: policy sources and dates.
	profiles channel.Set
	// catalog translates what findings say into the reader's locale.
	catalog *locale.Catalog
	// prepared holds a *sync.Once per language: the first message of a
	// language prepares the phrase lists of all rules for it at once.
	prepared sync.Map
}

type loaded struct {
	rule  *rule.Rule
	check check.Check
	// override is the user's severity for every channel (Off: none).
	override finding.Severity
	disabled bool
}

// ConfigError is a problem with rules or configuration that the user must
// fix (exit code 2 in the CLI).
type ConfigError struct{ Err error }

func (e *ConfigError) Error() string { return e.Err.Error() }
func (e *ConfigError) Unwrap() error { return e.Err }

// New loads and compiles rules.
func New(cfg Config) (*Linter, error) {
	l, err := newLinter(cfg, false)
	if err != nil && cfg.Builtin {
		// The built-in rules came from their snapshot, which keeps no YAML
		// tree to place an error at a rule's field: parse the files and
		// say it from them (the error may be the user's all the same).
		if _, fromYAML := newLinter(cfg, true); fromYAML != nil {
			return nil, fromYAML
		}
	}
	return l, err
}

// newLinter is New, with the built-in rules from their YAML files rather
// than their snapshot when fromYAML.
func newLinter(cfg Config, fromYAML bool) (*Linter, error) {
	// The packs decode on a second core while the rules do (a millisecond
	// each of a one-message run).
	packs := loadPacksAsync(cfg.RuleDirs)
	var all []*rule.Rule
	if cfg.Builtin {
		rs, err := builtinRules(fromYAML)
		if err != nil {
			return nil, &ConfigError{fmt.Errorf("built-in rules: %w", err)}
		}
		for _, r := range rs {
			r.Builtin = true
		}
		all = append(all, rs...)
	}
	for _, dir := range cfg.RuleDirs {
		info, err := os.Stat(dir)
		if err != nil {
			return nil, &ConfigError{fmt.Errorf("rules directory: %w", err)}
		}
		if !info.IsDir() {
			r, err := loadRuleFile(dir)
			if err != nil {
				return nil, &ConfigError{err}
			}
			all = append(all, r)
			continue
		}
		rs, err := rule.LoadFS(os.DirFS(dir), ".", dir)
		if err != nil {
			return nil, &ConfigError{err}
		}
		all = append(all, rs...)
	}
	l, err := newFromRules(all, cfg, packs)
	if err != nil {
		return nil, err
	}
	if cfg.Builtin {
		// The built-in catalogs are held against the built-in rules by a
		// test (TestBuiltinCatalogsCheck), not at every start: both are
		// fixed when the binary is built, and checking them read every
		// catalog, a third of loading.
		profiles, err := channel.LoadFS(rules.FS, "channels", "rules/channels")
		if err != nil {
			return nil, &ConfigError{fmt.Errorf("built-in channel profiles: %w", err)}
		}
		if err := l.checkProfiles(profiles); err != nil {
			return nil, &ConfigError{err}
		}
		l.profiles = profiles
	}
	return l, nil
}

// builtinRules returns the rules embedded in the binary: decoded from their
// snapshot (rules/rules.bin, made from the rule files by go generate), or
// parsed from the files.
func builtinRules(fromYAML bool) ([]*rule.Rule, error) {
	if fromYAML {
		return rule.LoadFS(rules.FS, ".", "rules")
	}
	return rule.DecodeSnapshot(rules.Rules)
}

// loadPacks reads the built-in language packs (their snapshot, made from
// rules/lang by go generate) and the lang/ folders of the extra rule
// directories.
func loadPacks(dirs []string) (lang.Set, error) {
	packs, err := lang.DecodeSnapshot(rules.Packs)
	if err != nil {
		return nil, fmt.Errorf("built-in language packs: %w", err)
	}
	for _, dir := range dirs {
		p := filepath.Join(dir, "lang")
		if info, err := os.Stat(p); err != nil || !info.IsDir() {
			continue
		}
		if err := packs.Load(os.DirFS(p), ".", p); err != nil {
			return nil, err
		}
	}
	return packs, nil
}

func loadRuleFile(p string) (*rule.Rule, error) {
	data, err := os.ReadFile(p)
	if err != nil {
		return nil, fmt.Errorf("rule file: %w", err)
	}
	return rule.Parse(p, data)
}

// loadPacksAsync starts loadPacks on another goroutine when there is a
// second core to run it, and returns what waits for its answer.
func loadPacksAsync(dirs []string) func() (lang.Set, error) {
	if runtime.GOMAXPROCS(0) < 2 {
		return func() (lang.Set, error) { return loadPacks(dirs) }
	}
	type loaded struct {
		packs lang.Set
		err   error
	}
	done := make(chan loaded, 1) // buffered: New may return without waiting
	go func() {
		packs, err := loadPacks(dirs)
		done <- loaded{packs, err}
	}()
	return sync.OnceValues(func() (lang.Set, error) {
		r := <-done
		return r.packs, r.err
	})
}

// NewFromRules compiles already parsed rules.
func NewFromRules(all []*rule.Rule, cfg Config) (*Linter, error) {
	return newFromRules(all, cfg, func() (lang.Set, error) { return loadPacks(cfg.RuleDirs) })
}

// newFromRules is NewFromRules with the language packs from packs.
func newFromRules(all []*rule.Rule, cfg Config, packs func() (lang.Set, error)) (*Linter, error) {
	if err := rule.CheckDuplicates(all); err != nil {
		return nil, &ConfigError{err}
	}
	sort.SliceStable(all, func(i, j int) bool { return all[i].ID < all[j].ID })
	known := map[string]bool{}
	set, err := packs()
	if err != nil {
		return nil, &ConfigError{err}
	}
	env := &check.Env{Patterns: pattern.NewCompiler(set)}
	layout, err := message.NewPackVocabulary(set)
	if err != nil {
		return nil, &ConfigError{fmt.Errorf("layout words: %w", err)}
	}
	catalog, err := loadCatalog()
	if err != nil {
		return nil, &ConfigError{err}
	}
	l := &Linter{index: match.NewIndex(), patterns: env.Patterns, layout: layout, catalog: catalog}
	if err := l.compileKindDetection(); err != nil {
		return nil, &ConfigError{err}
	}
	if err := l.compileRegisterDetection(); err != nil {
		return nil, &ConfigError{err}
	}
	if err := l.compileTypeDetection(); err != nil {
		return nil, &ConfigError{err}
	}
	var errs []error
	for _, r := range all {
		known[r.ID] = true
		c, err := check.New(r, env)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		ld := loaded{rule: r, check: c, disabled: slices.Contains(cfg.Disable, r.ID)}
		if s, ok := cfg.Severity[r.ID]; ok {
			ld.override = s
			ld.disabled = ld.disabled || s == finding.Off
		}
		l.rules = append(l.rules, ld)
	}
	for _, id := range cfg.Disable {
		if !known[id] {
			errs = append(errs, fmt.Errorf("unknown rule %q in disable list (see 'replylint rules list')", id))
		}
	}
	for id := range cfg.Severity {
		if !known[id] {
			errs = append(errs, fmt.Errorf("unknown rule %q in severity overrides (see 'replylint rules list')", id))
		}
	}
	if len(errs) > 0 {
		return nil, &ConfigError{errors.Join(errs...)}
	}
	env.Patterns.Freeze()
	l.detector = cfg.Detector
	if l.detector == nil {
		l.detector = newDetector(l.languages())
	}
	return l, nil
}

// languages returns the languages the loaded rules and language packs know.
func (l *Linter) languages() []string {
	set := map[string]bool{}
	if l.patterns != nil {
		for _, code := range l.patterns.Packs().Languages() {
			set[code] = true
		}
	}
	for _, ld := range l.rules {
		for _, lang := range ld.rule.Languages {
			set[lang] = true
		}
	}
	if len(set) == 0 {
		return rule.Languages()
	}
	out := make([]string, 0, len(set))
	for lang := range set {
		out = append(out, lang)
	}
	sort.Strings(out)
	return out
}

// MarketplaceLanguage returns the language buyers on a marketplace expect
// ("amazon.de" → "de"), from the marketplaces table of the loaded language
// rules. Case, a scheme, "www." and a trailing slash are ignored; ok is
// false for a marketplace no rule knows.
func (l *Linter) MarketplaceLanguage(marketplace string) (lang string, ok bool) {
	mp := strings.ToLower(strings.TrimSpace(marketplace))
	mp = strings.TrimPrefix(strings.TrimPrefix(mp, "https://"), "http://")
	mp = strings.TrimSuffix(strings.TrimPrefix(mp, "www."), "/")
	for _, ld := range l.rules {
		if spec := ld.rule.Language; spec != nil {
			if lang, ok := spec.Marketplaces[mp]; ok {
				return lang, true
			}
		}
	}
	return "", false
}

// Profile returns a channel's profile (its policy sources and the date they
// were last checked), or nil when none is loaded.
func (l *Linter) Profile(ch rule.Channel) *channel.Profile { return l.profiles[ch] }

// checkProfiles makes sure every rule a profile names is loaded.
func (l *Linter) checkProfiles(profiles channel.Set) error {
	var errs []error
	for _, ch := range profiles.Channels() {
		p := profiles[ch]
		for _, s := range p.Sources {
			for _, id := range s.Rules {
				if l.Rule(id) == nil {
					errs = append(errs, fmt.Errorf("%s: source %q names unknown rule %q", p.File, s.Title, id))
				}
			}
		}
	}
	return errors.Join(errs...)
}

// Marketplaces lists the marketplaces the loaded language rules know, sorted.
func (l *Linter) Marketplaces() []string {
	var out []string
	for _, ld := range l.rules {
		if spec := ld.rule.Language; spec != nil {
			for mp := range spec.Marketplaces {
				out = append(out, mp)
			}
		}
	}
	sort.Strings(out)
	return slices.Compact(out)
}

// Rules returns the loaded rules in ID order.
func (l *Linter) Rules() []*rule.Rule {
	out := make([]*rule.Rule, len(l.rules))
	for i, ld := range l.rules {
		out[i] = ld.rule
	}
	return out
}

// Rule returns the rule with an ID, or nil.
func (l *Linter) Rule(id string) *rule.Rule {
	for _, ld := range l.rules {
		if ld.rule.ID == id {
			return ld.rule
		}
	}
	return nil
}

// Options describe one message's context. Zero values mean: amazon,
// detect the kind, draft mode, detect the language.
type Options struct {
	Channel rule.Channel
	Kind    rule.MessageKind
	// Type is what the message is for; "" detects it from the words.
	Type rule.MessageType
	Mode rule.Mode
	// Register is how suggestions address the buyer (formal or informal);
	// "" detects it from the draft, then from InReplyTo.
	Register core.Register
	// Markup is the HTML the text was read from (an HTML template), for
	// the HTML style rules; findings on it are InMarkup.
	Markup string
	// Language forces the message's language.
	Language string
	// ExpectedLanguage is the language the buyer expects (marketplace).
	ExpectedLanguage string
	// InReplyTo is the buyer's message this one answers: its language is
	// the expected one and its content helps detect the message kind.
	InReplyTo string
	// Marketplace is the store the buyer bought on (amazon.de, amazon.co.jp):
	// its language, from the language rule's marketplaces table, is the
	// expected one when neither ExpectedLanguage nor InReplyTo says.
	Marketplace string
	// Only restricts the run to one rule (used by rule examples).
	Only string
	// Disable switches rules off for this message (front matter, config
	// overrides), on top of the Linter's own list.
	Disable []string
	// Severity overrides rule severities for this message.
	Severity map[string]finding.Severity
	// AllowDomains are extra link domains allowed for this message.
	AllowDomains []string
	// Locale is the language the reader wants finding messages and fix
	// descriptions in (en, de, fr, es, it, ja, zh): the agent's language,
	// not the message's (rules/locale/<code>.yaml; the rules of the
	// user's own files stay as written). Another locale gets English;
	// Result.Locale says which locale the messages are in.
	Locale string
}

// Result is the outcome for one message.
type Result struct {
	Channel  rule.Channel
	Kind     rule.MessageKind
	Type     rule.MessageType
	Mode     rule.Mode
	Language string
	Score    int
	Grade    string
	Findings []finding.Finding
	// costs[i] is what Findings[i] takes off the score, caps[rule] the
	// most a rule's findings may take together, so that a caller who drops
	// findings (suppressed, baselined) can score what is left (ScoreOf).
	costs []int
	caps  map[string]int
	// Locale is the locale of the findings' messages (see Options.Locale).
	Locale string
}

// ScoreOf scores the message by the findings keep says still count
// (keep[i] for Findings[i]): a suppressed or baselined finding costs
// nothing. A nil keep counts every finding.
func (r *Result) ScoreOf(keep []bool) int {
	if len(r.costs) != len(r.Findings) {
		return r.Score // a result built by hand: its own score
	}
	byRule := map[string]int{}
	for i, c := range r.costs {
		if keep == nil || i < len(keep) && keep[i] {
			byRule[r.Findings[i].Rule] += c
		}
	}
	penalty := 0
	for id, c := range byRule {
		if limit, ok := r.caps[id]; ok {
			c = min(c, limit)
		}
		penalty += c
	}
	return max(0, 100-penalty)
}

// EmptyRule is the rule ID of the finding for a message with no text: there
// is nothing to send, so it is an error and scores 0, never an A.
const EmptyRule = "empty-message"

// Lint checks one message.
func (l *Linter) Lint(src string, opts Options) *Result {
	ctx := message.Context{
		Channel:          opts.Channel,
		Kind:             opts.Kind,
		Type:             opts.Type,
		Markup:           opts.Markup,
		Mode:             opts.Mode,
		Register:         opts.Register,
		Language:         opts.Language,
		ExpectedLanguage: opts.ExpectedLanguage,
		Detector:         l.detector,
		AllowDomains:     opts.AllowDomains,
		Vocabulary:       l.layout,
	}
	if ctx.Channel == "" {
		ctx.Channel = rule.Amazon
	}
	if ctx.Mode == "" {
		ctx.Mode = rule.Draft
	}
	if ctx.Language == "" {
		ctx.Language = l.detector.Detect(src)
	}
	if ctx.Language == "" {
		ctx.Language = "en"
	}
	if opts.InReplyTo != "" && ctx.ExpectedLanguage == "" {
		ctx.ExpectedLanguage = l.detector.Detect(opts.InReplyTo)
	}
	if opts.Marketplace != "" && ctx.ExpectedLanguage == "" {
		ctx.ExpectedLanguage, _ = l.MarketplaceLanguage(opts.Marketplace)
	}
	m := message.New(src, ctx)
	defer m.Release()
	// The first message of a language searches with each list's own
	// literals; the shared automaton, built with all the lists, serves the
	// messages after it (a one-message run never builds it).
	if first := l.prepare(m.Language); first != nil {
		if len(src) >= eagerIndexBytes {
			// A long text is cheaper to scan once with the automaton
			// than with every list's literals one by one.
			l.index.Learn(m.Language, first...)
		} else {
			defer l.index.Learn(m.Language, first...)
		}
	}
	l.index.Attach(m.Folded, m.Language)
	buyer := l.buyer(m.Language, opts.InReplyTo)
	defer buyer.release()
	if m.Kind == "" {
		m.Kind, m.KindDetected = l.detectKind(m, buyer), true
	}
	if m.Type == "" {
		m.Type = l.detectType(m)
	}
	if m.Register == "" {
		m.Register = l.detectRegister(m, buyer)
	}
	loc := MessageLocale(opts.Locale)
	// caps gets an entry per rule run: sized once, not grown step by step.
	res := &Result{Channel: m.Channel, Kind: m.Kind, Type: m.Type, Mode: m.Mode, Language: m.Language, caps: make(map[string]int, len(l.rules)), Locale: loc}
	if strings.TrimSpace(src) == "" && opts.Only == "" {
		pos := m.Source.Position(0)
		res.Findings = []finding.Finding{{
			Rule: EmptyRule, Severity: finding.Error, Message: l.catalog.Text(loc, engineEmptyMessage, ""),
			Start: pos, End: m.Source.Position(len(src)),
		}}
		res.costs, res.caps[EmptyRule] = []int{100}, 100
		res.Grade = Grade(0)
		return res
	}
	type costed struct {
		f    finding.Finding
		cost int
	}
	var found []costed
	for _, ld := range l.rules {
		if ld.disabled || (opts.Only != "" && ld.rule.ID != opts.Only) || slices.Contains(opts.Disable, ld.rule.ID) {
			continue
		}
		sev := ld.rule.SeverityOn(m.Channel)
		if sev == finding.Off {
			continue
		}
		if ld.override != finding.Off {
			sev = ld.override
		}
		if o, ok := opts.Severity[ld.rule.ID]; ok {
			if o == finding.Off {
				continue
			}
			sev = o
		}
		if !ld.rule.AppliesToKind(m.Kind) || !ld.rule.AppliesToType(m.Type) || !ld.rule.HasLanguage(m.Language) {
			continue
		}
		byKind := len(ld.rule.AppliesTo) > 0
		for _, h := range ld.check.Run(m) {
			proactiveOnly := m.KindDetected && m.Kind == rule.Proactive && (h.ByKind || byKind)
			if proactiveOnly {
				h = detectedProactive(h)
			}
			f := l.toFinding(ld.rule, sev, m, h, loc)
			if proactiveOnly {
				f.Message += " " + l.catalog.Text(loc, engineDetectedProactive, "")
			}
			found = append(found, costed{f, findingWeight(ld.rule, sev, f.Severity)})
		}
		res.caps[ld.rule.ID] = 2 * ld.rule.Weight
	}
	sort.SliceStable(found, func(i, j int) bool { return finding.Less(found[i].f, found[j].f) })
	for _, c := range found {
		res.Findings = append(res.Findings, c.f)
		res.costs = append(res.costs, c.cost)
	}
	res.Score = res.ScoreOf(nil)
	res.Grade = Grade(res.Score)
	return res
}

// detectedProactive makes a judgement that holds only for proactive
// messages advisory when the kind was read from the words: a template that
// opens with "Thank you for your order" may be a helpdesk macro answering
// the buyer, which only its author can tell.
// The engine's message notes this (engineDetectedProactive).
func detectedProactive(h check.Hit) check.Hit {
	if h.MaxSeverity == finding.Off || h.MaxSeverity > finding.Warning {
		h.MaxSeverity = finding.Warning
	}
	return h
}

// The engine's own texts, in the locale catalogs (rules/locale).
const (
	// engineEmptyMessage is the message of the empty-message finding.
	engineEmptyMessage = "engine#empty-message"
	// engineDetectedProactive ends the message of a finding that holds
	// because the message reads as proactive.
	engineDetectedProactive = "engine#detected-proactive"
)

// engineTexts are the keys the English catalog must hold.
var engineTexts = []string{engineEmptyMessage, engineDetectedProactive}

// MatchSets returns the phrase lists of the linter's rules, for tools that
// analyse them ahead of time (match.EncodeTable).
func (l *Linter) MatchSets() []*match.Set {
	var sets []*match.Set
	for _, ld := range l.rules {
		if mc, ok := ld.check.(check.Matching); ok {
			sets = append(sets, mc.MatchSets()...)
		}
	}
	return sets
}

// Locales are the languages finding messages can be asked for in: each
// has a catalog in rules/locale (a test holds them complete).
func Locales() []string { return []string{"en", "de", "fr", "es", "it", "ja", "zh"} }

// MessageLocale returns the locale finding messages are written in when
// locale is asked for: that locale when replylint has it, else English.
func MessageLocale(locale string) string {
	if slices.Contains(Locales(), locale) {
		return locale
	}
	return "en"
}

// eagerIndexBytes is the text length from which the first message of a
// language builds the shared automaton before it is linted.
const eagerIndexBytes = 32 << 10

// prepare readies the phrase lists of the enabled rules for lang, once,
// on all cores (see match.Prepare). It returns the lists when this call
// prepared them (the first message of the language), nil after.
func (l *Linter) prepare(lang string) []*match.Set {
	once, ok := l.prepared.Load(lang)
	if !ok {
		once, _ = l.prepared.LoadOrStore(lang, &sync.Once{})
	}
	var prepared []*match.Set
	once.(*sync.Once).Do(func() {
		var sets []*match.Set
		for _, ld := range l.rules {
			if mc, ok := ld.check.(check.Matching); ok && !ld.disabled && ld.rule.HasLanguage(lang) {
				sets = append(sets, mc.MatchSets()...)
			}
		}
		match.Prepare(lang, sets...)
		prepared = sets
	})
	return prepared
}

func (l *Linter) toFinding(r *rule.Rule, sev finding.Severity, m *message.Message, h check.Hit, loc string) finding.Finding {
	if h.MaxSeverity != finding.Off && h.MaxSeverity < sev {
		sev = h.MaxSeverity
	}
	src := m.Source
	if h.InMarkup {
		src = text.NewSource(m.Markup)
	}
	matched := src.Text()[h.Span.Start:h.Span.End]
	f := finding.Finding{
		Rule:     r.ID,
		Subrule:  h.Subrule,
		Severity: sev,
		Message:  l.hitMessage(r, h, loc, oneLine(matched)),
		Start:    src.Position(h.Span.Start),
		End:      src.Position(h.Span.End),
		Match:    matched,
		InMarkup: h.InMarkup,
	}
	f.URL = r.SourceURL(m.Channel)
	for _, fx := range h.Suggestions {
		s := finding.Suggestion{Description: fx.Description, Safe: fx.Safe}
		if fx.Key != "" { // else filed nowhere: as written
			s.Description = l.ruleText(r, loc, fx.Key, fx.Description)
		}
		for _, e := range fx.Edits {
			s.Edits = append(s.Edits, finding.Edit{Start: src.Position(e.Span.Start), End: src.Position(e.Span.End), NewText: e.NewText})
		}
		f.Suggestions = append(f.Suggestions, s)
	}
	return f
}

// oneLine shortens a match for a message: line breaks folded, at most 60
// characters.
func oneLine(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > 60 {
		s = string(r[:57]) + "..."
	}
	return s
}

// PatternStats returns the figures of the token patterns compiled per
// language (see pattern.Stats).
func (l *Linter) PatternStats() map[string]pattern.Stats { return l.patterns.Stats() }

// hitMessage writes a hit's message in the locale: the translation filed
// under its key (the rule's message when the hit has none), its
// placeholders filled with the match, the hit's values and the names of
// the languages it names.
func (l *Linter) hitMessage(r *rule.Rule, h check.Hit, loc, matched string) string {
	msg := r.Message
	if h.Message != "" {
		msg = h.Message
	}
	// A hit's own message without a key is filed nowhere: as written.
	if h.Message == "" || h.Key != "" {
		msg = l.ruleText(r, loc, h.Key, msg)
	}
	values := h.Values(func(code string) string { return l.catalog.LanguageName(loc, code) })
	values["match"] = matched
	return locale.Fill(msg, values)
}

// ruleText returns a text of a built-in rule in the locale: the
// translation filed under the rule's ID and key (see rule.Rule.Texts),
// else english. A rule of the user's files is written in their language
// and has no translations.
func (l *Linter) ruleText(r *rule.Rule, loc, key, english string) string {
	if !r.Builtin || loc == locale.English {
		return english
	}
	if t, ok := l.catalog.Lookup(loc, r.ID+key); ok {
		return t
	}
	return english
}

// loadCatalog opens the built-in locale catalogs, each read when a
// finding is first written in its locale; the English one, read now, must
// hold the engine's own texts.
func loadCatalog() (*locale.Catalog, error) {
	c, err := locale.Open(rules.FS, "locale")
	if err != nil {
		return nil, fmt.Errorf("built-in locale catalogs: %w", err)
	}
	if err := c.Read(locale.English); err != nil {
		return nil, fmt.Errorf("built-in locale catalogs: %w", err)
	}
	for _, k := range engineTexts {
		if _, ok := c.Lookup(locale.English, k); !ok {
			return nil, fmt.Errorf("built-in locale catalogs: the English catalog lacks %q", k)
		}
	}
	return c, nil
}

// builtinTexts returns the English texts of the built-in rules by key.
func builtinTexts(all []*rule.Rule) map[string]string {
	out := map[string]string{}
	for _, r := range all {
		if r.Builtin {
			for k, v := range r.Texts() {
				out[k] = v
			}
		}
	}
	return out
}

// BuiltinTexts returns the English texts of the linter's built-in rules
// and of the engine, by the keys the locale catalogs file them under.
func (l *Linter) BuiltinTexts() map[string]string {
	var rs []*rule.Rule
	for _, ld := range l.rules {
		rs = append(rs, ld.rule)
	}
	out := builtinTexts(rs)
	for _, k := range engineTexts {
		out[k] = l.catalog.Text(locale.English, k, "")
	}
	return out
}

// Layout returns the greeting and sign-off words the linter reads a
// message's layout with (those of every pack it loaded), for callers that
// place text in a message as the checks do.
func (l *Linter) Layout() message.Vocabulary { return l.layout }

// Catalog returns the locale catalogs the linter writes messages with.
func (l *Linter) Catalog() *locale.Catalog { return l.catalog }

// RuleDescription returns the rule's description in the locale (a rule
// of the user's files as written).
func (l *Linter) RuleDescription(r *rule.Rule, loc string) string {
	return l.ruleText(r, MessageLocale(loc), ".description", r.Description)
}

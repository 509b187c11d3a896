package service

import (
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/replylint/replylint/lint"
	"github.com/replylint/replylint/lint/document"
	"github.com/replylint/replylint/lint/finding"
	"github.com/replylint/replylint/lint/fix"
	textlocale "github.com/replylint/replylint/lint/locale"
	"github.com/replylint/replylint/lint/report"
	"github.com/replylint/replylint/lint/rule"
	"github.com/replylint/replylint/lint/text"
)

// CheckRequest is the body of POST /v1/check. Exactly one of Text and HTML
// holds the draft. Empty fields take the config's value, then the
// defaults (amazon, detected kind, draft mode, detected language).
type CheckRequest struct {
	Text string `json:"text,omitempty"`
	// HTML is a draft in HTML: its visible text is linted and offsets
	// point into the HTML as sent.
	HTML        string `json:"html,omitempty"`
	Subject     string `json:"subject,omitempty"`
	Channel     string `json:"channel,omitempty"`
	Kind        string `json:"kind,omitempty"`
	Mode        string `json:"mode,omitempty"`
	Language    string `json:"language,omitempty"`
	Marketplace string `json:"marketplace,omitempty"`
	// Register is how suggestions address the buyer: formal or informal
	// (detected when empty).
	Register string `json:"register,omitempty"`
	// InReplyTo is the buyer's message: its language is the expected one
	// and its content helps detect the kind of reply.
	InReplyTo string   `json:"inReplyTo,omitempty"`
	Disable   []string `json:"disable,omitempty"`
	// Locale of finding messages; Accept-Language when empty.
	Locale string `json:"locale,omitempty"`
	// FailLevel and MinScore decide the verdict (config, else error and 0).
	FailLevel string `json:"failLevel,omitempty"`
	MinScore  *int   `json:"minScore,omitempty"`
}

// FixRequest is the body of POST /v1/fix.
type FixRequest struct {
	CheckRequest
	// Unsafe applies unsafe fixes too (they change what the message says).
	Unsafe bool `json:"unsafe,omitempty"`
}

// The verdicts.
const (
	verdictBlock = "block"
	verdictWarn  = "warn"
	verdictPass  = "pass"
)

// Counts counts findings by severity.
type Counts struct {
	Errors   int `json:"errors"`
	Warnings int `json:"warnings"`
	Infos    int `json:"infos"`
}

// CheckResponse is the answer of POST /v1/check. Findings have the shape of
// `replylint check --format json`, with offsets into Text (or HTML) as
// sent; findings in the subject are in SubjectFindings, with offsets into
// Subject.
type CheckResponse struct {
	Channel  string `json:"channel"`
	Language string `json:"language"`
	Kind     string `json:"kind"`
	Mode     string `json:"mode"`
	// Locale is the locale the finding messages are in.
	Locale string `json:"locale"`
	Score  int    `json:"score"`
	Grade  string `json:"grade"`
	// Verdict is block (a finding at or above the fail level, or a score
	// below the minimum), warn (other warnings or errors) or pass.
	Verdict string `json:"verdict"`
	// Summary is one line a helpdesk can show as the reason it blocks.
	Summary         string           `json:"summary"`
	Counts          Counts           `json:"counts"`
	Findings        []report.Finding `json:"findings"`
	SubjectFindings []report.Finding `json:"subjectFindings,omitempty"`
}

// AppliedFix is one fix /v1/fix applied.
type AppliedFix struct {
	Rule        string `json:"rule"`
	Description string `json:"description"`
	Safe        bool   `json:"safe"`
}

// FixResponse is the answer of POST /v1/fix: the fixed draft (in the field
// it was sent in), the fixes applied, and the check of the fixed draft.
type FixResponse struct {
	Text    string        `json:"text,omitempty"`
	HTML    string        `json:"html,omitempty"`
	Subject string        `json:"subject,omitempty"`
	Applied []AppliedFix  `json:"applied"`
	Result  CheckResponse `json:"result"`
}

// draft is a linted request: findings mapped onto the body and the subject
// as sent.
type draft struct {
	body, subject string
	html          bool
	// locale is the one asked for: the summary's own words are in it.
	locale    string
	catalog   *textlocale.Catalog
	res       *lint.Result
	subjectFs []finding.Finding
	failLevel finding.Severity
	minScore  int
}

func (s *Service) check(r *http.Request) (any, error) {
	var req CheckRequest
	if err := decodeJSON(r, &req); err != nil {
		return nil, err
	}
	d, err := s.lintDraft(r, &req)
	if err != nil {
		return nil, err
	}
	return d.response(), nil
}

func (s *Service) fix(r *http.Request) (any, error) {
	var req FixRequest
	if err := decodeJSON(r, &req); err != nil {
		return nil, err
	}
	d, err := s.lintDraft(r, &req.CheckRequest)
	if err != nil {
		return nil, err
	}
	var applied []AppliedFix
	// fix.Select takes the first usable suggestion of each finding; the
	// fixes it chose are found again by their first edit.
	pick := func(fs []finding.Finding, src string) (string, error) {
		edits := fix.Select(fs, req.Unsafe)
		if len(edits) == 0 {
			return src, nil
		}
		for _, f := range fs {
			for _, sg := range f.Suggestions {
				if len(sg.Edits) > 0 && (sg.Safe || req.Unsafe) && slices.Contains(edits, sg.Edits[0]) {
					applied = append(applied, AppliedFix{Rule: f.Rule, Description: sg.Description, Safe: sg.Safe})
					break
				}
			}
		}
		out, err := fix.Apply(src, edits)
		if err != nil {
			return "", fmt.Errorf("apply fixes: %w", err)
		}
		return out, nil
	}
	subject, err := pick(d.subjectFs, d.subject)
	if err != nil {
		return nil, err
	}
	body, err := pick(d.res.Findings, d.body)
	if err != nil {
		return nil, err
	}
	again := req.CheckRequest
	again.Subject = subject
	if d.html {
		again.HTML = body
	} else {
		again.Text = body
	}
	d2, err := s.lintDraft(r, &again)
	if err != nil {
		return nil, err
	}
	out := FixResponse{Subject: subject, Applied: applied, Result: d2.response()}
	if out.Applied == nil {
		out.Applied = []AppliedFix{}
	}
	if d.html {
		out.HTML = body
	} else {
		out.Text = body
	}
	return out, nil
}

// lintDraft validates a request, lints it and maps the findings onto what
// was sent. The body goes through the template reader (front matter, HTML,
// template comments and replylint-disable comments), as a file does.
func (s *Service) lintDraft(r *http.Request, req *CheckRequest) (*draft, error) {
	if req.Text != "" && req.HTML != "" {
		return nil, badRequest("give the draft in text or in html, not both")
	}
	if req.Text == "" && req.HTML == "" {
		return nil, badRequest("the draft is missing: give it in text or html")
	}
	locale, err := s.locale(req.Locale, r.Header.Get("Accept-Language"))
	if err != nil {
		return nil, err
	}
	d := &draft{body: req.Text, subject: req.Subject, html: req.HTML != "", locale: locale, catalog: s.linter.Catalog()}
	field, format := "text", document.Text
	if d.html {
		d.body, field, format = req.HTML, "html", document.HTML
	}
	msgs, problems := document.SplitFormat(field, d.body, format)
	for _, p := range problems {
		var dp *document.Problem
		if !errors.As(p, &dp) || !dp.Warning {
			return nil, badRequest("%s", p.Error())
		}
	}
	if len(msgs) != 1 {
		return nil, badRequest("%s: not one message", field)
	}
	m := msgs[0]
	opts, err := s.options(req, m.Settings)
	if err != nil {
		return nil, err
	}
	opts.Locale = locale
	if d.failLevel, d.minScore, err = s.thresholds(req); err != nil {
		return nil, err
	}

	// A subject is linted with the body, as its first line and a blank
	// line, as the template reader does, so that both are judged together.
	prefix := ""
	if d.subject != "" {
		prefix = d.subject + "\n\n"
	}
	res := s.linter.Lint(prefix+m.Text, opts)
	bodySrc, fileSrc := text.NewSource(m.Text), text.NewSource(d.body)
	subjSrc := text.NewSource(d.subject)
	var body []finding.Finding
	for _, f := range res.Findings {
		if prefix != "" && f.Start.Offset < len(prefix) && (f.Start.Offset < len(d.subject) || f.End.Offset > f.Start.Offset) {
			d.subjectFs = append(d.subjectFs, shift(f, 0, len(d.subject), subjSrc))
			continue
		}
		body = append(body, shift(f, len(prefix), len(prefix)+len(m.Text), bodySrc))
	}
	kept, _ := m.Suppress(body)
	mapped := make([]finding.Finding, 0, len(kept))
	for _, f := range kept {
		mf := m.MapFinding(f, fileSrc)
		mf.Match = d.body[mf.Start.Offset:mf.End.Offset]
		mapped = append(mapped, mf)
	}
	finding.Sort(mapped)
	res.Findings = mapped
	d.res = res
	s.count(r, d.subjectFs)
	s.count(r, mapped)
	return d, nil
}

// shift moves a finding on the linted text into a part of it that starts
// at base and ends at end, re-resolving positions on that part's source.
// Edits that reach outside the part are dropped with their suggestion.
func shift(f finding.Finding, base, end int, src *text.Source) finding.Finding {
	clamp := func(o int) int { return max(0, min(o, end)-base) }
	f.Start, f.End = src.Position(clamp(f.Start.Offset)), src.Position(clamp(f.End.Offset))
	f.Match = src.Text()[f.Start.Offset:f.End.Offset]
	out := f.Suggestions[:0:0]
	for _, sg := range f.Suggestions {
		ns := finding.Suggestion{Description: sg.Description, Safe: sg.Safe}
		for _, e := range sg.Edits {
			if e.Start.Offset < base || e.End.Offset > end {
				ns.Edits = nil
				break
			}
			ns.Edits = append(ns.Edits, finding.Edit{Start: src.Position(e.Start.Offset - base), End: src.Position(e.End.Offset - base), NewText: e.NewText})
		}
		out = append(out, ns)
	}
	f.Suggestions = out
	return f
}

// options resolves a request's lint options: the request, then the
// draft's front matter, then the config.
func (s *Service) options(req *CheckRequest, front document.Settings) (lint.Options, error) {
	var cfg struct {
		channel, kind, mode, language, marketplace, register string
		disable                                              []string
		severity                                             map[string]string
		allow                                                []string
	}
	if c := s.opts.Config; c != nil {
		st := c.Settings
		cfg.channel, cfg.kind, cfg.mode, cfg.language, cfg.marketplace, cfg.register = st.Channel, st.Kind, st.Mode, st.Language, st.Marketplace, st.Register
		cfg.disable, cfg.severity, cfg.allow = st.Disable, st.Severity, c.AllowLinks
	}
	pick := func(vals ...string) string {
		for _, v := range vals {
			if v != "" {
				return v
			}
		}
		return ""
	}
	opts := lint.Options{
		Marketplace:  pick(req.Marketplace, front.Marketplace, cfg.marketplace),
		InReplyTo:    req.InReplyTo,
		AllowDomains: cfg.allow,
	}
	var err error
	if ch := pick(req.Channel, string(front.Channel), cfg.channel); ch != "" {
		if opts.Channel, err = rule.ParseChannel(ch); err != nil {
			return opts, badRequest("channel: %v", err)
		}
	}
	if k := pick(req.Kind, string(front.Kind), cfg.kind); k != "" {
		if opts.Kind, err = rule.ParseMessageKind(k); err != nil {
			return opts, badRequest("kind: %v", err)
		}
	}
	if reg := pick(req.Register, string(front.Register), cfg.register); reg != "" {
		if opts.Register, err = rule.ParseRegister(reg); err != nil {
			return opts, badRequest("register: %v", err)
		}
	}
	if opts.Mode, err = rule.ParseMode(pick(req.Mode, string(front.Mode), cfg.mode, string(rule.Draft))); err != nil {
		return opts, badRequest("mode: %v", err)
	}
	if lang := pick(req.Language, front.Language, cfg.language); lang != "" {
		if !slices.Contains(rule.Languages(), lang) {
			return opts, badRequest("language: unsupported language %q (want one of %s)", lang, strings.Join(rule.Languages(), ", "))
		}
		opts.Language = lang
	}
	for _, id := range slices.Concat(cfg.disable, front.Disable, req.Disable) {
		if s.linter.Rule(id) == nil {
			return opts, badRequest("disable: unknown rule %q (see GET /v1/rules)", id)
		}
		opts.Disable = append(opts.Disable, id)
	}
	for id, level := range cfg.severity {
		sev, err := finding.ParseSeverity(level)
		if err != nil || s.linter.Rule(id) == nil {
			continue // config.Load has validated it
		}
		if opts.Severity == nil {
			opts.Severity = map[string]finding.Severity{}
		}
		opts.Severity[id] = sev
	}
	return opts, nil
}

func (s *Service) thresholds(req *CheckRequest) (finding.Severity, int, error) {
	failLevel, minScore := finding.Error, 0
	if c := s.opts.Config; c != nil {
		if sev, err := finding.ParseSeverity(c.FailLevel); c.FailLevel != "" && err == nil {
			failLevel = sev
		}
		if c.MinScore != nil {
			minScore = *c.MinScore
		}
	}
	if req.FailLevel != "" {
		sev, err := finding.ParseSeverity(req.FailLevel)
		if err != nil {
			return 0, 0, badRequest("failLevel: %v", err)
		}
		failLevel = sev
	}
	if req.MinScore != nil {
		if *req.MinScore < 0 || *req.MinScore > 100 {
			return 0, 0, badRequest("minScore: must be between 0 and 100, got %d", *req.MinScore)
		}
		minScore = *req.MinScore
	}
	return failLevel, minScore, nil
}

func (d *draft) response() CheckResponse {
	res := d.res
	out := CheckResponse{
		Channel: string(res.Channel), Language: res.Language, Kind: string(res.Kind), Mode: string(res.Mode),
		Locale: res.Locale, Score: res.Score, Grade: res.Grade,
		Findings: report.Findings(res.Findings, d.body),
	}
	if d.subject != "" {
		out.SubjectFindings = report.Findings(d.subjectFs, d.subject)
	}
	all := slices.Concat(out.SubjectFindings, out.Findings)
	var lead *report.Finding
	leads := 0
	blocks := res.Score < d.minScore
	for _, f := range all {
		sev := mustSeverity(f.Severity)
		switch sev {
		case finding.Error:
			out.Counts.Errors++
		case finding.Warning:
			out.Counts.Warnings++
		case finding.Info:
			out.Counts.Infos++
		}
		if d.failLevel != finding.Off && sev >= d.failLevel {
			blocks = true
		}
	}
	out.Verdict = verdictPass
	switch {
	case blocks:
		out.Verdict = verdictBlock
	case out.Counts.Errors+out.Counts.Warnings > 0:
		out.Verdict = verdictWarn
	}
	// The lead finding is the most severe one, first in the text.
	for i := range all {
		sev := mustSeverity(all[i].Severity)
		if sev < finding.Warning {
			continue
		}
		if lead == nil || sev > mustSeverity(lead.Severity) {
			lead = &all[i]
		}
		leads++
	}
	more := 0
	if lead != nil {
		more = leads - 1
	}
	out.Summary = summary(d.catalog, d.locale, out.Verdict, lead, more, res.Score, res.Grade)
	return out
}

// mustSeverity parses a severity this package wrote.
func mustSeverity(s string) finding.Severity {
	sev, _ := finding.ParseSeverity(s)
	return sev
}

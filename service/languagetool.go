package service

import (
	"encoding/json"
	"errors"
	"fmt"
	"mime"
	"net/http"
	"path"
	"slices"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/replylint/replylint/lint"
	"github.com/replylint/replylint/lint/document"
	"github.com/replylint/replylint/lint/finding"
	"github.com/replylint/replylint/lint/language"
	"github.com/replylint/replylint/lint/report"
	"github.com/replylint/replylint/lint/rule"
	"github.com/replylint/replylint/lint/text"
)

// This file speaks LanguageTool's HTTP API (v2), so that its clients — the
// browser add-on's "other server", LTeX, Emacs langtool, gramma, Obsidian
// and editor plug-ins — can use replylint as their server. Offsets and
// lengths are in UTF-16 code units, as LanguageTool's Java strings count.

// ltRequest holds the parameters of /v2/check that replylint reads.
type ltRequest struct {
	text, data, language           string
	enabledRules, disabledRules    []string
	enabledCategories, disabledCat []string
	enabledOnly                    bool
	// Extensions: the replylint settings LanguageTool has no word for.
	channel, kind, mode, marketplace, register string
}

// ltAPIKey reads the apiKey field of a form-encoded request (the body is
// read here, within the size limit; ParseForm keeps the values for the
// handler).
func (s *Service) ltAPIKey(r *http.Request) (string, bool) {
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if ct != "application/x-www-form-urlencoded" {
		return "", false
	}
	r.Body = http.MaxBytesReader(nil, r.Body, s.opts.MaxBodyBytes)
	if err := r.ParseForm(); err != nil {
		return "", false
	}
	k := r.PostForm.Get("apiKey")
	if k == "" {
		k = r.PostForm.Get("api_key") // gramma's spelling
	}
	return k, k != ""
}

// parseLT reads a /v2/check request from a form-encoded, multipart or JSON
// body.
func parseLT(r *http.Request, maxBytes int64) (*ltRequest, error) {
	get := func(string) string { return "" }
	ct, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil && r.Header.Get("Content-Type") != "" {
		return nil, badRequest("Content-Type: %v", err)
	}
	switch ct {
	case "application/json":
		var body map[string]any
		if err := decodeJSON(r, &body); err != nil {
			return nil, err
		}
		vals := map[string]string{}
		for k, v := range body {
			switch v := v.(type) {
			case string:
				vals[k] = v
			case bool:
				vals[k] = fmt.Sprint(v)
			case map[string]any, []any:
				// data may come as the annotation object itself.
				b, err := json.Marshal(v)
				if err != nil {
					return nil, badRequest("%s: %v", k, err)
				}
				vals[k] = string(b)
			case nil:
			default:
				return nil, badRequest("%s: want a string", k)
			}
		}
		get = func(k string) string { return vals[k] }
	case "multipart/form-data":
		if err := r.ParseMultipartForm(maxBytes); err != nil {
			return nil, formError(err)
		}
		get = r.PostFormValue
	case "application/x-www-form-urlencoded", "":
		if err := r.ParseForm(); err != nil {
			return nil, formError(err)
		}
		// Only the body: a text in the query string would reach logs and
		// proxies, so it is not read.
		get = r.PostForm.Get
	default:
		return nil, &Error{Status: http.StatusUnsupportedMediaType, Message: fmt.Sprintf("Content-Type %q: send application/x-www-form-urlencoded, multipart/form-data or application/json", ct)}
	}
	list := func(k string) []string {
		var out []string
		for v := range strings.SplitSeq(get(k), ",") {
			if v = strings.TrimSpace(v); v != "" {
				out = append(out, v)
			}
		}
		return out
	}
	req := &ltRequest{
		text: get("text"), data: get("data"), language: strings.TrimSpace(get("language")),
		enabledRules: list("enabledRules"), disabledRules: list("disabledRules"),
		enabledCategories: list("enabledCategories"), disabledCat: list("disabledCategories"),
		enabledOnly: get("enabledOnly") == "true",
		channel:     get("channel"), kind: get("kind"), mode: get("mode"), marketplace: get("marketplace"),
		register: get("register"),
	}
	switch {
	case req.text != "" && req.data != "":
		return nil, badRequest("give text or data, not both")
	case req.text == "" && req.data == "":
		return nil, badRequest("missing parameter: text or data")
	case req.enabledOnly && len(req.enabledRules) == 0 && len(req.enabledCategories) == 0:
		return nil, badRequest("enabledOnly=true needs enabledRules or enabledCategories")
	}
	return req, nil
}

func formError(err error) error {
	var mb *http.MaxBytesError
	if errors.As(err, &mb) {
		return err
	}
	return badRequest("malformed form body: %v", err)
}

// annotated is a text for the linter with a map back to the original,
// markup included: plain[p] came from orig[o] for each verbatim piece.
type annotated struct {
	plain, orig string
	pieces      []ltPiece
}

type ltPiece struct {
	p, o, n int // plain offset, original offset, length in plain
	// markup pieces stand for orig[o:o+on] as a whole (interpretAs).
	markup bool
	on     int
}

// parseData reads LanguageTool's annotated text:
// {"annotation":[{"text":"Hi "},{"markup":"<b>"},{"markup":"<p>","interpretAs":"\n\n"}]}.
func parseData(data string) (*annotated, error) {
	var doc struct {
		Annotation []struct {
			Text        *string `json:"text"`
			Markup      *string `json:"markup"`
			InterpretAs string  `json:"interpretAs"`
		} `json:"annotation"`
	}
	dec := json.NewDecoder(strings.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&doc); err != nil {
		return nil, badRequest("data: %v", jsonError(err))
	}
	var plain, orig strings.Builder
	a := &annotated{}
	for i, it := range doc.Annotation {
		switch {
		case it.Text != nil && it.Markup != nil:
			return nil, badRequest("data: annotation[%d] has both text and markup", i)
		case it.Text != nil:
			a.pieces = append(a.pieces, ltPiece{p: plain.Len(), o: orig.Len(), n: len(*it.Text)})
			plain.WriteString(*it.Text)
			orig.WriteString(*it.Text)
		case it.Markup != nil:
			a.pieces = append(a.pieces, ltPiece{p: plain.Len(), o: orig.Len(), n: len(it.InterpretAs), markup: true, on: len(*it.Markup)})
			plain.WriteString(it.InterpretAs)
			orig.WriteString(*it.Markup)
		default:
			return nil, badRequest("data: annotation[%d] needs text or markup", i)
		}
	}
	a.plain, a.orig = plain.String(), orig.String()
	return a, nil
}

// toOrig maps a plain offset to the original. A start maps into the piece
// that begins the range, an end into the piece that ends it, so markup
// between two ranges of text belongs to neither; a piece of markup read as
// text (interpretAs) maps as a whole.
func (a *annotated) toOrig(p int, end bool) int {
	for _, pc := range a.pieces {
		inside := pc.p <= p && p < pc.p+pc.n
		if end {
			inside = pc.p < p && p <= pc.p+pc.n
		}
		switch {
		case !inside:
			continue
		case !pc.markup:
			return pc.o + p - pc.p
		case end:
			return pc.o + pc.on
		}
		return pc.o
	}
	if p <= 0 {
		return 0
	}
	return len(a.orig)
}

// verbatim reports whether the plain range [s, e) is copied from one text
// piece, so that a replacement of it in the original replaces just it.
func (a *annotated) verbatim(s, e int) bool {
	for _, pc := range a.pieces {
		if !pc.markup && pc.p <= s && e <= pc.p+pc.n {
			return true
		}
	}
	return false
}

// The response types, as LanguageTool writes them.
type (
	ltSoftware struct {
		Name        string `json:"name"`
		Version     string `json:"version"`
		BuildDate   string `json:"buildDate"`
		APIVersion  int    `json:"apiVersion"`
		Premium     bool   `json:"premium"`
		Status      string `json:"status"`
		ReplyLinter string `json:"replylint"`
	}
	ltLanguage struct {
		Name             string     `json:"name"`
		Code             string     `json:"code"`
		DetectedLanguage ltDetected `json:"detectedLanguage"`
	}
	ltDetected struct {
		Name string `json:"name"`
		Code string `json:"code"`
	}
	ltContext struct {
		Text   string `json:"text"`
		Offset int    `json:"offset"`
		Length int    `json:"length"`
	}
	ltValue struct {
		Value string `json:"value"`
	}
	ltCategory struct {
		ID   string `json:"id"`
		Name string `json:"name"`
	}
	ltRule struct {
		ID          string     `json:"id"`
		Description string     `json:"description"`
		IssueType   string     `json:"issueType"`
		Category    ltCategory `json:"category"`
		URLs        []ltValue  `json:"urls,omitempty"`
	}
	ltType struct {
		TypeName string `json:"typeName"`
	}
	ltMatch struct {
		Message      string    `json:"message"`
		ShortMessage string    `json:"shortMessage"`
		Offset       int       `json:"offset"`
		Length       int       `json:"length"`
		Replacements []ltValue `json:"replacements"`
		Context      ltContext `json:"context"`
		Sentence     string    `json:"sentence"`
		Type         ltType    `json:"type"`
		Rule         ltRule    `json:"rule"`
		// Severity is replylint's own (error, warning, info).
		Severity string `json:"replylintSeverity"`
	}
	ltResponse struct {
		Software ltSoftware `json:"software"`
		Warnings struct {
			IncompleteResults bool `json:"incompleteResults"`
		} `json:"warnings"`
		Language ltLanguage `json:"language"`
		Matches  []ltMatch  `json:"matches"`
	}
)

func (s *Service) software() ltSoftware {
	return ltSoftware{Name: "replylint", Version: s.version(), BuildDate: "", APIVersion: 1, Status: "",
		ReplyLinter: "replylint checks seller-to-buyer messages; it is not a grammar checker"}
}

func (s *Service) ltInfo(*http.Request) (any, error) {
	return map[string]any{"software": s.software()}, nil
}

type ltLanguageEntry struct {
	Name     string `json:"name"`
	Code     string `json:"code"`
	LongCode string `json:"longCode"`
}

func (s *Service) ltLanguages(*http.Request) (any, error) {
	out := []ltLanguageEntry{}
	for _, code := range rule.Languages() {
		out = append(out, ltLanguageEntry{Name: language.Name(code), Code: code, LongCode: code})
	}
	return out, nil
}

func (s *Service) ltCheck(r *http.Request) (any, error) {
	req, err := parseLT(r, s.opts.MaxBodyBytes)
	if err != nil {
		return nil, err
	}
	a := &annotated{plain: req.text, orig: req.text, pieces: []ltPiece{{n: len(req.text)}}}
	if req.data != "" {
		if a, err = parseData(req.data); err != nil {
			return nil, err
		}
	}
	lang := ""
	if l := strings.ToLower(req.language); l != "" && l != "auto" {
		lang = primary(l)
		if !slices.Contains(rule.Languages(), lang) {
			return nil, badRequest("language: %q is not supported (want auto or one of %s)", req.language, strings.Join(rule.Languages(), ", "))
		}
	}
	cr := &CheckRequest{Channel: req.channel, Kind: req.kind, Mode: req.mode, Marketplace: req.marketplace, Register: req.register, Language: lang}
	opts, err := s.options(cr, document.Settings{})
	if err != nil {
		return nil, err
	}
	if opts.Locale, err = s.locale("", r.Header.Get("Accept-Language")); err != nil {
		return nil, err
	}
	res := s.linter.Lint(a.plain, opts)
	kept := s.ltFilter(req, res.Findings)
	s.count(r, kept)

	out := ltResponse{Software: s.software(), Matches: []ltMatch{}}
	out.Language = ltLanguage{Name: language.Name(res.Language), Code: res.Language,
		DetectedLanguage: ltDetected{Name: language.Name(res.Language), Code: res.Language}}
	if req.language != "" && !strings.EqualFold(req.language, "auto") {
		out.Language.Code = req.language
	}
	// Findings are mapped onto the original (markup included), then given
	// UTF-16 offsets by the same conversion the JSON report uses.
	orig := text.NewSource(a.orig)
	type span struct{ s, e int } // on the plain text
	var mapped []finding.Finding
	var plainSpans []span
	var values [][]string
	for _, f := range kept {
		fs, fe := f.Start.Offset, f.End.Offset
		var reps []string
		for _, sg := range f.Suggestions {
			// A LanguageTool replacement replaces the match: only a fix
			// whose one edit lies inside the match can be one (a fix that
			// rewrites the whole sentence is not offered as a replacement).
			if len(sg.Edits) != 1 {
				continue
			}
			e := sg.Edits[0]
			es, ee := e.Start.Offset, e.End.Offset
			if es < fs || ee > fe || (fs != fe && !a.verbatim(fs, fe)) {
				continue
			}
			reps = append(reps, a.plain[fs:es]+e.NewText+a.plain[ee:fe])
		}
		mf := f
		ostart, oend := a.toOrig(fs, false), a.toOrig(fe, true)
		if fe == fs {
			oend = ostart
		}
		mf.Start, mf.End = orig.Position(ostart), orig.Position(oend)
		mf.Suggestions = nil
		mapped = append(mapped, mf)
		plainSpans = append(plainSpans, span{fs, fe})
		values = append(values, reps)
	}
	for i, jf := range report.Findings(mapped, a.orig) {
		ru := s.linter.Rule(jf.Rule)
		cat := s.ruleIndex[jf.Rule]
		m := ltMatch{
			Message: jf.Message, Offset: jf.UTF16Offset, Length: jf.UTF16EndOffset - jf.UTF16Offset,
			Replacements: []ltValue{}, Context: ltContextOf(a.orig, jf.Offset, jf.EndOffset),
			Sentence: sentenceOf(a.plain, plainSpans[i].s, plainSpans[i].e),
			Type:     ltType{TypeName: "Other"}, Severity: jf.Severity,
			Rule: ltRule{ID: jf.Rule, IssueType: issueType(ru, cat), Category: cat,
				URLs: []ltValue{{Value: ruleURL(r, jf.Rule)}}},
		}
		if ru != nil {
			desc := s.linter.RuleDescription(ru, res.Locale)
			m.Rule.Description = desc
			if utf8.RuneCountInString(desc) <= 60 {
				m.ShortMessage = desc
			}
		}
		for _, v := range values[i] {
			m.Replacements = append(m.Replacements, ltValue{Value: v})
		}
		out.Matches = append(out.Matches, m)
	}
	return out, nil
}

// ltFilter applies enabledRules, disabledRules, the category lists and
// enabledOnly. Rule IDs match case-insensitively (LanguageTool's are upper
// case); unknown IDs are ignored, as LanguageTool ignores them.
func (s *Service) ltFilter(req *ltRequest, fs []finding.Finding) []finding.Finding {
	in := func(list []string, v string) bool {
		return slices.ContainsFunc(list, func(x string) bool { return strings.EqualFold(x, v) })
	}
	var out []finding.Finding
	for _, f := range fs {
		cat := s.ruleIndex[f.Rule].ID
		if in(req.disabledRules, f.Rule) || in(req.disabledCat, cat) {
			continue
		}
		if req.enabledOnly && !in(req.enabledRules, f.Rule) && !in(req.enabledCategories, cat) {
			continue
		}
		out = append(out, f)
	}
	return out
}

// categories gives each rule a LanguageTool category: the folder its file
// is in (policy, empathy, tone, hygiene), else REPLYLINT.
func categories(l *lint.Linter) map[string]ltCategory {
	out := map[string]ltCategory{}
	for _, r := range l.Rules() {
		dir := path.Base(path.Dir(strings.ReplaceAll(r.Pos.File, `\`, "/")))
		c := ltCategory{ID: "REPLYLINT", Name: "replylint"}
		if dir != "." && dir != "/" && dir != "rules" && dir != "" {
			c = ltCategory{ID: strings.ToUpper(strings.ReplaceAll(dir, "-", "_")), Name: dir}
		}
		out[r.ID] = c
	}
	return out
}

// issueType picks the LanguageTool issue type (from the ITS 2.0 list its
// clients colour by) that fits a rule best.
func issueType(r *rule.Rule, c ltCategory) string {
	if r != nil {
		switch r.Kind {
		case rule.KindLanguage:
			return "locale-violation"
		case rule.KindPlaceholder:
			return "untranslated"
		}
		if r.ID == "message-length" {
			return "length"
		}
	}
	switch c.Name {
	case "policy":
		return "non-conformance"
	case "tone":
		return "register"
	case "hygiene":
		return "typographical"
	case "empathy":
		return "style"
	}
	return "uncategorized"
}

func ruleURL(r *http.Request, id string) string {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host + "/v1/rules/" + id
}

// ltContextOf cuts up to 40 characters of context either side of the
// range [s, e) of t, with "..." where it was cut; offset and length are in
// UTF-16 code units of the context text.
func ltContextOf(t string, s, e int) ltContext {
	const around = 40
	cs := s
	for n := 0; n < around && cs > 0; n++ {
		_, size := utf8.DecodeLastRuneInString(t[:cs])
		cs -= size
	}
	ce := e
	for n := 0; n < around && ce < len(t); n++ {
		_, size := utf8.DecodeRuneInString(t[ce:])
		ce += size
	}
	oneLine := func(x string) string { return strings.NewReplacer("\r", " ", "\n", " ", "\t", " ").Replace(x) }
	before, match, after := oneLine(t[cs:s]), oneLine(t[s:e]), oneLine(t[e:ce])
	if cs > 0 {
		before = "..." + before
	}
	if ce < len(t) {
		after += "..."
	}
	return ltContext{Text: before + match + after, Offset: utf16Len(before), Length: utf16Len(match)}
}

func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

// sentenceOf returns the sentence of t that holds [s, e): from the end of
// the sentence before it to the end of the last one it touches.
func sentenceOf(t string, s, e int) string {
	isEnd := func(r rune) bool { return strings.ContainsRune(".!?。！？\n", r) }
	start := s
	for start > 0 {
		r, size := utf8.DecodeLastRuneInString(t[:start])
		if isEnd(r) {
			break
		}
		start -= size
	}
	end := e
	for end < len(t) {
		r, size := utf8.DecodeRuneInString(t[end:])
		end += size
		if isEnd(r) {
			break
		}
	}
	return strings.TrimSpace(t[start:end])
}

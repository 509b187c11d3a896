package service

import (
	"net/http"
	"strings"

	"github.com/replylint/replylint/lint/rule"
)

// RuleSummary is a rule as GET /v1/rules lists it (what `rules list`
// shows).
type RuleSummary struct {
	ID          string `json:"id"`
	Kind        string `json:"kind"`
	Category    string `json:"category"`
	Description string `json:"description"`
	// Severity is the rule's severity on each channel ("off": not checked).
	Severity  map[string]string `json:"severity"`
	Weight    int               `json:"weight"`
	Languages []string          `json:"languages"`
	AppliesTo []string          `json:"appliesTo"`
}

// RuleDetail is a rule as GET /v1/rules/{id} explains it (what `explain`
// shows).
type RuleDetail struct {
	RuleSummary
	Rationale string          `json:"rationale"`
	Source    string          `json:"source"`
	Suggest   *RuleSuggestion `json:"suggest,omitempty"`
	Examples  RuleExamples    `json:"examples"`
}

// RuleSuggestion is a rule's suggested rewrite.
type RuleSuggestion struct {
	Description string `json:"description"`
	// Text is the replacement text by language.
	Text map[string]string `json:"text,omitempty"`
	Safe bool              `json:"safe"`
}

// RuleExamples are texts the rule fires on and does not fire on.
type RuleExamples struct {
	Bad  []string `json:"bad"`
	Good []string `json:"good"`
}

type rulesResponse struct {
	Rules []RuleSummary `json:"rules"`
}

func (s *Service) rules(req *http.Request) (any, error) {
	loc, err := s.locale("", req.Header.Get("Accept-Language"))
	if err != nil {
		return nil, err
	}
	out := rulesResponse{Rules: []RuleSummary{}}
	for _, r := range s.linter.Rules() {
		out.Rules = append(out.Rules, s.summarize(r, loc))
	}
	return out, nil
}

func (s *Service) ruleByID(r *http.Request) (any, error) {
	id := r.PathValue("id")
	ru := s.linter.Rule(id)
	if ru == nil {
		return nil, &Error{Status: http.StatusNotFound, Message: "unknown rule " + quoteID(id) + " (see GET /v1/rules)"}
	}
	loc, err := s.locale("", r.Header.Get("Accept-Language"))
	if err != nil {
		return nil, err
	}
	d := RuleDetail{RuleSummary: s.summarize(ru, loc), Rationale: strings.TrimSpace(ru.Rationale), Source: ru.Source,
		Examples: RuleExamples{Bad: []string{}, Good: []string{}}}
	if sg := ru.Suggest; sg != nil {
		d.Suggest = &RuleSuggestion{Description: sg.Description, Text: sg.Text, Safe: sg.Safe}
	}
	for _, ex := range ru.Examples.Bad {
		d.Examples.Bad = append(d.Examples.Bad, ex.Text)
	}
	for _, ex := range ru.Examples.Good {
		d.Examples.Good = append(d.Examples.Good, ex.Text)
	}
	return d, nil
}

// summarize describes a rule, its description in the locale.
func (s *Service) summarize(r *rule.Rule, loc string) RuleSummary {
	sum := RuleSummary{
		ID: r.ID, Kind: string(r.Kind), Category: s.ruleIndex[r.ID].Name, Description: s.linter.RuleDescription(r, loc),
		Severity: map[string]string{}, Weight: r.Weight,
		Languages: append([]string{}, r.Languages...), AppliesTo: append([]string{}, r.AppliesTo...),
	}
	for _, ch := range rule.Channels() {
		sum.Severity[string(ch)] = r.SeverityOn(ch).String()
	}
	return sum
}

// quoteID quotes a rule ID from a URL for a message, cut short: the path
// is the client's text.
func quoteID(id string) string {
	if r := []rune(id); len(r) > 64 {
		id = string(r[:64]) + "..."
	}
	return `"` + strings.ToValidUTF8(id, "?") + `"`
}

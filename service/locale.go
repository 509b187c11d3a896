package service

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/replylint/replylint/lint"
	textlocale "github.com/replylint/replylint/lint/locale"
	"github.com/replylint/replylint/lint/report"
)

// locale picks the locale of a request: its own field when it names a
// known one, else the best of Accept-Language, else the default. An unknown
// explicit locale is an error (a typo should not silently give English).
func (s *Service) locale(explicit, acceptLanguage string) (string, error) {
	if explicit != "" {
		l := primary(explicit)
		if !slices.Contains(lint.Locales(), l) {
			return "", badRequest("locale: unknown locale %q (want one of %s)", explicit, strings.Join(lint.Locales(), ", "))
		}
		return l, nil
	}
	if l := negotiate(acceptLanguage); l != "" {
		return l, nil
	}
	return s.opts.Locale, nil
}

// negotiate returns the known locale an Accept-Language header prefers
// most ("" for none): weights order the ranges, ties keep header order,
// and a range counts by its primary subtag (de-CH is de, zh-Hant is zh).
func negotiate(header string) string {
	type ranged struct {
		tag string
		q   float64
	}
	var rs []ranged
	for part := range strings.SplitSeq(header, ",") {
		tag, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		q := 1.0
		if v, ok := strings.CutPrefix(strings.TrimSpace(params), "q="); ok {
			if f, err := strconv.ParseFloat(v, 64); err == nil {
				q = f
			}
		}
		if tag != "" && q > 0 {
			rs = append(rs, ranged{primary(tag), q})
		}
	}
	sort.SliceStable(rs, func(i, j int) bool { return rs[i].q > rs[j].q })
	for _, r := range rs {
		if slices.Contains(lint.Locales(), r.tag) {
			return r.tag
		}
	}
	return ""
}

func primary(tag string) string {
	p, _, _ := strings.Cut(strings.TrimSpace(tag), "-")
	p, _, _ = strings.Cut(p, "_")
	return strings.ToLower(p)
}

// The service's own words in the summary line, in the locale catalogs
// (rules/locale); finding messages come from the rules.
const (
	summaryBlock = "service#block"
	summaryWarn  = "service#warn"
	summaryPass  = "service#pass"
	summaryMore  = "service#more" // {count} more findings
	summaryScore = "service#score"
)

// summary is the one line a helpdesk shows as the reason it blocks a
// reply: the verdict, the first finding that decided it, how many more
// there are, and the score.
func summary(catalog *textlocale.Catalog, locale, verdict string, lead *report.Finding, more, score int, grade string) string {
	word := func(key string) string { return catalog.Text(locale, key, "") }
	head := word(summaryPass)
	switch verdict {
	case verdictBlock:
		head = word(summaryBlock)
	case verdictWarn:
		head = word(summaryWarn)
	}
	var b strings.Builder
	b.WriteString(head)
	if lead != nil {
		fmt.Fprintf(&b, ": %s [%s]", lead.Message, lead.Rule)
		if more > 0 {
			b.WriteString(" (" + textlocale.Fill(word(summaryMore), map[string]string{"count": strconv.Itoa(more)}) + ")")
		}
	}
	fmt.Fprintf(&b, " — %s %d (%s)", word(summaryScore), score, grade)
	return b.String()
}

package service

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/replylint/replylint/lint"
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

// summaryWords are the service's own words in the summary line, per
// locale. (Finding messages come from the rules; see lint.Options.Locale.)
type summaryWords struct {
	block, warn, pass, more, score string
}

func summaryFor(locale string) summaryWords {
	switch locale {
	case "de":
		return summaryWords{"Nicht senden", "Vor dem Senden prüfen", "Bereit zum Senden", "+%d weitere", "Punktzahl"}
	case "fr":
		return summaryWords{"Ne pas envoyer", "À vérifier avant l'envoi", "Prêt à envoyer", "+%d autres", "score"}
	case "es":
		return summaryWords{"No enviar", "Revisar antes de enviar", "Listo para enviar", "+%d más", "puntuación"}
	case "it":
		return summaryWords{"Non inviare", "Controllare prima dell'invio", "Pronto per l'invio", "+%d altri", "punteggio"}
	case "ja":
		return summaryWords{"送信しないでください", "送信前に確認してください", "送信できます", "他%d件", "スコア"}
	case "zh":
		return summaryWords{"请勿发送", "发送前请检查", "可以发送", "另有%d项", "得分"}
	}
	return summaryWords{"Do not send", "Check before sending", "Ready to send", "+%d more", "score"}
}

// summary is the one line a helpdesk shows as the reason it blocks a
// reply: the verdict, the first finding that decided it, how many more
// there are, and the score.
func summary(locale, verdict string, lead *report.Finding, more, score int, grade string) string {
	w := summaryFor(locale)
	head := w.pass
	switch verdict {
	case verdictBlock:
		head = w.block
	case verdictWarn:
		head = w.warn
	}
	var b strings.Builder
	b.WriteString(head)
	if lead != nil {
		fmt.Fprintf(&b, ": %s [%s]", lead.Message, lead.Rule)
		if more > 0 {
			b.WriteString(" (" + fmt.Sprintf(w.more, more) + ")")
		}
	}
	fmt.Fprintf(&b, " — %s %d (%s)", w.score, score, grade)
	return b.String()
}

package check

import (
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/replylint/replylint/lint/finding"
	"github.com/replylint/replylint/lint/language"
	"github.com/replylint/replylint/lint/match"
	"github.com/replylint/replylint/lint/message"
	"github.com/replylint/replylint/lint/rule"
)

// Language reports a message written in another language than the buyer's
// (at the rule's severity) and a message that mixes languages or scripts,
// the trace of an unfinished machine translation (at the mixed severity):
// Chinese or Japanese sentences or full-width punctuation in a Latin-script
// reply, or a sentence clearly in another Latin language.
type Language struct {
	rule *rule.Rule
	// mixed caps the severity of mixing hits; Off switches them off.
	mixed finding.Severity
	// own judges sentences and confidence when the message's detector
	// cannot (a caller-supplied Detector with Detect only).
	own *language.Detector
	// channelLang is the language each channel asks for when the buyer's
	// is not known.
	channelLang rule.PerChannel[string]
}

// sentenceDetector is the optional strict per-sentence detection of a
// message.Detector (language.Detector has it).
type sentenceDetector interface {
	DetectSentence(sentence string) string
}

// confidenceDetector is the optional "how much does this look like lang"
// question of a message.Detector.
type confidenceDetector interface {
	Confidence(text, lang string) float64
}

// maxExpectedConfidence is the confidence in the expected language from
// which a message is not reported as wrong even when the detector names
// another language: at least half of the message's evidence is then in the
// buyer's language, and the mixing findings cover the rest.
const maxExpectedConfidence = 0.5

// NewLanguage builds the check from the rule's language block.
func NewLanguage(r *rule.Rule) (*Language, error) {
	c := &Language{rule: r, mixed: finding.Warning, own: language.New(rule.Languages())}
	spec := r.Language
	if spec == nil {
		return c, nil
	}
	if spec.MixedSeverity != "" {
		sev, err := finding.ParseSeverity(spec.MixedSeverity)
		if err != nil {
			return nil, r.ErrorAt([]string{"language", "mixed-severity"}, "%v", err)
		}
		c.mixed = sev
	}
	for _, ch := range rule.Channels() {
		if lang := spec.ChannelLanguage.Get(ch); lang != "" && !slices.Contains(rule.Languages(), lang) {
			return nil, r.ErrorAt([]string{"language", "channel-language", string(ch)}, "unsupported language %q (one of %s)", lang, strings.Join(rule.Languages(), ", "))
		}
	}
	c.channelLang = spec.ChannelLanguage
	keys := make([]string, 0, len(spec.Marketplaces))
	for k := range spec.Marketplaces {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if k != strings.ToLower(k) || !strings.Contains(k, ".") || strings.ContainsAny(k, " /:") {
			return nil, r.ErrorAt([]string{"language", "marketplaces", k}, "marketplace %q must be a lower-case domain such as amazon.de", k)
		}
		if lang := spec.Marketplaces[k]; !slices.Contains(rule.Languages(), lang) {
			return nil, r.ErrorAt([]string{"language", "marketplaces", k}, "marketplace %s: unsupported language %q (one of %s)", k, lang, strings.Join(rule.Languages(), ", "))
		}
	}
	return c, nil
}

// Run implements Check.
func (c *Language) Run(m *message.Message) []Hit {
	if want := c.channelLang.Get(m.Channel); want != "" && m.ExpectedLanguage == "" {
		// The channel's language is what the buyer expects here; the
		// copy shares the message's memo, which does not depend on it.
		cp := *m
		cp.ExpectedLanguage = want
		m = &cp
	}
	src := m.Text()
	p := c.profile(m)
	sc := scripts{latin: p.Scripts.Latin, han: p.Scripts.Han, kana: p.Scripts.Kana}
	var hits []Hit
	wrong, isWrong := c.wrongLanguage(m, p.Language, sc)
	if isWrong {
		hits = append(hits, wrong)
	}
	if c.mixed == finding.Off || !sc.latinText() {
		return hits
	}
	// Sentences are split only when there is something to look for in
	// them: Han or kana, or function words of a second language.
	var sents []match.Span
	var cjkHits []Hit
	if sc.cjk() > 0 {
		sents = m.Sentences()
		cjkHits = c.cjkSentences(m, sents)
		hits = append(hits, cjkHits...)
	}
	hits = append(hits, c.fullWidth(src, cjkHits)...)
	if !isWrong && p.Mixed {
		// A message in the wrong language as a whole is one finding, not
		// one per sentence in the buyer's language.
		if sents == nil {
			sents = m.Sentences()
		}
		hits = append(hits, c.otherLatin(m, p.Language, sents, cjkHits)...)
	}
	if len(hits) > 1 {
		sort.SliceStable(hits, func(i, j int) bool { return hits[i].Span.Start < hits[j].Span.Start })
	}
	return hits
}

// profiler is the optional one-pass description of a message.Detector
// (language.Detector has it, remembering the engine's detection).
type profiler interface {
	Profile(text string) language.Profile
}

// profile describes the message: with the message's detector when it can,
// else with the check's own, keeping the language the message's detector
// (or, without one, the caller) gives.
func (c *Language) profile(m *message.Message) language.Profile {
	if pd, ok := m.Detector.(profiler); ok {
		return pd.Profile(m.Text())
	}
	p := c.own.Profile(m.Text())
	p.Language = m.Language
	if m.Detector != nil {
		p.Language = m.Detector.Detect(m.Text())
	}
	return p
}

// wrongLanguage reports a message that is not in the expected language.
// Scripts are certain (a Latin text for a Japanese buyer); otherwise the
// detector must name another language and see little of the expected one.
func (c *Language) wrongLanguage(m *message.Message, whole string, sc scripts) (Hit, bool) {
	want := m.ExpectedLanguage
	if want == "" {
		return Hit{}, false
	}
	got := whole
	wrong := false
	switch {
	case want == "ja" || want == "zh":
		switch {
		case !sc.cjkText():
			// Latin text, with a Han or kana product name at most.
			wrong = sc.latin >= minWrongLetters
		case want == "ja" && sc.kana == 0:
			// Han only reads as Chinese; kanji-only Japanese does not run
			// to whole sentences.
			wrong, got = sc.han >= 10, "zh"
		case want == "zh" && sc.kana*4 >= sc.cjk():
			// Chinese has no kana; a Japanese product name in a Chinese
			// reply has far less than a quarter.
			wrong, got = true, "ja"
		}
	case sc.cjkText():
		wrong = true
		if got != "ja" && got != "zh" {
			got = "zh"
			if sc.kana > 0 {
				got = "ja"
			}
		}
	default:
		wrong = got != "" && got != want && got != "ja" && got != "zh" &&
			sc.latin >= minWrongLetters && c.confidence(m, want) < maxExpectedConfidence
	}
	if !wrong {
		return Hit{}, false
	}
	h := namedHit(c.rule, messageSpan(m), "not-expected")
	h.Languages = map[string]string{"expected": want}
	if got != "" {
		h = namedHit(c.rule, messageSpan(m), "wrong")
		h.Languages = map[string]string{"expected": want, "found": got}
	}
	return h, true
}

func (c *Language) confidence(m *message.Message, lang string) float64 {
	if cd, ok := m.Detector.(confidenceDetector); ok {
		return cd.Confidence(m.Text(), lang)
	}
	return c.own.Confidence(m.Text(), lang)
}

func (c *Language) sentenceLanguage(m *message.Message, s string) string {
	if sd, ok := m.Detector.(sentenceDetector); ok {
		return sd.DetectSentence(s)
	}
	return c.own.DetectSentence(s)
}

// messageSpan is the body, or the whole text without surrounding space when
// the layout found no body.
func messageSpan(m *message.Message) match.Span {
	if b := m.Layout.Body; b.End > b.Start {
		return b
	}
	src := m.Text()
	t := strings.TrimSpace(src)
	start := strings.Index(src, t)
	return match.Span{Start: start, End: start + len(t)}
}

// minWrongLetters is the number of Latin letters a message needs before it
// is reported in the wrong Latin language: "Hi Jonas!" says too little.
const minWrongLetters = 15

// minCJKSentence is the number of Han or kana characters a sentence needs
// before it counts as a Chinese or Japanese sentence rather than a product
// name.
const minCJKSentence = 4

// cjkSentences reports sentences of a Latin-script message written mostly
// in Han or kana.
func (c *Language) cjkSentences(m *message.Message, sents []match.Span) []Hit {
	var hits []Hit
	src := m.Text()
	for _, sp := range sents {
		sc := countScripts(src[sp.Start:sp.End])
		if sc.cjk() < minCJKSentence || sc.cjk()*cjkLetters < 2*sc.latin {
			continue
		}
		found := "zh"
		if sc.kana > 0 {
			found = "ja"
		}
		h := namedHit(c.rule, sp, "cjk-sentence")
		h.MaxSeverity, h.Languages = c.mixed, map[string]string{"found": found}
		hits = append(hits, h)
	}
	return hits
}

// fullWidth reports full-width (Chinese and Japanese) punctuation in a
// Latin-script message, outside the CJK sentences already reported, with a
// safe fix to the ASCII sign.
func (c *Language) fullWidth(src string, skip []Hit) []Hit {
	var hits []Hit
	for i := 0; i < len(src); {
		if src[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(src[i:])
		if _, ok := fullWidthASCII[r]; !ok || inHits(skip, i) {
			i += size
			continue
		}
		start, end := i, i+size
		for end < len(src) {
			r2, s2 := utf8.DecodeRuneInString(src[end:])
			if _, ok := fullWidthASCII[r2]; !ok {
				break
			}
			end += s2
		}
		i = end
		before, _ := utf8.DecodeLastRuneInString(src[:start])
		after, _ := utf8.DecodeRuneInString(src[end:])
		if isCJK(before) && isCJK(after) {
			continue // inside a Chinese or Japanese name
		}
		repl := asciiPunctuation(src[start:end], before, after)
		sp := match.Span{Start: start, End: end}
		h := namedHit(c.rule, sp, "full-width", "use", strings.TrimSpace(repl))
		h.MaxSeverity = c.mixed
		h.Suggestions = []Fix{namedFix(c.rule, "fix-full-width", true, Edit{Span: sp, NewText: repl})}
		hits = append(hits, h)
	}
	return hits
}

// fullWidthASCII maps Chinese and Japanese punctuation to its ASCII form.
var fullWidthASCII = map[rune]byte{
	'，': ',', '、': ',', '。': '.', '！': '!', '？': '?', '：': ':', '；': ';', '（': '(', '）': ')',
}

// asciiPunctuation converts a run of full-width punctuation and adds the
// spaces Latin text needs around it: after , . ! ? : ; and ) before a
// letter, before ( after a letter; none between digits (1，000 → 1,000).
func asciiPunctuation(run string, before, after rune) string {
	var b strings.Builder
	first, _ := utf8.DecodeRuneInString(run)
	if first == '（' && isWordRune(before) {
		b.WriteByte(' ')
	}
	last := rune(0)
	for _, r := range run {
		b.WriteByte(fullWidthASCII[r])
		last = r
	}
	if last != '（' && isWordRune(after) && !(unicode.IsDigit(before) && unicode.IsDigit(after)) {
		b.WriteByte(' ')
	}
	return b.String()
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

func inHits(hits []Hit, offset int) bool {
	for _, h := range hits {
		if h.Span.Start <= offset && offset < h.Span.End {
			return true
		}
	}
	return false
}

// otherLatin reports sentences clearly written in another Latin language
// than the message. Only sentences the strict sentence detector is sure of
// count, and quoted text is left out, so product names and short quotes do
// not fire.
func (c *Language) otherLatin(m *message.Message, whole string, sents []match.Span, skip []Hit) []Hit {
	src := m.Text()
	var labels []labelled
	for _, sp := range sents {
		s := src[sp.Start:sp.End]
		if strings.HasPrefix(s, ">") || inHits(skip, sp.Start) {
			continue // a quoted e-mail line, a CJK sentence
		}
		lang := c.sentenceLanguage(m, withoutQuotes(s))
		if lang == "" || lang == "ja" || lang == "zh" {
			continue
		}
		labels = append(labels, labelled{sp, lang})
	}
	if len(labels) == 0 {
		return nil
	}
	main := c.mainLanguage(m, whole, labels)
	if main == "" {
		return nil
	}
	var hits []Hit
	for _, l := range labels {
		if l.lang == main {
			continue
		}
		h := namedHit(c.rule, l.span, "mixed")
		h.MaxSeverity, h.Languages = c.mixed, map[string]string{"found": l.lang, "main": main}
		hits = append(hits, h)
	}
	return hits
}

// labelled is a sentence the sentence detector is sure of.
type labelled struct {
	span match.Span
	lang string
}

// mainLanguage decides which language the message is written in, against
// which the other sentences are odd: the buyer's language when some
// sentences are in it; else, with sentences in several languages, the one
// most sentences are in; else, with sentences in one language, the whole
// message's language (without quoted text), "" when unsure.
func (c *Language) mainLanguage(m *message.Message, whole string, labels []labelled) string {
	size, count := map[string]int{}, map[string]int{}
	for _, l := range labels {
		if l.lang == m.ExpectedLanguage {
			return l.lang
		}
		size[l.lang] += l.span.End - l.span.Start
		count[l.lang]++
	}
	if len(size) == 1 {
		if src := m.Text(); m.Detector != nil && strings.ContainsAny(src, quoteMarks) {
			whole = m.Detector.Detect(withoutQuotes(src))
		}
		if whole == "ja" || whole == "zh" {
			return ""
		}
		return whole
	}
	// The language of most sentences, then of most text, then the
	// detector's.
	main, best := "", [2]int{}
	for _, lang := range rule.Languages() {
		n := [2]int{count[lang], size[lang]}
		if n[0] > best[0] || (n[0] == best[0] && (n[1] > best[1] || (n[1] == best[1] && lang == whole))) {
			main, best = lang, n
		}
	}
	return main
}

// quoteMarks open or close quoted text.
const quoteMarks = "\"“”„«»「」『』"

// withoutQuotes drops the text between double quotes, guillemets and
// Japanese brackets: a quoted product title or buyer sentence is not the
// seller writing in that language.
func withoutQuotes(s string) string {
	if !strings.ContainsAny(s, quoteMarks) {
		return s
	}
	var b strings.Builder
	quoted := false
	for _, r := range s {
		switch r {
		case '"':
			quoted = !quoted
			continue
		case '“', '„', '«', '「', '『':
			quoted = true
			continue
		case '”', '»', '」', '』':
			if quoted {
				quoted = false
				continue
			}
			// ” also opens German-style quotes closed by “; treat a
			// closing mark without an opening one as the start.
			quoted = true
			continue
		}
		if !quoted {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// cjkLetters is how many Latin letters one Han or kana character weighs
// (about a syllable or a word), as in package language.
const cjkLetters = 3

// scripts counts the letters of a text by script.
type scripts struct{ latin, han, kana int }

func countScripts(s string) scripts {
	sc := language.CountScripts(s)
	return scripts{latin: sc.Latin, han: sc.Han, kana: sc.Kana}
}

func (s scripts) cjk() int { return s.han + s.kana }

// latinText reports a text written mainly in Latin letters, whose Han and
// kana are mixing to report. A kana character is about two letters, so
// this leans to Latin a little more than the detector does.
func (s scripts) latinText() bool { return s.latin > 0 && s.latin >= 2*s.cjk() }

// cjkText reports a text written mainly in Han or kana.
func (s scripts) cjkText() bool { return s.cjk() >= minCJKSentence && s.cjk()*cjkLetters >= s.latin }

func isKana(r rune) bool {
	return (r >= 0x3041 && r <= 0x3096) || (r >= 0x30a1 && r <= 0x30fa) || (r >= 0xff66 && r <= 0xff9d)
}

func isCJK(r rune) bool { return isKana(r) || unicode.Is(unicode.Han, r) }

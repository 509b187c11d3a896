// Package language tells which of a fixed set of languages (English, German,
// French, Spanish, Italian, Japanese, Chinese) a message is written in.
//
// Detection is layered by cost. Scripts decide first: kana means Japanese,
// Han without kana Chinese. Latin text is stripped of what carries no
// language (placeholders, links, e-mail addresses, numbers, IDs) and scored
// on very common function words, which decides nearly every real message in
// microseconds. Only when that score is ambiguous does the detector ask
// lingua-go, built lazily once from the set's Latin languages in low
// accuracy mode (trigram models only: 25–45 ms and ~16 MB on first use,
// against ~500 ms and 200 MB in high accuracy mode). When neither is sure
// the answer is "": a wrong language is worse than none.
package language

import (
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"github.com/pemistahl/lingua-go"
)

// minRelativeDistance is lingua's margin between the best and second-best
// language below which it answers Unknown; libs.md measured that 0.25 turns
// most wrong answers on short texts into Unknown.
const minRelativeDistance = 0.25

// Detector detects languages among a fixed set. It is safe for concurrent
// use.
type Detector struct {
	langs []string
	// latin is the bit set of the Latin languages in the set.
	latin  uint8
	ja, zh bool
	// lingua is the fallback for ambiguous Latin text, built on first use
	// (nil when the set has fewer than two Latin languages).
	lingua func() lingua.LanguageDetector
	// last remembers the previous Detect answer: the engine and the
	// language check ask about the same text one after the other.
	last atomic.Pointer[memo]
}

type memo struct {
	text    string
	profile Profile
}

// New builds a detector for the given ISO 639-1 codes. Codes it does not
// know are ignored.
func New(langs []string) *Detector {
	d := &Detector{langs: append([]string(nil), langs...)}
	var ll []lingua.Language
	for _, code := range langs {
		switch code {
		case "ja":
			d.ja = true
		case "zh":
			d.zh = true
		}
		if i := latinIndex(code); i >= 0 && d.latin&(1<<i) == 0 {
			d.latin |= 1 << i
			ll = append(ll, linguaLanguages[i])
		}
	}
	if len(ll) >= 2 {
		d.lingua = sync.OnceValue(func() lingua.LanguageDetector {
			// Preloading under the Once decodes each model exactly once:
			// lingua's lazy loading has no single-flight, so concurrent
			// first detections would each decode the same models.
			return lingua.NewLanguageDetectorBuilder().
				FromLanguages(ll...).
				WithLowAccuracyMode().
				WithMinimumRelativeDistance(minRelativeDistance).
				WithPreloadedLanguageModels().
				Build()
		})
	}
	return d
}

var linguaLanguages = [nLatin]lingua.Language{
	en: lingua.English, de: lingua.German, fr: lingua.French, es: lingua.Spanish, it: lingua.Italian,
}

func latinIndex(code string) int {
	for i, c := range latinCodes {
		if c == code {
			return i
		}
	}
	return -1
}

// Languages returns the detector's languages.
func (d *Detector) Languages() []string { return append([]string(nil), d.langs...) }

// Detect returns the language of text as an ISO 639-1 code, or "" when it
// cannot tell.
func (d *Detector) Detect(text string) string { return d.Profile(text).Language }

// Profile is what one pass over a message tells about its languages.
type Profile struct {
	// Language is Detect's answer.
	Language string
	// Scripts counts the letters by script.
	Scripts Scripts
	// Mixed reports function words of a second Latin language, enough for
	// a whole sentence in it: without them no sentence of the text can be
	// in another Latin language, and sentence-by-sentence detection can be
	// skipped.
	Mixed bool
}

// Profile describes text. The last answer is remembered: the engine and
// the language check ask about the same message one after the other.
func (d *Detector) Profile(text string) Profile {
	if m := d.last.Load(); m != nil && m.text == text {
		return m.profile
	}
	var ev evidence
	d.scan(text, &ev, nil)
	_, second := ev.ranking()
	p := Profile{
		Language: d.detect(text, &ev),
		Scripts:  Scripts{Latin: ev.letters, Han: ev.han, Kana: ev.kana},
		Mixed:    ev.score[second] >= minSentenceHits,
	}
	d.last.Store(&memo{text: text, profile: p})
	return p
}

// detect decides the language from the evidence of text.
func (d *Detector) detect(text string, ev *evidence) string {
	if lang, ok := d.byScript(ev); ok {
		return lang
	}
	if ev.words == 0 {
		return ""
	}
	top, second := ev.ranking()
	switch {
	case ev.words <= 3:
		// Greetings and thanks: one function word and nothing against it
		// is enough ("Danke!", "Hi Anna"); anything else is a guess.
		if ev.score[top] >= 1 && ev.score[second] == 0 {
			return latinCodes[top]
		}
		return ""
	case ev.clear(top, second, 2, 2), ev.mostly(top, second):
		return latinCodes[top]
	}
	if d.lingua == nil || ev.letters < 20 {
		return ""
	}
	var b strings.Builder
	b.Grow(len(text))
	d.scan(text, &evidence{}, &b)
	lang, ok := d.lingua().DetectLanguageOf(b.String())
	if !ok {
		return ""
	}
	return strings.ToLower(lang.IsoCode639_1().String())
}

// minSentenceHits is the number of function words of one language that
// DetectSentence needs.
const minSentenceHits = 3

// DetectSentence returns the language of one sentence when the function
// words leave no doubt, else "". It is strict and cheap (no statistical
// model): a sentence needs at least five words, three function words of one
// language and few of any other, so product names and short quotes in
// another language do not decide it. Use it to find sentences in another
// language inside a message.
func (d *Detector) DetectSentence(sentence string) string {
	var ev evidence
	d.scan(sentence, &ev, nil)
	if lang, ok := d.byScript(&ev); ok {
		if ev.cjk() >= 4 {
			return lang
		}
		return ""
	}
	if ev.words < 5 {
		return ""
	}
	top, second := ev.ranking()
	if ev.clear(top, second, minSentenceHits, minSentenceHits) && ev.score[top]*4 >= ev.words {
		return latinCodes[top]
	}
	return ""
}

// Confidence returns how strongly text looks like lang, from 0 to 1: the
// share of the language-specific evidence that points to lang (scripts for
// Japanese and Chinese, function words for the Latin languages, lingua's
// confidence when there are too few function words). Ask it, with a
// threshold, whether a message is in the expected language; 0 also means
// there is no evidence either way, so pair it with Detect.
func (d *Detector) Confidence(text, lang string) float64 {
	var ev evidence
	d.scan(text, &ev, nil)
	cjkWeight := float64(ev.cjk() * cjkLetters)
	latinShare := 1.0
	if total := cjkWeight + float64(ev.letters); total > 0 {
		latinShare = float64(ev.letters) / total
	}
	switch lang {
	case "ja", "zh":
		got, ok := d.byScript(&ev)
		if !ok || got != lang {
			return 0
		}
		return 1 - latinShare
	}
	i := latinIndex(lang)
	if i < 0 || d.latin&(1<<i) == 0 || ev.letters == 0 {
		return 0
	}
	total := 0
	for _, s := range ev.score {
		total += s
	}
	if total >= 3 || d.lingua == nil || ev.letters < 20 {
		if total == 0 {
			return 0
		}
		return latinShare * float64(ev.score[i]) / float64(total)
	}
	var b strings.Builder
	b.Grow(len(text))
	d.scan(text, &evidence{}, &b)
	return latinShare * d.lingua().ComputeLanguageConfidence(b.String(), linguaLanguages[i])
}

// Name returns the English name of a language code ("de" → "German"), or
// the code itself when it is not one of the supported languages.
func Name(code string) string {
	switch code {
	case "en":
		return "English"
	case "de":
		return "German"
	case "fr":
		return "French"
	case "es":
		return "Spanish"
	case "it":
		return "Italian"
	case "ja":
		return "Japanese"
	case "zh":
		return "Chinese"
	}
	return code
}

// Scripts counts the letters of a text by script.
type Scripts struct{ Latin, Han, Kana int }

// CJK returns the Han and kana characters.
func (s Scripts) CJK() int { return s.Han + s.Kana }

// CountScripts counts Latin letters, Han and kana in text, leaving out what
// the detector leaves out (placeholders, links, e-mail addresses, IDs,
// quoted e-mail lines): a Japanese template full of {{ Order.id }} slots is
// still Japanese.
func CountScripts(text string) Scripts {
	var d Detector
	var ev evidence
	d.scan(text, &ev, nil)
	return Scripts{Latin: ev.letters, Han: ev.han, Kana: ev.kana}
}

// cjkLetters is how many Latin letters one Han or kana character weighs
// when comparing scripts: a CJK character carries about a syllable or a
// word.
const cjkLetters = 3

// evidence is what one pass over a text finds.
type evidence struct {
	// score counts, per Latin language, the function words only that
	// language uses plus words with letters only it uses.
	score [nLatin]int
	// words and letters count the Latin words kept for scoring.
	words, letters int
	han, kana      int
}

func (ev *evidence) cjk() int { return ev.han + ev.kana }

// ranking returns the best and second-best Latin language.
func (ev *evidence) ranking() (top, second int) {
	top, second = 0, 1
	if ev.score[second] > ev.score[top] {
		top, second = second, top
	}
	for i := 2; i < nLatin; i++ {
		switch {
		case ev.score[i] > ev.score[top]:
			top, second = i, top
		case ev.score[i] > ev.score[second]:
			second = i
		}
	}
	return top, second
}

// clear reports whether top wins with at least minHits, by at least margin
// and by a factor of two; in long texts function words must also be a fair
// share of the words (otherwise the text is in some other language or a list
// of names).
func (ev *evidence) clear(top, second, minHits, margin int) bool {
	t, s := ev.score[top], ev.score[second]
	if t < minHits || t-s < margin || t < 2*s {
		return false
	}
	return ev.words < 12 || t*8 >= ev.words
}

// mostly reports whether top leads a text that clearly holds two languages
// (both with several function words) by half again: one language's text
// has almost no distinct words of another, so such counts mean a mixed
// message, whose main language is the one with more words, a better answer
// than a statistical model's on the blend.
func (ev *evidence) mostly(top, second int) bool {
	t, s := ev.score[top], ev.score[second]
	return s >= 2 && 2*t >= 3*s && t*8 >= ev.words
}

// byScript decides Japanese and Chinese: when CJK characters outweigh the
// Latin letters, any kana means Japanese and Han alone Chinese (so
// kanji-only Japanese reads as Chinese, as in lingua). ok is false for
// Latin text; lang is "" when the script's language is not in the set.
func (d *Detector) byScript(ev *evidence) (lang string, ok bool) {
	cjk := ev.cjk()
	if cjk == 0 || cjk*cjkLetters < ev.letters {
		return "", false
	}
	switch {
	case ev.kana > 0 && d.ja:
		return "ja", true
	case ev.kana == 0 && d.zh:
		return "zh", true
	case d.ja && !d.zh:
		// Kanji-only text when only Japanese is known.
		return "ja", true
	}
	return "", true
}

// scan reads text once: it counts CJK characters everywhere, skips what
// carries no language (placeholders, links, e-mail addresses, handles,
// numbers, IDs, quoted "> " e-mail lines) and scores the remaining Latin words. When keep is not nil,
// the kept words are written to it separated by spaces (the stripped text
// for lingua).
func (d *Detector) scan(text string, ev *evidence, keep *strings.Builder) {
	lineStart := true
	for i := 0; i < len(text); {
		c := text[i]
		if c == ' ' || c == '\n' || c == '\t' || c == '\r' {
			lineStart = lineStart || c == '\n' || c == '\r'
			i++
			continue
		}
		if c == '>' && lineStart {
			// A quoted e-mail line is the buyer writing, not the seller.
			if nl := strings.IndexByte(text[i:], '\n'); nl >= 0 {
				i += nl
			} else {
				i = len(text)
			}
			continue
		}
		lineStart = false
		if end := placeholderEnd(text, i); end > 0 {
			i = end
			continue
		}
		j := chunkEnd(text, i)
		if j == i {
			// Non-ASCII white space (no-break, ideographic).
			_, size := utf8.DecodeRuneInString(text[i:])
			i += size
			continue
		}
		d.chunk(text[i:j], ev, keep)
		i = j
	}
}

// placeholderEnd returns the end of a template slot starting at i ({{x}},
// {x}, ${x}, [x], [[x]], <x>, %x%), or 0.
func placeholderEnd(text string, i int) int {
	open := text[i]
	if open == '$' && i+1 < len(text) && text[i+1] == '{' {
		i++
		open = '{'
	}
	var close byte
	switch open {
	case '{':
		close = '}'
	case '[':
		close = ']'
	case '<':
		close = '>'
	default:
		return 0
	}
	limit := min(len(text), i+80)
	for k := i + 1; k < limit; k++ {
		switch text[k] {
		case close:
			for k+1 < len(text) && text[k+1] == close {
				k++
			}
			return k + 1
		case '\n', open:
			if text[k] == open && k == i+1 {
				continue // {{ and [[
			}
			return 0
		}
	}
	return 0
}

// chunkEnd returns the end of the white-space delimited chunk at i.
func chunkEnd(text string, i int) int {
	for j := i; j < len(text); {
		c := text[j]
		if c == ' ' || c == '\n' || c == '\t' || c == '\r' {
			return j
		}
		if c < utf8.RuneSelf {
			j++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[j:])
		if unicode.IsSpace(r) {
			return j
		}
		j += size
	}
	return len(text)
}

// chunk scores one white-space delimited chunk. It runs on every byte of
// every message, hence the ASCII fast paths.
func (d *Detector) chunk(c string, ev *evidence, keep *strings.Builder) {
	skip := strings.HasPrefix(c, "www.") || strings.HasPrefix(c, "WWW.")
	// afterSep is a '.', '/' or '_' right after a letter: a letter next
	// makes the chunk a domain, path or identifier (amazon.de, a/b, x_y).
	prevLetter, afterSep := false, false
	for i := 0; i < len(c); {
		b := c[i]
		if b < utf8.RuneSelf {
			letter := isASCIILetter(b)
			switch {
			case b == '@', '0' <= b && b <= '9':
				skip = true // e-mail, handle, number, order or tracking ID
			case b == ':' && strings.HasPrefix(c[i:], "://"):
				skip = true
			case letter && afterSep:
				skip = true
			}
			afterSep = prevLetter && (b == '.' || b == '/' || b == '_')
			prevLetter = letter
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(c[i:])
		if r >= 0x3000 {
			if isKana(r) {
				ev.kana++
			} else if unicode.Is(unicode.Han, r) {
				ev.han++
			}
		}
		letter := unicode.IsLetter(r)
		skip = skip || (letter && afterSep)
		afterSep, prevLetter = false, letter
		i += size
	}
	if skip {
		return
	}
	for i := 0; i < len(c); {
		if b := c[i]; b < utf8.RuneSelf {
			if !isASCIILetter(b) {
				i++
				continue
			}
		} else if r, size := utf8.DecodeRuneInString(c[i:]); !isLatinLetter(r) {
			i += size
			continue
		}
		i = d.word(c, i, ev, keep)
	}
}

// maxWord bounds the bytes of a word looked up (longer words are never
// function words).
const maxWord = 32

// word scores the Latin word starting at c[start] and returns its end. An
// apostrophe between letters stays inside the word ("don't", "l'ordre").
func (d *Detector) word(c string, start int, ev *evidence, keep *strings.Builder) int {
	// w collects the word in lower case; n counts its bytes even beyond
	// the buffer (longer words are never function words).
	var buf [maxWord + utf8.UTFMax]byte
	n, apos, letters := 0, -1, 0
	hint, mixedHint := -1, false
	j := start
scan:
	for j < len(c) {
		b := c[j]
		if b < utf8.RuneSelf {
			switch {
			case isASCIILetter(b):
				if n < len(buf) {
					buf[n] = b | 0x20
				}
				letters++
			case b == '\'' && letterAt(c, j+1):
				if n < len(buf) {
					buf[n] = '\''
				}
				apos = n
			default:
				break scan
			}
			n++
			j++
			continue
		}
		r, size := utf8.DecodeRuneInString(c[j:])
		switch {
		case r == '’' && letterAt(c, j+size):
			if n < len(buf) {
				buf[n] = '\''
			}
			apos = n
			n++
		case isLatinLetter(r):
			r = unicode.ToLower(r)
			if h := accentHint(r); h >= 0 {
				mixedHint = mixedHint || (hint >= 0 && hint != h)
				hint = h
			}
			if n+utf8.RuneLen(r) <= len(buf) {
				utf8.EncodeRune(buf[n:], r)
			}
			n += utf8.RuneLen(r)
			letters++
		default:
			break scan
		}
		j += size
	}
	ev.words++
	ev.letters += letters
	if keep != nil {
		if keep.Len() > 0 {
			keep.WriteByte(' ')
		}
		keep.WriteString(c[start:j])
	}
	if n > maxWord || d.latin == 0 {
		return j
	}
	lw := buf[:n]
	if mask, ok := stopWords[string(lw)]; ok {
		ev.add(mask & d.latin)
		return j
	}
	if apos >= 0 {
		// Elisions and contractions: "l'ordre" counts "l'", "we'd" "'d".
		ev.add(stopWords[string(lw[:apos+1])] & d.latin)
		ev.add(stopWords[string(lw[apos:])] & d.latin)
		return j
	}
	if hint >= 0 && !mixedHint && d.latin&(1<<hint) != 0 {
		ev.score[hint]++
	}
	return j
}

func isASCIILetter(b byte) bool { return 'a' <= b|0x20 && b|0x20 <= 'z' }

// letterAt reports a Latin letter at c[i].
func letterAt(c string, i int) bool {
	if i >= len(c) {
		return false
	}
	if c[i] < utf8.RuneSelf {
		return isASCIILetter(c[i])
	}
	r, _ := utf8.DecodeRuneInString(c[i:])
	return isLatinLetter(r)
}

// add counts a word for its language when exactly one language of the set
// uses it.
func (ev *evidence) add(mask uint8) {
	if mask == 0 || mask&(mask-1) != 0 {
		return
	}
	for i := range nLatin {
		if mask == 1<<i {
			ev.score[i]++
			return
		}
	}
}

func isLatinLetter(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z'
	}
	return unicode.Is(unicode.Latin, r)
}

// isKana reports hiragana and katakana (full and half width), not the
// prolonged sound mark or middle dot that Chinese text may borrow.
func isKana(r rune) bool {
	return (r >= 0x3041 && r <= 0x3096) || (r >= 0x30a1 && r <= 0x30fa) || (r >= 0xff66 && r <= 0xff9d)
}

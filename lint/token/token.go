// Package token is the linguistic view of a message that token-pattern rules
// read: tokens with their original span, folded form and stem, and the
// sentence, clause and paragraph each belongs to. A view is computed once per
// message and shared by every rule.
package token

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/replylint/replylint/lint/lang"
	"github.com/replylint/replylint/lint/text"
)

// Class says what a token is.
type Class uint8

// The token classes.
const (
	Word Class = iota
	Number
	// Ideograph is one Han, Hiragana or Katakana character: Japanese and
	// Chinese have no spaces, so each character is a token.
	Ideograph
	Punct
)

// Token is one token of a message.
type Token struct {
	// Start and End are the byte span in the original text.
	Start, End int
	// Norm is the folded form (lower case, no accents, evasions undone),
	// after the pack's contractions are expanded.
	Norm string
	// Stem is the Snowball stem of Norm (Norm itself without a stemmer).
	Stem  string
	Class Class
	// Sentence, Clause and Paragraph number the units the token is in, from
	// 0 in text order; a clause never spans two sentences and a sentence
	// never spans two paragraphs.
	Sentence, Clause, Paragraph int
}

// Unit is a range of tokens [From, To).
type Unit struct{ From, To int }

// View is a tokenized message.
type View struct {
	Tokens     []Token
	Sentences  []Unit
	Clauses    []Unit
	Paragraphs []Unit
}

// Build tokenizes a folded text. src is the original text the folded one was
// made from (its line breaks decide sentence and paragraph ends); pack may be
// nil (no stemming, contractions or connectors).
func Build(src string, folded *text.Normalized, pack *lang.Pack) *View {
	return new(Builder).Build(src, folded, pack)
}

// Builder tokenizes messages into arrays it keeps for the next message: a
// message's tokens were a third of the bytes linting it allocated. The view
// Build returns is valid until the builder's next Build or Reset. A Builder
// is not safe for concurrent use; a Pool hands them out.
type Builder struct {
	view   View
	tokens []Token
	ends   []bool
	units  []Unit
}

// Build tokenizes a folded text as the function Build does, in b's arrays.
func (b *Builder) Build(src string, folded *text.Normalized, pack *lang.Pack) *View {
	t := tokenizer{src: src, folded: folded, pack: pack}
	// About one token per five bytes of text: one allocation for most.
	if want := len(folded.Text)/5 + 8; cap(b.tokens) < want {
		b.tokens, b.ends = make([]Token, 0, want), make([]bool, 0, want)
	}
	t.tokens, t.ends = b.tokens[:0], b.ends[:0]
	if pack != nil {
		d := pack.Derived(derivedKey{}, func() any { return derive(pack) }).(*derived)
		t.abbrev, t.connectors, t.adverbials, t.coordinators = d.abbrev, &d.connectors, &d.adverbials, &d.coordinators
	}
	t.split()
	b.view = View{Tokens: t.tokens}
	b.units = t.units(&b.view, b.units)
	b.tokens, b.ends = t.tokens, t.ends
	return &b.view
}

// Reset lets go of the last message: its tokens' strings are cut from its
// text, which a pooled builder would otherwise keep alive.
func (b *Builder) Reset() {
	clear(b.tokens)
	b.tokens, b.view = b.tokens[:0], View{}
}

// Pool hands out Builders and takes them back; the zero Pool is ready to
// use and safe for concurrent use.
type Pool struct{ builders sync.Pool }

// maxPooledTokens bounds the tokens a pooled builder keeps: one huge
// message must not pin its arrays for the life of the pool.
const maxPooledTokens = 1 << 14

// Get returns a builder from the pool, or a new one.
func (p *Pool) Get() *Builder {
	if b, ok := p.builders.Get().(*Builder); ok {
		return b
	}
	return new(Builder)
}

// Put resets b and returns it to the pool; b must not be used afterwards,
// nor the views it built.
func (p *Pool) Put(b *Builder) {
	if b == nil || cap(b.tokens) > maxPooledTokens {
		return
	}
	b.Reset()
	p.builders.Put(b)
}

// derived is what the tokenizer needs from a pack, computed once per pack.
type derived struct {
	abbrev map[string]bool
	// connectors start a clause wherever they stand; adverbials only
	// after a coordinator (elsewhere they are adverbs inside the clause,
	// or stand where a clause starts anyway).
	connectors, adverbials, coordinators phraseSet
}

// phraseSet is a list of phrases, each as its folded words. byByte[b] are
// the phrases whose first word starts with byte b: a token is compared with
// those only (most tokens start none); blank those whose first word is
// empty, compared with every token.
type phraseSet struct {
	byByte *[256][][]string
	blank  [][]string
}

func newPhraseSet(phrases []string, pack *lang.Pack) phraseSet {
	var set phraseSet
	for _, c := range phrases {
		switch words := Words(c, pack); {
		case len(words) == 0:
		case words[0] == "":
			set.blank = append(set.blank, words)
		default:
			if set.byByte == nil {
				set.byByte = new([256][][]string)
			}
			set.byByte[words[0][0]] = append(set.byByte[words[0][0]], words)
		}
	}
	return set
}

// at returns how many tokens a phrase of the set that starts at token i
// has (the longest), 0 when none starts there.
func (set *phraseSet) at(toks []Token, i int) int {
	n := matchPhrase(toks, i, set.blank)
	if set.byByte != nil && i < len(toks) && toks[i].Norm != "" {
		n = max(n, matchPhrase(toks, i, set.byByte[toks[i].Norm[0]]))
	}
	return n
}

type derivedKey struct{}

func derive(pack *lang.Pack) *derived {
	d := &derived{abbrev: make(map[string]bool, len(pack.Abbreviations))}
	for _, a := range pack.Abbreviations {
		d.abbrev[strings.TrimSuffix(text.Normalize(a).Text, ".")] = true
	}
	d.connectors = newPhraseSet(pack.ClauseConnectors, pack)
	d.adverbials = newPhraseSet(pack.AdverbialConnectors, pack)
	d.coordinators = newPhraseSet(pack.Coordinators, pack)
	return d
}

// Words tokenizes a phrase from a rule or pack the way Build tokenizes a
// message and returns the folded forms (contractions expanded).
func Words(phrase string, pack *lang.Pack) []string {
	if plainWord(phrase, pack) {
		return []string{phrase}
	}
	n := text.Normalize(phrase)
	t := tokenizer{src: phrase, folded: n, pack: pack, noStem: true}
	t.split()
	out := make([]string, len(t.tokens))
	for i, tok := range t.tokens {
		out[i] = tok.Norm
	}
	return out
}

// plainWord reports whether phrase is one short word of a-z that is no
// contraction: folding leaves it as it is (no capitals, accents, digits or
// separators to undo) and the tokenizer makes it one token of itself, too
// short to be split as run-together words. Most words of the packs are, and
// Words then need not fold and tokenize them.
func plainWord(phrase string, pack *lang.Pack) bool {
	if phrase == "" || len(phrase) >= minRunTogether {
		return false
	}
	for i := 0; i < len(phrase); i++ {
		if c := phrase[i]; c < 'a' || c > 'z' {
			return false
		}
	}
	if pack != nil {
		if _, ok := pack.Contractions[phrase]; ok {
			return false
		}
	}
	return true
}

type tokenizer struct {
	src    string
	folded *text.Normalized
	pack   *lang.Pack
	abbrev map[string]bool
	// connectors, adverbials and coordinators are the pack's (see
	// derived); nil without a pack.
	connectors, adverbials, coordinators *phraseSet
	tokens                               []Token
	// noStem leaves Stem empty: Words returns folded forms only, and
	// stemming is most of what tokenizing a phrase costs.
	noStem bool
	// ends[i] marks a token after which a sentence ends on punctuation.
	ends []bool
}

func isIdeograph(r rune) bool {
	if r < 0x2E80 { // below the CJK radicals: no Han, Hiragana or Katakana
		return false
	}
	return unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r) || r == 'ー'
}

// isWordByte reports whether an ASCII byte is a word rune (small enough to
// be inlined in the tokenizer's loop over a word's letters).
func isWordByte(c byte) bool {
	return 'a' <= c|0x20 && c|0x20 <= 'z' || '0' <= c && c <= '9' || c == '_'
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf { // most text: what text.IsWordRune says of ASCII
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' || r == '_'
	}
	return text.IsWordRune(r) && !isIdeograph(r)
}

// split cuts the folded text into tokens.
func (t *tokenizer) split() {
	s := t.folded.Text
	for i := 0; i < len(s); {
		// ASCII, most text, without decoding.
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		switch {
		case r == ' ':
			i += size
		case isIdeograph(r):
			t.add(i, i+size, s[i:i+size], Ideograph)
			i += size
		case isWordRune(r):
			j := i
			hasApostrophe := false
			for j < len(s) {
				if isWordByte(s[j]) {
					j++
					continue
				}
				r2, sz := utf8.DecodeRuneInString(s[j:])
				if isWordRune(r2) {
					j += sz
					continue
				}
				// An apostrophe between letters belongs to the word
				// (don't, j'ai, l'articolo); contractions split it below.
				if r2 == '\'' && j > i && j+1 < len(s) {
					if r3, _ := utf8.DecodeRuneInString(s[j+1:]); isWordRune(r3) {
						hasApostrophe = true
						j++
						continue
					}
				}
				break
			}
			t.word(i, j, hasApostrophe)
			i = j
		default:
			t.add(i, i+size, s[i:i+size], Punct)
			t.markEnd(i, r)
			i += size
		}
	}
}

// markEnd records whether the punctuation at folded offset i ends a sentence.
func (t *tokenizer) markEnd(i int, r rune) {
	for len(t.ends) < len(t.tokens) {
		t.ends = append(t.ends, false)
	}
	end := false
	switch r {
	case '!', '?', '。', '…', '｡':
		end = true
	case '.':
		s := t.folded.Text
		next := i + 1
		// A dot followed directly by a letter or digit is inside a name,
		// number or abbreviation (amazon.com, 4.5, e.g.).
		if next < len(s) {
			if r2, _ := utf8.DecodeRuneInString(s[next:]); text.IsWordRune(r2) && !t.dotRunsOn(i) {
				break
			}
		}
		// The word before the dot, with its inner dots, may be an
		// abbreviation (e.g, mr, z.b).
		start := strings.LastIndexByte(s[:i], ' ') + 1
		if t.abbrev[s[start:i]] {
			break
		}
		end = true
	}
	t.ends[len(t.tokens)-1] = end
}

// dotRunsOn reports whether the dot at folded offset i ends a sentence
// written without the space after it: a lower-case word of two letters or
// more, the dot, and a capitalised word ("leaked.I have", "fuie.Je vous",
// "hier.Préférez-vous"). A name or number keeps its dot: "amazon.com",
// "4.5", "e.g", "J.Smith", "www.Shop.com" (a word with a dot, slash or @
// before it, or a dot and a letter after it).
func (t *tokenizer) dotRunsOn(i int) bool {
	start, end := t.folded.Span(i, i+1)
	if start <= 0 || end >= len(t.src) {
		return false
	}
	letters := 0
	for j := start; j > 0; {
		r, size := utf8.DecodeLastRuneInString(t.src[:j])
		if !unicode.IsLetter(r) {
			if r == '.' || r == '/' || r == '@' || r == ':' || r == '_' || r == '-' || unicode.IsDigit(r) {
				return false
			}
			break
		}
		if !unicode.IsLower(r) {
			return false
		}
		letters++
		j -= size
	}
	if letters < 2 {
		return false
	}
	r1, size := utf8.DecodeRuneInString(t.src[end:])
	if !unicode.IsUpper(r1) || end+size >= len(t.src) {
		return false
	}
	// A capitalised word, or a capital alone ("leaked.I have", "I'm").
	if r2, _ := utf8.DecodeRuneInString(t.src[end+size:]); !unicode.IsLower(r2) && r2 != ' ' && r2 != '\'' && r2 != '’' {
		return false
	}
	// "www.Shop.com": the capitalised word is a label of a host name.
	j := end
	for j < len(t.src) {
		r, n := utf8.DecodeRuneInString(t.src[j:])
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-' {
			break
		}
		j += n
	}
	if j+1 < len(t.src) && t.src[j] == '.' {
		if r, _ := utf8.DecodeRuneInString(t.src[j+1:]); unicode.IsLetter(r) || unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

// word adds the word at folded [i, j), expanding contractions.
func (t *tokenizer) word(i, j int, hasApostrophe bool) {
	s := t.folded.Text
	w := s[i:j]
	if t.pack != nil && len(t.pack.Contractions) > 0 {
		if exp, ok := t.pack.Contractions[w]; ok {
			for _, e := range strings.Fields(exp) {
				t.add(i, j, e, classOf(e))
			}
			return
		}
		if hasApostrophe {
			if t.contraction(i, j) {
				return
			}
		}
	}
	if !hasApostrophe {
		if pieces := t.runTogether(w); pieces != nil {
			for _, cut := range pieces {
				t.add(i+cut[0], i+cut[1], w[cut[0]:cut[1]], Word)
			}
			return
		}
		t.add(i, j, w, classOf(w))
		return
	}
	// No contraction known: the apostrophe separates two words (o'clock,
	// amazon's) and is dropped.
	start := i
	for k := i; k <= j; k++ {
		if k == j || s[k] == '\'' {
			if k > start {
				t.add(start, k, s[start:k], classOf(s[start:k]))
			}
			start = k + 1
		}
	}
}

// minRunTogether is the shortest word that is tried as words written
// without spaces ("pleasecontactus"), and minPieces the fewest words it
// must split into: a long word that is two known words is more often a
// compound (Produktbewertung) than a typing slip.
const (
	minRunTogether = 12
	minPieces      = 3
	maxPieceLen    = 24
	// minStrayLetterRunes is the average piece length, in letters, a
	// split with a stray letter must reach (see runTogether).
	minStrayLetterRunes = 4
)

// runTogether splits a long unknown word into the pack's words, the fewest
// pieces that cover it all; nil when it cannot be split so.
func (t *tokenizer) runTogether(w string) [][2]int {
	// The length first: asking the pack for words gathers its lexicon.
	if t.pack == nil || len(w) < minRunTogether || !t.pack.HasWords() || t.pack.IsWord(w) || classOf(w) == Number {
		return nil
	}
	n := len(w)
	best := make([]int, n+1) // fewest pieces covering w[:k]; 0 = unreachable
	from := make([]int, n+1)
	best[0] = 1
	for k := 1; k <= n; k++ {
		if !utf8.RuneStart(w[k-1]) && k < n && !utf8.RuneStart(w[k]) {
			continue
		}
		for start := max(0, k-maxPieceLen); start < k; start++ {
			if best[start] == 0 || !utf8.RuneStart(w[start]) || k < n && !utf8.RuneStart(w[k]) {
				continue
			}
			if !t.pack.IsWord(w[start:k]) {
				continue
			}
			if c := best[start] + 1; best[k] == 0 || c < best[k] {
				best[k], from[k] = c, start
			}
		}
	}
	if best[n] == 0 || best[n]-1 < minPieces {
		return nil
	}
	pieces := make([][2]int, best[n]-1)
	strayLetters := 0
	for k, i := n, len(pieces)-1; k > 0; k, i = from[k], i-1 {
		pieces[i] = [2]int{from[k], k}
		if p := w[from[k]:k]; utf8.RuneCountInString(p) == 1 && classOf(p) == Word && !t.pack.IsLetterWord(p) {
			strayLetters++
		}
	}
	// A letter that is no word of its own ("e" of "e-mail") may glue a
	// split of real words ("arrivee" as arrive|e), but a word that only
	// falls apart into such letters and particles ("portefeuille" as
	// port|e|feu|il|le) is a word the dictionary does not know.
	if strayLetters > 0 && utf8.RuneCountInString(w) < minStrayLetterRunes*len(pieces) {
		return nil
	}
	return pieces
}

// contraction expands an apostrophe suffix ("n't", "'ll") or prefix ("j'",
// "l'") of the word at folded [i, j); it reports whether one applied.
func (t *tokenizer) contraction(i, j int) bool {
	s := t.folded.Text
	w := s[i:j]
	best, prefix := "", false
	for k := range t.pack.Contractions {
		if !strings.Contains(k, "'") || len(k) >= len(w) || len(k) < len(best) {
			continue
		}
		isPrefix := strings.HasSuffix(k, "'")
		if isPrefix && !strings.HasPrefix(w, k) || !isPrefix && !strings.HasSuffix(w, k) {
			continue
		}
		// Longest form wins; ties go to the smaller string, so that map
		// order never decides.
		if len(k) > len(best) || k < best {
			best, prefix = k, isPrefix
		}
	}
	if best == "" {
		return false
	}
	exp := strings.Fields(t.pack.Contractions[best])
	if prefix {
		cut := i + len(best)
		for _, e := range exp {
			t.add(i, cut, e, classOf(e))
		}
		t.word(cut, j, strings.Contains(s[cut:j], "'"))
		return true
	}
	cut := j - len(best)
	t.word(i, cut, strings.Contains(s[i:cut], "'"))
	for _, e := range exp {
		t.add(cut, j, e, classOf(e))
	}
	return true
}

func classOf(w string) Class {
	for _, r := range w {
		if r < '0' || r > '9' {
			return Word
		}
	}
	return Number
}

// add appends a token for folded [i, j) with the given folded form.
func (t *tokenizer) add(i, j int, norm string, c Class) {
	start, end := t.folded.Span(i, j)
	// ß is 0xC3 0x9F: a byte search rules out most words at once.
	if c == Word && strings.IndexByte(norm, 0xC3) >= 0 && strings.Contains(norm, "ß") {
		// Packs write ß as ss (the folded text keeps it for the
		// character-level checks), so a word compares the same either
		// way, with or without a German stemmer: "Grüße" is "grusse".
		norm = strings.ReplaceAll(norm, "ß", "ss")
	}
	stem := norm
	if c == Word && t.pack != nil && !t.noStem {
		stem = t.pack.Stem(norm)
	}
	t.tokens = append(t.tokens, Token{Start: start, End: end, Norm: norm, Stem: stem, Class: c})
}

// clausePunct ends a clause.
func clausePunct(s string) bool {
	switch s {
	case ",", ";", ":", "(", ")", "、", "，", "；", "：", "—", "–":
		return true
	}
	return false
}

// units numbers sentences, clauses and paragraphs.
func (t *tokenizer) units(v *View, buf []Unit) []Unit {
	toks := v.Tokens
	for len(t.ends) < len(toks) {
		t.ends = append(t.ends, false)
	}
	// One array holds the three lists, sized for typical text (a clause
	// every few tokens, a sentence every two clauses, a paragraph every
	// two sentences): appending then rarely grows them, and growing them
	// was a sixth of a message's allocations. A list that outgrows its
	// part moves out on its own (the parts' capacities end where the next
	// begins).
	n := len(toks)
	nc, ns, np := n/3+2, n/6+2, n/12+2
	all := buf[:cap(buf)]
	if len(all) < nc+ns+np {
		all = make([]Unit, nc+ns+np)
	}
	v.Clauses, v.Sentences, v.Paragraphs = all[:0:nc], all[nc:nc:nc+ns], all[nc+ns:nc+ns:nc+ns+np]
	sentence, clause, paragraph := 0, 0, 0
	sFrom, cFrom, pFrom := 0, 0, 0
	closeSentence := func(i int) {
		if i > sFrom {
			v.Sentences = append(v.Sentences, Unit{sFrom, i})
			sentence++
		}
		sFrom = i
	}
	closeClause := func(i int) {
		if i > cFrom {
			v.Clauses = append(v.Clauses, Unit{cFrom, i})
			clause++
		}
		cFrom = i
	}
	closeParagraph := func(i int) {
		if i > pFrom {
			v.Paragraphs = append(v.Paragraphs, Unit{pFrom, i})
			paragraph++
		}
		pFrom = i
	}
	for i := range toks {
		if i > 0 {
			prev := &toks[i-1] // not a copy: a token is many words
			breaks := 0
			// The gap is one space or nothing between most tokens.
			if gap := t.src[min(prev.End, toks[i].Start):toks[i].Start]; len(gap) > 1 || gap == "\n" {
				breaks = strings.Count(gap, "\n")
			}
			switch {
			case breaks >= 2:
				closeClause(i)
				closeSentence(i)
				closeParagraph(i)
			case breaks == 1 && !t.continues(prev, &toks[i]):
				closeClause(i)
				closeSentence(i)
			case t.ends[i-1]:
				closeClause(i)
				closeSentence(i)
			case clausePunct(prev.Norm) || prev.Norm == "-" && t.spaced(i-1):
				closeClause(i)
			case t.clauseStartsAt(toks, i):
				closeClause(i)
			}
		}
		toks[i].Sentence, toks[i].Clause, toks[i].Paragraph = sentence, clause, paragraph
	}
	closeClause(len(toks))
	closeSentence(len(toks))
	closeParagraph(len(toks))
	if len(v.Sentences) == 0 { // no tokens: nil lists, as before
		v.Sentences, v.Clauses, v.Paragraphs = nil, nil, nil
	}
	return all
}

// continues reports whether a line break between prev and next is inside a
// sentence: a hard-wrapped line that ends in a word (or comma) and goes on
// with a lower-case word.
func (t *tokenizer) continues(prev, next *Token) bool {
	if prev.Class == Punct && prev.Norm != "," {
		return false
	}
	r, _ := utf8.DecodeRuneInString(t.src[next.Start:])
	return unicode.IsLower(r)
}

// spaced reports whether the token at i has space on both sides in the
// original text (a dash, not a hyphen).
func (t *tokenizer) spaced(i int) bool {
	tok := t.tokens[i]
	before := tok.Start > 0 && (t.src[tok.Start-1] == ' ' || t.src[tok.Start-1] == '\t')
	after := tok.End < len(t.src) && (t.src[tok.End] == ' ' || t.src[tok.End] == '\t')
	return before && after
}

// clauseStartsAt reports whether a clause starts at token i, which no
// punctuation or line break precedes: at a clause connector ("but",
// "mais"), or at a coordinator that an adverbial connector follows ("et
// pourtant", "und trotzdem"). An adverbial connector after any other word
// is an adverb inside the clause ("nous avons pourtant envoyé"), and after
// punctuation the clause has started already.
func (t *tokenizer) clauseStartsAt(toks []Token, i int) bool {
	if t.connectors == nil {
		return false
	}
	if t.connectors.at(toks, i) > 0 {
		return true
	}
	if n := t.coordinators.at(toks, i); n > 0 {
		return t.adverbials.at(toks, i+n) > 0
	}
	return false
}

// matchPhrase returns the length of the longest of phrases that starts at
// token i, 0 when none does.
func matchPhrase(toks []Token, i int, phrases [][]string) int {
	best := 0
	for _, c := range phrases {
		if len(c) <= best || i+len(c) > len(toks) {
			continue
		}
		ok := true
		for k, w := range c {
			if toks[i+k].Norm != w {
				ok = false
				break
			}
		}
		if ok {
			best = len(c)
		}
	}
	return best
}

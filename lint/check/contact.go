package check

import (
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/publicsuffix"

	"github.com/replylint/replylint/lint/links"
	"github.com/replylint/replylint/lint/match"
	"github.com/replylint/replylint/lint/message"
	"github.com/replylint/replylint/lint/pattern"
	"github.com/replylint/replylint/lint/rule"
	"github.com/replylint/replylint/lint/text"
)

// Contact reports contact details and invitations to leave the platform:
// e-mail addresses (also spelt out: name at shop dot com), phone numbers,
// social media handles, and the rule's phrases ("call us", "WhatsApp",
// "order directly from our website"). Numbers that only look like phones
// (order IDs, tracking numbers, dates, prices) and the marketplace's own
// relay addresses are left alone.
type Contact struct {
	rule    *rule.Rule
	spec    rule.ContactSpec
	matches *match.Set
	// group holds the invitations off the platform as token patterns.
	group *group
	comp  *pattern.Compiler
	relay []string
}

// contactExprs are the expressions of the contact check, the same for
// every rule: compiled once, on first use (a millisecond that Prepare can
// spend on another core while the rules load), and never changed after.
type contactExprs struct {
	// email and handle seldom match: match.Regexp runs them only around
	// their literals ("@", " at ", "arroba").
	email *match.Regexp
	// domainAfterAt is what follows a spelt-out " at " in every address:
	// a label and a dot. Most " at " in prose ("at no cost") fail it, and
	// the e-mail expression then need not run.
	domainAfterAt *regexp.Regexp
	// phoneCue and phoneAnti are the words before a number that make it a
	// phone number or something else (order, tracking, invoice ...).
	phoneCue  *regexp.Regexp
	phoneAnti *regexp.Regexp
	handle    *match.Regexp
	// leading matches the @mentions a reply starts with: they address the
	// recipient and invite nobody anywhere.
	leading *regexp.Regexp
	unitNum *regexp.Regexp
}

// contactRE returns the contact expressions, compiled the first time.
var contactRE = sync.OnceValue(func() *contactExprs {
	// The e-mail expression runs on the folded text (lower case, one space
	// between words), so it needs no case or width variants.
	const (
		user  = `[a-z0-9][a-z0-9._%+\-]*`
		at    = `(?: ?@ ?| ?[\[({<] ?(?:at|@|arroba|chiocciola) ?[\])}>] ?| at | arroba )`
		dot   = `(?: ?[\[({<] ?(?:dot|point|punkt|punto|\.) ?[\])}>] ?| (?:dot|point|punkt|punto) | \. |\.)`
		label = `[a-z0-9](?:[a-z0-9\-]*[a-z0-9])?`
	)
	return &contactExprs{
		email:         match.MustCompileRegexp(`(` + user + `)(` + at + `)(` + label + `(?:` + dot + label + `)*` + dot + `[a-z]{2,24})\b`),
		domainAfterAt: regexp.MustCompile(`^` + label + dot),
		phoneCue:      regexp.MustCompile(`(?i)(?:phone|\btel\b|\btel\.|telephone|\bcall|\bring\b|\btext|\bsms\b|mobile|\bcell|whatsapp|wechat|viber|\bfax|hotline|helpline|number|contact|reach|telefon|t[eé]l[eé]phone|tel[eé]fono|portable|handy|m[oó]vil|cellulare|numero|número|nummer|电话|電話|手机|携帯|联系|連絡|热线|拨打|致电|客服|フリーダイヤル|ダイヤル)`),
		phoneAnti:     regexp.MustCompile(`(?i)(?:order|tracking|\btrack|invoice|\bref\b|reference|\bcase\b|ticket|asin|\bsku\b|model|\bpart\b|\bitem\b|serial|\bid\b|\bno\b|\bnr\b|#|\bawb\b|shipment|parcel|package|\bcode\b|account|bestell|commande|pedido|ordine|注文|订单|追跡|快递|单号|sendung|rechnung|facture|factura|fattura|isbn|\bean\b|\bupc\b|gtin|\blot\b|batch|version|\bzip\b|postcode|postal|\bplz\b|amount|total|price)(?:\s*(?:number|no\.?|nr\.?|#|id|code)\b)?`),
		handle:        match.MustCompileRegexp(`@([A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?)`),
		leading:       regexp.MustCompile(`^\s*(?:(?i:hi|hello|hey|dear|thanks|thank you)\s+)?(?:@[A-Za-z0-9_.]+[\s,:]*)+`),
		unitNum:       regexp.MustCompile(`^(?i)\d+(?:[.:]\d+)?(?:am|pm|h|x|st|nd|rd|th|pcs|kg|g|lb|lbs|ml|l|mm|cm|m|in|ft|oz|gb|mb)?$`),
	}
})

// NewContact compiles a contact rule.
func NewContact(r *rule.Rule, env *Env) (*Contact, error) {
	if r.Contact == nil && len(r.Match) == 0 && len(r.Patterns) == 0 {
		return nil, r.ErrorAt(nil, "a contact rule needs a contact, patterns or match block")
	}
	g, err := newGroup(r, env)
	if err != nil {
		return nil, err
	}
	g.quotesCount = true
	c := &Contact{rule: r, group: g}
	if env != nil {
		c.comp = env.Patterns
	}
	if r.Contact != nil {
		c.spec = *r.Contact
	}
	if len(r.Match) > 0 {
		set, err := compileMatch(r, r.Match)
		if err != nil {
			return nil, err
		}
		c.matches = set
	}
	for _, d := range c.spec.AllowEmailDomains {
		v := strings.ToLower(strings.TrimPrefix(strings.TrimSpace(d.Value), "@"))
		if !strings.Contains(v, ".") {
			return nil, r.Errorf(d, "allow-email-domains entry %q is not a domain", d.Value)
		}
		c.relay = append(c.relay, v)
	}
	return c, nil
}

// Run implements Check.
func (c *Contact) Run(m *message.Message) []Hit {
	var hits []Hit
	for _, h := range c.group.find(m, c.comp, nil) {
		hits = append(hits, h.hit())
	}
	for _, sp := range namedSlots(m.Text(), c.spec.PlaceholderWords, c.spec.PlaceholderUnless, false) {
		hits = append(hits, namedHit(c.rule, sp, "slot"))
	}
	if c.matches != nil {
		for _, sp := range c.matches.FindAll(m.Language, m.Folded) {
			hits = append(hits, Hit{Span: sp})
		}
	}
	if c.spec.Emails {
		for _, sp := range c.emails(m.Folded) {
			hits = append(hits, namedHit(c.rule, sp, "email"))
		}
	}
	if c.spec.Phones {
		for _, sp := range c.phones(m.Text()) {
			hits = append(hits, namedHit(c.rule, sp, "phone"))
		}
	}
	if c.spec.Handles {
		for _, sp := range c.handles(m.Text()) {
			hits = append(hits, namedHit(c.rule, sp, "handle"))
		}
	}
	if len(hits) == 0 {
		return nil
	}
	hits = dropOverlaps(hits)
	for i := range hits {
		hits[i].Suggestions = matchFixes(c.rule, m, hits[i].Span)
	}
	return hits
}

// dropOverlaps keeps the first (longest on ties) of overlapping hits, in
// source order: "[TODO: add link]" is one placeholder finding, an address
// one contact finding.
func dropOverlaps(hits []Hit) []Hit {
	sort.SliceStable(hits, func(i, j int) bool {
		if hits[i].Span.Start != hits[j].Span.Start {
			return hits[i].Span.Start < hits[j].Span.Start
		}
		return hits[i].Span.End > hits[j].Span.End
	})
	out := hits[:0]
	for _, h := range hits {
		if n := len(out); n > 0 && h.Span.Overlaps(out[n-1].Span) {
			continue
		}
		out = append(out, h)
	}
	return out
}

// emails finds e-mail addresses on the folded text, plain or spelt out.
func (c *Contact) emails(n *text.Normalized) []match.Span {
	f := n.Text
	other := strings.Contains(f, "@") || strings.Contains(f, "arroba") || strings.Contains(f, "chiocciola") || bracketedAt(f)
	if !other && !c.spelledAtBeforeDomain(f) {
		return nil
	}
	var out []match.Span
	for _, loc := range contactRE().email.FindAllStringSubmatchIndex(f, -1) {
		start, end := loc[0], loc[1]
		if start > 0 && strings.ContainsRune("abcdefghijklmnopqrstuvwxyz0123456789._%+-", rune(f[start-1])) {
			continue
		}
		userPart, atPart := f[loc[2]:loc[3]], f[loc[4]:loc[5]]
		domain, disguisedDot := undisguiseDomain(f[loc[6]:end])
		// The expression is greedy: "anna@shop.com.thanks" took a glued
		// word for a label. Drop trailing labels until the suffix is real.
		for !hasPublicSuffix(domain) {
			i := strings.LastIndexByte(f[loc[6]:end], '.')
			if i <= 0 {
				break
			}
			end = loc[6] + i
			domain, disguisedDot = undisguiseDomain(strings.TrimRight(f[loc[6]:end], " "))
		}
		end = loc[6] + len(strings.TrimRight(f[loc[6]:end], " "))
		if !hasPublicSuffix(domain) || c.isRelay(domain) {
			continue
		}
		if atPart == " at " {
			// "available at amazon.com" is no address: a spelt-out at needs a
			// spelt-out dot and a mailbox name before it.
			if !disguisedDot || links.AtIsPreposition(userPart) {
				continue
			}
		}
		s, e := n.Span(start, end)
		out = append(out, match.Span{Start: s, End: e})
	}
	return out
}

// bracketedAt reports whether f has "at" before a closing bracket, as in
// "(at)" or "[ at ]".
func bracketedAt(f string) bool {
	for i := strings.IndexAny(f, ")]}>"); i >= 0; {
		if strings.HasSuffix(strings.TrimSuffix(f[:i], " "), "at") {
			return true
		}
		k := strings.IndexAny(f[i+1:], ")]}>")
		if k < 0 {
			return false
		}
		i += 1 + k
	}
	return false
}

// spelledAtBeforeDomain reports whether some " at " in f is followed by a
// domain label and a dot, as a spelt-out address needs.
func (c *Contact) spelledAtBeforeDomain(f string) bool {
	for i := strings.Index(f, " at "); i >= 0; {
		rest := f[i+len(" at "):]
		if contactRE().domainAfterAt.MatchString(rest) {
			return true
		}
		k := strings.Index(rest, " at ")
		if k < 0 {
			return false
		}
		i += len(" at ") + k
	}
	return false
}

// spelledDot returns the length of a dot spelt out as a word at the start
// of s (" dot ", " punto "), or 0.
func spelledDot(s string) int {
	for _, w := range []string{" dot ", " point ", " punkt ", " punto "} {
		if strings.HasPrefix(s, w) {
			return len(w)
		}
	}
	return 0
}

// hasPublicSuffix reports whether domain ends in a known public suffix and
// has a label before it.
func hasPublicSuffix(domain string) bool {
	suffix, icann := publicsuffix.PublicSuffix(domain)
	return (icann || strings.Contains(suffix, ".")) && len(domain) > len(suffix)+1
}

// undisguiseDomain turns "shop dot co [.] uk" into "shop.co.uk".
func undisguiseDomain(d string) (string, bool) {
	var b strings.Builder
	disguised := false
	for i := 0; i < len(d); {
		switch {
		case spelledDot(d[i:]) > 0:
			b.WriteByte('.')
			i += spelledDot(d[i:])
			disguised = true
		case strings.ContainsRune("[({<", rune(d[i])):
			j := strings.IndexAny(d[i:], "])}>")
			if j < 0 {
				return d, disguised
			}
			b.WriteByte('.')
			i += j + 1
			disguised = true
		case d[i] == ' ':
			if i+1 < len(d) && d[i+1] == '.' || i > 0 && d[i-1] == '.' {
				disguised = true
			}
			i++
		default:
			b.WriteByte(d[i])
			i++
		}
	}
	return b.String(), disguised
}

// isRelay reports whether an address belongs to the marketplace's own
// relay domains (name@marketplace.amazon.com, name@members.ebay.com).
func (c *Contact) isRelay(domain string) bool {
	for _, r := range c.relay {
		if domain == r || strings.HasSuffix(domain, "."+r) {
			return true
		}
	}
	return false
}

// handles finds @handles that point somewhere: not e-mail addresses, not
// the @mentions a reply opens with, not "@5pm".
func (c *Contact) handles(src string) []match.Span {
	if !strings.Contains(src, "@") {
		return nil
	}
	lead := 0
	if loc := contactRE().leading.FindStringIndex(src); loc != nil {
		lead = loc[1]
	}
	var out []match.Span
	for _, loc := range contactRE().handle.FindAllStringSubmatchIndex(src, -1) {
		start, end := loc[0], loc[1]
		if start < lead {
			continue
		}
		if start > 0 {
			prev, _ := utf8.DecodeLastRuneInString(src[:start])
			if text.IsWordRune(prev) || strings.ContainsRune(".%+-@", prev) {
				continue // an e-mail address or a word with @ inside
			}
		}
		name := src[loc[2]:loc[3]]
		if contactRE().unitNum.MatchString(name) || !strings.ContainsFunc(name, unicode.IsLetter) {
			continue
		}
		if end < len(src) && (src[end] == '@' || (src[end] == '.' && end+1 < len(src) && isLetterByte(src[end+1]))) {
			continue
		}
		out = append(out, match.Span{Start: start, End: end})
	}
	return out
}

func isLetterByte(b byte) bool { return 'a' <= b|0x20 && b|0x20 <= 'z' }

// phoneRun is a stretch of digits and separators that may be a phone number.
type phoneRun struct {
	start, end int
	groups     []string // the digit groups
	seps       []string // the separators between groups
	plus       bool
	paren      bool
	// The lists start in these arrays: most runs have a few groups, and
	// growing the lists from nothing was most of the scan's allocations.
	groupsBuf, sepsBuf [4]string
}

// phones finds phone numbers in the original text (not the folded one: a
// line break must end a number, and folding turns it into a space).
func (c *Contact) phones(src string) []match.Span {
	var out []match.Span
	for i := 0; i < len(src); {
		size := 1
		if c := src[i]; c < utf8.RuneSelf {
			// ASCII folds to itself: no decoding for most of the text.
			if (c < '0' || c > '9') && c != '+' && c != '(' {
				i++
				continue
			}
		} else {
			var r rune
			r, size = utf8.DecodeRuneInString(src[i:])
			if f := text.Fold(r); !(isDigitRune(f) || f == '+' || f == '(') {
				i += size
				continue
			}
		}
		run, next := scanPhone(src, i)
		if run != nil && c.isPhone(src, run) {
			out = append(out, match.Span{Start: run.start, End: run.end})
		}
		i = max(next, i+size)
	}
	return out
}

func isDigitRune(r rune) bool { return '0' <= r && r <= '9' }

// scanPhone reads a run of digits and separators starting at i. It returns
// nil when the run cannot be a phone number (it continues a word, an
// amount, a time, or is glued to letters like B07XYZ1234), and where
// scanning goes on. Han and kana around a number are no word it continues:
// Chinese and Japanese write numbers without spaces (请拨打热线400 678 0519).
func scanPhone(src string, i int) (*phoneRun, int) {
	if i > 0 {
		prev, _ := utf8.DecodeLastRuneInString(src[:i])
		p := text.Fold(prev)
		if text.IsWordRune(p) && !text.IsSpacelessScript(p) || strings.ContainsRune(".,/_#$€£¥@%&*=", p) || (p == ':' && i >= 2 && isDigitRune(rune(src[i-2]))) {
			return nil, skipRun(src, i)
		}
	}
	run := &phoneRun{start: i}
	run.groups, run.seps = run.groupsBuf[:0], run.sepsBuf[:0]
	var cur, sep []byte
	// Where cur and sep began in src: when their bytes are the text's own
	// (ASCII, not folded from wider forms), the text is cut instead of
	// copied.
	curAt, sepAt := -1, -1
	folded := func(b []byte, at, end int) string {
		if at >= 0 && end-at == len(b) && src[at:end] == string(b) {
			return src[at:end]
		}
		return string(b)
	}
	lastDigitEnd := -1
	j := i
loop:
	for j < len(src) {
		r, size := utf8.DecodeRuneInString(src[j:])
		if r == '\n' || r == '\r' {
			break
		}
		f := text.Fold(r)
		switch {
		case isDigitRune(f):
			if len(cur) == 0 && len(run.groups) > 0 {
				run.seps = append(run.seps, folded(sep, sepAt, j))
			}
			sep = sep[:0]
			if len(cur) == 0 {
				curAt = j
			}
			cur = append(cur, byte(f))
			lastDigitEnd = j + size
		case f == '+' && j == i:
			run.plus = true
		case f == ' ' || f == '-' || f == '.' || f == '/' || f == '(' || f == ')':
			if len(sep) >= 3 {
				break loop
			}
			if len(cur) > 0 {
				run.groups = append(run.groups, folded(cur, curAt, j))
				cur = cur[:0]
			}
			if f == '(' || f == ')' {
				run.paren = true
			}
			if len(sep) == 0 {
				sepAt = j
			}
			sep = append(sep, byte(f))
		default:
			break loop
		}
		j += size
	}
	if len(cur) > 0 {
		run.groups = append(run.groups, folded(cur, curAt, j))
	}
	if lastDigitEnd < 0 {
		return nil, j
	}
	run.end = lastDigitEnd
	if lastDigitEnd < len(src) {
		if next, _ := utf8.DecodeRuneInString(src[lastDigitEnd:]); text.IsWordRune(text.Fold(next)) && !text.IsSpacelessScript(next) {
			return nil, skipRun(src, lastDigitEnd)
		}
	}
	return run, lastDigitEnd
}

// skipRun moves past the rest of a token of letters, digits and joiners.
func skipRun(src string, i int) int {
	for i < len(src) {
		r, size := utf8.DecodeRuneInString(src[i:])
		f := text.Fold(r)
		if !(text.IsWordRune(f) || strings.ContainsRune("-./", f)) {
			break
		}
		i += size
	}
	return i
}

// isPhone decides whether a run is a phone number. A "+" or a phone word
// before it ("call", "tel", "WhatsApp") is strong evidence; without it the
// run must be grouped like a phone number and unlike an order ID, a date, a
// tracking number, an amount or a card number. A nearer word such as
// "order" or "tracking" wins over a phone word.
func (c *Contact) isPhone(src string, run *phoneRun) bool {
	digits := 0
	for _, g := range run.groups {
		digits += len(g)
	}
	if digits < 7 || digits > 15 {
		return false
	}
	if hasDateShape(run.groups) && !run.plus {
		return false
	}
	cue, anti := c.phoneContext(src, run.start)
	if anti {
		return false
	}
	if len(run.groups) == 1 {
		return (run.plus && digits >= 8) || (cue && digits <= 13)
	}
	if run.plus {
		return digits >= 8
	}
	if cue {
		return true
	}
	if run.paren {
		return digits >= 9
	}
	if digits < 9 || digits > 13 {
		return false
	}
	return plausibleGrouping(run)
}

// phoneContext looks at the words before a number on its line.
func (c *Contact) phoneContext(src string, start int) (cue, anti bool) {
	from := max(0, start-40)
	for from > 0 && !utf8.RuneStart(src[from]) {
		from++
	}
	window := src[from:start]
	if i := strings.LastIndexAny(window, "\n\r"); i >= 0 {
		window = window[i+1:]
	}
	cueAt, antiAt := -1, -1
	if locs := contactRE().phoneCue.FindAllStringIndex(window, -1); locs != nil {
		cueAt = locs[len(locs)-1][1]
	}
	if locs := contactRE().phoneAnti.FindAllStringIndex(window, -1); locs != nil {
		antiAt = locs[len(locs)-1][1]
	}
	return cueAt > antiAt, antiAt >= 0 && antiAt >= cueAt
}

// plausibleGrouping rejects groupings of numbers that are not phones:
// lists of small numbers, ISBNs, thousands (1 234 567), card-like blocks of
// four, eBay order numbers (12-34567-89012), ZIP+4 codes and fractions.
func plausibleGrouping(run *phoneRun) bool {
	g := run.groups
	for i, grp := range g {
		if len(grp) == 1 && i > 0 {
			return false
		}
		if len(grp) > 8 {
			return false
		}
	}
	for _, s := range run.seps {
		if strings.Contains(s, "/") {
			return false
		}
	}
	thousands, blocksOfFour := len(g) >= 3 && len(g[0]) <= 3, len(g) >= 3
	for i, grp := range g {
		if i > 0 && len(grp) != 3 {
			thousands = false
		}
		if len(grp) != 4 {
			blocksOfFour = false
		}
	}
	if thousands || blocksOfFour {
		return false
	}
	shape := make([]string, len(g))
	for i, grp := range g {
		shape[i] = strconv.Itoa(len(grp))
	}
	switch strings.Join(shape, "-") {
	case "2-5-5", "5-4", "3-7-7":
		return false
	}
	return true
}

// hasDateShape reports whether three neighbouring groups read as a date
// (2024-05-01, 05/01/2024, 1.5.2024).
func hasDateShape(g []string) bool {
	for i := 0; i+2 < len(g); i++ {
		a, b, c := g[i], g[i+1], g[i+2]
		if isYear(c) && len(a) <= 2 && len(b) <= 2 && atoi(a) <= 31 && atoi(b) <= 31 {
			return true
		}
		if isYear(a) && len(b) <= 2 && len(c) <= 2 && atoi(b) <= 12 && atoi(c) <= 31 {
			return true
		}
	}
	return false
}

func isYear(s string) bool {
	if len(s) != 4 {
		return false
	}
	y := atoi(s)
	return y >= 1900 && y <= 2099
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

// MatchSets implements Matching.
func (c *Contact) MatchSets() []*match.Set { return []*match.Set{c.matches} }

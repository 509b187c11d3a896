// Package links finds links in a message and judges their hosts. It finds
// what a buyer would read as a link: URLs with a scheme, bare domains
// (mystore.com) and links disguised to slip past filters (mystore dot com,
// evil[.]com, hxxp://, full-width dots). It leaves out what only looks like a
// domain to a regular expression: file names, version numbers, abbreviations,
// sentences run together after a full stop, e-mail addresses (contact
// information, not links) and template placeholders that stand for a link.
//
// Each link carries its byte span in the original text, its host in ASCII
// (after NFKC, dot mapping and IDNA) and the reason it deceives, if any;
// whether a host is allowed is asked of a DomainSet.
package links

import (
	"regexp"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"mvdan.cc/xurls/v2"
)

// Span is a byte range of the original text.
type Span struct{ Start, End int }

// Suspicion says why a link deceives whatever its host.
type Suspicion string

// The suspicions. A suspect link should be reported even where every host
// is allowed.
const (
	// Userinfo: text before an @ in the authority poses as the host
	// (https://amazon.com@evil.com/ goes to evil.com).
	Userinfo Suspicion = "userinfo"
	// Backslash: browsers and parsers disagree where the host ends.
	Backslash Suspicion = "backslash"
	// IPHost: a bare IP address hides who owns the site.
	IPHost Suspicion = "ip"
	// Punycode: an internationalised host, the usual disguise for Cyrillic
	// or other look-alike letters (аmazon.com).
	Punycode Suspicion = "punycode"
	// Scheme: a scheme other than http and https.
	Scheme Suspicion = "scheme"
	// Invalid: the host is not a valid domain name.
	Invalid Suspicion = "invalid"
)

// Link is one link found in a text.
type Link struct {
	// Span is the link's range in the original text.
	Span Span
	// URL is the link as a browser would read it: de-obfuscated, with
	// "https://" added when no scheme was written.
	URL string
	// Scheme is the scheme as written, lower case and de-obfuscated
	// ("http" for hxxp); "" when none was written.
	Scheme string
	// Host is the host in lower-case ASCII (IDNA), without port.
	Host string
	// Domain is the registrable domain (eTLD+1) of Host; Host for IP
	// addresses and hosts without a public suffix.
	Domain string
	// Path is the path with "?query" and "#fragment" as written.
	Path string
	// Obfuscated is true for a link written to dodge filters.
	Obfuscated bool
	// Suspect is why the link deceives; "" when it does not.
	Suspect Suspicion
}

// Finder finds links. Known hosts (the domains a rule allows or names as
// shorteners) are accepted as bare domains even where a bare word would be
// too ambiguous (amzn.to, a.co, amazon.it). A Finder is immutable and safe
// for concurrent use.
type Finder struct {
	known *DomainSet
}

// NewFinder returns a Finder; known may be nil.
func NewFinder(known *DomainSet) *Finder { return &Finder{known: known} }

// relaxed is xurls' relaxed expression, compiled on first use: it costs
// 13-17 ms, which a run that never meets a candidate token should not pay.
var relaxed = sync.OnceValue(xurls.Relaxed)

// strict is xurls' expression for links with a scheme; it compiles in
// under a millisecond, so a message whose only links are full URLs (a
// tracking link, an Amazon help page) never pays for relaxed.
var strict = sync.OnceValue(xurls.Strict)

// Prepare compiles the finder's expressions now rather than on first
// use. A command that is about to load its rules can call it in the
// background: on a machine with a second core the 13-17 ms of relaxed
// then overlap the loading instead of following it.
func Prepare() {
	relaxed()
	strict()
}

// tokenLinks returns what relaxed finds in a candidate token. A token
// holding "://" is first read with strict: when its matches leave no '.',
// ':' or '@' outside them, relaxed has nothing else to find there (its
// other branches need one of those), and starts its matches where strict
// does.
func tokenLinks(tok string) [][]int {
	if strings.Contains(tok, "://") {
		if locs := strict().FindAllStringIndex(tok, -1); len(locs) > 0 && onlyInside(tok, locs) {
			return locs
		}
	}
	if !mayBeRelaxedLink(tok) {
		return nil
	}
	return relaxed().FindAllStringIndex(tok, -1)
}

// asciiTLDs are xurls' ASCII top-level and pseudo-top-level domains, in
// lower case.
var asciiTLDs = sync.OnceValue(func() map[string]bool {
	out := map[string]bool{}
	for _, list := range [][]string{xurls.TLDs, xurls.PseudoTLDs} {
		for _, tld := range list {
			if tld != "" && tld[0] < utf8.RuneSelf {
				out[strings.ToLower(tld)] = true
			}
		}
	}
	return out
})

// mayBeRelaxedLink reports whether xurls' relaxed expression can match in
// tok, by what every branch of it needs: a scheme or an IPv6 address has a
// ':'; a host name or an e-mail address has a '.' before its top-level
// domain, which is a whole ASCII word of xurls' list (the expression ends
// it with \b), punycode, or not ASCII; an IPv4 address has a '.' before a
// digit. Most candidate tokens are words run together at a full stop
// ("arrived.The", "e.g."), which it rules out without running the
// expression, the costliest step of finding links.
func mayBeRelaxedLink(tok string) bool {
	if strings.IndexByte(tok, ':') >= 0 {
		return true
	}
	for i := strings.IndexByte(tok, '.'); i >= 0; {
		rest := tok[i+1:]
		if rest == "" {
			return false
		}
		if c := rest[0]; c >= utf8.RuneSelf || '0' <= c && c <= '9' {
			return true
		}
		end := 0
		for end < len(rest) && isASCIIWordByte(rest[end]) {
			end++
		}
		if len(rest) >= 4 && strings.EqualFold(rest[:4], "xn--") {
			return true // punycode goes on past the '-' that ends a word
		}
		if word := rest[:end]; word != "" && asciiTLDs()[strings.ToLower(word)] {
			return true
		}
		j := strings.IndexByte(rest, '.')
		if j < 0 {
			return false
		}
		i += 1 + j
	}
	return false
}

// isASCIIWordByte is \w of RE2: what \b sees as a word character.
func isASCIIWordByte(c byte) bool { return isASCIIAlnum(c) || c == '_' }

// onlyInside reports whether every '.', ':' and '@' of tok lies inside
// one of locs.
func onlyInside(tok string, locs [][]int) bool {
	prev := 0
	for _, loc := range locs {
		if strings.ContainsAny(tok[prev:loc[0]], ".:@") {
			return false
		}
		prev = loc[1]
	}
	return !strings.ContainsAny(tok[prev:], ".:@")
}

// candidate is a stretch of text that may be a link.
type candidate struct {
	span Span
	// fromObfuscation is true when the obfuscation pass found it.
	fromObfuscation bool
}

// Find returns the links of text in source order.
func (f *Finder) Find(text string) []Link {
	var cands []candidate
	forEachCandidateToken(text, func(start, end int) {
		tok := text[start:end]
		for _, loc := range tokenLinks(tok) {
			cands = append(cands, candidate{span: Span{start + loc[0], start + loc[1]}})
		}
	})
	if hasObfuscationCue(text) {
		for _, loc := range obfuscatedRe().FindAllStringIndex(text, -1) {
			sp := Span{loc[0], trimTrailing(text, loc[0], loc[1])}
			cands = append(cands, candidate{span: sp, fromObfuscation: true})
		}
	}
	if len(cands) == 0 {
		return nil
	}
	// Judge every candidate before choosing among overlapping ones: the
	// longer reading can fail ("mystore.com . Thanks" is no host) while the
	// shorter one is a link.
	out := make([]Link, 0, len(cands))
	for _, c := range cands {
		if l, ok := f.judge(text, c); ok {
			out = append(out, l)
		}
	}
	return longestFirst(out)
}

// forEachCandidateToken calls fn with the byte range of every token (run
// of non-space characters) that isCandidateToken accepts. Only the tokens
// around a '.', ':' or '@' are looked at: a candidate holds one, and most
// tokens do not.
func forEachCandidateToken(s string, fn func(start, end int)) {
	for i := 0; i < len(s); {
		k := strings.IndexAny(s[i:], ".:@")
		if k < 0 {
			return
		}
		start, end := i+k, i+k+1
		for start > i {
			r, size := utf8.DecodeLastRuneInString(s[:start])
			if unicode.IsSpace(r) {
				break
			}
			start -= size
		}
		for end < len(s) {
			r, size := utf8.DecodeRuneInString(s[end:])
			if unicode.IsSpace(r) {
				break
			}
			end += size
		}
		if isCandidateToken(s[start:end]) {
			fn(start, end)
		}
		i = end
	}
}

// isCandidateToken reports whether a token may hold a link for xurls: a
// '.', ':' or '@' followed by a letter, digit or slash. A full stop at the
// end of a word is not enough, so most tokens never reach the expression.
// Nor is a full stop before a digit, unless the token has the three dots of
// an IPv4 address or a colon (IPv6): top-level domains start with a
// letter, so prices and decimals ("$49.99", "3.5") cannot be links, and
// the expression is costly.
func isCandidateToken(tok string) bool {
	for i := 0; i+1 < len(tok); i++ {
		switch tok[i] {
		case '.', ':', '@':
			c := tok[i+1]
			if tok[i] == '.' && '0' <= c && c <= '9' && strings.Count(tok, ".") < 3 && !strings.Contains(tok, ":") {
				continue
			}
			if c == '/' || c >= utf8.RuneSelf || isASCIIAlnum(c) {
				return true
			}
		}
	}
	return false
}

func isASCIIAlnum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

// longestFirst keeps one link per overlapping group, the longest: the
// obfuscated reading when xurls saw only part of it (www.amazon｡com, where
// xurls stops at "www.amazon").
func longestFirst(ls []Link) []Link {
	sort.SliceStable(ls, func(i, j int) bool {
		if ls[i].Span.Start != ls[j].Span.Start {
			return ls[i].Span.Start < ls[j].Span.Start
		}
		return ls[i].Span.End > ls[j].Span.End
	})
	out := ls[:0]
	for _, l := range ls {
		if n := len(out); n > 0 && l.Span.Start < out[n-1].Span.End {
			last := &out[n-1]
			if l.Span.End-l.Span.Start > last.Span.End-last.Span.Start {
				*last = l
			}
			continue
		}
		out = append(out, l)
	}
	return out
}

// trimTrailing drops sentence punctuation that ends a match found by the
// obfuscation pass ("see shop dot com/help.").
func trimTrailing(s string, start, end int) int {
	for end > start {
		r, size := utf8.DecodeLastRuneInString(s[start:end])
		if !strings.ContainsRune(".,;:!?)]}'\"。、，．｡", r) {
			break
		}
		end -= size
	}
	return end
}

// emailBefore reports whether the text before a domain makes it the domain
// of an e-mail address: "name@", "name (at) ", "name [at] ", or
// "name at " when the link itself is disguised ("name at shop dot com").
// Such addresses are contact information, not links.
func emailBefore(before string, disguised bool) bool {
	before = tail(before, 64)
	b := strings.TrimRight(before, " \t")
	if strings.HasSuffix(b, "@") {
		return true
	}
	lower := strings.ToLower(b)
	for _, mark := range []string{"(at)", "[at]", "{at}", "<at>", "(@)", "[@]"} {
		if strings.HasSuffix(lower, mark) {
			return true
		}
	}
	if !disguised || !strings.HasSuffix(lower, " at") {
		return false
	}
	word := lastWord(strings.TrimSuffix(lower, " at"))
	return word != "" && !AtIsPreposition(word)
}

// tail returns at most the last n bytes of s, cut at a character boundary:
// the look-back of a candidate must not grow with the text.
func tail(s string, n int) string {
	if len(s) <= n {
		return s
	}
	i := len(s) - n
	for i < len(s) && !utf8.RuneStart(s[i]) {
		i++
	}
	return s[i:]
}

// AtIsPreposition reports whether "at" after word is the preposition, not
// an @ spelt out: "find us at shop dot com" and "the catalogue is at shop
// dot com" name websites, "anna at shop dot com" is an address.
func AtIsPreposition(word string) bool {
	return prepositionalAt[strings.ToLower(word)]
}

// prepositionalAt are the words that put "at" in its ordinary sense.
var prepositionalAt = set(
	"us", "me", "you", "him", "her", "them", "it", "we", "i", "they", "he", "she",
	"is", "are", "was", "were", "be", "been", "am", "being", "not", "now", "only", "also", "just",
	"still", "all", "both", "and", "or", "but", "here", "there", "online", "available", "sold",
	"buy", "bought", "order", "ordered", "orders", "find", "found", "visit", "located", "look",
	"looking", "website", "site", "page", "store", "shop", "web", "home", "out", "check", "go",
	"up", "ready", "live", "open", "arrive", "arrived", "waiting", "held", "collect", "pick",
	"products", "items", "catalogue", "catalog", "prices", "offers", "deals", "sale", "more",
	"information", "details", "anytime", "stay", "shopping", "browse", "see", "read", "listed",
	"posted", "hosted",
)

func lastWord(s string) string {
	i := strings.LastIndexFunc(s, func(r rune) bool {
		return !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '.' || r == '_' || r == '-')
	})
	return s[i+1:]
}

// isPlaceholderHost recognises template syntax inside a host: {{domain}},
// ${host}, [store], <shop>, %DOMAIN%. Such a link stands for one the
// template system fills in; the placeholder rule judges it, not this one.
func isPlaceholderHost(host string) bool {
	return strings.ContainsAny(host, "{}[]<>$%")
}

// obfuscatedRe finds domains written with disguised dots or schemes.
var obfuscatedRe = sync.OnceValue(func() *regexp.Regexp {
	const letters = `\p{Latin}\p{Cyrillic}\p{Greek}\p{Nd}\x{200B}-\x{200D}\x{2060}\x{FEFF}\x{00AD}`
	label := `[` + letters + `](?:[` + letters + `\-]*[` + letters + `])?`
	obfSep := `(?:[ \t]*[\[({<][ \t]*(?:\.|dot|point|punkt|punto)[ \t]*[\])}>][ \t]*|[ \t]+dot[ \t]+|[ \t]+\.[ \t]+|[ \t]*[．。｡][ \t]*)`
	sep := `(?:` + obfSep + `|\.)`
	scheme := `(?:(?:h(?:xx|tt|\*\*)ps?|h[ \t]?t[ \t]?t[ \t]?p[ \t]?s?)[ \t]*:[ \t]*/[ \t]*/[ \t]*)`
	// "w w w . shop . com": the www letter-spaced too.
	spacedWWW := `(?:w[ \t]+w[ \t]+w(?:` + obfSep + `|[ \t]*\.[ \t]*))`
	path := `(?:/[^\s<>"'\x{3000}-\x{303F}]*)?`
	return regexp.MustCompile(`(?i)` + scheme + `?` + spacedWWW + `?` + label + `(?:` + sep + label + `)+` + path)
})

// hasObfuscationCue is a cheap test that spares the obfuscation pass on
// texts that cannot hold a disguised link.
// disguisesDot reports whether r is a full-width or ideographic dot or an
// invisible character, which can hide a domain.
func disguisesDot(r rune) bool {
	switch r {
	case '．', '。', '｡', '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad':
		return true
	}
	return false
}

func hasObfuscationCue(s string) bool {
	at := func(i int) byte {
		if i < len(s) {
			return s[i]
		}
		return 0
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			r, size := utf8.DecodeRuneInString(s[i:])
			if disguisesDot(r) {
				return true
			}
			i += size - 1
			continue
		}
		switch c | 0x20 {
		case ' ' | 0x20:
			if c == ' ' && (at(i+1) == '.' && at(i+2) == ' ' || at(i+1) == '/' && at(i+2) == '/') {
				return true // "shop . com", "https: //"
			}
		case ':':
			if at(i+1) == ' ' && at(i+2) == '/' || at(i+1) == '/' && at(i+2) == ' ' {
				return true
			}
		case '[', '(', '{', '<' | 0x20:
			if c != '[' && c != '(' && c != '{' && c != '<' {
				break
			}
			if at(i+1) == '.' && (at(i+2) == ']' || at(i+2) == ')' || at(i+2) == '}' || at(i+2) == '>') {
				return true // [.]
			}
			if at(i+1)|0x20 == 'p' || at(i+2)|0x20 == 'p' {
				return true // [point], ( punkt )
			}
		case 'd':
			if at(i+1)|0x20 == 'o' && at(i+2)|0x20 == 't' {
				return true
			}
		case 'w':
			if at(i+1) == ' ' && at(i+2)|0x20 == 'w' {
				return true
			}
		case 'h':
			// "h t t p": a spaced scheme; "h t" alone is every "with the".
			spaced := at(i+1) == ' ' && at(i+2)|0x20 == 't' && at(i+3) == ' ' && at(i+4)|0x20 == 't'
			if (at(i+1)|0x20 == 'x' && at(i+2)|0x20 == 'x') || (at(i+1) == '*' && at(i+2) == '*') || spaced {
				return true
			}
		}
	}
	return false
}

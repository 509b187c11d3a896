package links

import (
	"net"
	"regexp"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/idna"
	"golang.org/x/net/publicsuffix"
	"golang.org/x/text/unicode/norm"
	"mvdan.cc/xurls/v2"

	"github.com/replylint/replylint/lint/text"
)

// obfuscation grades how a link was disguised.
type obfuscation int

const (
	plain obfuscation = iota
	// weak disguises also happen by accident: "shop dot com" spelt out,
	// spaced full stops, full-width dots typed by an East Asian keyboard.
	weak
	// strong disguises are deliberate: evil[.]com, evil(dot)com, hxxp://,
	// zero-width characters inside the host.
	strong
)

// parsed is a candidate taken apart.
type parsed struct {
	scheme  string // lower case, de-obfuscated; "" when none was written
	host    string // cleaned (NFKC, dots mapped), case kept, no port
	path    string
	obf     obfuscation
	suspect Suspicion
}

// schemePattern matches a written scheme, disguised or not: http://,
// hxxps://, h**p://, "h t t p s : / /".
var schemePattern = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^(?i)(h(?:xx|tt|\*\*|[ \t]?t[ \t]?t[ \t]?)p[ \t]?(s?)|[a-z][a-z0-9+.\-]*)[ \t]*:[ \t]*/[ \t]*/[ \t]*`)
})

// bracketDot matches a dot written in brackets: [.], (dot), {.}, <dot>,
// [point], (punkt), [punto].
var bracketDot = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?i)[ \t]*[\[({<][ \t]*(?:\.|dot|point|punkt|punto)[ \t]*[\])}>][ \t]*`)
})

// spacedWWW matches a letter-spaced "w w w" at the start of a host.
var spacedWWW = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?i)^w[ \t]+w[ \t]+w\b`)
})

// spacedDot matches a dot spelt out or surrounded by spaces: " dot ", " . ".
var spacedDot = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?i)[ \t]+(?:dot|\.)[ \t]+`)
})

// parse splits a candidate into scheme, host and path and notes disguises.
// ok is false when the candidate is no web link at all (mailto:, tel:, an
// e-mail address, an empty host).
func parse(raw string) (p parsed, ok bool) {
	rest := raw
	if m := schemePattern().FindStringSubmatchIndex(raw); m != nil {
		written := raw[m[2]:m[3]]
		lower := strings.ToLower(written)
		switch {
		case lower == "http" || lower == "https":
			p.scheme = lower
		case m[4] >= 0 && strings.HasPrefix(lower, "h"):
			// hxxp, h**p or a spaced "h t t p".
			p.scheme = "http" + raw[m[4]:m[5]]
			p.scheme = strings.ToLower(p.scheme)
			p.obf = strong
		default:
			p.scheme = lower
			p.suspect = Scheme
		}
		if raw[m[3]:m[1]] != "://" {
			p.obf = strong
		}
		rest = raw[m[1]:]
	} else if i := strings.IndexByte(raw, ':'); i > 0 && isNoAuthorityScheme(raw[:i]) {
		return p, false
	}
	end := strings.IndexAny(rest, `/?#\`)
	if end < 0 {
		end = len(rest)
	}
	authority, path := rest[:end], rest[end:]
	if strings.HasPrefix(path, `\`) {
		p.suspect = Backslash
	}
	p.path = path
	host, obf := cleanHost(authority)
	p.obf = max(p.obf, obf)
	if i := strings.LastIndexByte(host, '@'); i >= 0 {
		if p.scheme == "" {
			return p, false // an e-mail address
		}
		if p.suspect == "" {
			p.suspect = Userinfo
		}
		host = host[i+1:]
	}
	host = stripPort(host)
	host = strings.TrimSuffix(host, ".")
	if host == "" || isPlaceholderHost(host) {
		return p, false
	}
	p.host = host
	return p, true
}

func isNoAuthorityScheme(s string) bool {
	s = strings.ToLower(s)
	for _, x := range xurls.SchemesNoAuthority {
		if s == x {
			return true
		}
	}
	return false
}

// cleanHost undoes what disguises a host: NFKC (full-width letters and
// dots), ideographic full stops, zero-width characters, bracketed and
// spelt-out dots. Case is kept: the caller needs it to tell "Thanks.So"
// from a domain.
func cleanHost(s string) (string, obfuscation) {
	obf := plain
	if strings.ContainsAny(s, "\u200b\u200c\u200d\u2060\ufeff\u00ad") {
		obf = strong
		s = strings.Map(func(r rune) rune {
			switch r {
			case '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad':
				return -1
			}
			return r
		}, s)
	}
	if spacedWWW().MatchString(s) {
		obf = strong
		s = spacedWWW().ReplaceAllString(s, "www")
	}
	if bracketDot().MatchString(s) {
		obf = strong
		s = bracketDot().ReplaceAllString(s, ".")
	}
	if spacedDot().MatchString(s) {
		obf = max(obf, weak)
		s = spacedDot().ReplaceAllString(s, ".")
	}
	if !isASCII(s) {
		n := norm.NFKC.String(s)
		n = strings.Map(func(r rune) rune {
			if r == '。' || r == '．' || r == '｡' {
				return '.'
			}
			return r
		}, n)
		if n != s {
			obf = max(obf, weak)
		}
		s = n
	}
	return s, obf
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// stripPort removes ":443"; an IPv6 literal keeps its colons.
func stripPort(h string) string {
	if strings.HasPrefix(h, "[") {
		if i := strings.IndexByte(h, ']'); i > 0 {
			return h[:i+1]
		}
		return h
	}
	if i := strings.LastIndexByte(h, ':'); i >= 0 {
		return h[:i]
	}
	return h
}

// isIP reports whether host is an IP address in any spelling a browser
// accepts: dotted, IPv6 in brackets, or a single decimal or hex number.
func isIP(host string) bool {
	h := strings.Trim(host, "[]")
	if net.ParseIP(h) != nil {
		return true
	}
	for _, label := range strings.Split(h, ".") {
		digits := label
		if strings.HasPrefix(label, "0x") {
			digits = label[2:]
		}
		if digits == "" {
			return false
		}
		for i := 0; i < len(digits); i++ {
			c := digits[i] | 0x20
			if !('0' <= digits[i] && digits[i] <= '9') && !(label != digits && 'a' <= c && c <= 'f') {
				return false
			}
		}
	}
	return true
}

// judge turns a candidate into a Link, or rejects it.
func (f *Finder) judge(text string, c candidate) (Link, bool) {
	c.span = trimLeadingScript(text, c.span)
	if insideTemplate(text, c.span.Start) {
		return Link{}, false // {{ data.email }} is a template variable
	}
	raw := text[c.span.Start:c.span.End]
	p, ok := parse(raw)
	if !ok {
		return Link{}, false
	}
	if p.obf == plain && c.fromObfuscation {
		return Link{}, false // xurls has judged plain text already
	}
	// A path glued to Japanese or Chinese text ("https://x.jp/aをご覧ください")
	// ends where that script starts: the sentence is not part of the link.
	if cut := strings.IndexFunc(p.path, isSentenceScript); cut >= 0 {
		c.span.End -= len(p.path) - cut
		p.path = p.path[:cut]
	}
	l := Link{Span: c.span, Scheme: p.scheme, Path: p.path, Obfuscated: p.obf != plain, Suspect: p.suspect}
	lower := strings.ToLower(p.host)
	if isIP(lower) {
		if p.scheme == "" && !strings.Contains(p.path, "/") {
			return Link{}, false // "1.2.3.4" alone is more likely a version
		}
		l.Host, l.Domain = lower, lower
		if l.Suspect == "" {
			l.Suspect = IPHost
		}
		l.URL = buildURL(l)
		return l, true
	}
	ascii, err := idna.Lookup.ToASCII(lower)
	if err != nil {
		if p.scheme == "" {
			return Link{}, false
		}
		l.Host, l.Domain = lower, lower
		if l.Suspect == "" {
			l.Suspect = Invalid
		}
		l.URL = buildURL(l)
		return l, true
	}
	l.Host = ascii
	suffix, icann := publicsuffix.PublicSuffix(ascii)
	knownTLD := icann || strings.Contains(suffix, ".")
	domain, err := publicsuffix.EffectiveTLDPlusOne(ascii)
	if err != nil {
		if p.scheme == "" {
			return Link{}, false // the host is a bare suffix ("co.uk")
		}
		domain = ascii
	}
	l.Domain = domain
	if p.scheme == "" && !f.plausible(text, c, p, ascii, suffix, knownTLD) {
		return Link{}, false
	}
	if p.scheme != "" && !knownTLD && p.obf != plain {
		return Link{}, false
	}
	if l.Suspect == "" && hasPunycode(ascii) {
		l.Suspect = Punycode
	}
	l.URL = buildURL(l)
	return l, true
}

func buildURL(l Link) string {
	scheme := l.Scheme
	if scheme == "" {
		scheme = "https"
	}
	return scheme + "://" + l.Host + l.Path
}

func hasPunycode(host string) bool {
	for _, label := range strings.Split(host, ".") {
		if strings.HasPrefix(label, "xn--") {
			return true
		}
	}
	return false
}

// plausible decides whether a candidate without a scheme is a link a buyer
// would follow rather than a file name, a typo or an abbreviation.
func (f *Finder) plausible(text string, c candidate, p parsed, ascii, suffix string, knownTLD bool) bool {
	if emailBefore(text[:c.span.Start], p.obf != plain) {
		return false
	}
	if f.known.Contains(ascii) {
		return true
	}
	if !knownTLD {
		return false
	}
	if strings.HasPrefix(ascii, "www.") {
		return true
	}
	if p.obf == strong {
		return true
	}
	tld := ascii[strings.LastIndexByte(ascii, '.')+1:]
	if fileExtensions[tld] || wordTLDs[tld] {
		return false
	}
	labels := strings.Split(p.host, ".")
	if len(labels) < 2 {
		return false
	}
	// "Thanks.So", "today.Shop": a capitalised word glued to a lower-case
	// one by a full stop is a sentence missing its space.
	if isSentenceStart(labels[len(labels)-1]) && endsLower(labels[len(labels)-2]) {
		return false
	}
	sld := strings.TrimSuffix(ascii, "."+suffix)
	if i := strings.LastIndexByte(sld, '.'); i >= 0 {
		sld = sld[i+1:]
	}
	if len(sld) < 2 {
		return false
	}
	if p.obf == weak && stopWords[strings.ToLower(labels[0])] {
		return false // "the dot com era"
	}
	if len(p.path) > 1 && p.obf == plain {
		return true
	}
	return plausibleTLD(tld)
}

func isSentenceStart(label string) bool {
	r, size := utf8.DecodeRuneInString(label)
	if !unicode.IsUpper(r) || size == len(label) {
		return false
	}
	for _, r := range label[size:] {
		if !unicode.IsLower(r) {
			return false
		}
	}
	return true
}

func endsLower(label string) bool {
	r, _ := utf8.DecodeLastRuneInString(label)
	return unicode.IsLower(r)
}

// insideTemplate reports whether offset at lies inside a template
// expression ({{ order.email }}, {% if shop.name %}, ${order.link}): the
// dotted names there are variables, not domains.
func insideTemplate(s string, at int) bool {
	// A template expression is short and sits on one line.
	before := tail(s[:at], 256)
	if i := strings.LastIndexAny(before, "\n\r"); i >= 0 {
		before = before[i+1:]
	}
	for _, d := range [...][2]string{{"{{", "}}"}, {"{%", "%}"}, {"${", "}"}, {"{#", "#}"}, {"<%", "%>"}} {
		if open := strings.LastIndex(before, d[0]); open >= 0 && !strings.Contains(before[open:], d[1]) {
			return true
		}
	}
	return false
}

// isSentenceScript reports whether r belongs to a script written without
// spaces, or is an ideographic or full-width punctuation mark.
func isSentenceScript(r rune) bool {
	return text.IsSpacelessScript(r) || (r >= 0x3000 && r <= 0x303f) || (r >= 0xff00 && r <= 0xffef)
}

// trimLeadingScript drops Japanese or Chinese text glued before a domain
// ("詳しくはshop.com"): xurls takes it for part of an internationalised
// label, but the domain starts where the Latin letters do.
func trimLeadingScript(s string, sp Span) Span {
	i := sp.Start
	for i < sp.End {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !isSentenceScript(r) {
			break
		}
		i += size
	}
	if i > sp.Start && i < sp.End && isASCIIAlnum(s[i]) {
		sp.Start = i
	}
	return sp
}

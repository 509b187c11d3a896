package check

import (
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/net/html"

	"github.com/replylint/replylint/lint/links"
	"github.com/replylint/replylint/lint/match"
	"github.com/replylint/replylint/lint/message"
	"github.com/replylint/replylint/lint/rule"
)

// The problems html-style knows; a rule checks those it has a message for.
const (
	htmlInsecureImage    = "insecure-image"
	htmlTrackingPixel    = "tracking-pixel"
	htmlImageLink        = "image-link"
	htmlFontSizes        = "font-sizes"
	htmlCentredText      = "centred-text"
	htmlLineBreaks       = "line-breaks"
	htmlExternalResource = "external-resource"
	htmlVagueLinkText    = "vague-link-text"
)

func htmlProblems() []string {
	return []string{htmlInsecureImage, htmlTrackingPixel, htmlImageLink, htmlFontSizes, htmlCentredText,
		htmlLineBreaks, htmlExternalResource, htmlVagueLinkText}
}

// HTMLStyle checks the markup of an HTML template against a marketplace's
// rules for HTML messages (Amazon: https images only, no tracking pixels,
// no images that link off the platform, at most three font sizes, no
// centred body text, at most two line breaks in a row, no external style
// sheets or scripts, link text that says where it goes). It reads the
// message's Markup with the HTML tokenizer, so findings are InMarkup; a
// plain-text message has no markup and nothing to report.
type HTMLStyle struct {
	maxFonts, maxBreaks int
	vague               map[string]map[string]bool
	allow               rule.PerChannel[*links.DomainSet]
	rule                *rule.Rule
	messages            map[string]string
}

// NewHTMLStyle compiles an html-style rule.
func NewHTMLStyle(r *rule.Rule) (*HTMLStyle, error) {
	spec := r.HTMLStyle
	if spec == nil {
		return nil, r.ErrorAt(nil, "an html-style rule needs an html-style block")
	}
	c := &HTMLStyle{rule: r, maxFonts: spec.MaxFontSizes, maxBreaks: spec.MaxLineBreaks, vague: map[string]map[string]bool{}, messages: spec.Messages}
	for name := range spec.Messages {
		if !slices.Contains(htmlProblems(), name) {
			return nil, r.ErrorAt([]string{"html-style", "messages"}, "unknown problem %q (one of %s)", name, strings.Join(htmlProblems(), ", "))
		}
	}
	if c.messages[htmlFontSizes] != "" && c.maxFonts <= 0 {
		return nil, r.ErrorAt([]string{"html-style"}, "font-sizes needs max-font-sizes")
	}
	if c.messages[htmlLineBreaks] != "" && c.maxBreaks <= 0 {
		return nil, r.ErrorAt([]string{"html-style"}, "line-breaks needs max-line-breaks")
	}
	for lang, list := range spec.VagueLinkText {
		if lang != rule.AnyLanguage && !slices.Contains(rule.Languages(), lang) {
			return nil, r.ErrorAt([]string{"html-style", "vague-link-text", lang}, "unsupported language %q", lang)
		}
		set := map[string]bool{}
		for _, t := range list {
			set[linkWords(t)] = true
		}
		c.vague[lang] = set
	}
	for _, ch := range rule.Channels() {
		if hosts := spec.AllowImageHosts.Get(ch); len(hosts) > 0 {
			ds, err := links.NewDomainSet(hosts...)
			if err != nil {
				return nil, r.ErrorAt([]string{"html-style", "allow-image-hosts", string(ch)}, "%v", err)
			}
			c.allow.Set(ch, ds)
		}
	}
	return c, nil
}

// htmlElement is an open element while the markup is read.
type htmlElement struct {
	name     string
	span     match.Span // the start tag
	centred  bool
	reported bool
	// link: the href, whether it leaves the platform, the link text so far.
	href    string
	offsite bool
	text    strings.Builder
	hasImg  bool
}

// Run implements Check.
func (c *HTMLStyle) Run(m *message.Message) []Hit {
	src := m.Markup
	if src == "" {
		return nil
	}
	var hits []Hit
	add := func(problem string, sp match.Span, args ...string) {
		if c.messages[problem] == "" {
			return // a problem the rule names no message for is not checked
		}
		h := namedHit(c.rule, sp, problem, args...)
		h.Subrule, h.InMarkup = problem, true
		hits = append(hits, h)
	}
	var (
		stack    []*htmlElement
		sizes    []string
		brRun    int
		brStart  int
		brEnd    int
		inStyle  bool
		styleTag match.Span
	)
	endBreaks := func() {
		if c.maxBreaks > 0 && brRun > c.maxBreaks {
			add(htmlLineBreaks, match.Span{Start: brStart, End: brEnd}, "count", strconv.Itoa(brRun), "max", strconv.Itoa(c.maxBreaks))
		}
		brRun = 0
	}
	fontSize := func(v string, sp match.Span) {
		v = strings.ToLower(strings.TrimSpace(v))
		if v == "" || slices.Contains(sizes, v) {
			return
		}
		sizes = append(sizes, v)
		if c.maxFonts > 0 && len(sizes) == c.maxFonts+1 {
			add(htmlFontSizes, sp, "count", strconv.Itoa(len(sizes)), "max", strconv.Itoa(c.maxFonts))
		}
	}
	z := html.NewTokenizer(strings.NewReader(src))
	off := 0
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		raw := z.Raw()
		sp := match.Span{Start: off, End: off + len(raw)}
		off += len(raw)
		switch tt {
		case html.TextToken:
			txt := string(z.Text())
			if inStyle {
				for _, fs := range cssFontSize.FindAllStringSubmatchIndex(src[sp.Start:sp.End], -1) {
					fontSize(src[sp.Start+fs[2]:sp.Start+fs[3]], match.Span{Start: sp.Start + fs[0], End: sp.Start + fs[1]})
				}
				if loc := cssImport.FindStringIndex(src[sp.Start:sp.End]); loc != nil {
					add(htmlExternalResource, match.Span{Start: sp.Start + loc[0], End: sp.Start + loc[1]})
				}
				if cssCentre.MatchString(src[sp.Start:sp.End]) && !cssCentreHeadingOnly(src[sp.Start:sp.End]) {
					add(htmlCentredText, styleTag)
				}
				continue
			}
			if strings.TrimSpace(strings.ReplaceAll(txt, "\u00a0", " ")) == "" {
				continue
			}
			endBreaks()
			for _, e := range stack {
				if e.centred && !e.reported && !isHeading(e.name) {
					e.reported = true
					add(htmlCentredText, e.span)
				}
				if e.name == "a" {
					e.text.WriteString(txt)
					e.text.WriteByte(' ')
				}
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			attrs := tagAttrs(z)
			tag := string(name)
			if tag == "br" {
				if brRun == 0 {
					brStart = sp.Start
				}
				brRun++
				brEnd = sp.End
				continue
			}
			if tag != "span" && tag != "font" && tag != "b" && tag != "i" && tag != "strong" && tag != "em" {
				endBreaks()
			}
			style := strings.ToLower(attrs["style"])
			for _, fs := range cssFontSize.FindAllStringSubmatch(style, -1) {
				fontSize(fs[1], sp)
			}
			if tag == "font" && attrs["size"] != "" {
				fontSize("font-size-"+attrs["size"], sp)
			}
			e := &htmlElement{name: tag, span: sp}
			e.centred = tag == "center" || strings.EqualFold(attrs["align"], "center") && tag != "img" && tag != "table" ||
				cssCentre.MatchString(style)
			switch tag {
			case "img":
				image(attrs, sp, stack, add)
			case "link":
				if strings.Contains(strings.ToLower(attrs["rel"]), "stylesheet") || attrs["href"] != "" && strings.HasSuffix(strings.ToLower(attrs["href"]), ".css") {
					add(htmlExternalResource, sp)
				}
			case "script":
				if attrs["src"] != "" {
					add(htmlExternalResource, sp)
				}
			case "style":
				inStyle, styleTag = tt == html.StartTagToken, sp
			case "a":
				e.href = attrs["href"]
				e.offsite = c.offsite(m, e.href)
			}
			if tt == html.StartTagToken && !isVoid(tag) {
				stack = append(stack, e)
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			tag := string(name)
			if tag == "style" {
				inStyle = false
			}
			for i := len(stack) - 1; i >= 0; i-- {
				if stack[i].name != tag {
					continue
				}
				if tag == "a" {
					c.closeLink(m, stack[i], match.Span{Start: stack[i].span.Start, End: sp.End}, add)
				}
				stack = stack[:i]
				break
			}
		}
	}
	endBreaks()
	return hits
}

// image checks one <img>: its scheme, whether it is a tracking pixel, and
// whether a link around it leaves the platform.
func image(attrs map[string]string, sp match.Span, stack []*htmlElement, add func(string, match.Span, ...string)) {
	srcURL := strings.TrimSpace(attrs["src"])
	if strings.HasPrefix(strings.ToLower(srcURL), "http://") {
		add(htmlInsecureImage, sp)
	}
	style := strings.ToLower(strings.ReplaceAll(attrs["style"], " ", ""))
	tiny := func(v string) bool {
		n, err := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(v), "px"))
		return err == nil && n <= 1
	}
	_, hidden := attrs["hidden"]
	pixel := tiny(attrs["width"]) && tiny(attrs["height"]) ||
		cssTinyWidth.MatchString(style) && cssTinyHeight.MatchString(style) ||
		strings.Contains(style, "display:none") || strings.Contains(style, "visibility:hidden") || hidden
	if pixel {
		add(htmlTrackingPixel, sp)
	}
	for _, e := range stack {
		if e.name == "a" {
			e.hasImg = true
		}
	}
}

// closeLink checks a finished <a>: an image link off the platform, and link
// text that does not say where the link goes.
func (c *HTMLStyle) closeLink(m *message.Message, e *htmlElement, sp match.Span, add func(string, match.Span, ...string)) {
	if e.hasImg && e.offsite {
		add(htmlImageLink, sp)
	}
	words := linkWords(e.text.String())
	if words == "" {
		return
	}
	if c.vague[m.Language][words] || c.vague[rule.AnyLanguage][words] {
		add(htmlVagueLinkText, sp)
	}
}

// offsite reports whether a link leaves the platform: an absolute http(s)
// URL whose host the channel does not allow (a channel with no list allows
// none). Relative links and mailto: are not image links to a website.
func (c *HTMLStyle) offsite(m *message.Message, href string) bool {
	u, err := url.Parse(strings.TrimSpace(href))
	if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https" && u.Scheme != "") {
		return false
	}
	allow := c.allow.Get(m.Channel)
	return !allow.Contains(strings.ToLower(u.Hostname()))
}

// linkWords folds a link text for comparison: lower case, words joined by
// one space, without the punctuation around them.
func linkWords(s string) string {
	f := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\u00a0' || strings.ContainsRune(".,:;!?»«›‹>\"'()[]→", r)
	})
	return strings.Join(f, " ")
}

// tagAttrs returns the current tag's attributes, names in lower case.
func tagAttrs(z *html.Tokenizer) map[string]string {
	out := map[string]string{}
	for {
		k, v, more := z.TagAttr()
		if len(k) > 0 {
			out[strings.ToLower(string(k))] = string(v)
		}
		if !more {
			return out
		}
	}
}

func isHeading(tag string) bool {
	return len(tag) == 2 && tag[0] == 'h' && tag[1] >= '1' && tag[1] <= '6'
}

func isVoid(tag string) bool {
	switch tag {
	case "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr":
		return true
	}
	return false
}

// The CSS the check reads. Regular expressions, because CSS declarations
// are syntax, not words.
var (
	cssFontSize   = regexp.MustCompile(`(?i)font-size\s*:\s*([^;"'}]+)`)
	cssCentre     = regexp.MustCompile(`(?i)text-align\s*:\s*center`)
	cssImport     = regexp.MustCompile(`(?i)@import[^;]*;?`)
	cssTinyWidth  = regexp.MustCompile(`(?:^|;)(?:max-)?width:[01](?:px)?(?:;|$)`)
	cssTinyHeight = regexp.MustCompile(`(?:^|;)(?:max-)?height:[01](?:px)?(?:;|$)`)
	cssRule       = regexp.MustCompile(`(?s)([^{}]+)\{([^{}]*)\}`)
)

// cssCentreHeadingOnly reports whether every CSS rule of a style sheet that
// centres text selects headings only (a centred title is not body text).
func cssCentreHeadingOnly(css string) bool {
	for _, r := range cssRule.FindAllStringSubmatch(css, -1) {
		if !cssCentre.MatchString(r[2]) {
			continue
		}
		for _, sel := range strings.Split(r[1], ",") {
			sel = strings.TrimSpace(strings.ToLower(sel))
			if !isHeading(sel) {
				return false
			}
		}
	}
	return true
}

package check

import (
	"sort"
	"strings"

	"github.com/replylint/replylint/lint/finding"
	"github.com/replylint/replylint/lint/links"
	"github.com/replylint/replylint/lint/match"
	"github.com/replylint/replylint/lint/message"
	"github.com/replylint/replylint/lint/pattern"
	"github.com/replylint/replylint/lint/rule"
)

// Link reports links a channel does not allow: hosts outside the channel's
// allow lists, link shorteners (their destination is hidden), look-alike and
// deceptive hosts. An allowed host is still reported, capped at a lower
// severity, over plain http or on a warn path (product pages).
type Link struct {
	rule *rule.Rule
	// group finds links written in words ("laden punkt de", "xiaoyu 点
	// com"): the words for "dot" and "slash" are the packs'.
	group  *group
	comp   *pattern.Compiler
	finder *links.Finder
	// lists are the named domain lists in name order.
	lists map[string]*links.DomainSet
	// allow holds the list names each channel allows; nil allows every host.
	allow      rule.PerChannel[[]string]
	known      *links.DomainSet
	shorteners *links.DomainSet
	warnPaths  map[string][]string
	insecure   finding.Severity
}

// NewLink compiles a link rule.
func NewLink(r *rule.Rule, env *Env) (*Link, error) {
	spec := r.Link
	if spec == nil {
		return nil, r.ErrorAt(nil, "a link rule needs a link block")
	}
	g, err := newGroup(r, env)
	if err != nil {
		return nil, err
	}
	g.quotesCount = true
	c := &Link{rule: r, group: g, lists: map[string]*links.DomainSet{}, warnPaths: map[string][]string{}, insecure: finding.Warning}
	for name, domains := range spec.Domains {
		set, err := domainSet(r, domains)
		if err != nil {
			return nil, err
		}
		c.lists[name] = set
	}
	for _, ch := range rule.Channels() {
		names := spec.Allow.Get(ch)
		for _, name := range names {
			if _, ok := c.lists[name]; !ok {
				return nil, r.ErrorAt([]string{"link", "allow", string(ch)}, "channel %s allows the unknown domain list %q (define it under link.domains)", ch, name)
			}
		}
		c.allow.Set(ch, names)
	}
	set, err := domainSet(r, spec.Shorteners)
	if err != nil {
		return nil, err
	}
	c.shorteners = set
	for name, paths := range spec.WarnPaths {
		if _, ok := c.lists[name]; !ok {
			return nil, r.ErrorAt([]string{"link", "warn-paths", name}, "warn-paths names the unknown domain list %q", name)
		}
		for _, p := range paths {
			if !strings.HasPrefix(p.Value, "/") {
				return nil, r.Errorf(p, "warn path %q must start with /", p.Value)
			}
			c.warnPaths[name] = append(c.warnPaths[name], strings.ToLower(p.Value))
		}
	}
	if spec.InsecureSeverity != "" {
		sev, err := finding.ParseSeverity(spec.InsecureSeverity)
		if err != nil {
			return nil, r.ErrorAt([]string{"link", "insecure-severity"}, "%v", err)
		}
		c.insecure = sev
	}
	all := make([]*links.DomainSet, 0, len(c.lists))
	for _, name := range sortedKeys(c.lists) {
		all = append(all, c.lists[name])
	}
	if env != nil {
		c.comp = env.Patterns
	}
	c.known = links.Union(all...)
	c.finder = links.NewFinder(links.Union(c.known, c.shorteners))
	return c, nil
}

func domainSet(r *rule.Rule, domains []rule.String) (*links.DomainSet, error) {
	names := make([]string, len(domains))
	for i, d := range domains {
		names[i] = d.Value
	}
	set, err := links.NewDomainSet(names...)
	if err == nil {
		return set, nil
	}
	// Each entry is read on its own: the first that fails is the one the
	// set failed at, and it says where it stands (the set's error does
	// not). Reading them one by one only then halves the cost of loading.
	for _, d := range domains {
		if _, err := links.NewDomainSet(d.Value); err != nil {
			return nil, r.Errorf(d, "%v", err)
		}
	}
	return nil, err
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// Run implements Check.
func (c *Link) Run(m *message.Message) []Hit {
	var hits []Hit
	if p := c.rule.Link.Placeholders; p != nil && c.allow.Get(m.Channel) != nil {
		for _, sp := range namedSlots(m.Text(), p.Site, p.Allowed, true, p.AllowedInProse...) {
			hit := namedHit(c.rule, sp, "slot")
			hit.Suggestions = c.replaceFix(m, sp)
			hits = append(hits, hit)
		}
	}
	found := c.finder.Find(m.Text())
	var spelled []Hit
	if c.allow.Get(m.Channel) != nil {
		for _, h := range c.group.find(m, c.comp, nil) {
			hit := h.hit()
			hit.Suggestions = c.replaceFix(m, h.span)
			spelled = append(spelled, hit)
		}
	}
	for _, l := range found {
		if h, ok := c.judge(m, l); ok {
			hits = append(hits, h)
		}
	}
	// A link the finder read as a link already (English "shop dot com")
	// is reported once.
	for _, h := range spelled {
		if !overlapsHit(hits, h.Span) {
			hits = append(hits, h)
		}
	}
	return hits
}

// judge decides what one link costs on the message's channel.
func (c *Link) judge(m *message.Message, l links.Link) (Hit, bool) {
	sp := match.Span{Start: l.Span.Start, End: l.Span.End}
	var hit Hit
	allowedBy, allowed := c.allowedBy(m.Channel, l.Host)
	if !allowed && l.Suspect == "" && projectAllows(m.AllowDomains, l.Host) {
		allowed = true
	}
	switch {
	case l.Suspect == links.Punycode && !allowed:
		if imitated, ok := c.known.LookAlike(l.Host); ok {
			hit = namedHit(c.rule, sp, "idn-look-alike", "imitated", imitated, "host", l.Host)
		} else {
			hit = namedHit(c.rule, sp, "idn", "host", l.Host)
		}
	case l.Suspect != "" && l.Suspect != links.Punycode:
		hit = namedHit(c.rule, sp, suspectMessage(l.Suspect), "host", l.Host)
	case c.shorteners.Contains(l.Host):
		hit = namedHit(c.rule, sp, "shortener")
	case !allowed:
		// A plain host the channel does not allow keeps the rule's message.
		hit = Hit{Span: sp}
		if imitated, ok := c.known.LookAlike(l.Host); ok {
			hit = namedHit(c.rule, sp, "look-alike", "imitated", imitated, "domain", l.Domain)
		} else if c.allow.Get(m.Channel) == nil {
			return Hit{}, false
		} else if l.Obfuscated {
			hit = namedHit(c.rule, sp, "disguised", "host", l.Host)
		}
	case l.Scheme == "http":
		if c.insecure == finding.Off {
			return Hit{}, false // insecure-severity: off accepts http
		}
		hit = namedHit(c.rule, sp, "insecure")
		hit.MaxSeverity = c.insecure
		if fix, ok := c.httpsFix(m.Text(), sp); ok {
			hit.Suggestions = []Fix{fix}
			return hit, true
		}
	case c.onWarnPath(allowedBy, l.Path):
		hit = namedHit(c.rule, sp, "warn-path")
		hit.MaxSeverity = finding.Warning
	default:
		return Hit{}, false
	}
	hit.Suggestions = c.replaceFix(m, sp)
	return hit, true
}

// projectAllows reports whether a project config allows host: the domain
// itself or any subdomain of it.
func projectAllows(domains []string, host string) bool {
	host = strings.TrimSuffix(strings.ToLower(host), ".")
	for _, d := range domains {
		d = strings.TrimPrefix(strings.ToLower(strings.TrimSpace(d)), ".")
		if d != "" && (host == d || strings.HasSuffix(host, "."+d)) {
			return true
		}
	}
	return false
}

// allowedBy returns the first allow list of the channel that holds host;
// ok is true also for a channel without allow lists.
func (c *Link) allowedBy(ch rule.Channel, host string) (string, bool) {
	names := c.allow.Get(ch)
	if names == nil {
		_, lookalike := c.known.LookAlike(host)
		return "", !lookalike
	}
	for _, name := range names {
		if c.lists[name].Contains(host) {
			return name, true
		}
	}
	return "", false
}

// onWarnPath reports whether path holds one of the list's warn paths at a
// segment boundary. A warn path may follow other segments, because Amazon
// puts a product slug before /dp/ (/Some-Kettle/dp/B0...), and it must end
// where a segment ends, so /sp matches /sp?seller=1 but not /spr/returns.
func (c *Link) onWarnPath(list, path string) bool {
	if list == "" {
		return false
	}
	p := strings.ToLower(path)
	for _, w := range c.warnPaths[list] {
		for from := 0; ; {
			i := strings.Index(p[from:], w)
			if i < 0 {
				break
			}
			end := from + i + len(w)
			if strings.ContainsAny(w[len(w)-1:], "/?=&") || end == len(p) || strings.ContainsRune("/?#;", rune(p[end])) {
				return true
			}
			from += i + 1
		}
	}
	return false
}

// suspectMessage names the message of a link written to deceive (its
// {host} is where the link goes).
func suspectMessage(s links.Suspicion) string {
	switch s {
	case links.Userinfo:
		return "userinfo"
	case links.Backslash:
		return "backslash"
	case links.IPHost:
		return "ip-host"
	case links.Scheme:
		return "scheme"
	}
	return "malformed"
}

func channelName(ch rule.Channel) string {
	switch ch {
	case rule.Amazon:
		return "Amazon"
	case rule.Ebay:
		return "eBay"
	case rule.Walmart:
		return "Walmart"
	case rule.Tiktok:
		return "TikTok Shop"
	case rule.Shopify:
		return "Shopify"
	}
	return string(ch)
}

// replaceFix replaces the link with the rule's safe wording ("{channel}"
// names the marketplace). It changes what the buyer can click, so it is
// never safe to apply unreviewed.
func (c *Link) replaceFix(m *message.Message, sp match.Span) []Fix {
	r := c.rule
	if r.Suggest == nil || r.Suggest.Action == "none" {
		return nil
	}
	text, _ := suggestText(r.Suggest, m, m.Slice(sp), nil)
	text = strings.ReplaceAll(text, "{channel}", channelName(m.Channel))
	return []Fix{{Description: r.Suggest.Description, Key: ".fix", Safe: false, Edits: []Edit{{Span: sp, NewText: text}}}}
}

// httpsFix turns "http://" into "https://" on an allowed host, which keeps
// the link's meaning.
func (c *Link) httpsFix(src string, sp match.Span) (Fix, bool) {
	if sp.End-sp.Start < 7 || !strings.EqualFold(src[sp.Start:sp.Start+7], "http://") {
		return Fix{}, false
	}
	return namedFix(c.rule, "fix-https", true, Edit{Span: match.Span{Start: sp.Start, End: sp.Start + 4}, NewText: "https"}), true
}

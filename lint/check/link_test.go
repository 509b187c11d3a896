package check

import (
	"github.com/replylint/replylint/lint/lang"
	"github.com/replylint/replylint/lint/pattern"
	"github.com/replylint/replylint/rules"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/replylint/replylint/lint/finding"
	"github.com/replylint/replylint/lint/message"
	"github.com/replylint/replylint/lint/rule"
)

const linkTestRule = `
id: test-link
kind: link
severity: error
message: not allowed
suggest:
  description: Remove the link.
  action: replace
  text:
    en: the order page in your {channel} account
link:
  domains:
    shop: [example-market.com, example-market.de]
    carriers: [ups.com, track.example-market.com]
  allow:
    amazon: [shop, carriers]
    ebay: [carriers]
  shorteners: [bit.ly, amzn.to]
  warn-paths:
    shop: [/dp/, '/sp?seller=', /stores]
  insecure-severity: info
examples:
  bad: [x]
`

func linkFromYAML(t *testing.T, src string) (*Link, error) {
	t.Helper()
	r, err := rule.Parse("test-link.yaml", []byte(src))
	require.NoError(t, err)
	adoptBuiltinMessages(t, r)
	return NewLink(r, testEnv(t))
}

// testEnv is a pattern compiler over the built-in language packs.
func testEnv(t testing.TB) *Env {
	t.Helper()
	packs, err := lang.LoadFS(rules.FS, "lang", "rules/lang")
	require.NoError(t, err)
	return &Env{Patterns: pattern.NewCompiler(packs)}
}

func linkBuiltin(t *testing.T) *Link {
	t.Helper()
	r, err := rule.ParseFS(rules.FS, ".", "policy/external-link.yaml", "")
	require.NoError(t, err)
	adoptBuiltinMessages(t, r)
	c, err := NewLink(r, testEnv(t))
	require.NoError(t, err)
	return c
}

func linkMessage(text string, ch rule.Channel) *message.Message {
	return message.New(text, message.Context{Channel: ch, Language: "en", Mode: rule.Draft})
}

type linkHit struct {
	text string
	sev  finding.Severity // the cap, Off for none
}

func linkHits(m *message.Message, hits []Hit) []linkHit {
	var out []linkHit
	for _, h := range hits {
		out = append(out, linkHit{m.Slice(h.Span), h.MaxSeverity})
	}
	return out
}

func TestLinkRules(t *testing.T) {
	c, err := linkFromYAML(t, linkTestRule)
	require.NoError(t, err)
	tests := []struct {
		name string
		text string
		ch   rule.Channel
		want []linkHit
	}{
		{"allowed host", "See https://www.example-market.com/orders", rule.Amazon, nil},
		{"allowed subdomain entry", "Track at https://track.example-market.com/p/1", rule.Ebay, nil},
		{"parent of a host entry is not allowed", "See https://example-market.com/orders", rule.Ebay, []linkHit{{"https://example-market.com/orders", finding.Off}}},
		{"other host", "Visit mystore.com today", rule.Amazon, []linkHit{{"mystore.com", finding.Off}}},
		{"shortener on an allowing channel", "bit.ly/abc", rule.Shopify, []linkHit{{"bit.ly/abc", finding.Off}}},
		{"channel without allow list", "Visit mystore.com today", rule.Shopify, nil},
		{"look-alike on channel without allow list", "Log in at example-market.com.evil.io", rule.Shopify, []linkHit{{"example-market.com.evil.io", finding.Off}}},
		{"http on allowed host", "http://www.ups.com/track?x=1", rule.Amazon, []linkHit{{"http://www.ups.com/track?x=1", finding.Info}}},
		{"warn path", "https://example-market.de/Kettle/dp/B0C1234567", rule.Amazon, []linkHit{{"https://example-market.de/Kettle/dp/B0C1234567", finding.Warning}}},
		{"warn path with query", "https://example-market.com/sp?seller=A1B2", rule.Amazon, []linkHit{{"https://example-market.com/sp?seller=A1B2", finding.Warning}}},
		{"warn path only for its list", "https://www.ups.com/dp/1", rule.Amazon, nil},
		{"warn path ends at a segment", "https://example-market.com/stores/Kettle/page/1", rule.Amazon, []linkHit{{"https://example-market.com/stores/Kettle/page/1", finding.Warning}}},
		{"warn path does not match a longer segment", "https://example-market.com/storesearch?q=1", rule.Amazon, nil},
		{"userinfo", "https://example-market.com@evil.com/", rule.Amazon, []linkHit{{"https://example-market.com@evil.com/", finding.Off}}},
		{"ip host", "http://10.0.0.7/refund", rule.Shopify, []linkHit{{"http://10.0.0.7/refund", finding.Off}}},
		{"obfuscated", "see mystore dot com", rule.Amazon, []linkHit{{"mystore dot com", finding.Off}}},
		{"placeholder", "Track it: {{tracking_url}} or https://{{shop}}/orders", rule.Amazon, nil},
		{"no link", "Thanks.So sorry, see the readme.md and e.g. v2.1.3", rule.Amazon, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := linkMessage(tt.text, tt.ch)
			assert.Equal(t, tt.want, linkHits(m, c.Run(m)))
		})
	}
}

func TestLinkMessagesAndFixes(t *testing.T) {
	c, err := linkFromYAML(t, linkTestRule)
	require.NoError(t, err)

	m := linkMessage("Track it at bit.ly/x1 please", rule.Amazon)
	hits := c.Run(m)
	require.Len(t, hits, 1)
	assert.Contains(t, hits[0].Text(), "Shortened link")
	require.Len(t, hits[0].Suggestions, 1)
	fix := hits[0].Suggestions[0]
	assert.False(t, fix.Safe)
	assert.Equal(t, "the order page in your Amazon account", fix.Edits[0].NewText)
	assert.Equal(t, "bit.ly/x1", m.Slice(fix.Edits[0].Span))

	m = linkMessage("Visit mystore.com", rule.Amazon)
	hits = c.Run(m)
	require.Len(t, hits, 1)
	assert.Empty(t, hits[0].Message, "a plain disallowed host keeps the rule's message")

	m = linkMessage("Log in at https://examp1e-market.com/login", rule.Amazon)
	hits = c.Run(m)
	require.Len(t, hits, 1)
	assert.Contains(t, hits[0].Text(), "imitates example-market.com")

	m = linkMessage("Log in at https://exаmple-market.com/login", rule.Amazon) // Cyrillic а
	hits = c.Run(m)
	require.Len(t, hits, 1)
	assert.Contains(t, hits[0].Text(), "imitate example-market.com")

	m = linkMessage("Track: http://www.ups.com/t", rule.Amazon)
	hits = c.Run(m)
	require.Len(t, hits, 1)
	require.Len(t, hits[0].Suggestions, 1)
	assert.True(t, hits[0].Suggestions[0].Safe)
	assert.Equal(t, "https", hits[0].Suggestions[0].Edits[0].NewText)
	assert.Equal(t, "http", m.Slice(hits[0].Suggestions[0].Edits[0].Span))
}

func TestLinkBuiltin(t *testing.T) {
	c := linkBuiltin(t)
	tests := []struct {
		text string
		ch   rule.Channel
		want []string
	}{
		{"Your tracking: https://www.ups.com/track?tracknum=1Z999AA10123456784", rule.Amazon, nil},
		{"Tracking via https://track.amazon.com/tracking/TBA123456789000", rule.Ebay, nil},
		{"Return it at https://www.amazon.co.jp/gp/returns/homepage.html", rule.Amazon, nil},
		{"Track via https://tools.usps.com/go/TrackConfirmAction?tLabels=9400", rule.Walmart, nil},
		{"See https://www.walmart.com/orders", rule.Walmart, nil},
		{"See https://www.walmart.com/orders", rule.Amazon, []string{"https://www.walmart.com/orders"}},
		{"amzn.to/3abc", rule.Amazon, []string{"amzn.to/3abc"}},
		{"a.co/d/xyz", rule.Amazon, []string{"a.co/d/xyz"}},
		{"https://amzn.eu/d/xyz", rule.Amazon, []string{"https://amzn.eu/d/xyz"}},
		{"https://t.co/AbC123", rule.Tiktok, []string{"https://t.co/AbC123"}},
		{"Our shop: kettleking.com", rule.Ebay, []string{"kettleking.com"}},
		{"www[.]kettleking[.]com", rule.Amazon, []string{"www[.]kettleking[.]com"}},
		{"amazon｡com.evil.io/login", rule.Amazon, []string{"amazon｡com.evil.io/login"}},
		{"Check аmazon.com/orders", rule.Amazon, []string{"аmazon.com/orders"}},
		{"The link: https://xn--amazn-mua.com", rule.Amazon, []string{"https://xn--amazn-mua.com"}},
		{"Everything at mystore.com", rule.Shopify, []string{"mystore.com"}},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			m := linkMessage(tt.text, tt.ch)
			var got []string
			for _, h := range c.Run(m) {
				got = append(got, m.Slice(h.Span))
			}
			if tt.ch == rule.Shopify {
				// The rule is off on shopify; the check itself still knows
				// no allow list there and lets ordinary hosts pass.
				assert.Empty(t, got)
				return
			}
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestLinkConfigErrors(t *testing.T) {
	for name, src := range map[string]string{
		"unknown list":        "id: x\nkind: link\nseverity: error\nmessage: m\nlink:\n  domains: {a: [x.com]}\n  allow: {amazon: [b]}\nexamples: {bad: [x]}\n",
		"bad domain":          "id: x\nkind: link\nseverity: error\nmessage: m\nlink:\n  domains: {a: [localhost]}\nexamples: {bad: [x]}\n",
		"public suffix":       "id: x\nkind: link\nseverity: error\nmessage: m\nlink:\n  domains: {a: [co.uk]}\nexamples: {bad: [x]}\n",
		"warn path list":      "id: x\nkind: link\nseverity: error\nmessage: m\nlink:\n  warn-paths: {a: [/dp/]}\nexamples: {bad: [x]}\n",
		"warn path slash":     "id: x\nkind: link\nseverity: error\nmessage: m\nlink:\n  domains: {a: [x.com]}\n  warn-paths: {a: [dp/]}\nexamples: {bad: [x]}\n",
		"bad insecure":        "id: x\nkind: link\nseverity: error\nmessage: m\nlink:\n  insecure-severity: loud\nexamples: {bad: [x]}\n",
		"missing block":       "id: x\nkind: link\nseverity: error\nmessage: m\nexamples: {bad: [x]}\n",
		"bad shortener entry": "id: x\nkind: link\nseverity: error\nmessage: m\nlink:\n  shorteners: [bitly]\nexamples: {bad: [x]}\n",
	} {
		t.Run(name, func(t *testing.T) {
			_, err := linkFromYAML(t, src)
			assert.Error(t, err)
		})
	}
}

func BenchmarkLinkNoCandidate(b *testing.B) {
	r, err := rule.Parse("x.yaml", []byte(linkTestRule))
	require.NoError(b, err)
	c, err := NewLink(r, nil)
	require.NoError(b, err)
	m := linkMessage("Hi Anna, I am sorry the kettle arrived damaged. I will send a replacement today. Best, Tom", rule.Amazon)
	b.ReportAllocs()
	for b.Loop() {
		c.Run(m)
	}
}

func TestLinkBuiltinWarnPaths(t *testing.T) {
	c := linkBuiltin(t)
	for text, warn := range map[string]bool{
		"https://www.amazon.com/Desk-Lamp/dp/B0C1234567":                  true,
		"https://www.amazon.de/gp/product/B0C1234567":                     true,
		"https://www.amazon.com/sp?ie=UTF8&seller=A1B2C3":                 true,
		"https://www.amazon.co.uk/s?me=A1B2C3":                            true,
		"https://www.amazon.com/stores/KettleKing/page/1234":              true,
		"https://www.amazon.com/spr/returns/cart?orderId=1":               false,
		"https://www.amazon.com/gp/your-account/order-details?orderID=1":  false,
		"https://www.amazon.com/review/create-review?asin=B0C1234567":     false,
		"https://www.amazon.com/gp/help/customer/display.html?nodeId=123": false,
	} {
		t.Run(text, func(t *testing.T) {
			m := linkMessage(text, rule.Amazon)
			hits := c.Run(m)
			if !warn {
				assert.Empty(t, hits)
				return
			}
			require.Len(t, hits, 1)
			assert.Equal(t, finding.Warning, hits[0].MaxSeverity)
		})
	}
}

func TestLinkProjectAllowDomains(t *testing.T) {
	c := linkBuiltin(t)
	run := func(text string, allow []string) []Hit {
		m := linkMessage(text, rule.Amazon)
		m.AllowDomains = allow
		return c.Run(m)
	}
	msg := "See https://help.northwind-kitchen.com/returns for the steps."
	assert.NotEmpty(t, run(msg, nil), "not allowed without config")
	assert.Empty(t, run(msg, []string{"northwind-kitchen.com"}), "allowed by the project config")
	assert.NotEmpty(t, run("Go to https://northwind-kitchen.com.evil.io now", []string{"northwind-kitchen.com"}), "a look-alike is not a subdomain")
}

// TestLinkDomainErrorPlace: a domain list that does not read is reported
// at the entry that fails, with its line and column.
func TestLinkDomainErrorPlace(t *testing.T) {
	src := "id: x\nkind: link\nseverity: error\nmessage: m\nlink:\n  domains:\n    a:\n      - x.com\n      - localhost\nexamples: {bad: [x]}\n"
	_, err := linkFromYAML(t, src)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "test-link.yaml:9:9")
	assert.Contains(t, err.Error(), `"localhost" is not a domain name`)
}

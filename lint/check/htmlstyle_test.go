package check

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/replylint/replylint/lint/message"
	"github.com/replylint/replylint/lint/rule"
	"github.com/replylint/replylint/rules"
)

func builtinRule(t testing.TB, path string) *rule.Rule {
	t.Helper()
	r, err := rule.ParseFS(rules.FS, ".", path, "")
	require.NoError(t, err)
	return r
}

func htmlStyleBuiltin(t testing.TB) *HTMLStyle {
	t.Helper()
	c, err := NewHTMLStyle(builtinRule(t, "policy/html-style.yaml"))
	require.NoError(t, err)
	return c
}

// htmlHits runs the check on markup and returns sub-rule → matched markup.
func htmlHits(c *HTMLStyle, markup, lang string) [][2]string {
	m := message.New("visible text", message.Context{Channel: rule.Amazon, Language: lang, Markup: markup})
	var out [][2]string
	for _, h := range c.Run(m) {
		out = append(out, [2]string{h.Subrule, markup[h.Span.Start:h.Span.End]})
	}
	return out
}

func TestHTMLStyle(t *testing.T) {
	c := htmlStyleBuiltin(t)
	tests := []struct {
		name, markup string
		want         [][2]string
	}{
		{"https image", `<img src="https://x.example/a.png">`, nil},
		{"http image", `<img src="http://x.example/a.png">`, [][2]string{{"insecure-image", `<img src="http://x.example/a.png">`}}},
		{"upper-case scheme", `<IMG SRC="HTTP://x.example/a.png">`, [][2]string{{"insecure-image", `<IMG SRC="HTTP://x.example/a.png">`}}},
		{"pixel by attributes", `<img src="https://t.example/p" width="1" height="1">`, [][2]string{{"tracking-pixel", `<img src="https://t.example/p" width="1" height="1">`}}},
		{"pixel by css", `<img src="https://t.example/p" style="width: 1px; height: 1px">`, [][2]string{{"tracking-pixel", `<img src="https://t.example/p" style="width: 1px; height: 1px">`}}},
		{"zero-size pixel", `<img src="https://t.example/p" width="0" height="0"/>`, [][2]string{{"tracking-pixel", `<img src="https://t.example/p" width="0" height="0"/>`}}},
		{"hidden image", `<img src="https://t.example/p" hidden>`, [][2]string{{"tracking-pixel", `<img src="https://t.example/p" hidden>`}}},
		{"small but visible", `<img src="https://x.example/i.png" width="16" height="16">`, nil},
		{"logo linking off-platform", `<a href="https://shop.example"><img src="https://shop.example/logo.png"></a>`,
			[][2]string{{"image-link", `<a href="https://shop.example"><img src="https://shop.example/logo.png"></a>`}}},
		{"image linking to amazon", `<a href="https://www.amazon.de/gp/css/order-history"><img src="https://shop.example/box.png"></a>`, nil},
		{"image linking to an amazon look-alike", `<a href="https://amazon.de.shop.example/"><img src="https://shop.example/box.png"></a>`,
			[][2]string{{"image-link", `<a href="https://amazon.de.shop.example/"><img src="https://shop.example/box.png"></a>`}}},
		{"three font sizes", `<p style="font-size:12px">a</p><p style="font-size:14px">b</p><font size="3">c</font>`, nil},
		{"four font sizes", `<p style="font-size:12px">a</p><p style="font-size:14px">b</p><p style="font-size: 14px">b</p><span style="font-size:1.2em">c</span><h1 style="font-size:20px">d</h1>`,
			[][2]string{{"font-sizes", `<h1 style="font-size:20px">`}}},
		{"font sizes in a style sheet", `<style>p{font-size:12px} h1{font-size:20px} h2{font-size:16px} small{font-size:10px}</style>`,
			[][2]string{{"font-sizes", `font-size:10px`}}},
		{"centred paragraph", `<p align="center">Hello</p>`, [][2]string{{"centred-text", `<p align="center">`}}},
		{"centred div holding text deep down", `<div style="text-align: center"><p><b>Hi</b></p></div>`, [][2]string{{"centred-text", `<div style="text-align: center">`}}},
		{"centred heading", `<h1 style="text-align:center">Invoice</h1><p>Hello</p>`, nil},
		{"centred image only", `<div align="center"><img src="https://x.example/logo.png"></div><p>Hello</p>`, nil},
		{"centred body in a style sheet", `<style>body { text-align: center }</style><p>Hi</p>`, [][2]string{{"centred-text", `<style>`}}},
		{"two line breaks", `a<br><br>b`, nil},
		{"three line breaks", `a<br><br />  <br>b`, [][2]string{{"line-breaks", `<br><br />  <br>`}}},
		{"breaks split by text", `a<br><br>b<br><br>c`, nil},
		{"style sheet link", `<link rel="stylesheet" href="https://x.example/m.css">`, [][2]string{{"external-resource", `<link rel="stylesheet" href="https://x.example/m.css">`}}},
		{"script src", `<script src="https://x.example/t.js"></script>`, [][2]string{{"external-resource", `<script src="https://x.example/t.js">`}}},
		{"css import", `<style>@import url(https://x.example/m.css);</style>`, [][2]string{{"external-resource", `@import url(https://x.example/m.css);`}}},
		{"inline style sheet", `<style>p { color: #333 }</style>`, nil},
		{"click here", `<a href="https://www.amazon.com/returns">Click here!</a>`, [][2]string{{"vague-link-text", `<a href="https://www.amazon.com/returns">Click here!</a>`}}},
		{"descriptive link", `<a href="https://www.amazon.com/returns">the Amazon returns page</a>`, nil},
		{"link text with markup", `<a href="https://www.amazon.com/returns"><b>here</b></a>`, [][2]string{{"vague-link-text", `<a href="https://www.amazon.com/returns"><b>here</b></a>`}}},
		{"broken markup", `<p style="font-size:12px"<img src=http://x`, nil},
		{"nothing", ``, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, htmlHits(c, tc.markup, "en"))
		})
	}
}

func TestHTMLStyleVagueLinkTextPerLanguage(t *testing.T) {
	c := htmlStyleBuiltin(t)
	link := `<a href="https://www.amazon.de/returns">hier</a>`
	assert.Len(t, htmlHits(c, link, "de"), 1)
	assert.Empty(t, htmlHits(c, link, "en"), "'hier' is only vague in German")
}

func TestHTMLStyleConfigErrors(t *testing.T) {
	base := func(block string) string {
		return "id: x\nkind: html-style\nseverity: error\nmessage: m\nhtml-style:\n" + block + "examples: {good: [a]}\n"
	}
	tests := []struct{ name, block, want string }{
		{"unknown problem", "  messages: {blinking: m}\n", `unknown problem "blinking"`},
		{"font sizes without max", "  messages: {font-sizes: m}\n", "font-sizes needs max-font-sizes"},
		{"line breaks without max", "  messages: {line-breaks: m}\n", "line-breaks needs max-line-breaks"},
		{"bad language", "  vague-link-text: {xx: [here]}\n", `unsupported language "xx"`},
		{"bad host", "  allow-image-hosts: {amazon: [com]}\n", "is not a domain name"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, err := rule.Parse("x.yaml", []byte(base(tc.block)))
			require.NoError(t, err)
			_, err = NewHTMLStyle(r)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
			assert.Contains(t, err.Error(), "x.yaml:")
		})
	}
}

// FuzzHTMLStyle: any markup is read without a panic, and every hit lies
// inside the markup.
func FuzzHTMLStyle(f *testing.F) {
	c := htmlStyleBuiltin(f)
	for _, s := range []string{`<p align=center>x<br><br><br>y</p>`, `<a href="//x"><img src=http://a width=1 height=1></a>`,
		`<style>@import "x.css"; p{font-size:1px}`, `<`, `<a>click here`, "<img src=\"\x00\">"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, markup string) {
		m := message.New("text", message.Context{Channel: rule.Amazon, Language: "en", Markup: markup})
		for _, h := range c.Run(m) {
			if h.Span.Start < 0 || h.Span.End > len(markup) || h.Span.Start > h.Span.End {
				t.Fatalf("span %v outside markup of %d bytes", h.Span, len(markup))
			}
		}
	})
}

// adoptBuiltinMessages gives a test rule written inline the named messages
// of the built-in rule of its kind, so tests assert the texts that ship.
func adoptBuiltinMessages(t testing.TB, r *rule.Rule) {
	t.Helper()
	switch {
	case r.Contact != nil && r.Contact.Messages == nil:
		r.Contact.Messages = builtinRule(t, "policy/contact-info.yaml").Contact.Messages
	case r.Link != nil && r.Link.Messages == nil:
		r.Link.Messages = builtinRule(t, "policy/external-link.yaml").Link.Messages
	case r.Language != nil && r.Language.Messages == nil:
		r.Language.Messages = builtinRule(t, "hygiene/language.yaml").Language.Messages
	case r.Length != nil && r.Length.Messages == nil:
		r.Length.Messages = builtinRule(t, "policy/message-length.yaml").Length.Messages
	}
}

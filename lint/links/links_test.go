package links

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func testFinder(t testing.TB) *Finder {
	t.Helper()
	known, err := NewDomainSet("amazon.com", "amazon.it", "amazon.co.uk", "track.amazon.com", "ups.com", "amzn.to", "a.co", "bit.ly", "t.co")
	require.NoError(t, err)
	return NewFinder(known)
}

// hosts returns the hosts of the links found in text.
func hosts(links []Link) []string {
	var out []string
	for _, l := range links {
		out = append(out, l.Host)
	}
	return out
}

func TestFindLinks(t *testing.T) {
	f := testFinder(t)
	tests := []struct {
		name, text string
		want       []string // the original text of each link
		hosts      []string
	}{
		{"https URL", "Track it here: https://www.ups.com/track?tracknum=1Z999AA10123456784.", []string{"https://www.ups.com/track?tracknum=1Z999AA10123456784"}, []string{"www.ups.com"}},
		{"bare domain", "Visit mystore.com for more.", []string{"mystore.com"}, []string{"mystore.com"}},
		{"capitalised brand domain", "Order again at MyShop.de today", []string{"MyShop.de"}, []string{"myshop.de"}},
		{"known short domain", "See amzn.to/3xYz and a.co/d/abc", []string{"amzn.to/3xYz", "a.co/d/abc"}, []string{"amzn.to", "a.co"}},
		{"www with port", "www.ups.com:443/x", []string{"www.ups.com:443/x"}, []string{"www.ups.com"}},
		{"in parentheses", "our page ( https://shop.example.com )", []string{"https://shop.example.com"}, []string{"shop.example.com"}},
		{"markdown", "[Track](https://evil.io/t)", []string{"https://evil.io/t"}, []string{"evil.io"}},
		{"spelt-out dot", "find us at shop dot com", []string{"shop dot com"}, []string{"shop.com"}},
		{"spaced dots", "go to www . shop . com now", []string{"www . shop . com"}, []string{"www.shop.com"}},
		{"letter-spaced www", "see w w w . tienda-ofertas . com hoy", []string{"w w w . tienda-ofertas . com"}, []string{"www.tienda-ofertas.com"}},
		{"letter-spaced www with dots", "W W W.shop.de", []string{"W W W.shop.de"}, []string{"www.shop.de"}},
		{"bracket dot word", "evil[dot]com is faster", []string{"evil[dot]com"}, []string{"evil.com"}},
		{"paren dot", "try evil(.)com", []string{"evil(.)com"}, []string{"evil.com"}},
		{"bracket point", "boutique[point]fr", []string{"boutique[point]fr"}, []string{"boutique.fr"}},
		{"bracket dots with www", "www[.]x[.]com", []string{"www[.]x[.]com"}, []string{"www.x.com"}},
		{"hxxp", "hxxp://evil[.]com/x", []string{"hxxp://evil[.]com/x"}, []string{"evil.com"}},
		{"hxxps", "hxxps://evil.com/login", []string{"hxxps://evil.com/login"}, []string{"evil.com"}},
		{"spaced scheme", "open h t t p s : / / evil.com/x", []string{"h t t p s : / / evil.com/x"}, []string{"evil.com"}},
		{"full-width dot", "ご覧ください shop．com です", []string{"shop．com"}, []string{"shop.com"}},
		{"ideographic dot", "amazon｡com", []string{"amazon｡com"}, []string{"amazon.com"}},
		{"www with ideographic dot", "www.amazon｡com", []string{"www.amazon｡com"}, []string{"www.amazon.com"}},
		{"full-width letters", "ｓｈｏｐ．ｃｏｍ", []string{"ｓｈｏｐ．ｃｏｍ"}, []string{"shop.com"}},
		{"zero-width inside", "ama\u200bzon.com.evil.io", []string{"ama\u200bzon.com.evil.io"}, []string{"amazon.com.evil.io"}},
		{"userinfo", "https://amazon.com@evil.com/", []string{"https://amazon.com@evil.com/"}, []string{"evil.com"}},
		{"fragment at", "https://evil.com#@amazon.com", []string{"https://evil.com#@amazon.com"}, []string{"evil.com"}},
		{"cyrillic", "аmazon.com/help", []string{"аmazon.com/help"}, []string{"xn--mazon-3ve.com"}},
		{"punycode", "xn--amazn-mua.com", []string{"xn--amazn-mua.com"}, []string{"xn--amazn-mua.com"}},
		{"ip", "http://192.168.0.1/login", []string{"http://192.168.0.1/login"}, []string{"192.168.0.1"}},
		{"lower-case word TLD when known", "amazon.it", []string{"amazon.it"}, []string{"amazon.it"}},
		{"path makes a link", "mystore.world/sale", []string{"mystore.world/sale"}, []string{"mystore.world"}},
		{"spaced full stop after a link", "Visit mystore.com . Thanks", []string{"mystore.com"}, []string{"mystore.com"}},
		{"two links", "A: http://x.com B: https://y.org", []string{"http://x.com", "https://y.org"}, []string{"x.com", "y.org"}},
		{"japanese before a domain", "詳しくはshop.comをご覧ください", []string{"shop.com"}, []string{"shop.com"}},
		{"chinese before www", "请访问www.shop.com了解", []string{"www.shop.com"}, []string{"www.shop.com"}},
		{"japanese before a known domain", "ご注文はamazon.co.jpから", []string{"amazon.co.jp"}, []string{"amazon.co.jp"}},
		{"japanese around", "詳しくはhttps://shop.jp/aをご覧ください", []string{"https://shop.jp/a"}, []string{"shop.jp"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := f.Find(tt.text)
			var texts []string
			for _, l := range got {
				texts = append(texts, tt.text[l.Span.Start:l.Span.End])
			}
			assert.Equal(t, tt.want, texts)
			assert.Equal(t, tt.hosts, hosts(got))
		})
	}
}

func TestFindNotLinks(t *testing.T) {
	f := testFinder(t)
	for _, text := range []string{
		"Please read the readme.md and the manual.pdf first.",
		"I attached photo.jpg and setup.sh and main.py.",
		"Firmware v2.1.3 fixes this; version 10.4.2 too.",
		"Use a mild cleaner, e.g. vinegar, i.e. nothing harsh.",
		"Mr.Smith said approx. 3 days.",
		"Thanks.So we will ship today.",
		"It arrived today.Shop again soon.",
		"Any questions.Best regards, Anna",
		"I received it.it works now",
		"Hello.World",
		"Write to support@shop.com for help.",
		"mail: name(at)shop.com",
		"name [at] shop [dot] com",
		"john at shop dot com",
		"Track it here: {{tracking_url}}",
		"Your order link: ${order_link}",
		"[insert tracking link]",
		"[[contact-link]]",
		"https://{{domain}}/orders/{{order_id}}",
		"https://www.{{store}}.com/x",
		"It costs $12.99 or 1.299,00 EUR.",
		"Delivered on 05.01.2024 at 10.30.",
		"Order 123-1234567-1234567 shipped.",
		"The dot com era is over.",
		"mailto:help@shop.com",
		"tel:+15551234567",
		"I am sorry . We will fix it.",
		"ありがとうございます。Amazonで確認します。",
		"Thank you。Com",
		"w w w",
		"I saw a w w w sign.",
		"{{ data.email }} and {% if data.pref.name %}",
		"${order.link}",
	} {
		t.Run(text, func(t *testing.T) {
			assert.Empty(t, f.Find(text))
		})
	}
}

func TestSuspicion(t *testing.T) {
	f := testFinder(t)
	tests := []struct {
		text    string
		suspect Suspicion
		obf     bool
		scheme  string
	}{
		{"https://amazon.com@evil.com/", Userinfo, false, "https"},
		{`https://amazon.com\@evil.com`, Backslash, false, "https"},
		{"http://192.168.0.1/login", IPHost, false, "http"},
		{"http://3232235777/", IPHost, false, "http"},
		{"аmazon.com", Punycode, false, ""},
		{"ftp://files.shop.com/x", Scheme, false, "ftp"},
		{"hxxp://evil[.]com", "", true, "http"},
		{"https://www.amazon.com/gp/your-account/order-history", "", false, "https"},
		{"amazon dot com", "", true, ""},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			got := f.Find(tt.text)
			require.Len(t, got, 1)
			assert.Equal(t, tt.suspect, got[0].Suspect)
			assert.Equal(t, tt.obf, got[0].Obfuscated)
			assert.Equal(t, tt.scheme, got[0].Scheme)
		})
	}
}

func TestLinkFields(t *testing.T) {
	got := testFinder(t).Find("See www.amazon.co.uk/dp/B07XYZ1234?ref=x now")
	require.Len(t, got, 1)
	l := got[0]
	assert.Equal(t, "www.amazon.co.uk", l.Host)
	assert.Equal(t, "amazon.co.uk", l.Domain)
	assert.Equal(t, "/dp/B07XYZ1234?ref=x", l.Path)
	assert.Equal(t, "https://www.amazon.co.uk/dp/B07XYZ1234?ref=x", l.URL)
	assert.Equal(t, "", l.Scheme)
}

func TestDomainSet(t *testing.T) {
	s, err := NewDomainSet("amazon.com", "amazon.co.uk", "track.amazon.com", "ups.com", "fedex.com", "ebay.de")
	require.NoError(t, err)
	for _, h := range []string{"amazon.com", "www.amazon.com", "smile.amazon.com", "www.amazon.co.uk", "track.amazon.com", "ups.com"} {
		assert.True(t, s.Contains(h), h)
	}
	for _, h := range []string{"amazon.com.evil.io", "evil-amazon.com", "amazon.de", "co.uk", "myups.com"} {
		assert.False(t, s.Contains(h), h)
	}
	carriers, err := NewDomainSet("track.amazon.com")
	require.NoError(t, err)
	assert.False(t, carriers.Contains("amazon.com"), "a host entry does not cover its parent")

	lookalike := map[string]string{
		"amazon.com.evil.io":  "amazon.com",
		"amaz0n.com":          "amazon.com",
		"arnazon.com":         "amazon.com",
		"xn--mazon-3ve.com":   "amazon.com",
		"amazon-support.com":  "amazon.com",
		"ups-tracking.net":    "ups.com",
		"fedex-delivery.info": "fedex.com",
		"ebay-de.shop":        "ebay.de",
	}
	for h, want := range lookalike {
		got, ok := s.LookAlike(h)
		assert.True(t, ok, h)
		assert.Equal(t, want, got, h)
	}
	for _, h := range []string{"amazon.com", "sellercentral.amazon.com", "amazon.co.uk", "groups.com", "mystore.com", "upsilon.org"} {
		_, ok := s.LookAlike(h)
		assert.False(t, ok, h)
	}

	_, err = NewDomainSet("co.uk")
	assert.Error(t, err)
	_, err = NewDomainSet("localhost")
	assert.Error(t, err)
	var nilSet *DomainSet
	assert.False(t, nilSet.Contains("amazon.com"))
}

func TestNoCandidateIsCheap(t *testing.T) {
	f := testFinder(t)
	text := "Hi Anna, I am sorry the kettle arrived damaged. I will send a replacement today. Best regards, Tom"
	allocs := testing.AllocsPerRun(100, func() { _ = f.Find(text) })
	assert.Zero(t, allocs)
}

// FuzzFind checks that Find never panics and reports ordered,
// non-overlapping spans inside the text.
func FuzzFind(f *testing.F) {
	for _, s := range []string{"see shop dot com", "hxxp://evil[.]com/x", "www．x．com", "a@b.c", "https://amazon.com@evil.com/", "w w w . x . com", "{{ a.b }}", "ｈｔｔｐ：／／x.com"} {
		f.Add(s)
	}
	finder, err := NewDomainSet("amazon.com", "a.co")
	require.NoError(f, err)
	fd := NewFinder(finder)
	f.Fuzz(func(t *testing.T, s string) {
		last := 0
		for _, l := range fd.Find(s) {
			if l.Span.Start < last || l.Span.End > len(s) || l.Span.Start >= l.Span.End {
				t.Fatalf("bad span %v after %d in %q", l.Span, last, s)
			}
			last = l.Span.End
		}
	})
}

func TestFindLongText(t *testing.T) {
	f := testFinder(t)
	got := f.Find(strings.Repeat("a.bc x@y.de shop dot com ", 400))
	assert.NotEmpty(t, got)
}

// BenchmarkFindLongText measures link finding on a long text dense with
// link candidates; compare sizes with benchstat to see how it scales.
func BenchmarkFindLongText(b *testing.B) {
	f := testFinder(b)
	for _, n := range []int{400, 4000} {
		text := strings.Repeat("a.bc x@y.de shop dot com ", n)
		b.Run(fmt.Sprintf("repeats=%d", n), func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			for b.Loop() {
				f.Find(text)
			}
		})
	}
}

// TestTokenLinksAgreesWithRelaxed backs tokenLinks' shortcut: on tokens
// with a scheme, reading them with xurls' strict expression first gives
// exactly what the relaxed one gives.
func TestTokenLinksAgreesWithRelaxed(t *testing.T) {
	tokens := []string{
		"https://www.amazon.com/gp/help/customer/display.html?nodeId=GKM69DUUYKQWKWX7",
		"(https://www.ups.com/track?tracknum=1Z999AA10123456784).",
		"https://a.com,https://b.org",
		"https://a.com,www.b.org",
		"see:https://a.com",
		"x.https://a.com",
		"abchttps://a.com",
		"123https://a.com",
		"hxxp://evil.com",
		"mailto:x@y.com,https://z.io",
		"https://",
		"https://x",
		"me@shop.com/https://a.com",
		"ftp://files.example.net/a.zip;",
		"https://例え.jp/パス",
		"<https://a.com>",
		"\"https://a.com\"",
		"https://a.com/x?y=1&z=2#frag...",
		"http://1.2.3.4:8080/x",
		"https://a.com@b.com",
	}
	for _, tok := range tokens {
		assert.Equal(t, relaxed().FindAllStringIndex(tok, -1), tokenLinks(tok), tok)
	}
}

func FuzzTokenLinks(f *testing.F) {
	for _, s := range []string{"https://a.com,www.b.org", "x.https://a.com", "(https://a.com/x).", "mailto:x@y.com,https://z.io"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, tok string) {
		if want, got := relaxed().FindAllStringIndex(tok, -1), tokenLinks(tok); !reflect.DeepEqual(want, got) {
			t.Fatalf("%q: relaxed %v, tokenLinks %v", tok, want, got)
		}
	})
}

func TestForEachToken(t *testing.T) {
	for text, want := range map[string][]string{
		"a bc\tdef\n":              {"a", "bc", "def"},
		"  x\u00a0y\u3000z\u2028 ": {"x", "y", "z"},
		"ünï cödé":                 {"ünï", "cödé"},
		"":                         nil,
		"\xff\xfe x":               {"\xff\xfe", "x"},
	} {
		var got []string
		forEachToken(text, func(a, b int) { got = append(got, text[a:b]) })
		assert.Equal(t, want, got, "%q", text)
	}
}

// TestCandidateTokensAreTheTokensThatQualify backs forEachCandidateToken's
// shortcut against tokenizing everything.
func TestCandidateTokensAreTheTokensThatQualify(t *testing.T) {
	texts := []string{
		"Visit shop.example.com today. Price $49.99, ver 1.2.3.4 or me@x.de:",
		"a.b\u00a0c.d\u3000e:f  g@h \xff.x\xfe \t\n.x x. :/ @@",
		"nothing here", "", "...", "..a", "a..", "\u2028x.y\u2028",
	}
	for _, text := range texts {
		var want, got []string
		forEachToken(text, func(a, b int) {
			if isCandidateToken(text[a:b]) {
				want = append(want, text[a:b])
			}
		})
		forEachCandidateToken(text, func(a, b int) { got = append(got, text[a:b]) })
		assert.Equal(t, want, got, "%q", text)
	}
}

func FuzzCandidateTokens(f *testing.F) {
	f.Add("Visit shop.example.com today. Price $49.99")
	f.Fuzz(func(t *testing.T, text string) {
		var want, got []string
		forEachToken(text, func(a, b int) {
			if isCandidateToken(text[a:b]) {
				want = append(want, text[a:b])
			}
		})
		forEachCandidateToken(text, func(a, b int) { got = append(got, text[a:b]) })
		if !reflect.DeepEqual(want, got) {
			t.Fatalf("%q: want %q, got %q", text, want, got)
		}
	})
}

// forEachToken, the reference for forEachCandidateToken, calls fn with the byte range of every run of non-space
// characters.
func forEachToken(s string, fn func(start, end int)) {
	start := -1
	for i := 0; i < len(s); {
		c, size := s[i], 1
		space := c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\v' || c == '\f'
		if c >= utf8.RuneSelf {
			var r rune
			r, size = utf8.DecodeRuneInString(s[i:])
			space = unicode.IsSpace(r)
		}
		switch {
		case space && start >= 0:
			fn(start, i)
			start = -1
		case !space && start < 0:
			start = i
		}
		i += size
	}
	if start >= 0 {
		fn(start, len(s))
	}
}

// referenceObfuscationCue is the cue test before it became one pass; the
// one pass must say yes wherever it did (it may say yes more often).
func referenceObfuscationCue(s string) bool {
	if strings.ContainsAny(s, "．。｡\u200b\u200c\u200d\u2060\ufeff\u00ad") ||
		strings.Contains(s, " . ") || strings.Contains(s, "[.]") || strings.Contains(s, "(.)") ||
		strings.Contains(s, "{.}") || strings.Contains(s, "<.>") || strings.Contains(s, " //") ||
		strings.Contains(s, ": /") || strings.Contains(s, ":/ ") {
		return true
	}
	for i := 0; i+2 < len(s); i++ {
		switch s[i] {
		case '[', '(', '{', '<':
			if s[i+1]|0x20 == 'p' || s[i+2]|0x20 == 'p' {
				return true // [point], ( punkt )
			}
		}
		switch s[i] | 0x20 {
		case 'd':
			if s[i+1]|0x20 == 'o' && s[i+2]|0x20 == 't' {
				return true
			}
		case 'w':
			if s[i+1] == ' ' && s[i+2]|0x20 == 'w' {
				return true
			}
		case 'h':
			// "h t t p": a spaced scheme; "h t" alone is every "with the".
			spaced := s[i+1] == ' ' && s[i+2]|0x20 == 't' && i+4 < len(s) && s[i+3] == ' ' && s[i+4]|0x20 == 't'
			if (s[i+1]|0x20 == 'x' && s[i+2]|0x20 == 'x') || (s[i+1] == '*' && s[i+2] == '*') || spaced {
				return true
			}
		}
	}
	return false
}

func FuzzObfuscationCueCoversReference(f *testing.F) {
	for _, s := range []string{"shop . com", "x[.]y", "h t t p", "hxxp", "(punkt)", "a：b", "shop。com", "w w w", "https: //x", "DoT"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if referenceObfuscationCue(s) && !hasObfuscationCue(s) {
			t.Fatalf("%q: the reference sees a cue, hasObfuscationCue does not", s)
		}
	})
}

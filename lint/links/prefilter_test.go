package links

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// relaxedTokens are candidate tokens of the kinds messages hold: links,
// addresses, IPs, words run together at a full stop, abbreviations.
var relaxedTokens = []string{
	"amazon.com", "SHOP.COM", "shop.DE", "shop.com/help", "shop.com.", "shop.com)", "shop.com-x", "shop.coméx",
	"shop.de's", "shop.co.uk", "a.bc-d.com", "sub.shop.comx.de", "shop.local", "shop.onion", "shop.i2p",
	"xn--p1ai.xn--p1ai", "пример.рф", "shop.рф", "help@shop.de", "a+b@x.io", "1.2.3.4", "10.0.0.1:8080",
	"[::1]", "fe80::1", "mailto:a@b.com", "tel:+4912345", "https://x.y/z", "www.shop.com", "shop.COM/x?y=1#z",
	"order.Please", "arrived.The", "e.g.", "i.e.", "Mr.Smith", "it.Thanks", "x.comfoo", "shop.com_x", "shop.com9",
	"a.b", "foo.e-mail", "today.Best", "49.99", "v1.2", "file.pdf", "report.docx", "image.PNG", "end.", ".",
	"a..com", "x.-com", "x.xn--", "x.XN--P1AI", "x.co", "x.C0M", "x.com\u00a0y", "店铺.中国", "shop.公司",
	"line.\u3002com", "ok.ok", "bye.bye", "thank.you", "sorry.we", "yes.no", "so.to", "name.surname",
}

// TestRelaxedPrefilterHidesNoLink: where the prefilter says no, xurls'
// relaxed expression finds nothing either; and it does let links through.
func TestRelaxedPrefilterHidesNoLink(t *testing.T) {
	let, ruled := 0, 0
	for _, tok := range relaxedTokens {
		found := relaxed().FindAllStringIndex(tok, -1)
		if mayBeRelaxedLink(tok) {
			let++
			continue
		}
		ruled++
		assert.Empty(t, found, "%q: ruled out, but xurls finds %v", tok, found)
	}
	assert.Positive(t, ruled, "the prefilter rules some tokens out")
	assert.True(t, mayBeRelaxedLink("amazon.com"))
	assert.False(t, mayBeRelaxedLink("arrived.The"))
	assert.False(t, mayBeRelaxedLink("e.g."))
	t.Logf("%d let through, %d ruled out", let, ruled)
}

func FuzzRelaxedPrefilter(f *testing.F) {
	for _, tok := range relaxedTokens {
		f.Add(tok)
	}
	f.Fuzz(func(t *testing.T, tok string) {
		if len(tok) > 200 || strings.ContainsAny(tok, " \t\n") || mayBeRelaxedLink(tok) {
			return
		}
		if found := relaxed().FindAllStringIndex(tok, -1); len(found) > 0 {
			t.Fatalf("%q: ruled out, but xurls finds %v", tok, found)
		}
	})
}

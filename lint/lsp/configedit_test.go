package lsp

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestAddAllowDomain(t *testing.T) {
	for _, tc := range []struct{ name, src, want string }{
		{"empty file", "", "allow-domains:\n  - shop.com\n"},
		{"no key", "channel: ebay\n", "channel: ebay\nallow-domains:\n  - shop.com\n"},
		{"no key, no final break", "channel: ebay", "channel: ebay\nallow-domains:\n  - shop.com\n"},
		{"block list", "allow-domains:\n  - a.com\n  - b.com # ours\nchannel: ebay\n", "allow-domains:\n  - a.com\n  - b.com # ours\n  - shop.com\nchannel: ebay\n"},
		{"block list at key indent", "allow-domains:\n- a.com\n", "allow-domains:\n- a.com\n- shop.com\n"},
		{"flow list", "allow-domains: [a.com, \"b.com\"]  # x\n", "allow-domains: [a.com, \"b.com\", shop.com]  # x\n"},
		{"empty flow list", "allow-domains: []\n", "allow-domains: [shop.com]\n"},
		{"empty value", "allow-domains:\nchannel: ebay\n", "allow-domains:\n  - shop.com\nchannel: ebay\n"},
		{"crlf", "channel: ebay\r\nallow-domains:\r\n  - a.com\r\n", "channel: ebay\r\nallow-domains:\r\n  - a.com\r\n  - shop.com\r\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			off, ins, err := addAllowDomain(tc.src, "shop.com")
			require.NoError(t, err)
			assert.Equal(t, tc.want, tc.src[:off]+ins+tc.src[off:])
		})
	}
	for _, src := range []string{"{channel: ebay}\n", "allow-domains: shop\n", "allow-domains: ~\n", "- a\n", "a: [\n"} {
		_, _, err := addAllowDomain(src, "shop.com")
		assert.Error(t, err, "%q", src)
	}
}

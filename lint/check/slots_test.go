package check

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestSlotWords(t *testing.T) {
	assert.Equal(t, []string{"var", "store", "get", "url"}, slotWords("{{var store.getUrl()}}"))
	assert.Equal(t, []string{"site", "name"}, slotWords("#SITE_NAME#"))
	assert.Equal(t, []string{"shop", "url"}, slotWords("{shop_url}"))
}

func TestNamedSlots(t *testing.T) {
	site := []string{"url", "link"}
	unless := []string{"tracking", "name"}
	src := "See {shop_url}, track {{tracking_url}}, thanks from #SITE_NAME# and [store link]."
	var got []string
	for _, sp := range namedSlots(src, site, unless, false) {
		got = append(got, src[sp.Start:sp.End])
	}
	assert.Equal(t, []string{"{shop_url}", "[store link]"}, got)
	assert.Empty(t, namedSlots("no slots here", site, unless, false))
	host := "Details: http://#SERVER_NAME#/order and <?php echo $gplus_url; ?> and $review_order_url."
	got = nil
	for _, sp := range namedSlots(host, site, unless, true) {
		got = append(got, host[sp.Start:sp.End])
	}
	assert.Equal(t, []string{"#SERVER_NAME#", "<?php echo $gplus_url; ?>", "$review_order_url"}, got)
	// PHP and $name slots are found in a text without any brace or bracket.
	for _, src := range []string{"Pick here: <?php echo $cfg->get('shop_url'); ?>/credit", "Pick here: $shop_url/credit"} {
		assert.Len(t, namedSlots(src, site, unless, false), 1, src)
	}
	// Words such as "order" or "review" spare a slot only when its name is
	// written as words, not as a template system's variable.
	prose := []string{"order", "review"}
	src = "Order: [[order-link:see it here]], [review link], {{ Order.Url }}, $review_order_url, {{orderUrl}}, [REVIEW_URL]."
	got = nil
	for _, sp := range namedSlots(src, site, unless, false, prose...) {
		got = append(got, src[sp.Start:sp.End])
	}
	assert.Equal(t, []string{"{{ Order.Url }}", "$review_order_url", "{{orderUrl}}", "[REVIEW_URL]"}, got)
}

func TestProseName(t *testing.T) {
	for slot, want := range map[string]bool{
		"[review link]": true, "[[order-link:see your order]]": true, "{{ review link }}": true,
		"{{ Order.Url }}": false, "$review_order_url": false, "{{orderUrl}}": false, "[REVIEW_URL]": false,
		"<?php echo $order_url; ?>": false, "[link]": false,
	} {
		assert.Equal(t, want, proseName(slot), slot)
	}
}

// TestMaySlotNeverHidesASlot: every text the slot search finds a slot in
// passes the cheap test that comes first.
func TestMaySlotNeverHidesASlot(t *testing.T) {
	texts := []string{
		"Hi {{ name }}", "See ${url}", "Dear {buyer}", "%SHOP_URL%", "#SERVER_NAME#", "[order link]", "[[review:here]]",
		"<?php echo $url ?>", "<?= $x ?>", "Go to $review_order_url now", "It costs $49.99", "Price: 100 dollars",
		"Hello there", "a < b ? c", "$ 5", "tags # and % alone",
	}
	for _, s := range texts {
		if templateSlot().FindStringIndex(s) != nil {
			assert.True(t, maySlot(s), "%q holds a slot", s)
		}
	}
	assert.False(t, maySlot("It costs $49.99, refunded today."))
	assert.False(t, maySlot("Ends in $"), "a dollar sign at the end")
	assert.False(t, maySlot("a < b, $5 and $ 6"))
	assert.True(t, maySlot("Go to $review_order_url now"))
	assert.True(t, maySlot("$5 or $x"), "a later dollar sign opens a slot")
}

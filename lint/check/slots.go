package check

import (
	"slices"
	"strings"
	"sync"
	"unicode"

	"github.com/replylint/replylint/lint/match"
)

// templateSlot matches the slot syntaxes of the template systems sellers
// use: {{ name }} (Liquid, Handlebars, Magento's {{var …}} and {{store
// url=""}}), ${name}, {name}, %name%, #NAME# (Bitrix), [name] / [[name]],
// PHP's <?php echo $name ?> and a bare $snake_case_name. It is a regular expression because a slot is template syntax,
// not words; what a slot stands for is decided by the words of its name,
// which rules give as data. match.Regexp runs it only around its literals
// ("{", "$", "[", "%", "#", "<?"): most messages have few of them, and an
// unanchored search of the whole text for eight alternatives was a third
// of a typical message's time. It is compiled on first use (half a
// millisecond, which a message without "{$[%#<" never needs) and never
// changed after.
var templateSlot = sync.OnceValue(func() *match.Regexp {
	return match.MustCompileRegexp(`<\?(?:php|=)[^\n]{1,160}?\?>|\$[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b|\{\{[^{}\n]{1,160}\}\}|\$\{[^{}\n]{1,80}\}|\{[\p{L}_][^{}\n]{0,80}\}|%[\p{L}_][\p{L}\p{N}_.]{1,60}%|#[A-Z][A-Z0-9_]{1,60}#|\[\[?[^\[\]\n]{1,60}\]?\]`)
})

// namedSlots returns the template slots of src whose name holds one of
// words and none of unless, and with hostSlots the slots that stand for the
// host of a link. A word of proseUnless counts as one of unless only in a
// slot whose name is written as words ([review link], not $review_url).
func namedSlots(src string, words, unless []string, hostSlots bool, proseUnless ...string) []match.Span {
	if len(words) == 0 || !maySlot(src) {
		return nil
	}
	var out []match.Span
	for _, loc := range templateSlot().FindAllStringIndex(src, -1) {
		names := slotWords(src[loc[0]:loc[1]])
		// A slot right after a scheme is the host of a link, whatever
		// its name says (http://#SERVER_NAME#/order).
		host := hostSlots && strings.HasSuffix(src[:loc[0]], "://")
		spared := anyWord(names, unless) || len(proseUnless) > 0 && anyWord(names, proseUnless) && proseName(src[loc[0]:loc[1]])
		if host || anyWord(names, words) && !spared {
			out = append(out, match.Span{Start: loc[0], End: loc[1]})
		}
	}
	return out
}

// maySlot reports whether src may hold a template slot: each opens with
// "{", "[", "%" or "#", with "<?", or with "$" and a lower-case letter (so
// prices such as "$49.99" do not send a message to the slot search).
//
// Each opener is looked for with strings.IndexByte, which reads many bytes
// at a time: a byte-by-byte switch over the message was a twentieth of
// linting one.
func maySlot(src string) bool {
	for _, open := range []byte{'{', '[', '%', '#'} {
		if strings.IndexByte(src, open) >= 0 {
			return true
		}
	}
	if strings.Contains(src, "<?") {
		return true
	}
	for rest := src; ; {
		i := strings.IndexByte(rest, '$')
		if i < 0 || i+1 >= len(rest) {
			return false
		}
		if c := rest[i+1]; c >= 'a' && c <= 'z' {
			return true
		}
		rest = rest[i+1:]
	}
}

// proseName reports whether a slot's name is written as words, the way a
// person or a messaging tool names a placeholder ("[review link]",
// "[[order-link:see your order]]"), rather than as a code identifier of a
// template system ("{{ Order.Url }}", "$review_order_url", "{{orderUrl}}",
// "<?php echo $url ?>"). Only the name before a ':' or '=' counts.
func proseName(slot string) bool {
	if strings.HasPrefix(slot, "<?") || strings.HasPrefix(slot, "$") {
		return false
	}
	name := strings.Trim(slot, "{}[]%#$ ")
	if i := strings.IndexAny(name, ":="); i >= 0 {
		name = name[:i]
	}
	if strings.ContainsAny(name, "_.()>$|") {
		return false
	}
	var prev rune
	for _, r := range name {
		if unicode.IsUpper(r) && unicode.IsLower(prev) {
			return false
		}
		prev = r
	}
	return strings.ContainsAny(strings.TrimSpace(name), " -")
}

func anyWord(names, words []string) bool {
	for _, w := range words {
		if slices.Contains(names, w) {
			return true
		}
	}
	return false
}

// slotWords splits a slot's name into lower-case words at every non-letter
// and at camelCase humps: "{{var store.getUrl()}}" → var store get url.
func slotWords(slot string) []string {
	var out []string
	var b strings.Builder
	flush := func() {
		if b.Len() > 0 {
			out = append(out, b.String())
			b.Reset()
		}
	}
	var prev rune
	for _, r := range slot {
		switch {
		case unicode.IsUpper(r):
			if unicode.IsLower(prev) {
				flush()
			}
			b.WriteRune(unicode.ToLower(r))
		case unicode.IsLetter(r):
			b.WriteRune(r)
		default:
			flush()
		}
		prev = r
	}
	flush()
	return out
}

package links

// These tables decide whether a bare word.word is a domain. They are
// read-only lookup tables.

// fileExtensions are country or generic TLDs that are far more often file
// extensions in a message: readme.md, main.py, setup.sh, photos.zip.
var fileExtensions = set("md", "py", "sh", "rs", "pl", "pm", "ps", "cc", "ai", "mk", "ml", "sc",
	"zip", "mov", "exe", "bat", "cfg", "log", "dll", "bin", "csv", "gz", "rar", "tar", "doc", "pdf", "jpg", "png")

// wordTLDs are TLDs spelt like short words that start sentences in the
// languages replylint reads, so "it.it works" or "item.in stock" are
// sentences missing a space far more often than domains.
var wordTLDs = set("it", "in", "is", "at", "as", "be", "by", "do", "me", "my", "no", "so", "to", "us",
	"am", "im", "la", "il", "et", "je", "si", "se", "ne", "ma", "ci", "mi", "an", "go", "ok", "hi", "ya")

// stopWords cannot be the first label of a spelt-out domain: "the dot com
// era" is prose.
var stopWords = set("the", "a", "an", "this", "that", "our", "your", "my", "his", "her", "their",
	"its", "of", "in", "on", "at", "to", "for", "with", "and", "or", "is", "was", "polka", "no")

// genericTLDs are the generic TLDs a shop or a scammer plausibly uses for a
// bare domain; other generic TLDs (.best, .today, .world, .love) are English
// words a sentence glued to its predecessor produces ("questions.best
// regards") and need a scheme, "www." or a path to count.
var genericTLDs = set("com", "net", "org", "info", "biz", "shop", "store", "online", "site", "website",
	"xyz", "top", "club", "tech", "app", "dev", "page", "asia", "mobi", "pro", "name", "cloud",
	"link", "click", "email", "services", "support", "help", "deals", "sale", "market", "boutique")

// plausibleTLD reports whether a bare domain with this TLD is a link:
// every two-letter country code left after fileExtensions and wordTLDs,
// and the generic ones above.
func plausibleTLD(tld string) bool {
	if len(tld) == 2 {
		return !fileExtensions[tld] && !wordTLDs[tld]
	}
	return genericTLDs[tld]
}

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

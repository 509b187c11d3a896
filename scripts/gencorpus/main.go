// Command gencorpus writes a synthetic corpus of seller-to-buyer messages for
// benchmarks: complaint replies written the four-step way, the same replies
// with policy violations mixed in (links, e-mail addresses, phone numbers,
// review requests and incentives, promotion, blame, pressure, emoji,
// placeholders, shouting), proactive notices and short answers, about a
// third of them in German, French, Spanish, Italian, Japanese or Chinese.
//
// Every sentence comes from the templates in this file, filled with invented
// names, products and shops; nothing is taken from a real message. The
// output is deterministic for a given -seed and -n.
//
//	go run ./scripts/gencorpus -out /tmp/corpus -n 2000 -seed 1
//
// writes /tmp/corpus/messages/NNNNN_LANG_CATEGORY.txt and /tmp/corpus/index.tsv
// (file, language, category, violations, characters).
package main

import (
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"
)

const (
	minChars = 100
	maxChars = 2000
)

func main() {
	out := flag.String("out", "", "directory to write messages/ and index.tsv into (required)")
	n := flag.Int("n", 2000, "number of messages")
	seed := flag.Uint64("seed", 1, "random seed; the same seed gives the same corpus")
	flag.Parse()
	if *out == "" || *n <= 0 {
		fmt.Fprintln(os.Stderr, "usage: gencorpus -out DIR [-n 2000] [-seed 1]")
		os.Exit(2)
	}
	if err := write(*out, *n, *seed); err != nil {
		fmt.Fprintln(os.Stderr, "gencorpus:", err)
		os.Exit(1)
	}
}

func write(out string, n int, seed uint64) error {
	dir := filepath.Join(out, "messages")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	g := &gen{rnd: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))}
	var index strings.Builder
	index.WriteString("file\tlanguage\tcategory\tviolations\tcharacters\n")
	for i := 1; i <= n; i++ {
		m := g.message()
		name := fmt.Sprintf("%05d_%s_%s.txt", i, m.lang, m.category)
		if err := os.WriteFile(filepath.Join(dir, name), []byte(m.text), 0o644); err != nil {
			return err
		}
		fmt.Fprintf(&index, "%s\t%s\t%s\t%s\t%d\n", name, m.lang, m.category, strings.Join(m.violations, ","), utf8.RuneCountInString(m.text))
	}
	return os.WriteFile(filepath.Join(out, "index.tsv"), []byte(index.String()), 0o644)
}

type message struct {
	lang, category string
	violations     []string
	text           string
}

type gen struct {
	rnd *rand.Rand
}

func (g *gen) pick(list []string) string { return list[g.rnd.IntN(len(list))] }

// message draws a language, a category and a target length, then builds the
// message from its parts, padding the body with detail sentences.
func (g *gen) message() message {
	p := g.pack()
	target := g.targetLength()
	cat := g.category(target)
	v := g.vars(p)
	m := message{lang: p.code, category: cat}

	var opening, body, closing []string
	switch cat {
	case "complaint-good", "complaint-bad":
		opening = append(opening, g.pick(p.apology))
		body = append(body, g.pick(p.ownership), g.pick(p.solution))
		closing = append(closing, g.pick(p.question))
	case "proactive-good", "proactive-bad":
		body = append(body, g.pick(p.proactive))
		closing = append(closing, g.pick(p.proactiveClose))
	case "short":
		body = append(body, g.pick(p.short))
	}
	if strings.HasSuffix(cat, "-bad") {
		kinds := p.violationKinds()
		for k := 1 + g.rnd.IntN(3); k > 0; k-- {
			kind := kinds[g.rnd.IntN(len(kinds))]
			m.violations = appendUnique(m.violations, kind)
			s := g.pick(p.violations[kind])
			if g.rnd.IntN(2) == 0 {
				body = append(body, s)
			} else {
				closing = append([]string{s}, closing...)
			}
		}
		if cat == "complaint-bad" && g.rnd.IntN(3) == 0 {
			// Drop a step of the method now and then.
			opening = nil
			m.violations = appendUnique(m.violations, "no-apology")
		}
	}

	greeting := g.pick(p.greeting)
	signoff := g.pick(p.signoff)
	pool := p.detail
	if !strings.HasPrefix(cat, "complaint") {
		pool = p.noticeDetail
	}
	render := func(extra []string) string {
		paras := [][]string{opening}
		// Three sentences to a paragraph, as agents write them.
		rest := append(append([]string{}, body...), extra...)
		for len(rest) > 3 {
			paras = append(paras, rest[:3])
			rest = rest[3:]
		}
		paras = append(paras, rest, closing)
		var b strings.Builder
		b.WriteString(greeting)
		for _, para := range paras {
			if len(para) > 0 {
				b.WriteString("\n\n")
				b.WriteString(strings.Join(para, p.sep))
			}
		}
		b.WriteString("\n\n")
		b.WriteString(signoff)
		b.WriteString("\n")
		return fill(b.String(), v)
	}
	var extra []string
	text := render(nil)
	details := g.rnd.Perm(len(pool))
	for _, d := range details {
		next := render(append(extra, pool[d]))
		if utf8.RuneCountInString(next) > target {
			break
		}
		extra = append(extra, pool[d])
		text = next
	}
	for utf8.RuneCountInString(text) < minChars && len(extra) < len(pool) {
		extra = append(extra, pool[details[len(extra)]])
		text = render(extra)
	}
	if utf8.RuneCountInString(text) > maxChars {
		text = render(nil)
	}
	m.text = text
	return m
}

func appendUnique(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}

// pack picks a language: two thirds English, the rest shared by the others.
func (g *gen) pack() *pack {
	if g.rnd.IntN(3) < 2 {
		return packs[0]
	}
	return packs[1+g.rnd.IntN(len(packs)-1)]
}

// targetLength is skewed to the 300-900 characters most replies have, with
// a tail to the 2000-character limit.
func (g *gen) targetLength() int {
	switch r := g.rnd.IntN(10); {
	case r < 1:
		return minChars + g.rnd.IntN(200)
	case r < 8:
		return 300 + g.rnd.IntN(600)
	default:
		return 900 + g.rnd.IntN(maxChars-900)
	}
}

func (g *gen) category(target int) string {
	if target < 250 {
		if g.rnd.IntN(2) == 0 {
			return "short"
		}
		return "proactive-good"
	}
	switch r := g.rnd.IntN(20); {
	case r < 8:
		return "complaint-good"
	case r < 14:
		return "complaint-bad"
	case r < 17:
		return "proactive-good"
	case r < 19:
		return "proactive-bad"
	default:
		return "short"
	}
}

func (g *gen) vars(p *pack) map[string]string {
	prod := g.rnd.IntN(len(p.products))
	return map[string]string{
		"name":    g.pick(p.names),
		"signer":  g.pick(p.names),
		"product": p.products[prod],
		"problem": p.problems[prod],
		"shop":    g.pick(shops),
		"domain":  g.pick(domains),
		"carrier": g.pick(carriers),
		"order":   fmt.Sprintf("%03d-%07d-%07d", 100+g.rnd.IntN(900), g.rnd.IntN(10000000), g.rnd.IntN(10000000)),
		"track":   fmt.Sprintf("1Z%03dAB%010d", g.rnd.IntN(1000), g.rnd.Int64N(10000000000)),
		"days":    fmt.Sprint(2 + g.rnd.IntN(5)),
		"amount":  fmt.Sprintf("%d.%02d", 9+g.rnd.IntN(190), g.rnd.IntN(100)),
		"pct":     fmt.Sprint(5 * (2 + g.rnd.IntN(8))),
		"phone":   fmt.Sprintf("+44 20 %04d %04d", g.rnd.IntN(10000), g.rnd.IntN(10000)),
		"user":    g.pick([]string{"care", "help", "service", "orders", "info", "support"}),
	}
}

// fill replaces {key} slots. Unknown keys stay, which is how the
// placeholder violations keep their {{buyer_name}}-style slots.
func fill(s string, v map[string]string) string {
	for k, val := range v {
		s = strings.ReplaceAll(s, "{"+k+"}", val)
	}
	return s
}

// Invented shops and domains; none of them is meant to exist.
var (
	shops    = []string{"Brightmill Home", "Kettle & Co", "Northwind Outfitters", "Lumen Living", "Papercrane Studio", "Oakridge Tools", "Bluefin Audio", "Hearthstone Kitchen"}
	domains  = []string{"brightmill-home.com", "kettleandco-shop.net", "northwind-outfit.store", "lumenliving.de", "papercrane-studio.fr", "oakridgetools.co.uk", "bluefin-audio.io", "hearthstone-kitchen.shop"}
	carriers = []string{"UPS", "DHL", "FedEx", "Royal Mail", "DPD", "GLS", "Hermes"}
)

// A pack holds one language's templates.
type pack struct {
	code string
	// sep joins sentences: a space, or nothing for Japanese and Chinese.
	sep                                    string
	names, products, problems              []string
	greeting, signoff                      []string
	apology, ownership, solution, question []string
	proactive, proactiveClose, short       []string
	// detail pads complaint replies, noticeDetail notices and short answers.
	detail, noticeDetail []string
	// violations holds sentences per kind of violation.
	violations map[string][]string
}

// violationKinds are the kinds this pack has templates for, in a fixed
// order (a map's order would make the corpus depend on the run).
func (p *pack) violationKinds() []string {
	var kinds []string
	for _, k := range []string{"link", "email", "phone", "review", "incentive", "promo", "blame", "pressure", "emoji", "placeholder", "shouting"} {
		if len(p.violations[k]) > 0 {
			kinds = append(kinds, k)
		}
	}
	return kinds
}

var packs = []*pack{en, de, fr, es, it, ja, zh}

package match_test

import (
	"math/rand/v2"
	"regexp"
	"regexp/syntax"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/replylint/replylint/lint/match"
)

// regexpCases are expressions of the shapes checks use on raw text: case
// folding, word boundaries, anchors, classes, groups, optional parts and
// unbounded runs.
var regexpCases = []string{
	`(?i)(?:\b(?:https?|hxxps?|ftp)://|\bwww\.)\S+|\bmailto:\S+|[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+|@[\p{L}\p{N}_.]+|\{\{.*?\}\}|\{%.*?%\}|\$\{[^}\n]*\}?|\{[\p{L}_][^{}\n]*\}|\[\[[^\n]*?\]\]|\[[^\[\]\n]*\]|<<[^\n]*?>>|<[^<>\n]*>|%[\p{L}_][\p{L}\p{N}_.]*%`,
	`(?i)(?:phone|\btel\b|\btel\.|telephone|\bcall|\bring\b|\btext|\bsms\b|mobile|whatsapp|number|contact|t[eé]l[eé]phone|电话|電話)`,
	`(?i)(?:order|tracking|\btrack|\bref\b|#|\bsku\b)(?:\s*(?:number|no\.?|nr\.?|#|id|code)\b)?`,
	`@([A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?)`,
	`^\s*(?:(?i:hi|hello|hey|dear|thanks|thank you)\s+)?(?:@[A-Za-z0-9_.]+[\s,:]*)+`,
	`^(?i)\d+(?:[.:]\d+)?(?:am|pm|h|x|st|nd|rd|th|kg|g|lb|ml|l|mm|cm|m|in|ft|oz)?$`,
	`[!?！？]{2,}`,
	`\b(?:damaged?|broken|defective|not working|never (?:arrived|received)|wrong (?:item|size)|refund(?:ed)?|cancel(?:led|lation)?|kaputt|retraso|problema)\b|破損|壊れ|退款|问题`,
	`(?i)\bSKUS?\b|Kelvin|straße|ſt`,
	`[\x{1F300}-\x{1F64F}\x{FFFD}]+`,
	`\bx+y\b|zz$|(?m)^qq`,
	`(a)(b)?(?:c|(d))`,
	`(?i)k`,
	`[^ ]+@[^ ]+`,
	`\B(?:ing|ed)\b`,
	`\bTODO\b`,
	`\bX{3,}\b|FIXME|[○〇◯●]{2,}`,
}

func TestRegexpMatchesRegexpPackage(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	pieces := []string{"Hello", "HTTPS://Example.COM/x", "www.shop.de", "mail me at Bob.Smith@Example.com", "@sara_b", "{{name}}", "{% if %}", "${x", "[[link]]", "[Name]", "<<x>>", "<b>",
		"%NAME%", "Phone", "TEL.", "call us", "Order #123", "tracking no. 5", "10:30am", "!!", "?!？", "damaged", "Refunded", "破損しました", "退款问题", "SKU", "skus", "KELVIN", "K", "Straße", "STRASSE",
		"ſt", "😀😀", "\xff\xfe", "\uFFFD", "xxy", "zz", "qq", "abcd", "ab", "acd", "going", "tired", " ", "\n", ", ", ".", "-", "é", "x", "d", "__",
		"TODO", "todo", "Todo", "XXXX", "xxx", "FIXME", "fixme", "○○", "●"}
	var texts []string
	for range 400 {
		var b strings.Builder
		for i, n := 0, rng.IntN(10); i < n; i++ {
			if rng.IntN(3) > 0 {
				b.WriteString([]string{" ", "", "\n", ". "}[rng.IntN(4)])
			}
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		texts = append(texts, b.String())
	}
	for _, expr := range regexpCases {
		want := regexp.MustCompile(expr)
		got := match.MustCompileRegexp(expr)
		gens := generators(t, []string{expr})
		all := slices.Clone(texts)
		for range 200 {
			all = append(all, randomText(rng, gens, pieces))
		}
		for _, s := range all {
			require.Equal(t, want.FindAllStringIndex(s, -1), got.FindAllStringIndex(s, -1), "%s on %q", expr, s)
			require.Equal(t, want.FindAllStringSubmatchIndex(s, -1), got.FindAllStringSubmatchIndex(s, -1), "%s on %q", expr, s)
			require.Equal(t, want.FindAllStringIndex(s, 2), got.FindAllStringIndex(s, 2), "%s on %q", expr, s)
			require.Equal(t, want.MatchString(s), got.MatchString(s), "%s on %q", expr, s)
			require.Equal(t, want.FindStringIndex(s), got.FindStringIndex(s), "%s on %q", expr, s)
			require.Equal(t, want.FindStringSubmatchIndex(s), got.FindStringSubmatchIndex(s), "%s on %q", expr, s)
		}
	}
}

func TestCompileRegexpRejectsBadExpression(t *testing.T) {
	_, err := match.CompileRegexp(`a(b`)
	require.Error(t, err)
	require.Panics(t, func() { match.MustCompileRegexp(`a(b`) })
	_, err = syntax.Parse(`a(b`, syntax.Perl)
	require.Error(t, err)
}

package check

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/replylint/replylint/lint/message"
	"github.com/replylint/replylint/lint/rule"
	"github.com/replylint/replylint/rules"
)

func placeholderBuiltin(t *testing.T) *Placeholder {
	t.Helper()
	const path = "hygiene/placeholder.yaml"
	r, err := rule.ParseFS(rules.FS, ".", path, "")
	require.NoError(t, err)
	c, err := NewPlaceholder(r)
	require.NoError(t, err)
	return c
}

func placeholderMessage(text string, mode rule.Mode) *message.Message {
	return message.New(text, message.Context{Channel: rule.Amazon, Language: "en", Mode: mode})
}

func TestPlaceholderDraft(t *testing.T) {
	c := placeholderBuiltin(t)
	tests := []struct {
		name string
		text string
		want []string
	}{
		{name: "mustache", text: "Hi {{buyer_name}}, thanks.", want: []string{"{{buyer_name}}"}},
		{name: "mustache with spaces", text: "Order {{ order_id }} ships.", want: []string{"{{ order_id }}"}},
		{name: "triple mustache", text: "Hi {{{name}}}!", want: []string{"{{{name}}}"}},
		{name: "liquid tags", text: "{% if x %}Yes{% endif %}", want: []string{"{% if x %}", "{% endif %}"}},
		{name: "dollar", text: "Dear ${customer.first_name},", want: []string{"${customer.first_name}"}},
		{name: "single brace", text: "Dear {name}, hello", want: []string{"{name}"}},
		{name: "percent", text: "Order %order_id% shipped.", want: []string{"%order_id%"}},
		{name: "double angle", text: "Hello <<buyer name>>.", want: []string{"<<buyer name>>"}},
		{name: "double square", text: "Hi [[buyer-name]], see [[order-link:your order]].", want: []string{"[[buyer-name]]", "[[order-link:your order]]"}},
		{name: "bracket title", text: "Dear [Buyer Name],", want: []string{"[Buyer Name]"}},
		{name: "bracket instruction", text: "Tracking: [insert tracking number].", want: []string{"[insert tracking number]"}},
		{name: "bracket lower", text: "It ships on [date] via [carrier_name].", want: []string{"[date]", "[carrier_name]"}},
		{name: "bracket caps", text: "Hi [BUYER NAME],", want: []string{"[BUYER NAME]"}},
		{name: "bracket other language", text: "Hola [nombre del cliente],", want: []string{"[nombre del cliente]"}},
		{name: "angle title", text: "Hello <Buyer Name>,", want: []string{"<Buyer Name>"}},
		{name: "angle snake", text: "Hello <buyer_name>,", want: []string{"<buyer_name>"}},
		{name: "angle your", text: "Regards, <your name>", want: []string{"<your name>"}},
		{name: "markers", text: "TODO: check. Refund is XXX, date TBD. FIXME", want: []string{"TODO", "XXX", "TBD", "FIXME"}},
		{name: "marker in a url", text: "Review: https://www.amazon.com/review?asin=XXXXXXXXXX now", want: []string{"XXXXXXXXXX"}},
		{name: "japanese", text: "○○様、ありがとうございます。", want: []string{"○○"}},
		{name: "blank line to fill", text: "Order number: ________", want: []string{"________"}},
		{name: "malformed slot", text: "Hi {{ name }, thanks. Bye name}}", want: []string{"{{ name", "}}"}},
		{name: "block tags are slots", text: "{% if x %}Yes", want: []string{"{% if x %}"}},
		{name: "marker inside slot is one finding", text: "[TODO: add link] thanks", want: []string{"[TODO: add link]"}},
		{name: "sic", text: "It is rated 5A [sic] (see below).", want: []string{}},
		{name: "html", text: "Line<br>two <b>bold</b> <p class=\"x\">p</p>", want: []string{}},
		{name: "prices and emoticons", text: "Only $10 :-) <3 and 50% off, 20% more :)", want: []string{}},
		{name: "markdown link", text: "See the [product page](https://www.amazon.com/dp/B000000000).", want: []string{}},
		{name: "sizes", text: "Sizes XXL and XXXL, tax 20%.", want: []string{}},
		{name: "subject tag", text: "[Important] Your delivery", want: []string{}},
		{name: "spanish todo", text: "Revisamos todo el pedido.", want: []string{}},
		{name: "ordinary brackets", text: "We sent two [2] boxes (one today).", want: []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := placeholderMessage(tt.text, rule.Draft)
			hits := c.Run(m)
			got := []string{}
			for _, h := range hits {
				got = append(got, m.Slice(h.Span))
				assert.Empty(t, h.Suggestions, "placeholders have no automatic fix")
			}
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestPlaceholderTemplate(t *testing.T) {
	c := placeholderBuiltin(t)
	tests := []struct {
		name string
		text string
		want []string
		msg  string // part of the first hit's message
	}{
		{name: "well formed", text: "Hi {{ name }}, order {{order_id}} ${x.y} [[link:here]] [Buyer Name] <Buyer Name>.", want: []string{}},
		{name: "blocks", text: "{% if a %}A{% elsif b %}B{% else %}C{% endif %}{% for i in x %}{{ i }}{% endfor %}", want: []string{}},
		{name: "twig whitespace control", text: "{%- if a -%}A{%- endif -%}", want: []string{}},
		{name: "unclosed mustache", text: "Hi {{ name }, thanks.", want: []string{"{{ name"}, msg: `never closed with "}}"`},
		{name: "unclosed before next", text: "Hi {{ name and {{ other }}.", want: []string{"{{ name"}, msg: "never closed"},
		{name: "unclosed at line end", text: "Hi {{name\nthanks }}", want: []string{"{{name", "}}"}, msg: "never closed"},
		{name: "empty", text: "Hello {{}} and {{ }}.", want: []string{"{{}}", "{{ }}"}, msg: "Empty template tag"},
		{name: "stray closer", text: "Hello name}}, thanks.", want: []string{"}}"}, msg: "closes nothing"},
		{name: "unclosed dollar", text: "Order ${order.id is ready.", want: []string{"${order.id"}, msg: `never closed with "}"`},
		{name: "empty dollar", text: "Order ${} is ready.", want: []string{"${}"}},
		{name: "unclosed double square", text: "See [[order-link here.", want: []string{"[[order-link"}},
		{name: "if without endif", text: "{% if tracking %}Tracking: {{ tracking }}", want: []string{"{% if tracking %}"}, msg: "{% endif %}"},
		{name: "wrong end", text: "{% if a %}A{% endfor %}", want: []string{"{% if a %}", "{% endfor %}"}},
		{name: "else outside", text: "A{% else %}B", want: []string{"{% else %}"}, msg: "outside any block"},
		{name: "markers still fire", text: "Hi {{ name }}, refund of XXX, label TBD.", want: []string{"XXX", "TBD"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := placeholderMessage(tt.text, rule.Template)
			hits := c.Run(m)
			got := []string{}
			for _, h := range hits {
				got = append(got, m.Slice(h.Span))
				assert.Empty(t, h.Suggestions)
			}
			assert.Equal(t, tt.want, got)
			if tt.msg != "" && len(hits) > 0 {
				assert.Contains(t, hits[0].Text(), tt.msg)
				assert.Contains(t, hits[0].Text(), "{match}", "the engine fills in the match")
			}
		})
	}
}

func TestPlaceholderConfigErrors(t *testing.T) {
	base := "id: x\nkind: placeholder\nseverity: error\nmessage: m\nexamples:\n  good: [ok]\n"
	tests := []struct {
		name, block, want string
	}{
		{name: "no block", block: "", want: "needs a placeholder block"},
		{name: "empty block", block: "placeholder:\n  slots: []\n", want: "needs slots or markers"},
		{name: "bad slot", block: "placeholder:\n  slots:\n    - '\\{\\{('\n", want: "test.yaml:9:7: bad pattern"},
		{name: "bad marker", block: "placeholder:\n  markers:\n    - '(?<=x)TODO'\n", want: "test.yaml:9:7: bad pattern"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := rule.Parse("test.yaml", []byte(base+tt.block))
			require.NoError(t, err)
			_, err = NewPlaceholder(r)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
		})
	}
}

package document_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/replylint/replylint/lint/document"
	"github.com/replylint/replylint/lint/rule"
	"github.com/replylint/replylint/lint/text"
)

// byName indexes messages by name.
func byName(msgs []*document.Message) map[string]*document.Message {
	out := map[string]*document.Message{}
	for _, m := range msgs {
		out[m.Name] = m
	}
	return out
}

func TestYAMLCollection(t *testing.T) {
	src := "# reply templates\n" +
		"- name: damaged\n" +
		"  channel: ebay\n" +
		"  kind: complaint-reply\n" +
		"  subject: Your order {{order_id}}\n" +
		"  body: |\n" +
		"    Hi {{buyer}},\n" +
		"\n" +
		"    we are sorry. Please don't remove your review.\n" +
		"      Indented line stays.\n" +
		"- id: late\n" +
		"  text: >\n" +
		"    Your parcel is late,\n" +
		"    we will refund you.\n" +
		"\n" +
		"    Thanks.\n" +
		"- title: quoted\n" +
		"  message: \"Tab\\there, caf\\u00e9 and \\\"quotes\\\"\\nnew line \\\n    joined\"\n" +
		"- content: 'It''s single\n    and folded'\n" +
		"- Just a plain\n  multi-line string\n"
	msgs := split(t, "replies.yaml", src)
	require.Len(t, msgs, 5)
	names := []string{}
	for _, m := range msgs {
		names = append(names, m.Name)
		assert.Equal(t, document.YAML, m.Format)
	}
	assert.Equal(t, []string{"damaged", "late", "quoted", "[3]", "[4]"}, names)

	d := msgs[0]
	assert.Equal(t, "Your order {{order_id}}\n\nHi {{buyer}},\n\nwe are sorry. Please don't remove your review.\n  Indented line stays.\n", d.Text)
	assert.Equal(t, rule.Ebay, d.Settings.Channel)
	assert.Equal(t, rule.ComplaintReply, d.Settings.Kind)
	assert.Equal(t, "remove your review", fileOf(t, d, src, "remove your review"))
	assert.Equal(t, "Your order {{order_id}}", fileOf(t, d, src, "Your order {{order_id}}"))
	// A line break of a literal block maps to the break and the next
	// line's indentation.
	assert.Equal(t, "sorry. Please don't remove your review.\n      Indented", fileOf(t, d, src, "sorry. Please don't remove your review.\n  Indented"))
	file := text.NewSource(src)
	i := strings.Index(d.Text, "we are sorry")
	assert.Equal(t, text.Position{Offset: strings.Index(src, "we are sorry"), Line: 9, Column: 5}, file.Position(d.FileOffset(i)))

	l := msgs[1]
	assert.Equal(t, "Your parcel is late, we will refund you.\nThanks.\n", l.Text)
	assert.Equal(t, "late,\n    we will", fileOf(t, l, src, "late, we will"))

	q := msgs[2]
	assert.Equal(t, "Tab\there, café and \"quotes\"\nnew line joined", q.Text)
	assert.Equal(t, `caf\u00e9`, fileOf(t, q, src, "café"))
	assert.Equal(t, `\"quotes\"`, fileOf(t, q, src, `"quotes"`))
	// An escape maps to its backslash.
	e := strings.Index(q.Text, "é")
	assert.Equal(t, strings.Index(src, `\u00e9`), q.FileOffset(e))
	// An escaped line break leaves a gap: the words on both sides cannot be
	// rewritten as one range, but each can.
	_, _, ok := q.FileSpan(strings.Index(q.Text, "line joined"), len(q.Text))
	assert.False(t, ok)
	assert.Equal(t, "joined", fileOf(t, q, src, "joined"))

	s := msgs[3]
	assert.Equal(t, "It's single and folded", s.Text)
	assert.Equal(t, "It''s single", fileOf(t, s, src, "It's single"))

	p := msgs[4]
	assert.Equal(t, "Just a plain multi-line string", p.Text)
	assert.Equal(t, "plain\n  multi-line", fileOf(t, p, src, "plain multi-line"))
}

func TestYAMLCollectionShapes(t *testing.T) {
	tests := []struct {
		name, src string
		want      map[string]string
	}{
		{"name to text", "welcome: Hi there\nsorry: |\n  We are sorry.\n", map[string]string{"welcome": "Hi there", "sorry": "We are sorry.\n"}},
		{"name to entry", "welcome:\n  body: Hi\n  name: ignored\n", map[string]string{"welcome": "Hi"}},
		{"group", "macros:\n  - title: a\n    body: A\n  - B\n", map[string]string{"a": "A", "macros[1]": "B"}},
		{"single entry", "name: x\nbody: Hello\nchannel: tiktok\n", map[string]string{"x": "Hello"}},
		{"single entry without name", "body: Hello\n", map[string]string{"": "Hello"}},
		{"anchors and aliases", "base: &b Hello\ncopy: *b\ntagged: !!str 12\n", map[string]string{"base": "Hello", "copy": "Hello", "tagged": "12"}},
		{"flow", "- {name: a, body: 'x, y'}\n", map[string]string{"a": "x, y"}},
		{"comments removed", "a: \"Hi {{/* note */}}there\"\n", map[string]string{"a": "Hi there"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			msgs := split(t, "c.yml", tt.src)
			got := map[string]string{}
			for _, m := range msgs {
				got[m.Name] = m.Text
				// Every message maps into the file.
				for o := 0; o <= len(m.Text); o++ {
					f := m.FileOffset(o)
					require.True(t, f >= 0 && f <= len(tt.src))
				}
			}
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestCollectionProblems(t *testing.T) {
	tests := []struct {
		name, path, src string
		want            []string
		messages        int
	}{
		{"no body", "c.yaml", "- name: a\n  subject: x\n", []string{`1:3: template "a" has no text (give one of body, text, message, content, template)|`}, 0},
		{"two bodies", "c.yaml", "- body: a\n  text: b\n", []string{`2:3: "text" and another text field are both given; a template has one text (body, text, message, content, template)|`}, 1},
		{"typo warning", "c.yaml", "- body: a\n  chanel: ebay\n  tags: [x]\n", []string{`2:3: unknown key "chanel" is ignored; did you mean "channel"?|warning: `}, 1},
		{"bad setting", "c.yaml", "- body: a\n  channel: etsy\n", []string{`2:12: unknown channel "etsy" (want amazon, ebay, walmart, tiktok or shopify)|`}, 1},
		{"number body", "c.yaml", "a: 12\nb: ~\n", []string{`1:4: template "a": the text must be a string, found "12"|`, `2:4: template "b" has no text|`}, 0},
		{"duplicate name", "c.yaml", "- name: a\n  body: x\n- name: a\n  body: y\n", []string{`3:3: template name "a" is used twice (first at line 1)|warning: `}, 2},
		{"scalar root", "c.json", `12`, []string{`1:1: expected a list or a mapping of templates, found "12"|`}, 0},
		{"broken yaml", "c.yaml", "a: x\nb: y: z\n", []string{`2:1: mapping values are not allowed in this context|`}, 0},
		{"broken json", "c.json", "{\"a\": \"x\",\n \"b\" 1}", []string{`2:6: malformed JSON: unexpected '1', want ':' after a key|`}, 0},
		{"json control char", "c.json", "{\"a\": \"x\ny\"}", []string{`1:9: malformed JSON: control character '\n' in string (write it as an escape)|`}, 0},
		{"json trailing", "c.json", `{"a": "x"} x`, []string{`1:12: malformed JSON: unexpected 'x' after the JSON value|`}, 0},
		{"empty", "c.yaml", "# nothing\n", nil, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			msgs, got := problems(t, tt.path, tt.src)
			assert.Equal(t, tt.want, got)
			assert.Len(t, msgs, tt.messages)
		})
	}
}

func TestJSONCollection(t *testing.T) {
	src := `{
  "refund": {
    "subject": "Refund for order \"{{order}}\"",
    "body": "Hello,\n\nwe refunded your order \u2014 caf\u00e9 \ud83d\ude00.\nPlease remove your review.\\path \/ end",
    "mode": "template",
    "disable": ["emoji"]
  },
  "short": "Thanks!\t{{/* replylint-disable-line emoji -- brand */}}"
}`
	msgs := split(t, "macros.json", src)
	require.Len(t, msgs, 2)
	m := byName(msgs)
	r := m["refund"]
	require.NotNil(t, r)
	assert.Equal(t, document.JSON, r.Format)
	assert.Equal(t, "Refund for order \"{{order}}\"\n\nHello,\n\nwe refunded your order — café 😀.\nPlease remove your review.\\path / end", r.Text)
	assert.Equal(t, rule.Template, r.Settings.Mode)
	assert.Equal(t, []string{"emoji"}, r.Settings.Disable)
	assert.Equal(t, "remove your review", fileOf(t, r, src, "remove your review"))
	assert.Equal(t, `order \u2014 caf\u00e9 \ud83d\ude00.\nPlease`, fileOf(t, r, src, "order — café 😀.\nPlease"))
	assert.Equal(t, `\"{{order}}\"`, fileOf(t, r, src, `"{{order}}"`))
	assert.Equal(t, `\\path \/ end`, fileOf(t, r, src, `\path / end`))
	// A surrogate pair is one character mapping to the first escape.
	e := strings.Index(r.Text, "😀")
	assert.Equal(t, strings.Index(src, `\ud83d`), r.FileOffset(e))
	assert.Equal(t, strings.Index(src, `\ud83d`), r.FileOffset(e+2))

	s := m["short"]
	assert.Equal(t, "Thanks!", s.Text)
	require.Len(t, s.Suppressions, 1)
	assert.Equal(t, 1, s.Suppressions[0].Line)
	assert.Equal(t, 8, s.Suppressions[0].Pos.Line)
}

func TestJSONNextLineSuppression(t *testing.T) {
	src := `[{"name": "a", "body": "Hi,\n{{/* replylint-disable-next-line review-manipulation -- approved */}}\nPlease update your review.\nBye"}]`
	m := split(t, "a.json", src)[0]
	assert.Equal(t, "Hi,\nPlease update your review.\nBye", m.Text)
	require.Len(t, m.Suppressions, 1)
	assert.Equal(t, 2, m.Suppressions[0].Line)
}

// TestWriteBack writes one change back into each kind of file.
func TestWriteBack(t *testing.T) {
	tests := []struct {
		name, path, src, find, replace, want string
		refused                              bool
	}{
		{"text", "a.txt", "Please remove it.\n", "remove it", "tell us\nmore", "Please tell us\nmore.\n", false},
		{"text crlf", "a.txt", "Please remove it.\r\nBye\r\n", "remove it", "tell us\nmore", "Please tell us\r\nmore.\r\nBye\r\n", false},
		{"html text", "a.html", "<p>Please remove it.</p>", "remove it", "say <more> & less", "<p>Please say &lt;more&gt; &amp; less.</p>", false},
		{"html entity covered", "a.html", "<p>A &amp; B</p>", "A & B", "A and B", "<p>A and B</p>", false},
		{"html across tag", "a.html", "<p>A <b>B</b></p>", "A B", "x", "", true},
		{"html attribute", "a.html", `<a href="https://x.example/a">go</a>`, "https://x.example/a", `https://y.example/?a=1&b="2"`, `<a href="https://y.example/?a=1&amp;b=&quot;2&quot;">go</a>`, false},
		{"json", "a.json", `{"a": "Please remove it."}`, "remove it", "say \"hi\"\n\\o/", `{"a": "Please say \"hi\"\n\\o/."}`, false},
		{"yaml double", "a.yaml", "a: \"Please remove it.\"\n", "remove it", "say \"hi\"\n", "a: \"Please say \\\"hi\\\"\\n.\"\n", false},
		{"yaml single", "a.yaml", "a: 'Please remove it.'\n", "remove it", "don't", "a: 'Please don''t.'\n", false},
		{"yaml single newline", "a.yaml", "a: 'Please remove it.'\n", "remove it", "x\ny", "a: \"Please x\\ny.\"\n", false},
		{"yaml plain", "a.yaml", "a: Please remove it.\n", "remove it", "stop", "a: Please stop.\n", false},
		{"yaml plain colon", "a.yaml", "a: Please remove it.\n", "remove it", "note: this", "a: \"Please note: this.\"\n", false},
		{"yaml plain comment", "a.yaml", "a: Please remove it.\n", "remove it", "x #1", "a: \"Please x #1.\"\n", false},
		{"yaml plain number", "a.yaml", "a: remove it\n", "remove it", "12", "a: \"12\"\n", false},
		{"html link target prose", "a.html", `<a href="https://x.example/a">go</a>`, "https://x.example/a", "the order page", "", true},
		{"yaml literal", "a.yaml", "a: |\n  Please remove it.\n  Bye\n", "remove it", "stop\nand think", "a: |\n  Please stop\n  and think.\n  Bye\n", false},
		{"yaml literal across lines", "a.yaml", "a: |\n  Please remove\n  it now\n", "remove\nit", "keep it", "a: |\n  Please keep it now\n", false},
		{"yaml folded newline", "a.yaml", "a: >\n  Please remove it.\n", "remove it", "x\ny", "a: \"Please x\\ny.\\n\"\n", false},
		{"yaml literal tab start", "a.yaml", "a: |\n  Please remove it.\n", "Please remove it.", "\tx", "a: \"\\tx\\n\"\n", false},
		{"front matter body", "a.md", "---\nmode: draft\n---\nPlease remove it.\n", "remove it", "stop", "---\nmode: draft\n---\nPlease stop.\n", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := split(t, tt.path, tt.src)[0]
			i := strings.Index(m.Text, tt.find)
			require.GreaterOrEqual(t, i, 0, "%q in %q", tt.find, m.Text)
			out, applied := document.WriteBack([]*document.Message{m}, []document.Change{{Start: i, End: i + len(tt.find), NewText: tt.replace}})
			if tt.refused {
				assert.False(t, applied[0])
				assert.Equal(t, tt.src, out)
				return
			}
			require.True(t, applied[0])
			assert.Equal(t, tt.want, out)
			// The written file reads back as the edited text.
			again, errs := document.Split(tt.path, out)
			require.Empty(t, errs)
			want := m.Text[:i] + tt.replace + m.Text[i+len(tt.find):]
			if tt.path == "a.html" {
				want = strings.Join(strings.Fields(want), " ")
				again[0].Text = strings.Join(strings.Fields(again[0].Text), " ")
			}
			if tt.name == "text crlf" {
				want = strings.ReplaceAll(strings.ReplaceAll(want, "\r\n", "\n"), "\n", "\r\n")
			}
			assert.Equal(t, want, again[0].Text)
		})
	}
}

func TestInsertion(t *testing.T) {
	src := "{\"a\": \"Hi{{/* c */}} there\"}"
	m := split(t, "a.json", src)[0]
	require.Equal(t, "Hi there", m.Text)
	// Text inserted after "Hi" lands before the comment, not after it.
	e, ok := m.Edit(2, 2, ",")
	require.True(t, ok)
	assert.Equal(t, strings.Index(src, "{{/*"), e.Start)
	assert.Equal(t, e.Start, e.End)
}

func TestCRLFFiles(t *testing.T) {
	src := "- name: a\r\n  body: |\r\n    Hello there,\r\n    please remove your review.\r\n- name: b\r\n  body: >\r\n    folded\r\n    text\r\n- name: c\r\n  body: \"x\r\n    y\"\r\n"
	msgs := split(t, "c.yaml", src)
	require.Len(t, msgs, 3)
	assert.Equal(t, "Hello there,\nplease remove your review.\n", msgs[0].Text)
	assert.Equal(t, "there,\r\n    please", fileOf(t, msgs[0], src, "there,\nplease"))
	assert.Equal(t, "folded text\n", msgs[1].Text)
	assert.Equal(t, "folded\r\n    text", fileOf(t, msgs[1], src, "folded text"))
	assert.Equal(t, "x y", msgs[2].Text)
	// A new line in a literal block is written with the file's CR LF and
	// the block's indentation.
	i := strings.Index(msgs[0].Text, "please")
	e, ok := msgs[0].Edit(i, i, "sorry,\n")
	require.True(t, ok)
	assert.Equal(t, "sorry,\r\n    ", e.NewText)

	html := "<p>Hi\r\n  there</p>\r\n<p>Bye</p>\r\n"
	m := split(t, "m.html", html)[0]
	assert.Equal(t, "Hi there\n\nBye", m.Text)
	assert.Equal(t, "Hi\r\n  there", fileOf(t, m, html, "Hi there"))
}

func TestHTMLBodiesInCollections(t *testing.T) {
	src := `{"mail": {"body": "<p>Hi,</p>\n<p>Tom &amp; \"Jerry\" say caf\u00e9 <!-- replylint-disable-line emoji -- x --></p><p><a href=\"https://x.example/?a=1&amp;b=2\">track</a></p>"},
 "raw": {"format": "text", "body": "<p>kept</p>"}}`
	msgs := split(t, "c.json", src)
	require.Len(t, msgs, 2)
	m := byName(msgs)["mail"]
	assert.Equal(t, "Hi,\n\nTom & \"Jerry\" say café\n\ntrack\nhttps://x.example/?a=1&b=2", m.Text)
	assert.Equal(t, `Tom &amp; \"Jerry\" say caf\u00e9`, fileOf(t, m, src, `Tom & "Jerry" say café`))
	assert.Equal(t, `https://x.example/?a=1&amp;b=2`, fileOf(t, m, src, "https://x.example/?a=1&b=2"))
	require.Len(t, m.Suppressions, 1)
	assert.Equal(t, 3, m.Suppressions[0].Line)
	assert.Equal(t, strings.Index(src, "<!--"), m.Suppressions[0].Pos.Offset)
	// An edit is encoded for HTML, then for JSON.
	i := strings.Index(m.Text, `"Jerry"`)
	e, ok := m.Edit(i, i+len(`"Jerry"`), `<Spike> & "Tyke"`)
	require.True(t, ok)
	assert.Equal(t, `&lt;Spike&gt; &amp; \"Tyke\"`, e.NewText)
	assert.Equal(t, `\"Jerry\"`, src[e.Start:e.End])

	assert.Equal(t, "<p>kept</p>", byName(msgs)["raw"].Text)

	y := "a: |\n  <div>Hello</div>\n  <div>there &amp; bye</div>\n"
	ym := split(t, "c.yaml", y)[0]
	assert.Equal(t, "Hello\nthere & bye", ym.Text)
	assert.Equal(t, "there &amp; bye", fileOf(t, ym, y, "there & bye"))

	_, got := problems(t, "c.yaml", "- body: x\n  format: pdf\n")
	assert.Equal(t, []string{`2:11: format must be text, markdown or html, found "pdf"|`}, got)
}

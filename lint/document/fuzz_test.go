package document

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// checkMaps checks the invariants of every message's offset map against the
// file: pieces cover the text in order, verbatim pieces are the file's own
// bytes, every offset maps into the file, and a range inside a verbatim
// piece maps back to exactly its bytes with ok set.
func checkMaps(t *testing.T, src string, msgs []*Message, errs []error) {
	t.Helper()
	for _, err := range errs {
		var p *Problem
		if !errors.As(err, &p) {
			t.Fatalf("error %v is not a *Problem", err)
		}
		if p.Pos.Offset < 0 || p.Pos.Offset > len(src) {
			t.Fatalf("problem %v outside the file", p)
		}
	}
	for _, m := range msgs {
		n := len(m.Text)
		if m.m.n != n {
			t.Fatalf("map length %d, text length %d", m.m.n, n)
		}
		if n > 0 && (len(m.m.pieces) == 0 || m.m.pieces[0].t != 0) {
			t.Fatalf("pieces do not start at 0: %+v", m.m.pieces)
		}
		for i, p := range m.m.pieces {
			end := m.m.pieceEnd(i)
			if end <= p.t {
				t.Fatalf("empty or backwards piece %d: %+v", i, p)
			}
			if p.f < 0 || p.fe < p.f || p.fe > len(src) {
				t.Fatalf("piece %d file range %d..%d outside 0..%d", i, p.f, p.fe, len(src))
			}
			if p.kind == verbatim {
				if src[p.f:p.fe] != m.Text[p.t:end] {
					t.Fatalf("verbatim piece %d: file %q, text %q", i, src[p.f:p.fe], m.Text[p.t:end])
				}
				// Identity ranges round-trip.
				for a := p.t; a < end; a += 1 + (end-p.t)/3 {
					b := min(end, a+1+(end-a)/2)
					if splitsCRLF(m.Text, a) || splitsCRLF(m.Text, b) {
						continue
					}
					fs, fe, ok := m.FileSpan(a, b)
					if !ok || src[fs:fe] != m.Text[a:b] {
						t.Fatalf("FileSpan(%d,%d) = %d,%d,%v: %q vs %q", a, b, fs, fe, ok, src[fs:fe], m.Text[a:b])
					}
				}
			}
			if p.kind == inserted && p.f != p.fe {
				t.Fatalf("inserted piece %d has file bytes", i)
			}
		}
		for o := 0; o <= n; o++ {
			if f := m.FileOffset(o); f < 0 || f > len(src) {
				t.Fatalf("FileOffset(%d) = %d outside 0..%d", o, f, len(src))
			}
		}
		for a := 0; a <= n; a += 1 + n/7 {
			for b := a; b <= n; b += 1 + n/5 {
				fs, fe, ok := m.FileSpan(a, b)
				if fs < 0 || fe < fs || fe > len(src) {
					t.Fatalf("FileSpan(%d,%d) = %d,%d outside the file", a, b, fs, fe)
				}
				if ok && utf8.ValidString(src) {
					if e, eok := m.Edit(a, b, "x"); eok && (e.Start != fs || e.End != fe) {
						t.Fatalf("Edit range %d..%d differs from FileSpan %d..%d", e.Start, e.End, fs, fe)
					}
				}
			}
		}
		for _, s := range m.Suppressions {
			if s.Line < 0 || s.Pos.Offset < 0 || s.Pos.Offset > len(src) {
				t.Fatalf("suppression %+v out of range", s)
			}
		}
	}
}

func FuzzSplit(f *testing.F) {
	seeds := []struct {
		format Format
		src    string
	}{
		{Text, "Hello,\n{{/* replylint-disable-next-line emoji -- brand */}}\nThanks {{! x }} a lot\n"},
		{Text, "{# a #} {{!-- b --}} <#-- c --> <!-- d -->\r\nline\r\n{{- /* e */ -}}"},
		{Text, "unclosed {{/* comment"},
		{Markdown, "---\nchannel: ebay\nkind: complaint-reply\ndisable: [apology]\n---\nHi\n"},
		{Markdown, "---\r\nsubject: \"Re: order \\u00e9\"\r\nmode: template\r\n---\r\nBody\r\n"},
		{Markdown, "---\nchanel: x\n---\n"},
		{Markdown, "---\nlanguage: [\n---\nbody"},
		{HTML, "<p>Hi&nbsp;there &amp; <a href=\"https://x.example/?a=1&amp;b=2\">track</a></p><div>A<br>B</div>"},
		{HTML, "<html><head><title>x</title></head><body><!-- replylint-disable -- r --><p>x &#233; &eacute &notit;</p></body>"},
		{HTML, "<p>{# <b> #}text<a href='mailto:a@b.example'>mail</a></p><script>x</script>"},
		{YAML, "- name: a\n  body: |\n    one\n    two\n  subject: 'it''s'\n- \"x\\ty\\\n  z\"\n- >-\n  folded\n  line\n\n  para\n"},
		{YAML, "a: plain\n  continued\nb: &x \"anchored\"\nc: *x\nd:\n  text: hi\n  disable: apology, promotion\n"},
		{YAML, "macros:\n  - title: t\n    content: |2\n        deep\n      less\n"},
		{JSON, `[{"name":"a","body":"Hi\n{{/* replylint-disable-line x -- y */}}\u00e9\ud83d\ude00 \"q\" \/"},"plain"]`},
		{JSON, `{"a": {"message": "x", "channel": "ebay"}, "b": 1, "c": null}`},
		{JSON, `{"a": "unterminated`},
		{Email, "From: a@b.example\r\nSubject: Re: your\r\n order\r\n\r\nBody\r\n"},
		{Email, "Subject: =?utf-8?q?caf=C3=A9?=\nContent-Type: multipart/alternative; boundary=x\n\n--x\nContent-Type: text/html\nContent-Transfer-Encoding: quoted-printable\n\n<p>a=3D b</p>\n--x\nContent-Type: text/plain\nContent-Transfer-Encoding: base64\n\naGk=\n--x--\n"},
		{Email, "Content-Type: multipart/mixed; boundary=\"q\"\n\n--q\n\nno headers\n--q"},
	}
	for _, s := range seeds {
		f.Add(string(s.format), s.src)
	}
	f.Fuzz(func(t *testing.T, format, src string) {
		fm := Format(format)
		if _, err := ParseFormat(format); err != nil {
			fm = DetectFormat("input", src)
		}
		msgs, errs := SplitFormat("f", src, fm)
		checkMaps(t, src, msgs, errs)
	})
}

// FuzzEdit checks write-back: a change WriteBack applies reads back as the
// edited message text, leaves the other messages, their names and the
// file's problems as they were, and the file it writes is exactly the
// change's encoding when it reports nothing applied.
func FuzzEdit(f *testing.F) {
	seeds := []struct {
		format      Format
		src         string
		a, b        int
		replacement string
	}{
		{Text, "Please remove it.\r\nBye\r\n", 7, 16, "tell\nus"},
		{Markdown, "---\nkind: reply\n---\nHi there\n", 0, 2, "Hello"},
		{HTML, "<p>Tom &amp; Jerry\n  say hi</p><p>x</p>", 0, 15, "a <b> & c"},
		{YAML, "- body: |\n    line one\n    line two\n  subject: 'it''s'\n", 2, 12, "x\ny"},
		{YAML, "a: \"quoted \\\"x\\\" \\u00e9\"\nb: plain text\nc: >\n  folded\n  more\n", 1, 8, "\"q\" \\ \t"},
		{YAML, "a: plain text here\n", 6, 10, "a: b"},
		{YAML, "a: plain text here\n", 6, 10, "two\nlines"},
		{JSON, `{"a": "x\ny \"z\" \u00e9 \ud83d\ude00"}`, 0, 5, "\"\\\n\u0001"},
		{JSON, `{"a": "<p>Tom &amp; \"Jerry\"</p><p><a href='/x?a&amp;b'>t</a></p>"}`, 4, 9, "<b> & \"q\""},
		{YAML, "a: |\n  <div>Hi &lt;x&gt;</div>\n  <div>there</div>\n", 0, 6, "a\nb"},
	}
	for _, s := range seeds {
		f.Add(string(s.format), s.src, s.a, s.b, s.replacement)
	}
	f.Fuzz(func(t *testing.T, format, src string, a, b int, replacement string) {
		fm, err := ParseFormat(format)
		if err != nil || !utf8.ValidString(src) || !utf8.ValidString(replacement) {
			return
		}
		msgs, errs := SplitFormat("f", src, fm)
		if len(msgs) == 0 {
			return
		}
		m := msgs[0]
		n := len(m.Text)
		if n == 0 {
			return
		}
		a, b = abs(a)%(n+1), abs(b)%(n+1)
		if a > b {
			a, b = b, a
		}
		if !utf8.ValidString(m.Text[a:b]) || a < n && !utf8.RuneStart(m.Text[a]) || b < n && !utf8.RuneStart(m.Text[b]) {
			return
		}
		out, applied := WriteBack(msgs, []Change{{Start: a, End: b, NewText: replacement}})
		if !applied[0] {
			if out != src {
				t.Fatalf("nothing applied, yet %q became %q", src, out)
			}
			return
		}
		again, errs2 := SplitFormat("f", out, fm)
		if !slices.Equal(hardProblems(errs), hardProblems(errs2)) {
			t.Fatalf("edit made %q unreadable: %v", out, errs2)
		}
		if len(again) != len(msgs) {
			t.Fatalf("edit changed the number of messages: %q", out)
		}
		for i := range msgs {
			if again[i].Name != msgs[i].Name {
				t.Fatalf("edit renamed message %d: %q", i, out)
			}
		}
		if _, _, ctx, ok := m.span(a, b); ok && ctx != nil && ctx.kind == writeRaw {
			// Text copied verbatim keeps the file's CR LF.
			replacement = ctx.lineEnds(replacement)
		}
		want := m.Text[:a] + replacement + m.Text[b:]
		got := again[0].Text
		if m.viaHTML || again[0].viaHTML {
			want, got = strings.Join(strings.Fields(want), " "), strings.Join(strings.Fields(got), " ")
		}
		if got != want {
			t.Fatalf("edit %q→%q of %q wrote %q\nread back %q\nwant      %q", m.Text[a:b], replacement, src, out, got, want)
		}
	})
}

func abs(x int) int {
	if x < 0 {
		if x == -x {
			return 0
		}
		return -x
	}
	return x
}

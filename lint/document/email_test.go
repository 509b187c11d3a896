package document_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/replylint/replylint/lint/document"
)

// fileSlice returns the file text a message range maps to.
func fileSlice(m *document.Message, src string, a, b int) string {
	fs, fe, _ := m.FileSpan(a, b)
	return src[fs:fe]
}

func TestEmailHeadersAreLeftOut(t *testing.T) {
	src := "From: Kettle King <support@kettleking.example>\r\n" +
		"To: buyer@example.com\r\n" +
		"Subject: Your order\r\n" +
		" 112-3456789\r\n" +
		"Content-Type: text/plain; charset=utf-8\r\n" +
		"\r\n" +
		"Hi Anna,\r\nsorry about the lid. Write to me at anna@kettleking.example.\r\n"
	msgs := split(t, "reply.eml", src)
	require.Len(t, msgs, 1)
	m := msgs[0]
	assert.Equal(t, document.Email, m.Format)
	assert.Equal(t, "Your order 112-3456789\n\nHi Anna,\r\nsorry about the lid. Write to me at anna@kettleking.example.\r\n", m.Text)
	assert.NotContains(t, m.Text, "support@kettleking.example", "From is not the seller's words")
	// The body maps byte for byte; the e-mail address points into the file.
	i := strings.Index(m.Text, "anna@")
	assert.Equal(t, "anna@kettleking.example", fileSlice(m, src, i, i+len("anna@kettleking.example")))
	// A folded subject is decoded text: it maps to the header and cannot be edited.
	_, ok := m.Edit(0, 4, "My")
	assert.False(t, ok)
}

func TestEmailSubjectIsEditable(t *testing.T) {
	src := "Subject: Pleese leave a review\n\nHello!\n"
	m := split(t, "a.eml", src)[0]
	assert.Equal(t, "Pleese leave a review\n\nHello!\n", m.Text)
	e, ok := m.Edit(0, 6, "Please")
	require.True(t, ok)
	assert.Equal(t, "Subject: Please leave a review\n\nHello!\n", src[:e.Start]+e.NewText+src[e.End:])
	_, ok = m.Edit(0, 6, "two\nlines")
	assert.False(t, ok, "a header holds one line")
}

func TestEmailMultipartPicksPlainText(t *testing.T) {
	src := "Subject: =?UTF-8?Q?D=C3=A9sol=C3=A9?=\n" +
		"MIME-Version: 1.0\n" +
		"Content-Type: multipart/alternative; boundary=\"b1\"\n" +
		"\n" +
		"preamble\n" +
		"--b1\n" +
		"Content-Type: text/html; charset=utf-8\n" +
		"\n" +
		"<p>HTML version</p>\n" +
		"--b1\n" +
		"Content-Type: text/plain; charset=utf-8\n" +
		"\n" +
		"Plain version, call +1 555 123 4567.\n" +
		"--b1--\n" +
		"epilogue\n"
	m := split(t, "x.eml", src)[0]
	assert.Equal(t, "Désolé\n\nPlain version, call +1 555 123 4567.", m.Text)
	i := strings.Index(m.Text, "+1 555")
	assert.Equal(t, "+1 555 123 4567", fileSlice(m, src, i, i+len("+1 555 123 4567")))
}

func TestEmailHTMLAndEncodedParts(t *testing.T) {
	html := "Content-Type: multipart/mixed; boundary=outer\n\n" +
		"--outer\n" +
		"Content-Type: multipart/alternative; boundary=inner\n\n" +
		"--inner\n" +
		"Content-Type: text/html\n" +
		"Content-Transfer-Encoding: quoted-printable\n\n" +
		"<p>Sorry for the d=\nelay.</p><p>Visit <a href=3D\"https://shop.example\">us</a></p>\n" +
		"--inner--\n" +
		"--outer\n" +
		"Content-Type: text/plain\n" +
		"Content-Disposition: attachment; filename=notes.txt\n\n" +
		"attached notes\n" +
		"--outer--\n"
	m := split(t, "h.eml", html)[0]
	assert.Contains(t, m.Text, "Sorry for the delay.")
	assert.Contains(t, m.Text, "https://shop.example", "link targets of HTML parts are linted")
	assert.NotContains(t, m.Text, "attached notes")
	// Decoded text points at its part and is not written back.
	i := strings.Index(m.Text, "delay")
	fs, _, _ := m.FileSpan(i, i+5)
	assert.Greater(t, fs, strings.Index(html, "quoted-printable"))
	_, ok := m.Edit(i, i+5, "wait")
	assert.False(t, ok)

	b64 := "Content-Type: text/plain\nContent-Transfer-Encoding: base64\n\nSGVsbG8s\nIHdvcmxkIQ==\n"
	assert.Equal(t, "Hello, world!", split(t, "b.eml", b64)[0].Text)
}

func TestEmailFallbacks(t *testing.T) {
	// Not a header block: the file is a draft.
	m := split(t, "draft.eml", "Hi Anna,\nyour order ships today.\n")[0]
	assert.Equal(t, "Hi Anna,\nyour order ships today.\n", m.Text)
	assert.Equal(t, document.Email, m.Format)

	// A multipart without its boundary is read as text, with a warning.
	msgs, probs := problems(t, "m.eml", "Content-Type: multipart/mixed\n\nbody text\n")
	require.Len(t, msgs, 1)
	assert.Equal(t, "body text\n", msgs[0].Text)
	require.Len(t, probs, 1)
	assert.Contains(t, probs[0], "without a usable boundary")

	// Broken base64 is read as it is.
	msgs, probs = problems(t, "b.eml", "Content-Transfer-Encoding: base64\n\n!!!not base64\n")
	assert.Equal(t, "!!!not base64\n", msgs[0].Text)
	require.Len(t, probs, 1)
	assert.Contains(t, probs[0], "cannot be decoded")
}

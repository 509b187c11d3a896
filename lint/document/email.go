package document

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"io"
	"mime"
	"mime/quotedprintable"
	"strings"
)

// An e-mail file (.eml, RFC 5322 with MIME) is linted as what the buyer
// reads: the Subject header as the first line, then the body. The other
// headers (From, To, Reply-To, Message-ID ...) are the mail system's, not
// the seller's words, and are left out: an address in From is no
// invitation to e-mail. In a multipart message the first text/plain part
// is the body, or else the first text/html part, read as an HTML file is.
// A part in quoted-printable or base64 is decoded; its findings point at
// the start of the part and its fixes are not written back (the encoded
// text would have to be rewritten as a whole).

// header is one header field: its name and its value's bytes in the file
// (continuation lines included).
type header struct {
	name       string
	start, end int
}

// maxMIMEDepth bounds nested multiparts.
const maxMIMEDepth = 8

// email splits an e-mail file.
func (s *splitter) email() *Message {
	headers, bodyStart, ok := readHeaders(s.src, 0, len(s.src))
	if !ok {
		// Not a header block: a draft saved with an .eml name.
		msg := s.single(Text)
		msg.Format = Email
		return msg
	}
	msg := &Message{Format: Email, file: s.src}
	body, comments := s.mimeBody(headers, bodyStart, len(s.src), 0)
	if subj, ok := s.subject(headers); ok {
		body, comments = withSubject(subj, nil, body, comments)
	}
	s.finish(msg, body, comments)
	return msg
}

// readHeaders reads the header block of src[from:to]: field lines, each
// maybe continued by lines that start with white space, up to an empty
// line. It returns the fields and where the body starts, and false when
// src does not start with a header block.
func readHeaders(src string, from, to int) ([]header, int, bool) {
	var hs []header
	i := from
	for i < to {
		le := lineEnd(src[:to], i)
		line := src[i:le]
		next := le + breakLen(src[:to], le)
		if strings.TrimRight(line, " \t") == "" {
			return hs, next, len(hs) > 0 || i > from
		}
		if line[0] == ' ' || line[0] == '\t' {
			if len(hs) == 0 {
				return nil, 0, false
			}
			hs[len(hs)-1].end = le
			i = next
			continue
		}
		colon := strings.IndexByte(line, ':')
		if colon <= 0 || !isFieldName(line[:colon]) {
			return nil, 0, false
		}
		start := i + colon + 1
		for start < le && (src[start] == ' ' || src[start] == '\t') {
			start++
		}
		hs = append(hs, header{name: strings.ToLower(line[:colon]), start: start, end: le})
		i = next
	}
	// Headers only, no body.
	return hs, to, len(hs) > 0
}

// isFieldName reports whether s is an RFC 5322 field name: printable ASCII
// without spaces or a colon.
func isFieldName(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] <= ' ' || s[i] > '~' {
			return false
		}
	}
	return true
}

// value returns a header's value with continuation lines unfolded.
func (s *splitter) value(h header) string {
	v := s.src[h.start:h.end]
	if !strings.ContainsAny(v, "\r\n") {
		return v
	}
	v = strings.NewReplacer("\r\n", "", "\n", "", "\r", "").Replace(v)
	return v
}

// lookup returns the first header named name (lower case).
func lookup(hs []header, name string) (header, bool) {
	for _, h := range hs {
		if h.name == name {
			return h, true
		}
	}
	return header{}, false
}

// subject returns the Subject header as message text: verbatim when it is
// one plain line (then it can be edited), decoded otherwise.
func (s *splitter) subject(hs []header) (mapped, bool) {
	h, ok := lookup(hs, "subject")
	if !ok || h.start >= h.end {
		return mapped{}, false
	}
	raw := s.src[h.start:h.end]
	var b builder
	b.src, b.empty = s.src, h.start
	if !strings.ContainsAny(raw, "\r\n") && !strings.Contains(raw, "=?") {
		// A header cannot hold a line break: edits with one are refused.
		b.verbatim(h.start, h.end, s.context(writeHeader))
		return b.done(), true
	}
	v := s.value(h)
	if dec, err := new(mime.WordDecoder).DecodeHeader(v); err == nil {
		v = dec
	}
	b.encoded(v, h.start, h.end, nil)
	return b.done(), true
}

// mimeBody returns the readable text of the entity whose headers are hs
// and whose body is src[from:to].
func (s *splitter) mimeBody(hs []header, from, to, depth int) (mapped, []placedComment) {
	mediaType, params := "text/plain", map[string]string{}
	if h, ok := lookup(hs, "content-type"); ok {
		if mt, ps, err := mime.ParseMediaType(s.value(h)); err == nil {
			mediaType, params = mt, ps
		} else {
			s.problemAt(h.start, true, "Content-Type %q cannot be read (%v); the body is read as plain text", s.value(h), err)
		}
	}
	if strings.HasPrefix(mediaType, "multipart/") {
		if part, ok := s.pickPart(params["boundary"], from, to, depth); ok {
			return s.mimeBody(part.headers, part.from, part.to, depth+1)
		}
		return s.rawPart(from, to, false)
	}
	html := mediaType == "text/html"
	if h, ok := lookup(hs, "content-transfer-encoding"); ok {
		switch cte := strings.ToLower(strings.TrimSpace(s.value(h))); cte {
		case "quoted-printable", "base64":
			dec, err := decodeTransfer(cte, s.src[from:to])
			if err != nil {
				s.problemAt(from, true, "the %s body cannot be decoded (%v); it is read as it is", cte, err)
				return s.rawPart(from, to, html)
			}
			x := mapped{text: dec, m: offsetMap{n: len(dec), empty: from}}
			if dec != "" {
				x.m.pieces = []piece{{t: 0, f: from, fe: to, kind: encoded}}
			}
			if html {
				return s.htmlIn(x)
			}
			return stripComments(x)
		}
	}
	return s.rawPart(from, to, html)
}

// rawPart is src[from:to] as it is, or its visible text when it is HTML.
func (s *splitter) rawPart(from, to int, html bool) (mapped, []placedComment) {
	if html {
		return s.htmlOf(s.src[:to], from, s.crlf)
	}
	var b builder
	b.src, b.empty = s.src, from
	b.verbatim(from, to, s.context(writeRaw))
	return stripComments(b.done())
}

// part is one entity of a multipart body.
type part struct {
	headers  []header
	from, to int
}

// pickPart returns the part of a multipart body to read: the first
// text/plain one, else the first text/html one, looking into nested
// multiparts.
func (s *splitter) pickPart(boundary string, from, to, depth int) (part, bool) {
	if boundary == "" || depth >= maxMIMEDepth {
		s.problemAt(from, true, "a multipart body without a usable boundary is read as plain text")
		return part{}, false
	}
	parts := s.splitParts(boundary, from, to)
	if len(parts) == 0 {
		s.problemAt(from, true, "no part with boundary %q found; the body is read as plain text", boundary)
		return part{}, false
	}
	var html *part
	for i := range parts {
		p := &parts[i]
		mt := "text/plain"
		if h, ok := lookup(p.headers, "content-type"); ok {
			if v, ps, err := mime.ParseMediaType(s.value(h)); err == nil {
				mt = v
				if strings.HasPrefix(mt, "multipart/") {
					if inner, ok := s.pickPart(ps["boundary"], p.from, p.to, depth+1); ok {
						return inner, true
					}
					continue
				}
			}
		}
		if h, ok := lookup(p.headers, "content-disposition"); ok && strings.HasPrefix(strings.ToLower(s.value(h)), "attachment") {
			continue
		}
		switch {
		case mt == "text/plain":
			return *p, true
		case mt == "text/html" && html == nil:
			html = p
		}
	}
	if html != nil {
		return *html, true
	}
	s.problemAt(from, true, "no text/plain or text/html part; the body is read as plain text")
	return part{}, false
}

// splitParts returns the parts between "--boundary" lines up to the
// closing "--boundary--". The line break before a delimiter belongs to it.
func (s *splitter) splitParts(boundary string, from, to int) []part {
	delim := "--" + boundary
	var parts []part
	start := -1
	for i := from; i < to; {
		le := lineEnd(s.src[:to], i)
		next := le + breakLen(s.src[:to], le)
		line := strings.TrimRight(s.src[i:le], " \t")
		if line == delim || line == delim+"--" {
			if start >= 0 {
				end := i - breakLenBefore(s.src, i)
				hs, bodyStart, ok := readHeaders(s.src, start, max(end, start))
				if !ok {
					hs, bodyStart = nil, start
				}
				parts = append(parts, part{headers: hs, from: min(bodyStart, max(end, start)), to: max(end, start)})
			}
			if line == delim+"--" {
				return parts
			}
			start = next
		}
		i = next
	}
	return parts
}

// decodeTransfer decodes a quoted-printable or base64 body.
func decodeTransfer(cte, body string) (string, error) {
	var r io.Reader
	if cte == "base64" {
		clean := strings.Map(func(r rune) rune {
			if r == '\r' || r == '\n' || r == ' ' || r == '\t' {
				return -1
			}
			return r
		}, body)
		r = base64.NewDecoder(base64.StdEncoding, strings.NewReader(clean))
	} else {
		r = quotedprintable.NewReader(strings.NewReader(body))
	}
	var out bytes.Buffer
	if _, err := io.Copy(&out, r); err != nil {
		return "", fmt.Errorf("%s: %w", cte, err)
	}
	return out.String(), nil
}

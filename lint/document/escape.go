package document

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// writeKind is the syntax a piece of message text sits in inside its file,
// which decides how replacement text is written there.
type writeKind uint8

const (
	writeRaw         writeKind = iota // plain text and Markdown: as is
	writeHTMLText                     // HTML text node: & < > become entities
	writeHTMLAttr                     // HTML attribute value (a link target)
	writeJSON                         // inside a JSON string
	writeYAMLPlain                    // YAML plain scalar
	writeYAMLDouble                   // YAML "double-quoted" scalar
	writeYAMLSingle                   // YAML 'single-quoted' scalar
	writeYAMLLiteral                  // YAML literal block scalar (|)
	writeYAMLFolded                   // YAML folded block scalar (>)
	writeHeader                       // an e-mail header value: one line
)

// writeContext says how to encode replacement text for one part of a file.
// Each scalar, attribute or body has its own context, so a range that runs
// from one into another (a subject into the body) is never rewritten.
type writeContext struct {
	kind writeKind
	// quote is the quote around an HTML attribute value (0: unquoted).
	quote byte
	// indent is the indentation of a YAML block scalar's lines.
	indent string
	// crlf is set when the file ends its lines with CR LF.
	crlf bool
	// inner is the encoding of the string that holds this text (HTML in a
	// JSON string): text is encoded for this context, then for inner.
	inner *writeContext
	// whole is the YAML scalar this text is in, which WriteBack re-emits
	// whole when an edit cannot be spliced into it.
	whole *wholeScalar
}

// encode turns newText into what must replace file[fs:fe]: escapes,
// entities, doubled quotes, the file's line breaks, the indentation of a
// block scalar. It refuses only text the syntax cannot hold there at all
// (a line break in a one-line scalar or attribute, a control character
// outside a double-quoted scalar, prose in a link target); whether the
// written file reads as intended is for WriteBack to find out, by reading
// it again.
func (c *writeContext) encode(file string, fs, fe int, s string) (string, bool) {
	if c.inner != nil {
		self := *c
		self.inner = nil
		enc, ok := self.encode(file, fs, fe, s)
		if !ok {
			return "", false
		}
		return c.inner.encode(file, fs, fe, enc)
	}
	switch c.kind {
	case writeYAMLPlain, writeYAMLSingle, writeYAMLLiteral, writeYAMLFolded:
		if !yamlPrintable(s) {
			return "", false // only a double-quoted scalar can escape it
		}
	}
	oneLine := !strings.ContainsAny(s, "\r\n")
	switch c.kind {
	case writeRaw:
		return c.lineEnds(s), true
	case writeHTMLText:
		r := strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")
		return c.lineEnds(r.Replace(s)), true
	case writeHTMLAttr:
		if !linkTarget(attrWith(file, fs, fe, c.quote, s)) {
			return "", false
		}
		switch c.quote {
		case '"':
			return strings.NewReplacer("&", "&amp;", `"`, "&quot;").Replace(s), true
		case '\'':
			return strings.NewReplacer("&", "&amp;", "'", "&#39;").Replace(s), true
		}
		if strings.ContainsAny(s, "\"'=<>`") {
			return "", false
		}
		return strings.ReplaceAll(s, "&", "&amp;"), true
	case writeJSON:
		return jsonEscape(s), true
	case writeYAMLDouble:
		// White space next to a line break is folded away, also when more
		// white space stands between: look past it.
		breakBefore := isBreak(byteBefore(strings.TrimRight(file[:fs], " \t")))
		breakAfter := isBreak(byteAfter(strings.TrimLeft(file[fe:], " \t")))
		return yamlDoubleEscape(s, breakBefore, breakAfter), true
	case writeYAMLSingle:
		return strings.ReplaceAll(s, "'", "''"), oneLine
	case writeYAMLPlain, writeHeader:
		return s, oneLine
	case writeYAMLLiteral:
		return c.blockLines(s, file, fs, fe)
	case writeYAMLFolded:
		if !oneLine {
			return "", false
		}
		return c.blockLines(s, file, fs, fe)
	}
	return "", false
}

// attrWith is the attribute value around file[fs:fe] with s in its place
// (entities not decoded: they do not make prose of a URL).
func attrWith(file string, fs, fe int, quote byte, s string) string {
	ends, starts := " \t\r\n\f>", " \t\r\n\f="
	if quote != 0 {
		ends, starts = string(quote), string(quote)
	}
	a := strings.LastIndexAny(file[:fs], starts) + 1
	b := fe + strings.IndexAny(file[fe:], ends)
	if b < fe {
		b = len(file)
	}
	return file[a:fs] + s + file[fe:b]
}

// linkTarget reports whether s can be written into a link target: one
// word, a URL, a path or an address, never prose (a sentence written into
// href="" would send the buyer nowhere).
func linkTarget(s string) bool {
	if s == "" || strings.ContainsAny(s, " \t\r\n\f") {
		return false
	}
	if strings.HasPrefix(s, "/") || strings.HasPrefix(s, "#") || strings.HasPrefix(s, "{{") {
		return true
	}
	scheme, rest, ok := strings.Cut(s, ":")
	if !ok || scheme == "" || rest == "" {
		return false
	}
	for i := 0; i < len(scheme); i++ {
		if !isAlnum(scheme[i]) && !(i > 0 && strings.IndexByte("+.-", scheme[i]) >= 0) {
			return false
		}
	}
	return true
}

// byteBefore is the last byte of s, or a line break for an empty s.
func byteBefore(s string) byte {
	if s == "" {
		return '\n'
	}
	return s[len(s)-1]
}

// byteAfter is the first byte of s, or a line break for an empty s.
func byteAfter(s string) byte {
	if s == "" {
		return '\n'
	}
	return s[0]
}

// yamlPrintable reports whether s holds only characters YAML allows in a
// stream (YAML 1.2, 5.1): no control characters but tab and line breaks.
func yamlPrintable(s string) bool {
	for _, r := range s {
		switch {
		case r == '\t' || r == '\n' || r == '\r' || r == 0x85:
		case r < 0x20 || r >= 0x7f && r < 0xa0 || r == 0xfffe || r == 0xffff || r == utf8.RuneError:
			return false
		}
	}
	return true
}

// lineEnds writes line breaks the way the file does.
func (c *writeContext) lineEnds(s string) string {
	if !c.crlf || !strings.Contains(s, "\n") {
		return s
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.ReplaceAll(s, "\n", "\r\n")
}

// blockLines indents every new line of s to the block scalar's
// indentation, and s itself when it starts a line of the file.
func (c *writeContext) blockLines(s, file string, fs, fe int) (string, bool) {
	atLineStart := fs == 0 || isBreak(file[fs-1])
	breakAfter := fe >= len(file) || isBreak(file[fe])
	s = strings.ReplaceAll(s, "\r\n", "\n")
	if strings.Contains(s, "\r") {
		return "", false
	}
	eol := "\n"
	if c.crlf {
		eol = "\r\n"
	}
	lines := strings.Split(s, "\n")
	var b strings.Builder
	if atLineStart && (lines[0] != "" || len(lines) == 1 && !breakAfter) {
		// At the start of a line of the file: the text (or what follows
		// it on the line) needs the block's indentation to stay in the
		// block.
		b.WriteString(c.indent)
	}
	for i, line := range lines {
		if i > 0 {
			b.WriteString(eol)
			if line != "" || i == len(lines)-1 {
				b.WriteString(c.indent)
			}
		}
		b.WriteString(line)
	}
	return b.String(), true
}

func isBreak(b byte) bool { return b == '\n' || b == '\r' }

// jsonEscape writes s as the inside of a JSON string. Non-ASCII text stays
// as it is; only what JSON requires is escaped.
func jsonEscape(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		case '\b':
			b.WriteString(`\b`)
		case '\f':
			b.WriteString(`\f`)
		default:
			if r < 0x20 {
				fmt.Fprintf(&b, `\u%04x`, r)
				continue
			}
			b.WriteRune(r)
		}
	}
	return b.String()
}

// yamlDoubleEscape writes s inside a YAML double-quoted scalar. White space
// next to a line break of the file would be folded away, so it is escaped.
func yamlDoubleEscape(s string, breakBefore, breakAfter bool) string {
	var b strings.Builder
	lead := 0
	if breakBefore {
		for lead < len(s) && (s[lead] == ' ' || s[lead] == '\t') {
			lead++
		}
	}
	trail := len(s)
	if breakAfter {
		for trail > lead && (s[trail-1] == ' ' || s[trail-1] == '\t') {
			trail--
		}
	}
	for i, r := range s {
		switch {
		case (i < lead || i >= trail) && r == ' ':
			b.WriteString(`\x20`)
		case (i < lead || i >= trail) && r == '\t':
			b.WriteString(`\t`)
		case r == '"':
			b.WriteString(`\"`)
		case r == '\\':
			b.WriteString(`\\`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r >= 0x7f && r < 0xa0:
			fmt.Fprintf(&b, `\x%02x`, r) // controls, and NEL, which may read as a line break
		case r == 0x2028 || r == 0x2029 || r == 0xfffe || r == 0xffff:
			fmt.Fprintf(&b, `\u%04x`, r)
		case r == utf8.RuneError:
			b.WriteString(`\uFFFD`)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

package document

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
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
	// scalarStart and scalarEnd delimit a YAML plain scalar in the file,
	// to check that an edited scalar still reads as the same kind of text,
	// or the body of a block scalar, whose trailing blank lines chomping
	// drops.
	scalarStart, scalarEnd int
	// keepTrailing is set for a block scalar with the "+" chomping
	// indicator, which keeps trailing blank lines.
	keepTrailing bool
	// linkText is set for the text of an HTML link, which decides whether
	// the link's target is shown.
	linkText bool
	// inFlow is set for a plain scalar in a flow collection ("[a, b]"),
	// where "?" and ":" are indicators.
	inFlow bool
}

// encode turns newText into what must replace file[fs:fe]. It refuses text
// that the syntax cannot hold there without restructuring the file (a line
// break in a YAML plain scalar, a quote in an unquoted attribute).
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
	before, after := byte('\n'), byte('\n')
	if fs > 0 {
		before = file[fs-1]
	}
	if fe < len(file) {
		after = file[fe]
	}
	switch c.kind {
	case writeYAMLPlain, writeYAMLSingle, writeYAMLLiteral, writeYAMLFolded:
		if !yamlPrintable(s) {
			return "", false // only a double-quoted scalar can escape it
		}
	}
	switch c.kind {
	case writeRaw:
		return c.lineEnds(s), true
	case writeHTMLText:
		if opensMarkup(file[:fs]) {
			return "", false
		}
		r := strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")
		return c.lineEnds(r.Replace(s)), true
	case writeHTMLAttr:
		if opensMarkup(file[:fs]) {
			return "", false
		}
		switch c.quote {
		case '"':
			return strings.NewReplacer("&", "&amp;", `"`, "&quot;").Replace(s), !strings.ContainsAny(s, "\r\n")
		case '\'':
			return strings.NewReplacer("&", "&amp;", "'", "&#39;").Replace(s), !strings.ContainsAny(s, "\r\n")
		}
		if strings.ContainsAny(s, " \t\r\n\f\"'=<>`") {
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
		if strings.ContainsAny(s, "\r\n") || isBreak(before) && startsSpace(s) || isBreak(after) && endsSpace(s) {
			return "", false
		}
		return strings.ReplaceAll(s, "'", "''"), true
	case writeYAMLPlain:
		if c.inFlow && strings.ContainsAny(s, "?:") {
			return "", false
		}
		if (s == "" || endsSpace(s)) && (before == ' ' || before == '\t' || endsSpace(s)) && onlyHSpace(file[fe:lineEnd(file, fe)]) && lineEnd(file, fe) < c.scalarEnd {
			return "", false // white space before a fold is folded away
		}
		if ls := lineStart(file, fs); ls > c.scalarStart && onlyHSpace(file[ls:fs]) &&
			(startsSpace(s) || s == "" && (after == ' ' || after == '\t')) {
			return "", false // a continuation line's leading white space is folded away
		}
		if c.scalarEnd > c.scalarStart && fs >= c.scalarStart && fe <= c.scalarEnd {
			if v := file[c.scalarStart:fs] + s + file[fe:c.scalarEnd]; v != strings.TrimSpace(v) {
				return "", false // a plain scalar's ends are trimmed
			}
		}
		return s, plainSafe(s, before, after) && c.stillString(file, fs, fe, s)
	case writeYAMLLiteral:
		if !c.keepsContentEnd(file, fs, fe, s) {
			return "", false
		}
		if (endsInBreak(s) || s == "" && onlyHSpace(file[lineStart(file, fs):fs])) && (after == ' ' || after == '\t') {
			// The rest of the line would start a line (after the break, or
			// after the indentation) with white space, which can change
			// the indentation YAML detects.
			return "", false
		}
		return c.keepIndentation(file, fs, fe)(c.blockLines(s, before, after))
	case writeHeader:
		return s, !strings.ContainsAny(s, "\r\n")
	case writeYAMLFolded:
		if strings.ContainsAny(s, "\r\n") || !c.keepsContentEnd(file, fs, fe, s) {
			return "", false
		}
		if isBreak(before) && isBreak(after) || onlyHSpace(file[lineStart(file, fs):fs]) || strings.ContainsAny(file[fs:fe], "\r\n") {
			// A line that becomes or stops being empty, or more indented,
			// or joins the next, changes how it and its neighbours fold (a
			// break or a space).
			return "", false
		}
		return c.keepIndentation(file, fs, fe)(c.blockLines(s, before, after))
	}
	return "", false
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

// opensMarkup reports whether HTML text ending in head could turn text
// written after it into a tag ("<" then "b>") or an entity ("&am" then
// "p;").
func opensMarkup(head string) bool {
	for _, p := range []string{"<", "</", "<!", "<?"} {
		if strings.HasSuffix(head, p) {
			return true
		}
	}
	i := strings.LastIndexByte(head, '&')
	if i < 0 || len(head)-i > 34 {
		return false
	}
	for k := i + 1; k < len(head); k++ {
		if !isAlnum(head[k]) && head[k] != '#' {
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

// blockLines indents every new line of s to the block scalar's indentation.
// A line that would start with white space is refused: at the top of the
// block it would change the indentation YAML detects.
func (c *writeContext) blockLines(s string, before, after byte) (string, bool) {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	if strings.Contains(s, "\r") || (before == ' ' || isBreak(before)) && startsSpace(s) {
		return "", false
	}

	eol := "\n"
	if c.crlf {
		eol = "\r\n"
	}
	lines := strings.Split(s, "\n")
	var b strings.Builder
	if isBreak(before) && (lines[0] != "" || len(lines) == 1 && !isBreak(after)) {
		// At the start of a line of the file: the text (or what follows
		// it on the line) needs the block's indentation to stay in the
		// block.
		b.WriteString(c.indent)
	}
	for i, line := range lines {
		if i > 0 {
			b.WriteString(eol)
			if startsSpace(line) {
				return "", false
			}
			if line != "" || i == len(lines)-1 {
				b.WriteString(c.indent)
			}
		}
		b.WriteString(line)
	}
	return b.String(), true
}

// keepsContentEnd reports whether a block scalar edited so still ends its
// content where the edit moves the old end to. Without the "+" indicator,
// YAML drops the blank lines at the end of a block, so an edit that leaves
// the last line blank ("0" to "") would lose a line break.
func (c *writeContext) keepsContentEnd(file string, fs, fe int, s string) bool {
	if c.keepTrailing {
		return true
	}
	if c.scalarEnd <= c.scalarStart || fs < c.scalarStart || fe > c.scalarEnd {
		return false
	}
	oldEnd := blockContentEnd(file[c.scalarStart:c.scalarEnd])
	if fe-c.scalarStart > oldEnd || oldEnd > 0 && fe-c.scalarStart == oldEnd && c.scalarEnd < len(file) && endsInBreak(file[c.scalarStart:c.scalarStart+oldEnd]) ||
		oldEnd >= 0 && fs-c.scalarStart >= oldEnd && endsInBreak(file[c.scalarStart:c.scalarStart+oldEnd]) {
		// Past the last line break the file goes on with what follows the
		// block: text written there, or a rewritten last break, would need
		// the block's indentation and a break of its own.
		return false
	}
	old := file[c.scalarStart:c.scalarEnd]
	body := file[c.scalarStart:fs] + s + file[fe:c.scalarEnd]
	if c.scalarEnd < len(file) && endsInBreak(old) && !endsInBreak(body) {
		return false // the next line of the file would join the block's last
	}
	return blockContentEnd(body) == oldEnd+len(s)-(fe-fs)
}

func endsInBreak(s string) bool { return s != "" && isBreak(s[len(s)-1]) }

// keepIndentation refuses an encoded block scalar edit after which the
// block's first line with text is indented differently: YAML takes the
// block's indentation from that line, so every line would read otherwise.
func (c *writeContext) keepIndentation(file string, fs, fe int) func(string, bool) (string, bool) {
	return func(enc string, ok bool) (string, bool) {
		if !ok || c.scalarEnd <= c.scalarStart || fs < c.scalarStart || fe > c.scalarEnd {
			return enc, ok
		}
		before := firstIndent(file[c.scalarStart:c.scalarEnd])
		body := file[c.scalarStart:fs] + enc + file[fe:c.scalarEnd]
		if after := firstIndent(body); before != after || leadingBlankWidth(body) > max(after, 0) && after >= 0 {
			// YAML also refuses a blank line before the first text that
			// is wider than that text's indentation.
			return "", false
		}
		return enc, true
	}
}

// firstIndent returns the indentation of the first line of body with text
// (-1 when there is none). body starts at a line's first column.
func firstIndent(body string) int {
	for i := 0; i < len(body); {
		le := lineEnd(body, i)
		if line := body[i:le]; strings.TrimLeft(line, " \t") != "" {
			return len(line) - len(strings.TrimLeft(line, " "))
		}
		if le == len(body) {
			break
		}
		i = le + breakLen(body, le)
	}
	return -1
}

// leadingBlankWidth returns the widest white-space-only line before the
// first line with text in body.
func leadingBlankWidth(body string) int {
	widest := 0
	for i := 0; i < len(body); {
		le := lineEnd(body, i)
		line := body[i:le]
		if strings.TrimLeft(line, " \t") != "" {
			break
		}
		widest = max(widest, len(line))
		if le == len(body) {
			break
		}
		i = le + breakLen(body, le)
	}
	return widest
}

// blockContentEnd is the end of a block scalar body's last line with text,
// after its line break; -1 when every line is blank.
func blockContentEnd(body string) int {
	last := strings.LastIndexFunc(body, func(r rune) bool { return r != ' ' && r != '\t' && r != '\r' && r != '\n' })
	if last < 0 {
		return -1
	}
	end := last + 1
	for end < len(body) && body[end] != '\n' && body[end] != '\r' {
		end++
	}
	return end + breakLen(body, end)
}

// stillString reports whether a one-line plain scalar edited so still
// reads as that text: "true", "12", "~" or "" would become a boolean, a
// number or nothing.
func (c *writeContext) stillString(file string, fs, fe int, s string) bool {
	if c.scalarEnd <= c.scalarStart || fs < c.scalarStart || fe > c.scalarEnd {
		return false
	}
	scalar := file[c.scalarStart:fs] + s + file[fe:c.scalarEnd]
	// A line that starts with "---" or "..." could become a document
	// marker (in a file that is one string).
	for i, line := range strings.Split(strings.ReplaceAll(scalar, "\r", "\n"), "\n") {
		atLineStart := i > 0 || c.scalarStart == 0 || isBreak(file[c.scalarStart-1])
		if atLineStart && (strings.HasPrefix(line, "---") || strings.HasPrefix(line, "...")) {
			return false
		}
	}
	scalar = strings.TrimSpace(scalar)
	if len(scalar) > 0 && strings.IndexByte("-?:", scalar[0]) >= 0 && (len(scalar) == 1 || strings.IndexByte(" \t\r\n", scalar[1]) >= 0) {
		return false // "- ", "? " and ": " start a collection entry
	}
	if strings.ContainsAny(scalar, "\r\n") {
		// Several lines never read as a number, boolean or null.
		return true
	}
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte("k: "+scalar), &doc); err != nil || len(doc.Content) != 1 {
		return false
	}
	m := doc.Content[0]
	if m.Kind != yaml.MappingNode || len(m.Content) != 2 {
		return false
	}
	v := m.Content[1]
	return v.Kind == yaml.ScalarNode && v.ShortTag() == "!!str" && v.Value == scalar
}

// plainSafe reports whether s can stand inside a YAML plain scalar without
// ending it, starting a comment or being trimmed away.
func plainSafe(s string, before, after byte) bool {
	if s == "" {
		// What is left joins before and after: no white space at a line's
		// end or start (folding drops it), no " #" comment, no ": ".
		blank := func(b byte) bool { return b == ' ' || b == '\t' }
		startsScalar := isBreak(before) || blank(before) || strings.IndexByte(":[{,", before) >= 0
		return !(blank(before) && (isBreak(after) || after == '#')) && !(isBreak(before) && (blank(after) || isBreak(after))) &&
			!(before == ':' && (blank(after) || isBreak(after))) &&
			!(startsScalar && strings.IndexByte("-?:!&*|>'\"%@`,[]{}#", after) >= 0)
	}
	if strings.ContainsAny(s, "\r\n\t#,[]{}") || strings.Contains(s, ": ") {
		return false
	}
	if s[len(s)-1] == ':' && (after == ' ' || isBreak(after)) {
		return false
	}
	if (s[len(s)-1] == '?' || s[len(s)-1] == ':') && strings.IndexByte(",]}", after) >= 0 {
		return false // before a flow indicator they are indicators too
	}
	if (isBreak(before) || strings.IndexByte(" :[{,", before) >= 0) && (startsSpace(s) || strings.ContainsRune("-?:!&*|>'\"%@`", rune(s[0]))) {
		return false
	}
	return !(endsSpace(s) && (isBreak(after) || after == ' ' || after == '#'))
}

func isBreak(b byte) bool { return b == '\n' || b == '\r' }

func startsSpace(s string) bool { return s != "" && (s[0] == ' ' || s[0] == '\t') }

func endsSpace(s string) bool { return s != "" && (s[len(s)-1] == ' ' || s[len(s)-1] == '\t') }

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

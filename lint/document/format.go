package document

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
)

// Format is a template file format.
type Format string

// Formats.
const (
	Text     Format = "text"
	Markdown Format = "markdown"
	HTML     Format = "html"
	YAML     Format = "yaml"
	JSON     Format = "json"
	Email    Format = "email"
)

// Formats lists the formats, for help texts.
func Formats() []Format { return []Format{Text, Markdown, HTML, YAML, JSON, Email} }

// ParseFormat parses a format name as a user gives it ("md" and "yml" are
// accepted too).
func ParseFormat(s string) (Format, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "text", "txt":
		return Text, nil
	case "markdown", "md":
		return Markdown, nil
	case "html", "htm":
		return HTML, nil
	case "yaml", "yml":
		return YAML, nil
	case "json":
		return JSON, nil
	case "email", "eml":
		return Email, nil
	}
	return "", fmt.Errorf("unknown format %q (want text, markdown, html, yaml, json or email)", s)
}

// formatByExt maps file extensions to formats.
var formatByExt = map[string]Format{
	".txt": Text, ".text": Text, ".eml": Email,
	".md": Markdown, ".markdown": Markdown,
	".html": HTML, ".htm": HTML, ".xhtml": HTML, ".gohtml": HTML,
	".yaml": YAML, ".yml": YAML,
	".json": JSON,
}

// engineExts are extensions of template engines. They say nothing about
// what the template renders to, so "reply.html.hbs" is HTML and "reply.hbs"
// is sniffed.
var engineExts = map[string]bool{
	".tmpl": true, ".tpl": true, ".gotmpl": true,
	".hbs": true, ".handlebars": true, ".mustache": true,
	".j2": true, ".jinja": true, ".jinja2": true, ".njk": true, ".twig": true,
	".liquid": true, ".ftl": true, ".ftlh": true, ".erb": true,
}

// DetectFormat picks a file's format from its extension (.txt .text: text;
// .md .markdown: Markdown; .html .htm .xhtml: HTML; .yaml .yml and .json:
// collections; .eml: e-mail). A template-engine extension (.tmpl .tpl .hbs .j2
// .njk .twig .liquid .ftl .mustache …) defers to the extension before it
// ("reply.html.j2" is HTML); when that says nothing either, and for
// unknown extensions and standard input, the content decides: valid JSON
// that starts with { or [ is JSON, text with HTML markup (a doctype, <html>,
// <br>, or a closing </p>, </div>, </a>, </td> … tag) is HTML, anything else
// is text. YAML is never sniffed: a plain message can parse as YAML.
func DetectFormat(path string, src string) Format {
	name := strings.ToLower(filepath.Base(path))
	ext := filepath.Ext(name)
	if engineExts[ext] {
		ext = filepath.Ext(strings.TrimSuffix(name, ext))
	}
	if f, ok := formatByExt[ext]; ok {
		return f
	}
	return sniff(src)
}

// htmlMarkup is a sign of HTML: a doctype, an <html> or <br> tag, or the
// closing tag of an element that plain text would not hold. A placeholder
// such as "<Buyer Name>" is no sign.
var htmlMarkup = regexp.MustCompile(`(?i)<!doctype\s+html|<html[\s>]|<br\s*/?>|</(?:p|div|a|span|td|tr|table|li|ul|ol|b|strong|em|i|h[1-6]|body|font)\s*>`)

func sniff(src string) Format {
	trimmed := strings.TrimSpace(src)
	if strings.HasPrefix(trimmed, "{") || strings.HasPrefix(trimmed, "[") {
		if json.Valid([]byte(trimmed)) {
			return JSON
		}
	}
	if htmlMarkup.MatchString(src) {
		return HTML
	}
	return Text
}

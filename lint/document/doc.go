// Package document turns a template file into the messages to lint. Teams
// keep reply templates in git as plain text, Markdown with front matter,
// HTML e-mails, or collections (one YAML or JSON file holding many
// templates); each message comes out as the text a buyer would read, with a
// map from every byte of that text back to the file, so findings point into
// the file and fixes can be written back to it.
//
// # Use
//
//	msgs, errs := document.Split(path, src) // errs are *document.Problem
//	file := text.NewSource(src)
//	for _, m := range msgs {
//		opts := baseOptions                      // then apply m.Settings
//		res := linter.Lint(m.Text, opts)         // findings on m.Text
//		kept, unused := m.Suppress(res.Findings) // still on m.Text
//		for _, f := range kept {
//			f = m.MapFinding(f, file) // now on the file, edits encoded
//		}
//	}
//
// Positions in Text are not positions in the file: always map offsets with
// FileOffset, FileSpan, Edit or MapFinding. (Line numbers agree only for a
// plain file without front matter and without comment lines.)
//
// # Formats
//
// DetectFormat picks the format from the extension and, failing that, the
// content; SplitFormat takes it from the caller.
//
// Text (.txt, .text): the whole file is the message, copied byte for byte
// (CR LF stays CR LF).
//
// E-mail (.eml): the Subject header and the body the buyer reads (see
// email.go); the other headers are left out.
//
// Markdown (.md): like text; Markdown syntax is linted as written (link
// targets included, since they matter to link rules).
//
// Front matter: a text, Markdown or HTML file may start with a line "---",
// YAML, and a line "---" (or "..."). Its keys are channel, kind, language,
// mode, marketplace and disable (a list of rule IDs), plus name (the
// message's Name) and subject. Unknown keys, bad values and broken YAML are
// errors at the file's line and column. The message is the rest of the
// file.
//
// HTML (.html, .htm): the visible text. Text inside script, style, head,
// title and template is dropped; white space collapses as a browser
// collapses it (&nbsp; counts as white space; <pre> is not special); div,
// li, tr, td and other blocks start a new line, p, h1-h6, ul, ol,
// blockquote and pre a new paragraph (a blank line), br breaks a line. Entities are decoded; a
// decoded character maps to the entity's '&'. A link target (<a href>) is
// linted too: when it differs from the link's text it is added as a line of
// its own at the end of the block that holds the link, mapped to the
// attribute value, so an edit of it rewrites the attribute. Targets that
// are fragments (#top) or javascript: are left out, and so are alt texts.
//
// Collections (.yaml, .yml, .json): a list of templates, a mapping of names
// to templates, or a single template mapping. A template is a string, or a
// mapping with one text field (body, text, message, content or template)
// and optional fields name, id or title (naming a list item), subject,
// format (text, markdown or html) and the settings keys of front matter. A
// body in HTML (format: html, or markup such as </p> or <br> found in it)
// is read as an HTML file is, through the string's own escapes. A mapping
// value that is a list is a group ("macros: [...]" gives "macros[0]",
// ...). Fields other tools put in an entry are ignored, but a key one or
// two typos away from a known one ("chanel") is reported as a warning.
// Each template is one Message named by its name field, its key or its
// place ("[3]"). Offsets map into the file exactly through YAML plain,
// quoted and block scalars (| and >) and JSON strings: an escape ("\n",
// "\u00e9", a doubled single quote) maps to its first byte, a folded line
// break to the break. Suppression comments go inside the template text;
// YAML comments are not read.
//
// A subject (collections and front matter) is linted as the first line of
// Text, followed by a blank line and the body, so that subject and body
// are judged together (a review request in a subject is still a review
// request). The blank line maps to the end of the subject and cannot be
// edited.
//
// # Template comments and suppressions
//
// Comments of the usual template engines never reach Text: {{/* */}} and
// {{- /* */ -}} (Go), {# #} (Jinja, Twig, Nunjucks), {{!-- --}} and {{! }}
// (Handlebars, Mustache), <#-- --> (FreeMarker) and <!-- --> (HTML,
// Markdown, and text). A line that holds only comments is removed with its
// line break, so that a comment inside a paragraph does not split it in
// two (a blank line would); a comment between words takes the white space
// on one side with it. An unclosed comment is an error and hides the rest
// of the text.
//
// A comment can suppress findings:
//
//	{{/* replylint-disable-next-line review-manipulation -- approved by legal */}}
//	<!-- replylint-disable-line emoji, promotion -- brand name -->
//	{# replylint-disable apology -- shipping notice, nothing went wrong #}
//
// replylint-disable covers the whole message wherever it stands (a
// message-level finding such as a missing apology has no line of its own);
// replylint-disable-line covers the message line of the comment;
// replylint-disable-next-line covers the next line with text (the next line
// of the message or of the file, whichever comes first, so that it works
// for a comment on a line of its own as well as for one before a "\n" in a
// JSON string, or between HTML paragraphs). Without rule IDs every rule is
// covered. A missing "-- reason" is a Problem with Warning set; a malformed
// rule ID or an unknown replylint- directive is an error, and a rule list
// whose IDs are all malformed suppresses nothing. Whether the IDs name
// loaded rules is for the caller to check, with RuleRefs. Message.Suppress
// applies the suppressions and the disable setting.
//
// # Writing back
//
// WriteBack is the one way edits reach a file: it takes changes of the
// messages' texts, encodes each for where it lands (entities in HTML text
// and attributes, escapes in JSON and double-quoted YAML, doubled quotes in
// single-quoted YAML, the indentation of YAML block scalars, CR LF in CR LF
// files), applies them all and splits the written file once more. Every
// message must read as its changes intend (HTML up to white space), the
// messages keep their number, names and settings, and no new problem
// appears; the changes that break this are found by bisection and left
// out. A change YAML cannot take in place is written by re-emitting its
// whole scalar as a double-quoted one. So the local encoders need no rules
// about folding, indicators or indentation: reading back decides.
//
// Message.Edit and MapFinding map one edit to the file and encode it the
// same way, for showing a suggestion; they refuse (ok false; MapFinding
// drops the suggestion's edits) a range that crosses a tag, a removed
// comment, the indentation of a block scalar or text that is not in the
// file, and new text the place cannot hold at all (a line break in a
// one-line scalar or attribute, prose in a link target).
package document

package document

import (
	"mime"
	"strings"
)

// EmailHeader returns the value of the first header field called name
// (case-insensitive) of an e-mail file, unfolded and with encoded words
// decoded, and false when the file has no header block or no such field.
// It reads the header block exactly as Split does, so a triage of buyer
// e-mails (Date, From, Message-ID) agrees with the text Split returns.
func EmailHeader(src, name string) (string, bool) {
	hs, _, ok := readHeaders(src, 0, len(src))
	if !ok {
		return "", false
	}
	h, ok := lookup(hs, strings.ToLower(name))
	if !ok {
		return "", false
	}
	s := &splitter{src: src}
	v := strings.TrimSpace(s.value(h))
	if dec, err := new(mime.WordDecoder).DecodeHeader(v); err == nil {
		v = dec
	}
	return v, true
}

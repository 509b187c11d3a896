package report

import (
	"io"

	"github.com/replylint/replylint/lint/finding"
)

// The JSON report has one stable shape, version 1 (fields are only ever
// added):
//
//	{
//	  "version": 1,
//	  "files": [{
//	    "path": "replies/a.txt",      // as given; "<stdin>" for standard input
//	    "channel": "amazon", "language": "en", "kind": "reply",
//	    "type": "order-problem",          // the message type (omitted if none)
//	    "score": 72, "grade": "C",
//	    "findings": [{
//	      "rule": "review-manipulation", "severity": "error", "message": "...",
//	      "line": 3, "column": 8, "endLine": 3, "endColumn": 20,
//	      "offset": 40, "endOffset": 52,  // bytes into the file
//	      "utf16Offset": 40, "utf16EndOffset": 52, // UTF-16 code units
//	      "runeOffset": 40, "runeEndOffset": 52,   // Unicode code points
//	      "match": "...",                 // the original text of the range
//	      "url": "https://...",           // the policy page behind the rule (omitted if none)
//	      "suggestions": [{"description": "...", "safe": false,
//	        "edits": [{"line": 3, "column": 8, "endLine": 3, "endColumn": 20,
//	                   "offset": 40, "endOffset": 52, "utf16Offset": 40,
//	                   "utf16EndOffset": 52, "runeOffset": 40, "runeEndOffset": 52,
//	                   "newText": ""}]}],
//	      "entry": "macros[0]"              // collections: the template (omitted otherwise)
//	    }],
//	  "entries": [{"name": "macros[0]", "line": 3, "score": 70, "grade": "C"}],  // collections only
//	  "minScore": 80, "scoreFailure": "score 70/100 is below the minimum score 80",  // when set / failed
//	  }],
//	  "summary": {"files": 1, "errors": 1, "warnings": 0, "infos": 0, "failed": true}
//	}
//
// Lines and columns are 1-based, columns count Unicode code points and end
// positions are exclusive. Offsets come in three units because the readers
// count in three: bytes (Go, files), UTF-16 code units (JavaScript, LSP,
// LanguageTool clients) and code points (Python). Empty lists are [] (never
// null).

// jsonVersion is bumped only for an incompatible change of the shape.
const jsonVersion = 1

type jsonReport struct {
	Version int        `json:"version"`
	Files   []jsonFile `json:"files"`
	Summary Summary    `json:"summary"`
}

type jsonFile struct {
	Path     string    `json:"path"`
	Channel  string    `json:"channel"`
	Language string    `json:"language"`
	Kind     string    `json:"kind"`
	Type     string    `json:"type,omitempty"`
	Score    int       `json:"score"`
	Grade    string    `json:"grade"`
	Findings []Finding `json:"findings"`
	// Entries score the templates of a collection one by one.
	Entries []jsonEntry `json:"entries,omitempty"`
	// MinScore is the minimum the file had to reach (0: none) and
	// ScoreFailure why it did not ("" when it did).
	MinScore     int    `json:"minScore,omitempty"`
	ScoreFailure string `json:"scoreFailure,omitempty"`
}

type jsonEntry struct {
	Name  string `json:"name"`
	Line  int    `json:"line"`
	Score int    `json:"score"`
	Grade string `json:"grade"`
}

// Finding is one finding as the JSON report writes it. Other faces (the
// HTTP service) write findings in this shape too, so that a program reads
// one shape whatever produced it.
type Finding struct {
	Rule string `json:"rule"`
	// Subrule is the sub-rule of the rule's group that fired (omitted for
	// rules without one).
	Subrule   string `json:"subrule,omitempty"`
	Severity  string `json:"severity"`
	Message   string `json:"message"`
	Line      int    `json:"line"`
	Column    int    `json:"column"`
	EndLine   int    `json:"endLine"`
	EndColumn int    `json:"endColumn"`
	Range
	Match string `json:"match"`
	// URL is the policy page behind the rule on the message's channel.
	URL         string       `json:"url,omitempty"`
	Suggestions []Suggestion `json:"suggestions"`
	// Entry is the collection template the finding is in.
	Entry string `json:"entry,omitempty"`
}

// Range is a finding's or an edit's range in the three units readers count
// in: bytes, UTF-16 code units and Unicode code points.
type Range struct {
	Offset         int `json:"offset"`
	EndOffset      int `json:"endOffset"`
	UTF16Offset    int `json:"utf16Offset"`
	UTF16EndOffset int `json:"utf16EndOffset"`
	RuneOffset     int `json:"runeOffset"`
	RuneEndOffset  int `json:"runeEndOffset"`
}

// Suggestion is one way to fix a finding.
type Suggestion struct {
	Description string `json:"description"`
	Safe        bool   `json:"safe"`
	Edits       []Edit `json:"edits"`
}

// Edit replaces a range of the text with NewText.
type Edit struct {
	Line      int `json:"line"`
	Column    int `json:"column"`
	EndLine   int `json:"endLine"`
	EndColumn int `json:"endColumn"`
	Range
	NewText string `json:"newText"`
}

func writeJSON(w io.Writer, files []File, sum Summary, opts Options) error {
	rep := jsonReport{Version: jsonVersion, Files: make([]jsonFile, 0, len(files)), Summary: sum}
	for _, f := range files {
		jf := jsonFile{Path: displayPath(f.Path), Findings: []Finding{}}
		if r := f.Result; r != nil {
			jf.Channel, jf.Language, jf.Kind, jf.Type = string(r.Channel), r.Language, string(r.Kind), string(r.Type)
			jf.Score, jf.Grade = r.Score, r.Grade
			jf.Findings = Findings(r.Findings, f.Source)
			jf.MinScore, jf.ScoreFailure = f.MinScore, f.scoreFailure()
		}
		for _, e := range f.Entries {
			jf.Entries = append(jf.Entries, jsonEntry{Name: e.Name, Line: e.Line, Score: e.Score, Grade: e.Grade})
		}
		rep.Files = append(rep.Files, jf)
	}
	return encodeJSON(w, rep, "JSON")
}

// Findings converts findings on src (the text their byte offsets point
// into) to the JSON shape. It is never nil.
func Findings(fds []finding.Finding, src string) []Finding {
	units := newUnitTable(src, fds)
	out := make([]Finding, 0, len(fds))
	for _, fd := range fds {
		jf := Finding{
			Rule: fd.Rule, Subrule: fd.Subrule, Severity: fd.Severity.String(), Message: fd.Message,
			Line: fd.Start.Line, Column: fd.Start.Column, EndLine: fd.End.Line, EndColumn: fd.End.Column,
			Range: units.span(fd.Start.Offset, fd.End.Offset), Match: fd.Match, Entry: fd.Entry, URL: fd.URL,
			Suggestions: make([]Suggestion, 0, len(fd.Suggestions)),
		}
		for _, s := range fd.Suggestions {
			js := Suggestion{Description: s.Description, Safe: s.Safe, Edits: make([]Edit, 0, len(s.Edits))}
			for _, e := range s.Edits {
				js.Edits = append(js.Edits, Edit{
					Line: e.Start.Line, Column: e.Start.Column, EndLine: e.End.Line, EndColumn: e.End.Column,
					Range: units.span(e.Start.Offset, e.End.Offset), NewText: e.NewText,
				})
			}
			jf.Suggestions = append(jf.Suggestions, js)
		}
		out = append(out, jf)
	}
	return out
}

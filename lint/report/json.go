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
//	      "match": "...",                 // the original text of the range
//	      "url": "https://...",           // the policy page behind the rule (omitted if none)
//	      "suggestions": [{"description": "...", "safe": false,
//	        "edits": [{"line": 3, "column": 8, "endLine": 3, "endColumn": 20,
//	                   "offset": 40, "endOffset": 52, "newText": ""}]}]
//	    }],
//	    "entry": "macros[0]"              // collections: the template (omitted otherwise)
//	  }],
//	  "entries": [{"name": "macros[0]", "line": 3, "score": 70, "grade": "C"}],  // collections only
//	  "minScore": 80, "scoreFailure": "score 70/100 is below the minimum score 80",  // when set / failed
//	  "summary": {"files": 1, "errors": 1, "warnings": 0, "infos": 0, "failed": true}
//	}
//
// Lines and columns are 1-based, columns count Unicode code points and end
// positions are exclusive. Empty lists are [] (never null).

// jsonVersion is bumped only for an incompatible change of the shape.
const jsonVersion = 1

type jsonReport struct {
	Version int        `json:"version"`
	Files   []jsonFile `json:"files"`
	Summary Summary    `json:"summary"`
}

type jsonFile struct {
	Path     string        `json:"path"`
	Channel  string        `json:"channel"`
	Language string        `json:"language"`
	Kind     string        `json:"kind"`
	Type     string        `json:"type,omitempty"`
	Score    int           `json:"score"`
	Grade    string        `json:"grade"`
	Findings []jsonFinding `json:"findings"`
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

type jsonFinding struct {
	Rule        string           `json:"rule"`
	Severity    string           `json:"severity"`
	Message     string           `json:"message"`
	Line        int              `json:"line"`
	Column      int              `json:"column"`
	EndLine     int              `json:"endLine"`
	EndColumn   int              `json:"endColumn"`
	Offset      int              `json:"offset"`
	EndOffset   int              `json:"endOffset"`
	Match       string           `json:"match"`
	URL         string           `json:"url,omitempty"`
	Suggestions []jsonSuggestion `json:"suggestions"`
	// Entry is the collection template the finding is in.
	Entry string `json:"entry,omitempty"`
}

type jsonSuggestion struct {
	Description string     `json:"description"`
	Safe        bool       `json:"safe"`
	Edits       []jsonEdit `json:"edits"`
}

type jsonEdit struct {
	Line      int    `json:"line"`
	Column    int    `json:"column"`
	EndLine   int    `json:"endLine"`
	EndColumn int    `json:"endColumn"`
	Offset    int    `json:"offset"`
	EndOffset int    `json:"endOffset"`
	NewText   string `json:"newText"`
}

func writeJSON(w io.Writer, files []File, sum Summary, opts Options) error {
	rep := jsonReport{Version: jsonVersion, Files: make([]jsonFile, 0, len(files)), Summary: sum}
	for _, f := range files {
		jf := jsonFile{Path: displayPath(f.Path), Findings: []jsonFinding{}}
		if r := f.Result; r != nil {
			jf.Channel, jf.Language, jf.Kind, jf.Type = string(r.Channel), r.Language, string(r.Kind), string(r.Type)
			jf.Score, jf.Grade = r.Score, r.Grade
			for _, fd := range r.Findings {
				jf.Findings = append(jf.Findings, toJSONFinding(fd))
			}
			jf.MinScore, jf.ScoreFailure = f.MinScore, f.scoreFailure()
		}
		for _, e := range f.Entries {
			jf.Entries = append(jf.Entries, jsonEntry{Name: e.Name, Line: e.Line, Score: e.Score, Grade: e.Grade})
		}
		rep.Files = append(rep.Files, jf)
	}
	return encodeJSON(w, rep, "JSON")
}

func toJSONFinding(fd finding.Finding) jsonFinding {
	jf := jsonFinding{
		Rule: fd.Rule, Severity: fd.Severity.String(), Message: fd.Message,
		Line: fd.Start.Line, Column: fd.Start.Column, EndLine: fd.End.Line, EndColumn: fd.End.Column,
		Offset: fd.Start.Offset, EndOffset: fd.End.Offset, Match: fd.Match, Entry: fd.Entry, URL: fd.URL,
		Suggestions: make([]jsonSuggestion, 0, len(fd.Suggestions)),
	}
	for _, s := range fd.Suggestions {
		js := jsonSuggestion{Description: s.Description, Safe: s.Safe, Edits: make([]jsonEdit, 0, len(s.Edits))}
		for _, e := range s.Edits {
			js.Edits = append(js.Edits, jsonEdit{
				Line: e.Start.Line, Column: e.Start.Column, EndLine: e.End.Line, EndColumn: e.End.Column,
				Offset: e.Start.Offset, EndOffset: e.End.Offset, NewText: e.NewText,
			})
		}
		jf.Suggestions = append(jf.Suggestions, js)
	}
	return jf
}

package report

import (
	"encoding/json"
	"fmt"
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
//	    }]
//	  }],
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
		}
		rep.Files = append(rep.Files, jf)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	// Paths like <stdin> stay readable; the output is JSON, not HTML.
	enc.SetEscapeHTML(false)
	if err := enc.Encode(rep); err != nil {
		return fmt.Errorf("write JSON report: %w", err)
	}
	return nil
}

func toJSONFinding(fd finding.Finding) jsonFinding {
	jf := jsonFinding{
		Rule: fd.Rule, Severity: fd.Severity.String(), Message: fd.Message,
		Line: fd.Start.Line, Column: fd.Start.Column, EndLine: fd.End.Line, EndColumn: fd.End.Column,
		Offset: fd.Start.Offset, EndOffset: fd.End.Offset, Match: fd.Match, URL: fd.URL,
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

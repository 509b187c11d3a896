// Package baseline records the findings a repository already has, so a team
// can adopt replylint on existing templates and fail only on new findings.
// A finding is identified by a fingerprint of its rule, file, matched text
// and the text of its line — not its line number — so it survives edits
// elsewhere in the file.
package baseline

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/replylint/replylint/lint/finding"
	"github.com/replylint/replylint/lint/text"
)

// Entry is one fingerprint and how many findings share it.
type Entry struct {
	Path        string `json:"path"`
	Rule        string `json:"rule"`
	Fingerprint string `json:"fingerprint"`
	Count       int    `json:"count"`
}

// Baseline is the content of a baseline file.
type Baseline struct {
	Version int     `json:"version"`
	Entries []Entry `json:"entries"`
}

// Fingerprint identifies a finding independently of its line number.
func Fingerprint(path string, f finding.Finding, src *text.Source) string {
	line := ""
	if src != nil && f.Start.Line > 0 {
		line = src.Line(f.Start.Line)
	}
	h := sha256.New()
	for _, part := range []string{f.Rule, filepath.ToSlash(path), squash(f.Match), squash(line)} {
		h.Write([]byte(part))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))[:20]
}

func squash(s string) string { return strings.Join(strings.Fields(s), " ") }

// Add records findings of one file.
func (b *Baseline) Add(path string, fs []finding.Finding, src *text.Source) {
	b.Version = 1
	idx := map[string]int{}
	for i, e := range b.Entries {
		idx[e.Path+"\x00"+e.Fingerprint] = i
	}
	for _, f := range fs {
		fp := Fingerprint(path, f, src)
		key := filepath.ToSlash(path) + "\x00" + fp
		if i, ok := idx[key]; ok {
			b.Entries[i].Count++
			continue
		}
		idx[key] = len(b.Entries)
		b.Entries = append(b.Entries, Entry{Path: filepath.ToSlash(path), Rule: f.Rule, Fingerprint: fp, Count: 1})
	}
	sort.SliceStable(b.Entries, func(i, j int) bool {
		if b.Entries[i].Path != b.Entries[j].Path {
			return b.Entries[i].Path < b.Entries[j].Path
		}
		return b.Entries[i].Fingerprint < b.Entries[j].Fingerprint
	})
}

// Filter drops the findings of a file that the baseline knows, up to the
// recorded count per fingerprint, and returns the new ones.
func (b *Baseline) Filter(path string, fs []finding.Finding, src *text.Source) []finding.Finding {
	if b == nil {
		return fs
	}
	left := map[string]int{}
	p := filepath.ToSlash(path)
	for _, e := range b.Entries {
		if e.Path == p {
			left[e.Fingerprint] += e.Count
		}
	}
	var out []finding.Finding
	for _, f := range fs {
		fp := Fingerprint(path, f, src)
		if left[fp] > 0 {
			left[fp]--
			continue
		}
		out = append(out, f)
	}
	return out
}

// Load reads a baseline file.
func Load(path string) (*Baseline, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("baseline: %w", err)
	}
	var b Baseline
	if err := json.Unmarshal(data, &b); err != nil {
		return nil, fmt.Errorf("baseline %s: %w", path, err)
	}
	if b.Version != 1 {
		return nil, fmt.Errorf("baseline %s: unsupported version %d", path, b.Version)
	}
	return &b, nil
}

// Marshal encodes the baseline as indented JSON.
func (b *Baseline) Marshal() ([]byte, error) {
	if b.Entries == nil {
		b.Entries = []Entry{}
	}
	b.Version = 1
	data, err := json.MarshalIndent(b, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("baseline: %w", err)
	}
	return append(data, '\n'), nil
}

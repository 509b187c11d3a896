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
	"strconv"
	"strings"
	"unicode/utf8"

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
	// idx maps path and fingerprint to an index in Entries while Add
	// records findings; built once, so recording many files stays linear.
	idx map[string]int
	// sorted is false when Add appended entries not yet in order.
	sorted bool
	// byPath lists the entries of each path; Load builds it so that
	// Filter, which runs on many files at once, reads it without locking
	// and without scanning every entry per file.
	byPath map[string][]int
}

// Fingerprint identifies a finding independently of its line number. A
// line of up to text.ContextLimit bytes is hashed whole (as baselines
// written before the limit hash it); of a longer line only a bounded window
// around the finding is, and of a long match only its start and length, so
// a baseline of a minified export costs time linear in its findings.
func Fingerprint(path string, f finding.Finding, src *text.Source) string {
	line := ""
	if src != nil && f.Start.Line > 0 && f.Start.Line <= src.LineCount() {
		line = src.Context(f.Start.Line, f.Start.Offset, f.End.Offset)
	}
	h := sha256.New()
	for _, part := range []string{f.Rule, filepath.ToSlash(path), squash(boundedMatch(f.Match)), squash(line)} {
		h.Write([]byte(part))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))[:20]
}

func squash(s string) string { return strings.Join(strings.Fields(s), " ") }

// maxMatchHashed is the longest prefix of a match that Fingerprint hashes.
const maxMatchHashed = 1024

// boundedMatch cuts a match to maxMatchHashed bytes (on a character
// boundary) and notes its full length.
func boundedMatch(m string) string {
	if len(m) <= maxMatchHashed {
		return m
	}
	cut := maxMatchHashed
	for cut > 0 && !utf8.RuneStart(m[cut]) {
		cut--
	}
	return m[:cut] + " " + strconv.Itoa(len(m))
}

// Add records findings of one file.
func (b *Baseline) Add(path string, fs []finding.Finding, src *text.Source) {
	b.Version = 1
	if b.idx == nil || len(b.idx) != len(b.Entries) {
		b.idx = make(map[string]int, len(b.Entries))
		for i, e := range b.Entries {
			b.idx[e.Path+"\x00"+e.Fingerprint] = i
		}
	}
	for _, f := range fs {
		fp := Fingerprint(path, f, src)
		key := filepath.ToSlash(path) + "\x00" + fp
		if i, ok := b.idx[key]; ok {
			b.Entries[i].Count++
			continue
		}
		b.idx[key] = len(b.Entries)
		b.Entries = append(b.Entries, Entry{Path: filepath.ToSlash(path), Rule: f.Rule, Fingerprint: fp, Count: 1})
		b.sorted = false
	}
}

// sort puts the entries in path and fingerprint order (once, before they
// are written, not per file) and rebuilds the index.
func (b *Baseline) sort() {
	if b.sorted {
		return
	}
	sort.SliceStable(b.Entries, func(i, j int) bool {
		if b.Entries[i].Path != b.Entries[j].Path {
			return b.Entries[i].Path < b.Entries[j].Path
		}
		return b.Entries[i].Fingerprint < b.Entries[j].Fingerprint
	})
	b.idx, b.byPath = nil, nil
	b.sorted = true
}

// Filter drops the findings of a file that the baseline knows, up to the
// recorded count per fingerprint, and returns the new ones.
func (b *Baseline) Filter(path string, fs []finding.Finding, src *text.Source) []finding.Finding {
	if b == nil {
		return fs
	}
	left := map[string]int{}
	p := filepath.ToSlash(path)
	if b.byPath != nil {
		for _, i := range b.byPath[p] {
			left[b.Entries[i].Fingerprint] += b.Entries[i].Count
		}
	} else {
		for _, e := range b.Entries {
			if e.Path == p {
				left[e.Fingerprint] += e.Count
			}
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
	b.byPath = make(map[string][]int)
	for i, e := range b.Entries {
		b.byPath[e.Path] = append(b.byPath[e.Path], i)
	}
	return &b, nil
}

// Marshal encodes the baseline as indented JSON.
func (b *Baseline) Marshal() ([]byte, error) {
	if b.Entries == nil {
		b.Entries = []Entry{}
	}
	b.sort()
	b.Version = 1
	data, err := json.MarshalIndent(b, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("baseline: %w", err)
	}
	return append(data, '\n'), nil
}

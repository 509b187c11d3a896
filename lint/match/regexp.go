package match

import (
	"fmt"
	"regexp"
	"unicode/utf8"
)

// Regexp is an RE2 expression for any text (not only folded text) that
// runs only around the places where it can match: around the occurrences
// of the literals every match holds, found in one pass by an automaton.
// Its methods return exactly what the regexp package's methods of the same
// name return. Use it for a pattern over a whole message that seldom
// matches; an expression without required literals runs as usual.
type Regexp struct {
	p *program
}

// CompileRegexp compiles an RE2 expression.
func CompileRegexp(expr string) (*Regexp, error) {
	re, err := regexp.Compile(expr)
	if err != nil {
		return nil, fmt.Errorf("%w", err) // the regexp package's message, as is
	}
	return &Regexp{p: newProgram([]string{expr}, []*regexp.Regexp{re}, true)}, nil
}

// MustCompileRegexp is CompileRegexp for expressions known to be valid; it
// panics on a bad one, like regexp.MustCompile (package-level tables only).
func MustCompileRegexp(expr string) *Regexp {
	r, err := CompileRegexp(expr)
	if err != nil {
		panic("match: CompileRegexp(" + expr + "): " + err.Error())
	}
	return r
}

// String returns the source expression.
func (r *Regexp) String() string { return r.p.re.re.String() }

// Regexp returns the underlying compiled expression.
func (r *Regexp) Regexp() *regexp.Regexp { return r.p.re.re }

// windows returns the merged windows of s where the expression can match,
// and false when it must run on all of s: when it has no required literal,
// depends on the ends of the text, or s is not valid UTF-8 (an invalid byte
// matches a class holding U+FFFD without its lead byte being there).
func (r *Regexp) windows(s string, buf []window) ([]window, bool) {
	p := r.p.prepare()
	if p.whole || p.anchored || !utf8.ValidString(s) {
		return nil, false
	}
	var obuf [32]occ
	return p.windows(s, p.ownOccs(s, obuf[:0]), buf), true
}

// MatchString reports whether s holds a match.
func (r *Regexp) MatchString(s string) bool {
	var buf [8]window
	wins, ok := r.windows(s, buf[:0])
	if !ok {
		return r.p.re.re.MatchString(s)
	}
	for _, w := range wins {
		if r.p.re.re.MatchString(s[w.lo:w.hi]) {
			return true
		}
	}
	return false
}

// FindStringIndex returns the location of the leftmost match, or nil.
func (r *Regexp) FindStringIndex(s string) []int {
	var buf [8]window
	wins, ok := r.windows(s, buf[:0])
	if !ok {
		return r.p.re.re.FindStringIndex(s)
	}
	for _, w := range wins {
		if loc := r.p.re.re.FindStringIndex(s[w.lo:w.hi]); loc != nil {
			loc[0] += w.lo
			loc[1] += w.lo
			return loc
		}
	}
	return nil
}

// FindAllStringIndex returns the locations of the first n matches (all of
// them when n < 0).
func (r *Regexp) FindAllStringIndex(s string, n int) [][]int {
	return r.findAll(s, n, false)
}

// FindAllStringSubmatchIndex returns the locations of the first n matches
// and their groups (all of them when n < 0).
func (r *Regexp) FindAllStringSubmatchIndex(s string, n int) [][]int {
	return r.findAll(s, n, true)
}

// FindStringSubmatchIndex returns the locations of the leftmost match and
// its groups, or nil.
func (r *Regexp) FindStringSubmatchIndex(s string) []int {
	if all := r.findAll(s, 1, true); len(all) > 0 {
		return all[0]
	}
	return nil
}

func (r *Regexp) findAll(s string, n int, groups bool) [][]int {
	find := func(t string, n int) [][]int {
		if groups {
			return r.p.re.re.FindAllStringSubmatchIndex(t, n)
		}
		return r.p.re.re.FindAllStringIndex(t, n)
	}
	var buf [8]window
	wins, ok := r.windows(s, buf[:0])
	if !ok {
		return find(s, n)
	}
	var out [][]int
	for _, w := range wins {
		if n >= 0 && len(out) >= n {
			break
		}
		more := n
		if n >= 0 {
			more = n - len(out)
		}
		for _, loc := range find(s[w.lo:w.hi], more) {
			for i := range loc {
				if loc[i] >= 0 {
					loc[i] += w.lo
				}
			}
			out = append(out, loc)
		}
	}
	return out
}

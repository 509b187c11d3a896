package links

import (
	"fmt"
	"sort"
	"strings"

	"golang.org/x/net/idna"
	"golang.org/x/net/publicsuffix"

	"github.com/replylint/replylint/lint/text"
)

// DomainSet is a set of domains: a host belongs to it when the host or one
// of its parent domains is listed, so "amazon.com" covers "www.amazon.com"
// and "track.amazon.com", while "track.amazon.com" alone covers only that
// host. It also knows the brands its domains stand for, to recognise hosts
// that imitate them. A nil set is empty. A DomainSet is immutable.
type DomainSet struct {
	domains map[string]bool
	// registrable holds the eTLD+1 of every domain: a host under one of
	// them belongs to the same owner and imitates nobody.
	registrable map[string]bool
	// brands maps a brand skeleton ("amazon") to a domain that has it.
	brands map[string]string
}

// NewDomainSet builds a set from domain names (Unicode or ASCII, any case).
func NewDomainSet(domains ...string) (*DomainSet, error) {
	s := &DomainSet{domains: map[string]bool{}, registrable: map[string]bool{}, brands: map[string]string{}}
	for _, d := range domains {
		ascii, err := idna.Lookup.ToASCII(strings.TrimSuffix(strings.ToLower(strings.TrimSpace(d)), "."))
		if err != nil || ascii == "" || !strings.Contains(ascii, ".") {
			return nil, fmt.Errorf("%q is not a domain name (write it like amazon.co.uk)", d)
		}
		s.domains[ascii] = true
		reg, err := publicsuffix.EffectiveTLDPlusOne(ascii)
		if err != nil {
			return nil, fmt.Errorf("%q is a public suffix, not a domain: %w", d, err)
		}
		s.registrable[reg] = true
		if b := brand(reg); b != "" {
			if old, ok := s.brands[b]; !ok || speaksBetter(ascii, old) {
				s.brands[b] = ascii
			}
		}
	}
	return s, nil
}

// Union returns a set holding the domains of all sets.
func Union(sets ...*DomainSet) *DomainSet {
	u := &DomainSet{domains: map[string]bool{}, registrable: map[string]bool{}, brands: map[string]string{}}
	for _, s := range sets {
		if s == nil {
			continue
		}
		for d := range s.domains {
			u.domains[d] = true
		}
		for d := range s.registrable {
			u.registrable[d] = true
		}
		for b, d := range s.brands {
			if old, ok := u.brands[b]; !ok || speaksBetter(d, old) {
				u.brands[b] = d
			}
		}
	}
	return u
}

// Contains reports whether host (ASCII, lower case) or one of its parent
// domains is in the set.
func (s *DomainSet) Contains(host string) bool {
	if s == nil {
		return false
	}
	for h := host; ; {
		if s.domains[h] {
			return true
		}
		i := strings.IndexByte(h, '.')
		if i < 0 {
			return false
		}
		h = h[i+1:]
	}
}

// Domains returns the set's domains in order.
func (s *DomainSet) Domains() []string {
	if s == nil {
		return nil
	}
	out := make([]string, 0, len(s.domains))
	for d := range s.domains {
		out = append(out, d)
	}
	sort.Strings(out)
	return out
}

// LookAlike reports whether host (ASCII, lower case) imitates a domain of
// the set without belonging to its owner, and which domain: a listed domain
// used as a subdomain (amazon.com.evil.io), a brand with digits or letters
// swapped (amaz0n.com, arnazon.com), with Cyrillic look-alike letters
// (xn--mazon-3ve.com, аmazon.com), or with words added
// (amazon-support.com).
func (s *DomainSet) LookAlike(host string) (imitated string, ok bool) {
	if s == nil || s.Contains(host) {
		return "", false
	}
	reg, err := publicsuffix.EffectiveTLDPlusOne(host)
	if err == nil && s.registrable[reg] {
		return "", false
	}
	padded := "." + host + "."
	for _, d := range s.Domains() {
		if strings.Contains(padded, "."+d+".") {
			return d, true
		}
	}
	unicodeHost, err := idna.Lookup.ToUnicode(host)
	if err != nil {
		unicodeHost = host
	}
	labels := strings.Split(unicodeHost, ".")
	if suffix, _ := publicsuffix.PublicSuffix(host); suffix != "" {
		labels = labels[:max(1, len(labels)-strings.Count(suffix, ".")-1)]
	}
	brands := make([]string, 0, len(s.brands))
	for b := range s.brands {
		brands = append(brands, b)
	}
	sort.Strings(brands)
	for _, label := range labels {
		sk := skeleton(label)
		parts := strings.FieldsFunc(label, func(r rune) bool { return r == '-' || r == '_' })
		for _, b := range brands {
			if sk == b || (len(b) >= 4 && strings.Contains(sk, b)) {
				return s.brands[b], true
			}
			// A short brand counts only as a whole word: ups-tracking.com
			// imitates UPS, groups.com does not.
			for _, part := range parts {
				if skeleton(part) == b {
					return s.brands[b], true
				}
			}
		}
	}
	return "", false
}

// speaksBetter reports whether domain d names its brand better than old
// in a message: a registrable domain (amazon.com) beats a host
// (track.amazon.com); otherwise the first one listed stays.
func speaksBetter(d, old string) bool {
	isReg := func(x string) bool {
		reg, err := publicsuffix.EffectiveTLDPlusOne(x)
		return err == nil && reg == x
	}
	return isReg(d) && !isReg(old)
}

// brand is the skeleton of a registrable domain's own label ("amazon" for
// amazon.co.uk), or "" when it is too short or too plain to stand for one
// owner.
func brand(registrable string) string {
	label := registrable
	if i := strings.IndexByte(label, '.'); i >= 0 {
		label = label[:i]
	}
	sk := skeleton(label)
	if len(sk) < 3 || strings.Trim(sk, "0123456789") == "" {
		return ""
	}
	return sk
}

// skeleton folds the tricks of look-alike hosts: case, Cyrillic and Greek
// letters that render as Latin, digits for letters, "rn" for "m", "vv" for
// "w", and hyphens.
func skeleton(label string) string {
	var b strings.Builder
	for _, r := range label {
		r = text.Fold(r)
		switch r {
		case '0':
			r = 'o'
		case '1':
			r = 'l'
		case '3':
			r = 'e'
		case '4':
			r = 'a'
		case '5':
			r = 's'
		case '7':
			r = 't'
		case '-', '_':
			continue
		}
		if r < 0 {
			continue
		}
		b.WriteRune(r)
	}
	s := b.String()
	s = strings.ReplaceAll(s, "rn", "m")
	s = strings.ReplaceAll(s, "vv", "w")
	return strings.ReplaceAll(s, "i", "l")
}

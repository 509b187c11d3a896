package links

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestDecimalTokensHoldNoLink checks the rule that a full stop before a
// digit makes no candidate (short of an IPv4 address) against xurls
// itself: every token the rule turns away, of whatever mix of digits,
// dots, letters and signs, holds no link.
func TestDecimalTokensHoldNoLink(t *testing.T) {
	fixed := []string{"$49.99", "49.99", "3.5", "v1.2", "1.2.3", "10.5mm", "1.2.3.4", "192.168.0.1", "1.2.3.4:80", "e.g.", "x.y", "€12.50.", "2.0.", "(1.5)"}
	rng := rand.New(rand.NewPCG(7, 8))
	parts := []string{"1", "9", "25", "255", ".", ".", ".", "a", "co", "de", "com", "$", "€", "-", ":", "/", "@", "x", "(", ")", "é"}
	for range 20000 {
		var b strings.Builder
		for range 1 + rng.IntN(8) {
			b.WriteString(parts[rng.IntN(len(parts))])
		}
		fixed = append(fixed, b.String())
	}
	for _, tok := range fixed {
		if candidateBeforeDecimalRule(tok) && !isCandidateToken(tok) {
			assert.Empty(t, relaxed().FindAllStringIndex(tok, -1), "%q", tok)
		}
	}
	assert.False(t, isCandidateToken("$49.99"))
	assert.True(t, isCandidateToken("192.168.0.1"))
	assert.True(t, isCandidateToken("shop.com"))
}

// candidateBeforeDecimalRule is isCandidateToken without the decimal rule.
func candidateBeforeDecimalRule(tok string) bool {
	for i := 0; i+1 < len(tok); i++ {
		switch tok[i] {
		case '.', ':', '@':
			if c := tok[i+1]; c == '/' || c >= 0x80 || isASCIIAlnum(c) {
				return true
			}
		}
	}
	return false
}

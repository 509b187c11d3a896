package main

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRulesListChannel(t *testing.T) {
	r := runCLI(t, "", "rules", "list", "--channel", "walmart")
	assert.Equal(t, exitOK, r.code, r.stderr)
	assert.Contains(t, r.stdout, "Walmart Marketplace (walmart), sources checked 20")
	assert.Contains(t, r.stdout, "https://marketplacelearn.walmart.com/guides/Order%20management/Customer%20care/Customer-Care-policy (checked 20")
	assert.Contains(t, r.stdout, "message-type  ")
	assert.NotContains(t, r.stdout, "\norder-id ", "order-id is off on walmart")

	r = runCLI(t, "", "rules", "list", "--channel", "etsy")
	assert.Equal(t, exitError, r.code)
	assert.Contains(t, r.stderr, `unknown channel "etsy"`)
}

func TestExplainShowsDatedSources(t *testing.T) {
	r := runCLI(t, "", "explain", "order-id")
	assert.Equal(t, exitOK, r.code, r.stderr)
	assert.Contains(t, r.stdout, "Source: https://sellercentral.amazon.co.uk/")
	assert.Contains(t, r.stdout, "(checked 2026-12-02)")
	assert.Contains(t, r.stdout, "Policy packs:\n  amazon: ")
}

func TestCheckType(t *testing.T) {
	msg := "Hi Sam,\n\nYour order 111-2223334-4445556 has shipped and is on its way.\n\nBest regards,\nPriya\n"
	r := runCLI(t, msg, "check", "--format", "json", "--kind", "proactive", "-")
	assert.Equal(t, exitFailed, r.code, r.stderr)
	var out struct {
		Files []struct {
			Type     string
			Findings []struct{ Rule, URL string }
		}
	}
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &out))
	require.Len(t, out.Files, 1)
	assert.Equal(t, "confirmation-only", out.Files[0].Type)
	require.NotEmpty(t, out.Files[0].Findings)
	assert.Equal(t, "message-type", out.Files[0].Findings[0].Rule)
	assert.Contains(t, out.Files[0].Findings[0].URL, "https://")

	// A declared type wins over the words.
	r = runCLI(t, msg, "check", "--kind", "proactive", "--type", "order-problem", "-")
	assert.Equal(t, exitOK, r.code, r.stdout)
	assert.Contains(t, r.stdout, "type order-problem")

	r = runCLI(t, msg, "check", "--type", "gossip", "-")
	assert.Equal(t, exitError, r.code)
	assert.Contains(t, r.stderr, `unknown message type "gossip"`)
}

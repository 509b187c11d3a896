package service_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/replylint/replylint/service"
)

func TestTriage(t *testing.T) {
	srv := newServer(t, service.Options{})
	body := map[string]any{
		"now": "2026-03-10T12:00:00Z",
		"messages": []map[string]any{
			{"id": "quiet", "channel": "shopify", "received": "2026-03-10T10:00:00Z", "text": "Hi, do you ship to Norway? Thanks!"},
			{"id": "claim", "channel": "amazon", "received": "2026-03-09T14:00:00Z", "text": "My order never arrived and I will file an A-to-z claim if I do not get a refund today."},
		},
		"skeletons": true,
	}
	r := postJSON(t, srv, "/v1/triage", body)
	require.Equal(t, http.StatusOK, r.status, string(r.body))
	var out struct {
		Messages []struct {
			ID    string `json:"id"`
			Score struct {
				Priority float64 `json:"priority"`
			} `json:"score"`
			Signals  []string `json:"signals"`
			Skeleton string   `json:"skeleton"`
		} `json:"messages"`
	}
	require.NoError(t, json.Unmarshal(r.body, &out), string(r.body))
	require.Len(t, out.Messages, 2)
	assert.Equal(t, "claim", out.Messages[0].ID, "the A-to-z threat comes first")
	assert.Contains(t, out.Messages[0].Signals, "a-to-z-claim")
	assert.Greater(t, out.Messages[0].Score.Priority, out.Messages[1].Score.Priority)
	assert.NotEmpty(t, out.Messages[0].Skeleton)
}

func TestTriageBadRequests(t *testing.T) {
	srv := newServer(t, service.Options{})
	tests := map[string]struct {
		body   any
		status int
		want   string
	}{
		"no messages":     {map[string]any{"messages": []any{}}, http.StatusBadRequest, "at least one"},
		"bad now":         {map[string]any{"now": "yesterday", "messages": []map[string]any{{"id": "a", "text": "x"}}}, http.StatusBadRequest, "now:"},
		"unknown channel": {map[string]any{"messages": []map[string]any{{"id": "a", "channel": "etsy", "text": "x"}}}, http.StatusBadRequest, "etsy"},
		"unknown field":   {map[string]any{"mesages": []any{}}, http.StatusBadRequest, "mesages"},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			r := postJSON(t, srv, "/v1/triage", tt.body)
			assert.Equal(t, tt.status, r.status, string(r.body))
			assert.True(t, strings.Contains(string(r.body), tt.want), string(r.body))
		})
	}
}

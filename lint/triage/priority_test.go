package triage_test

import (
	"os"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/replylint/replylint/lint/rule"
	"github.com/replylint/replylint/lint/triage"
)

func writeFile(t *testing.T, path, s string) {
	t.Helper()
	require.NoError(t, os.WriteFile(path, []byte(s), 0o644))
}

func TestParseChannel(t *testing.T) {
	for in, want := range map[string]rule.Channel{"Amazon": rule.Amazon, "amazon.de": rule.Amazon, "TikTok Shop": rule.Tiktok,
		"tiktok-shop": rule.Tiktok, "EBAY": rule.Ebay, "walmart": rule.Walmart, "Shopify": rule.Shopify} {
		got, err := triage.ParseChannel(in)
		require.NoError(t, err, in)
		assert.Equal(t, want, got, in)
	}
	_, err := triage.ParseChannel("etsy")
	assert.Error(t, err)
}

func TestParseDeadline(t *testing.T) {
	for in, want := range map[string]time.Duration{"24h": 24 * time.Hour, "90m": 90 * time.Minute, "3d": 72 * time.Hour, "1.5d": 36 * time.Hour} {
		got, err := triage.ParseDeadline(in)
		require.NoError(t, err, in)
		assert.Equal(t, want, got, in)
	}
	for _, in := range []string{"", "0h", "-2h", "soon", "xd"} {
		_, err := triage.ParseDeadline(in)
		assert.Error(t, err, in)
	}
	ch, v, err := triage.ParseChannelSetting("shopify=12h")
	require.NoError(t, err)
	assert.Equal(t, rule.Shopify, ch)
	assert.Equal(t, "12h", v)
	_, _, err = triage.ParseChannelSetting("shopify")
	assert.Error(t, err)
}

func TestDefaultChannelsHaveSources(t *testing.T) {
	d := triage.DefaultChannels()
	for _, ch := range rule.Channels() {
		p, ok := d[ch]
		require.True(t, ok, ch)
		assert.Positive(t, p.Deadline, ch)
		assert.Positive(t, p.Weight, ch)
		assert.NotEmpty(t, p.Source, ch)
	}
	assert.Equal(t, 24*time.Hour, d[rule.Amazon].Deadline)
	assert.Equal(t, 48*time.Hour, d[rule.Walmart].Deadline)
	assert.Greater(t, d[rule.Amazon].Weight, d[rule.Shopify].Weight)
}

// The score orders what the method says: the same message ranks higher on
// Amazon than on Shopify, higher as its deadline nears, higher with a
// claim threat, and an overdue question still outranks a fresh one.
func TestScoreOrdering(t *testing.T) {
	tr := newTriager(t)
	now := at("2026-03-10T12:00:00Z")
	msg := func(id string, ch rule.Channel, hoursAgo float64, text string) triage.Message {
		return triage.Message{ID: id, Channel: ch, Received: now.Add(-time.Duration(hoursAgo * float64(time.Hour))), Text: text, Language: "en"}
	}
	claim := "My parcel has not arrived. I will open an A-to-z claim."
	lost := "My parcel has not arrived."
	q := "Does it come in blue?"
	score := func(m triage.Message) float64 { return tr.Analyze(m, now).Score.Priority }
	assert.Greater(t, score(msg("a", rule.Amazon, 2, lost)), score(msg("b", rule.Shopify, 2, lost)))
	assert.Greater(t, score(msg("a", rule.Amazon, 20, lost)), score(msg("b", rule.Amazon, 2, lost)))
	assert.Greater(t, score(msg("a", rule.Amazon, 2, claim)), score(msg("b", rule.Amazon, 2, lost)))
	assert.Greater(t, score(msg("a", rule.Amazon, 30, q)), score(msg("b", rule.Amazon, 1, q)))
	assert.Greater(t, score(msg("a", rule.Shopify, 2, claim)), score(msg("b", rule.Amazon, 23, q)))

	r := tr.Analyze(msg("a", rule.Amazon, 30, q), now)
	assert.True(t, r.Overdue)
	assert.Equal(t, -6*time.Hour, r.TimeLeft)
	assert.Equal(t, 1.0, r.Score.Urgency)
	assert.Equal(t, triage.Information, r.Reply)

	// Value breaks ties: a repeat buyer with a large order first.
	big := msg("v", rule.Amazon, 5, lost)
	big.OrderValue, big.RepeatBuyer = 400, true
	assert.Greater(t, score(big), score(msg("w", rule.Amazon, 5, lost)))
}

func TestChannelOverrides(t *testing.T) {
	tr, err := triage.New(triage.Config{Channels: map[rule.Channel]triage.ChannelPolicy{rule.Shopify: {Deadline: 12 * time.Hour}}, DefaultChannel: rule.Ebay})
	require.NoError(t, err)
	now := at("2026-03-10T12:00:00Z")
	r := tr.Analyze(triage.Message{ID: "a", Channel: rule.Shopify, Received: now.Add(-2 * time.Hour), Text: "Hello?", Language: "en"}, now)
	assert.Equal(t, 10*time.Hour, r.TimeLeft)
	assert.Equal(t, 0.4, r.Score.Weight, "weight kept")
	// No channel, no time: the default channel, received now.
	r = tr.Analyze(triage.Message{ID: "b", Text: "Hello?", Language: "en"}, now)
	assert.Equal(t, rule.Ebay, r.Channel)
	assert.False(t, r.ReceivedKnown)
	assert.Equal(t, 72*time.Hour, r.TimeLeft)
}

func TestTriageIsSortedAndDeterministic(t *testing.T) {
	tr := newTriager(t)
	msgs, err := triage.ReadPaths([]string{"../../testdata/triage/inbox"})
	require.NoError(t, err)
	now := at("2026-03-10T12:00:00Z")
	a := tr.Triage(msgs, now)
	// Reversed input, same order out.
	rev := make([]triage.Message, len(msgs))
	for i, m := range msgs {
		rev[len(msgs)-1-i] = m
	}
	b := tr.Triage(rev, now)
	require.Len(t, b, len(a))
	for i := range a {
		assert.Equal(t, a[i].ID, b[i].ID)
		assert.Equal(t, i+1, a[i].Rank)
		if i > 0 {
			assert.GreaterOrEqual(t, a[i-1].Score.Priority, a[i].Score.Priority)
		}
	}
}

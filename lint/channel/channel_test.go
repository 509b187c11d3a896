package channel_test

import (
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/replylint/replylint/lint/channel"
	"github.com/replylint/replylint/lint/rule"
	"github.com/replylint/replylint/rules"
)

// TestBuiltinProfiles: every channel has a profile with dated sources.
func TestBuiltinProfiles(t *testing.T) {
	set, err := channel.LoadFS(rules.FS, "channels", "rules/channels")
	require.NoError(t, err)
	assert.Equal(t, rule.Channels(), set.Channels())
	for _, ch := range set.Channels() {
		p := set[ch]
		assert.NotEmpty(t, p.Sources, ch)
		for _, s := range p.Sources {
			assert.Regexp(t, `^20\d\d-\d\d-\d\d$`, p.CheckedOn(s), "%s: %s", ch, s.Title)
		}
	}
	assert.NotEmpty(t, set[rule.Amazon].SourcesFor("message-type"))
	assert.Empty(t, set[rule.Amazon].SourcesFor("no-such-rule"))
}

func TestParseErrors(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"unknown key", "channel: amazon\nname: A\nchecked: 2026-01-01\nsources: [{title: t, url: https://x.example}]\nowner: me\n", "x.yaml:5:"},
		{"bad channel", "channel: etsy\nname: A\nchecked: 2026-01-01\nsources: [{title: t, url: https://x.example}]\n", `x.yaml:1:10: unknown channel "etsy"`},
		{"bad date", "channel: amazon\nname: A\nchecked: yesterday\nsources: [{title: t, url: https://x.example}]\n", `x.yaml:3:10: checked "yesterday" must be a date`},
		{"no sources", "channel: amazon\nname: A\nchecked: 2026-01-01\n", "at least one policy source"},
		{"source without url", "channel: amazon\nname: A\nchecked: 2026-01-01\nsources: [{title: t}]\n", "sources[0]: needs a title and an http(s) url"},
		{"source date", "channel: amazon\nname: A\nchecked: 2026-01-01\nsources: [{title: t, url: https://x.example, checked: 2026-13-01}]\n", "sources[0]: checked"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := channel.Parse("x.yaml", []byte(tc.src))
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
}

func TestLoadFSRejectsTwoProfilesOfOneChannel(t *testing.T) {
	p := "channel: ebay\nname: eBay\nchecked: 2026-01-01\nsources: [{title: t, url: https://x.example}]\n"
	fsys := fstest.MapFS{"c/a.yaml": {Data: []byte(p)}, "c/b.yaml": {Data: []byte(p)}}
	_, err := channel.LoadFS(fsys, "c", "c")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "c/b.yaml: channel ebay already has a profile in c/a.yaml")
}

// FuzzParse: any bytes give a profile or a positioned error, never a panic.
func FuzzParse(f *testing.F) {
	f.Add([]byte("channel: amazon\nname: A\nchecked: 2026-01-01\nsources: [{title: t, url: https://x.example}]\n"))
	f.Add([]byte("channel: [\n"))
	f.Add([]byte("sources: *a\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := channel.Parse("f.yaml", data)
		if err == nil && p.Name == "" {
			t.Fatal("a profile without a name was accepted")
		}
	})
}

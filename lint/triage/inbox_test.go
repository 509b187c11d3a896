package triage_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/replylint/replylint/lint/rule"
	"github.com/replylint/replylint/lint/triage"
)

func at(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestReadMessages(t *testing.T) {
	tests := []struct {
		name, path, src string
		want            []triage.Message
	}{
		{"text file", "inbox/order-17.txt", "Where is my parcel?\n",
			[]triage.Message{{ID: "order-17", Text: "Where is my parcel?\n", Source: "inbox/order-17.txt"}}},
		{"jsonl with extra fields and numeric id", "x.jsonl",
			`{"id": 7, "channel": "Amazon", "received": "2026-03-10T09:30:00Z", "text": "Hi", "orderValue": 12.5, "repeatBuyer": true, "tags": ["vip"]}` + "\n\n" +
				`{"id": "b", "channel": "TikTok Shop", "received": "2026-03-10 10:00:00", "text": "Hallo", "subject": "Bestellung"}` + "\n",
			[]triage.Message{
				{ID: "7", Channel: rule.Amazon, Received: at("2026-03-10T09:30:00Z"), Text: "Hi", OrderValue: 12.5, RepeatBuyer: true, Source: "x.jsonl:1"},
				{ID: "b", Channel: rule.Tiktok, Received: at("2026-03-10T10:00:00Z"), Text: "Bestellung\n\nHallo", Source: "x.jsonl:3"},
			}},
		{"json list", "x.json", "[\n {\"id\": \"a\", \"text\": \"one\"},\n {\"id\": \"b\", \"text\": \"two\", \"channel\": \"walmart\"}\n]",
			[]triage.Message{{ID: "a", Text: "one", Source: "x.json:2"}, {ID: "b", Text: "two", Channel: rule.Walmart, Source: "x.json:3"}}},
		{"json export object", "x.json", `{"exportedAt": "x", "page": {"n": 1}, "messages": [{"id": "a", "text": "one", "language": "de"}]}`,
			[]triage.Message{{ID: "a", Text: "one", Language: "de", Source: "x.json:1"}}},
		{"markdown front matter", "m/msg.md", "---\nid: T-9\nchannel: ebay\nreceived: 2026-03-09T08:00:00+01:00\norderValue: 40\nrepeatBuyer: true\nlanguage: fr\n---\n\nBonjour\n",
			[]triage.Message{{ID: "T-9", Channel: rule.Ebay, Received: at("2026-03-09T07:00:00Z"), OrderValue: 40, RepeatBuyer: true, Language: "fr", Text: "Bonjour\n", Source: "m/msg.md"}}},
		{"markdown without front matter", "m/plain.md", "Hello\n",
			[]triage.Message{{ID: "plain", Text: "Hello\n", Source: "m/plain.md"}}},
		{"e-mail", "mail.eml", "From: x <abc@marketplace.amazon.de>\nSubject: Paket\nDate: Mon, 09 Mar 2026 14:20:00 +0100\nMessage-ID: <m-1@example>\n\nWo ist mein Paket?\n",
			[]triage.Message{{ID: "m-1@example", Channel: rule.Amazon, Received: at("2026-03-09T13:20:00Z"), Text: "Paket\n\nWo ist mein Paket?\n", Source: "mail.eml"}}},
		{"e-mail with X-Channel", "mail.eml", "From: a@example.org\nX-Channel: shopify\nSubject: Hi\n\nBody\n",
			[]triage.Message{{ID: "mail", Channel: rule.Shopify, Text: "Hi\n\nBody\n", Source: "mail.eml"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := triage.ReadMessages(tc.path, strings.NewReader(tc.src))
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestReadMessagesErrors(t *testing.T) {
	tests := []struct{ name, path, src, want string }{
		{"jsonl broken line", "x.jsonl", "{\"id\": \"a\", \"text\": \"ok\"}\n{\"id\": \"b\", \"text\": }\n", "x.jsonl:2:"},
		{"jsonl without id", "x.jsonl", `{"text": "no id"}`, `x.jsonl:1:1: a message needs "id"`},
		{"jsonl without text", "x.jsonl", `{"id": "a"}`, `x.jsonl:1:1: message a needs "text"`},
		{"jsonl bad channel", "x.jsonl", `{"id": "a", "text": "t", "channel": "etsy"}`, `unknown channel "etsy"`},
		{"jsonl bad time", "x.jsonl", `{"id": "a", "text": "t", "received": "yesterday"}`, `time "yesterday"`},
		{"jsonl wrong type", "x.jsonl", `{"id": "a", "text": 5}`, "x.jsonl:1:"},
		{"json element", "x.json", "[\n  {\"id\": \"a\", \"text\": \"t\"},\n  {\"id\": \"b\"}\n]", `x.json:3:3: message b needs "text"`},
		{"json top level", "x.json", `"hello"`, "want a list of messages"},
		{"json object without messages", "x.json", `{"items": []}`, `object with "messages"`},
		{"json negative order value", "x.json", `[{"id": "a", "text": "t", "orderValue": -3}]`, "orderValue must be"},
		{"md unknown key", "m.md", "---\nid: a\nprority: high\n---\nText", "m.md:3:1"},
		{"md bad channel", "m.md", "---\nchannel: etsy\n---\nText", `m.md:2:10: unknown channel "etsy"`},
		{"md bad language", "m.md", "---\nlanguage: pt\n---\nText", `m.md:2:11: language "pt"`},
		{"md unclosed", "m.md", "---\nid: a\nText", "m.md:1:1: front matter is not closed"},
		{"eml bad date", "m.eml", "From: a@b.c\nDate: someday\n\nText", "m.eml:2:1: time \"someday\""},
		{"eml bad channel header", "m.eml", "X-Channel: etsy\nSubject: s\n\nText", "m.eml:1:1: unknown channel"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := triage.ReadMessages(tc.path, strings.NewReader(tc.src))
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
}

func TestReadMessagesSizeLimit(t *testing.T) {
	_, err := triage.ReadMessages("big.txt", strings.NewReader(strings.Repeat("a", 64<<20+1)))
	var ie *triage.InputError
	require.True(t, errors.As(err, &ie))
	assert.Contains(t, err.Error(), "larger than")
}

func TestReadPaths(t *testing.T) {
	msgs, err := triage.ReadPaths([]string{"../../testdata/triage/inbox"})
	require.NoError(t, err)
	assert.GreaterOrEqual(t, len(msgs), 150)
	dir := t.TempDir()
	writeFile(t, dir+"/a.jsonl", `{"id": "same", "text": "x"}`)
	writeFile(t, dir+"/b.jsonl", `{"id": "same", "text": "y"}`)
	_, err = triage.ReadPaths([]string{dir})
	require.Error(t, err)
	assert.Contains(t, err.Error(), `message id "same" is used twice`)
	_, err = triage.ReadPaths([]string{dir + "/missing"})
	require.Error(t, err)
}

// FuzzReadMessages: no input makes a reader panic, and every error names
// the file.
func FuzzReadMessages(f *testing.F) {
	for _, s := range []string{`{"id":"a","text":"b"}`, `[{"id":1,"text":"x","received":"2026-03-10T00:00:00Z"}]`,
		"---\nid: a\n---\nx", "Date: Mon, 09 Mar 2026 14:20:00 +0000\n\nx", `{"messages":[{"id":"a","text":"t"}]}`, "---\n: :\n---"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		for _, p := range []string{"f.jsonl", "f.json", "f.md", "f.eml", "f.txt"} {
			msgs, err := triage.ReadMessages(p, strings.NewReader(src))
			if err != nil {
				if !strings.Contains(err.Error(), p) {
					t.Fatalf("%s: error without the file name: %v", p, err)
				}
				continue
			}
			for _, m := range msgs {
				if m.ID == "" {
					t.Fatalf("%s: message without an id", p)
				}
			}
		}
	})
}

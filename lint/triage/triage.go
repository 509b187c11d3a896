// Package triage decides which buyer message to answer first. It reads an
// inbox (text, e-mail, Markdown with front matter, JSON and JSONL exports),
// finds risk signals in each message with token-pattern rules over the
// language packs (rules/triage/*.yaml; never reply-linting rules), and
// scores each message from its signals, its channel's weight and the time
// left to the channel's reply deadline. It also writes a four-step reply
// skeleton in the buyer's language. A helpdesk service imports it:
//
//	tr, err := triage.New(triage.Config{})
//	results := tr.Triage(msgs, time.Now())
//	_ = triage.WriteText(w, results)
package triage

import (
	"fmt"
	"slices"
	"sort"
	"time"

	"github.com/replylint/replylint/lint/lang"
	"github.com/replylint/replylint/lint/language"
	"github.com/replylint/replylint/lint/rule"
	"github.com/replylint/replylint/rules"
)

// Config says how to triage.
type Config struct {
	// Signals are the signal rules; nil loads the built-in ones.
	Signals []*Signal
	// Packs are the language packs; nil loads the built-in ones.
	Packs lang.Set
	// Channels override the default policies per channel (deadline or
	// weight; a zero field keeps the default).
	Channels map[rule.Channel]ChannelPolicy
	// DefaultChannel is the channel of messages whose input does not say
	// ("" is amazon, the strictest).
	DefaultChannel rule.Channel
	// Language forces every message's language ("" detects it).
	Language string
}

// Triager scores messages. It is safe for concurrent use.
type Triager struct {
	det        *detector
	signals    map[string]*Signal
	channels   map[rule.Channel]ChannelPolicy
	defaultCh  rule.Channel
	language   string
	detectLang *language.Detector
	skeletons  map[string]*skeletonPhrases
}

// BuiltinSignals loads the signal rules embedded in the binary.
func BuiltinSignals() ([]*Signal, error) {
	return LoadSignals(rules.FS, "triage", "rules/triage")
}

// BuiltinPacks loads the language packs embedded in the binary (their
// snapshot, see rules.Packs).
func BuiltinPacks() (lang.Set, error) {
	return lang.DecodeSnapshot(rules.Packs)
}

// New compiles the signal rules.
func New(cfg Config) (*Triager, error) {
	var err error
	sigs := cfg.Signals
	if sigs == nil {
		if sigs, err = BuiltinSignals(); err != nil {
			return nil, fmt.Errorf("built-in signal rules: %w", err)
		}
	}
	packs := cfg.Packs
	if packs == nil {
		if packs, err = BuiltinPacks(); err != nil {
			return nil, fmt.Errorf("built-in language packs: %w", err)
		}
	}
	det, err := newDetector(sigs, packs)
	if err != nil {
		return nil, err
	}
	chans := DefaultChannels()
	for ch, p := range cfg.Channels {
		d := chans[ch]
		if p.Deadline > 0 {
			d.Deadline = p.Deadline
		}
		if p.Weight > 0 {
			d.Weight = p.Weight
		}
		if p.Source != "" {
			d.Source = p.Source
		}
		chans[ch] = d
	}
	if cfg.Language != "" {
		if err := checkLanguage(cfg.Language); err != nil {
			return nil, err
		}
	}
	sk, err := loadSkeletons()
	if err != nil {
		return nil, err
	}
	t := &Triager{det: det, signals: map[string]*Signal{}, channels: chans, defaultCh: cfg.DefaultChannel,
		language: cfg.Language, detectLang: language.New(rule.Languages()), skeletons: sk}
	if t.defaultCh == "" {
		t.defaultCh = rule.Amazon
	}
	for _, s := range sigs {
		t.signals[s.ID] = s
	}
	return t, nil
}

// Signals returns the signal rules, by ID.
func (t *Triager) Signals() []*Signal {
	out := make([]*Signal, 0, len(t.signals))
	for _, s := range t.signals {
		out = append(out, s)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// Channel returns the policy used for a channel.
func (t *Triager) Channel(ch rule.Channel) ChannelPolicy { return t.channels[ch] }

// Result is the triage of one message.
type Result struct {
	// Rank is 1 for the message to answer first.
	Rank     int          `json:"rank"`
	ID       string       `json:"id"`
	Channel  rule.Channel `json:"channel"`
	Language string       `json:"language"`
	// Received is the message's time (now when the input did not say).
	Received      time.Time     `json:"received"`
	ReceivedKnown bool          `json:"receivedKnown"`
	Deadline      time.Time     `json:"deadline"`
	TimeLeft      time.Duration `json:"-"`
	Overdue       bool          `json:"overdue"`
	// Signals are the distinct signal IDs, by falling risk.
	Signals []string  `json:"signals"`
	Hits    []Hit     `json:"hits"`
	Reply   ReplyKind `json:"reply"`
	Score   Score     `json:"score"`
	Source  string    `json:"source"`
	// Text is the message (for skeletons and reports that quote it).
	Text string `json:"-"`
	// OrderValue and RepeatBuyer are copied from the message.
	OrderValue  float64 `json:"orderValue,omitempty"`
	RepeatBuyer bool    `json:"repeatBuyer,omitempty"`
}

// Analyze triages one message against now (not ranked).
func (t *Triager) Analyze(m Message, now time.Time) Result {
	r := Result{ID: m.ID, Channel: m.Channel, Source: m.Source, Text: m.Text,
		OrderValue: m.OrderValue, RepeatBuyer: m.RepeatBuyer, Received: m.Received, ReceivedKnown: !m.Received.IsZero()}
	if r.Channel == "" {
		r.Channel = t.defaultCh
	}
	if !r.ReceivedKnown {
		r.Received = now
	}
	r.Language = m.Language
	if r.Language == "" {
		r.Language = t.language
	}
	if r.Language == "" {
		r.Language = t.detectLang.Detect(m.Text)
	}
	if r.Language == "" {
		r.Language = "en"
	}
	r.Hits = t.det.find(m.Text, r.Language)
	if r.Hits == nil {
		r.Hits = []Hit{}
	}
	var risks []float64
	seen := map[string]bool{}
	r.Reply = Information
	for _, h := range r.Hits {
		if seen[h.Signal] {
			continue
		}
		seen[h.Signal] = true
		s := t.signals[h.Signal]
		r.Signals = append(r.Signals, h.Signal)
		risks = append(risks, s.Risk)
		if s.Reply == Complaint {
			r.Reply = Complaint
		}
	}
	sort.SliceStable(r.Signals, func(i, j int) bool {
		a, b := t.signals[r.Signals[i]], t.signals[r.Signals[j]]
		if a.Risk != b.Risk {
			return a.Risk > b.Risk
		}
		return a.ID < b.ID
	})
	if r.Signals == nil {
		r.Signals = []string{}
	}
	pol := t.channels[r.Channel]
	r.Deadline = r.Received.Add(pol.Deadline)
	r.TimeLeft = r.Deadline.Sub(now)
	r.Overdue = r.TimeLeft < 0
	r.Score = score(combineRisk(risks), pol, r.TimeLeft, m.OrderValue, m.RepeatBuyer)
	return r
}

// Triage scores every message and returns them by falling priority; ties
// go to the earlier deadline, then the ID, so the order is deterministic.
func (t *Triager) Triage(msgs []Message, now time.Time) []Result {
	out := make([]Result, len(msgs))
	for i, m := range msgs {
		out[i] = t.Analyze(m, now)
	}
	slices.SortStableFunc(out, func(a, b Result) int {
		switch {
		case a.Score.Priority != b.Score.Priority:
			if a.Score.Priority > b.Score.Priority {
				return -1
			}
			return 1
		case !a.Deadline.Equal(b.Deadline):
			return a.Deadline.Compare(b.Deadline)
		case a.ID < b.ID:
			return -1
		case a.ID > b.ID:
			return 1
		}
		return 0
	})
	for i := range out {
		out[i].Rank = i + 1
	}
	return out
}

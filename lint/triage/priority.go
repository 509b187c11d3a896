package triage

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/replylint/replylint/lint/rule"
)

// ChannelPolicy is what a channel asks of a seller's replies.
type ChannelPolicy struct {
	// Deadline is the time from a buyer's message to the latest reply the
	// channel accepts without counting it late.
	Deadline time.Duration `json:"deadline"`
	// Weight scales the compliance risk of the channel's signals: 1 for a
	// marketplace whose metrics (ODR, Late Response Rate) can suspend the
	// account, less for channels where a late or cold reply costs less.
	Weight float64 `json:"weight"`
	// Source says where the default comes from.
	Source string `json:"source"`
}

// DefaultChannels are the reply deadlines and weights per channel, with
// their sources (see docs/triage.md and the shared policy notes).
func DefaultChannels() map[rule.Channel]ChannelPolicy {
	return map[rule.Channel]ChannelPolicy{
		rule.Amazon: {Deadline: 24 * time.Hour, Weight: 1.0,
			Source: "Amazon Seller Central, Late Response Rate: replies within 24 hours including weekends and holidays (sellercentral.amazon.com/gp/help/external/200549770); ODR and A-to-z claims can suspend the account"},
		rule.Walmart: {Deadline: 48 * time.Hour, Weight: 0.8,
			Source: "Walmart Marketplace Customer Care policy: respond within 48 hours of receipt including weekends; Seller Response Rate > 95% (marketplacelearn.walmart.com)"},
		rule.Tiktok: {Deadline: 24 * time.Hour, Weight: 0.8,
			Source: "TikTok Shop US Customer Service Policy: 24-hour response requirement (12 hours in Thailand) (seller-us.tiktok.com/university)"},
		rule.Ebay: {Deadline: 72 * time.Hour, Weight: 0.7,
			Source: "eBay publishes no message deadline; a Money Back Guarantee request gives the seller about 3 business days before the buyer can escalate (unverified)"},
		rule.Shopify: {Deadline: 48 * time.Hour, Weight: 0.4,
			Source: "own store: no platform deadline or metric; 48 hours is a service target to set per shop (assumption); chargebacks and reviews still cost"},
	}
}

// ParseChannel reads a channel name, allowing the spellings exports use
// ("Amazon", "amazon.de", "TikTok Shop").
func ParseChannel(s string) (rule.Channel, error) {
	k := strings.ToLower(strings.TrimSpace(s))
	k = strings.NewReplacer(" ", "", "-", "", "_", "").Replace(k)
	switch {
	case strings.HasPrefix(k, "amazon"):
		return rule.Amazon, nil
	case strings.HasPrefix(k, "ebay"):
		return rule.Ebay, nil
	case strings.HasPrefix(k, "walmart"):
		return rule.Walmart, nil
	case strings.HasPrefix(k, "tiktok"):
		return rule.Tiktok, nil
	case strings.HasPrefix(k, "shopify"):
		return rule.Shopify, nil
	}
	return "", fmt.Errorf("unknown channel %q (want amazon, ebay, walmart, tiktok or shopify)", s)
}

// ParseChannelSetting reads CHANNEL=VALUE (a flag such as --deadline
// amazon=12h).
func ParseChannelSetting(s string) (rule.Channel, string, error) {
	name, val, ok := strings.Cut(s, "=")
	if !ok || strings.TrimSpace(val) == "" {
		return "", "", fmt.Errorf("%q: want CHANNEL=VALUE", s)
	}
	ch, err := ParseChannel(name)
	if err != nil {
		return "", "", err
	}
	return ch, strings.TrimSpace(val), nil
}

// ParseDeadline reads a duration: Go syntax (36h, 90m) or days ("3d").
func ParseDeadline(s string) (time.Duration, error) {
	if d, ok := strings.CutSuffix(s, "d"); ok {
		n, err := strconv.ParseFloat(d, 64)
		if err != nil || n <= 0 {
			return 0, fmt.Errorf("deadline %q: want a positive duration such as 24h or 3d", s)
		}
		return time.Duration(n * float64(24*time.Hour)), nil
	}
	v, err := time.ParseDuration(s)
	if err != nil || v <= 0 {
		return 0, fmt.Errorf("deadline %q: want a positive duration such as 24h or 3d", s)
	}
	return v, nil
}

// Score is a message's priority and how it was made.
type Score struct {
	// Priority is 0..~125; higher is answered first.
	Priority float64 `json:"priority"`
	// Risk combines the signals (0..100).
	Risk float64 `json:"risk"`
	// Weight is the channel's weight.
	Weight float64 `json:"weight"`
	// Urgency is 0 (just arrived) to 1 (deadline reached or passed).
	Urgency float64 `json:"urgency"`
	// Value is the customer-value part (order value, repeat buyer).
	Value float64 `json:"value"`
}

// Weights of the priority formula. Compliance risk dominates (a claim on
// Amazon outranks a question anywhere); urgency raises every message as
// its deadline nears so that nothing breaches the deadline unseen; value
// breaks ties between similar risks.
const (
	urgencyShare = 0.4  // share of the compliance part that waits for urgency
	urgencyFloor = 15.0 // points a message gains at its deadline, signals or not
	otherSignals = 0.25 // each further signal adds this share of its risk
	maxValue     = 10.0 // points for order value
	repeatValue  = 5.0  // points for a repeat buyer
)

// combineRisk is the largest signal risk plus a share of the others,
// capped at 100: a threat of a claim and a chargeback together is worse
// than either, but not twice as bad.
func combineRisk(risks []float64) float64 {
	if len(risks) == 0 {
		return 0
	}
	sort.Sort(sort.Reverse(sort.Float64Slice(risks)))
	r := risks[0]
	for _, x := range risks[1:] {
		r += otherSignals * x
	}
	return math.Min(r, 100)
}

// score computes the priority of one message.
func score(risk float64, pol ChannelPolicy, left time.Duration, orderValue float64, repeat bool) Score {
	u := 1.0
	if pol.Deadline > 0 {
		u = 1 - float64(left)/float64(pol.Deadline)
	}
	u = math.Max(0, math.Min(1, u))
	value := 0.0
	if orderValue > 0 {
		// Logarithmic: a 400 order is worth more attention than a 25 one,
		// but value never outranks a compliance risk.
		value = math.Min(maxValue, 2.5*math.Log2(1+orderValue/25))
	}
	if repeat {
		value += repeatValue
	}
	compliance := risk * pol.Weight
	p := compliance*(1-urgencyShare+urgencyShare*u) + urgencyFloor*u + value
	return Score{Priority: round1(p), Risk: round1(risk), Weight: pol.Weight, Urgency: round2(u), Value: round1(value)}
}

func round1(x float64) float64 { return math.Round(x*10) / 10 }
func round2(x float64) float64 { return math.Round(x*100) / 100 }

package triage

import (
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/replylint/replylint/lint/strictyaml"
	"github.com/replylint/replylint/rules"
)

// A reply skeleton is the four-step outline of the answer (see the method:
// acknowledge the specific problem, take ownership, offer concrete
// remedies, close with a choice question) in the buyer's language, with
// {{placeholders}} for what only the agent knows. Its phrases are data
// (rules/triage/skeletons/<code>.yaml) so that a native speaker can edit
// them; every built-in skeleton passes replylint check in template mode.

// RemedyKeys are the remedies a signal may offer.
func RemedyKeys() []string {
	return []string{"replacement", "refund", "partial-refund", "return-label", "exchange", "cancel", "reship", "track", "answer"}
}

type skeletonPhrases struct {
	Language string `yaml:"language"`
	Greeting string `yaml:"greeting"`
	SignOff  string `yaml:"sign-off"`
	// Complaint steps.
	Acknowledge string `yaml:"acknowledge"`
	// Problems name each signal's problem for the acknowledgement.
	Problems  map[string]string `yaml:"problems"`
	Ownership string            `yaml:"ownership"`
	Offer     string            `yaml:"offer"`
	Choice    string            `yaml:"choice"`
	// Information steps.
	Thanks      string `yaml:"thanks"`
	Checked     string `yaml:"checked"`
	Answer      string `yaml:"answer"`
	InfoChoice  string `yaml:"info-choice"`
	InfoOptionA string `yaml:"info-option-a"`
	InfoOptionB string `yaml:"info-option-b"`
	// Remedies: the words of each remedy in an offer and in the choice.
	Remedies map[string]string `yaml:"remedies"`
	// List joins remedies in the offer ("{a}, {b} or {c}"): separator and
	// last separator.
	ListSep  string `yaml:"list-separator"`
	ListLast string `yaml:"list-last"`
}

func loadSkeletons() (map[string]*skeletonPhrases, error) {
	return LoadSkeletons(rules.FS, "triage/skeletons", "rules/triage/skeletons")
}

// LoadSkeletons reads skeleton phrase files (<code>.yaml).
func LoadSkeletons(fsys fs.FS, root, display string) (map[string]*skeletonPhrases, error) {
	entries, err := fs.ReadDir(fsys, root)
	if err != nil {
		return nil, fmt.Errorf("reading reply skeletons in %s: %w", display, err)
	}
	out := map[string]*skeletonPhrases{}
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".yaml") {
			continue
		}
		name := path.Join(display, e.Name())
		data, err := fs.ReadFile(fsys, path.Join(root, e.Name()))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		node, err := strictyaml.Parse(name, data)
		if err != nil {
			return nil, err
		}
		var sp skeletonPhrases
		if err := strictyaml.Decode(name, node, &sp); err != nil {
			return nil, err
		}
		if sp.Language+".yaml" != e.Name() {
			return nil, strictyaml.At(name, node, "language %q in the file of %q", sp.Language, strings.TrimSuffix(e.Name(), ".yaml"))
		}
		for _, k := range RemedyKeys() {
			if sp.Remedies[k] == "" {
				return nil, strictyaml.At(name, strictyaml.Lookup(node, "remedies"), "remedy %q has no words", k)
			}
		}
		for _, id := range SignalIDs() {
			if sp.Problems[id] == "" {
				return nil, strictyaml.At(name, strictyaml.Lookup(node, "problems"), "signal %q has no problem words", id)
			}
		}
		out[sp.Language] = &sp
	}
	return out, nil
}

// Skeleton writes the reply outline for a triaged message in its language
// (English when there are no phrases for it).
func (t *Triager) Skeleton(r Result) string {
	sp := t.skeletons[r.Language]
	if sp == nil {
		sp = t.skeletons["en"]
	}
	if sp == nil {
		return ""
	}
	var b strings.Builder
	b.WriteString(sp.Greeting)
	b.WriteString("\n\n")
	if r.Reply != Complaint {
		b.WriteString(sp.Thanks + " " + sp.Checked + "\n\n")
		b.WriteString(sp.Answer + "\n\n")
		b.WriteString(fill(sp.InfoChoice, sp.InfoOptionA, sp.InfoOptionB) + "\n\n")
		b.WriteString(sp.SignOff)
		b.WriteString("\n")
		return b.String()
	}
	// 1. Acknowledge the specific problem: the problem signal of highest
	// risk (a threat of a claim is not the problem itself).
	problem := sp.Problems["question"]
	for _, id := range r.Signals {
		if p := sp.Problems[id]; p != "" && !threat(id) {
			problem = p
			break
		}
	}
	if problem == sp.Problems["question"] && len(r.Signals) > 0 {
		problem = sp.Problems[r.Signals[0]]
	}
	b.WriteString(strings.ReplaceAll(sp.Acknowledge, "{problem}", problem) + "\n\n")
	// 2. Ownership.
	b.WriteString(sp.Ownership + "\n\n")
	// 3. Remedies that fit the signals, 4. a choice between the first two.
	rem := t.remedies(r)
	words := make([]string, len(rem))
	for i, k := range rem {
		words[i] = sp.Remedies[k]
	}
	b.WriteString(strings.ReplaceAll(sp.Offer, "{remedies}", joinList(words, sp.ListSep, sp.ListLast)) + "\n\n")
	b.WriteString(fill(sp.Choice, words[0], words[1]) + "\n\n")
	b.WriteString(sp.SignOff)
	b.WriteString("\n")
	return b.String()
}

// threat reports signals that are the buyer's escalation, not the problem.
func threat(id string) bool {
	switch id {
	case "a-to-z-claim", "chargeback", "negative-review", "legal":
		return true
	}
	return false
}

// remedies returns two or three remedies that fit the message's signals,
// in order of the signals' risk.
func (t *Triager) remedies(r Result) []string {
	var out []string
	// A replacement, a new parcel and the correct item are one offer to
	// the buyer (a new item sent today): the first of them stands for all.
	sendsItem := func(k string) bool { return k == "replacement" || k == "reship" || k == "exchange" }
	for _, id := range r.Signals {
		for _, k := range t.signals[id].Remedies {
			if k == "answer" || slices.Contains(out, k) || sendsItem(k) && slices.ContainsFunc(out, sendsItem) {
				continue
			}
			out = append(out, k)
		}
	}
	for _, k := range []string{"replacement", "refund", "return-label"} {
		if len(out) < 2 && !slices.Contains(out, k) && !(sendsItem(k) && slices.ContainsFunc(out, sendsItem)) {
			out = append(out, k)
		}
	}
	if len(out) > 3 {
		out = out[:3]
	}
	return out
}

func fill(s, a, b string) string {
	return strings.NewReplacer("{a}", a, "{b}", b).Replace(s)
}

func joinList(words []string, sep, last string) string {
	switch len(words) {
	case 0:
		return ""
	case 1:
		return words[0]
	}
	return strings.Join(words[:len(words)-1], sep) + last + words[len(words)-1]
}

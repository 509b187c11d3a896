// Package rule decodes and validates rule files: typed YAML with unknown keys
// rejected and every error reported as file:line:col. It knows nothing about
// how a rule is checked; package check turns a Rule into a running check.
package rule

import (
	"fmt"

	"gopkg.in/yaml.v3"

	"github.com/replylint/replylint/lint/core"
)

// Kind names a check mechanism. The set is closed: a rule file cannot add one.
type Kind string

// The check kinds.
const (
	KindPhrase         Kind = "phrase"
	KindLink           Kind = "link"
	KindContact        Kind = "contact"
	KindRequired       Kind = "required"
	KindChoiceQuestion Kind = "choice-question"
	KindPlaceholder    Kind = "placeholder"
	KindLanguage       Kind = "language"
	KindLength         Kind = "length"
	KindShouting       Kind = "shouting"
	KindCapitalization Kind = "capitalization"
	KindSpacing        Kind = "spacing"
	KindMessageType    Kind = "message-type"
	KindOrderID        Kind = "order-id"
	KindHTMLStyle      Kind = "html-style"
)

// Kinds lists every check kind in documentation order.
func Kinds() []Kind {
	return []Kind{KindPhrase, KindLink, KindContact, KindRequired, KindChoiceQuestion, KindPlaceholder, KindLanguage,
		KindLength, KindShouting, KindCapitalization, KindSpacing, KindMessageType, KindOrderID, KindHTMLStyle}
}

// Channel is a sales channel whose policy a message is judged against.
type Channel = core.Channel

// The channels.
const (
	Amazon  = core.Amazon
	Ebay    = core.Ebay
	Walmart = core.Walmart
	Tiktok  = core.Tiktok
	Shopify = core.Shopify
)

// Channels lists every channel, the default first.
func Channels() []Channel { return core.Channels() }

// ParseChannel validates a channel name.
func ParseChannel(s string) (Channel, error) { return core.ParseChannel(s) }

// MessageKind says what a message is (see core.MessageKind).
type MessageKind = core.MessageKind

// The message kinds.
const (
	ComplaintReply = core.ComplaintReply
	Reply          = core.Reply
	Proactive      = core.Proactive
)

// ParseMessageKind validates a message kind name.
func ParseMessageKind(s string) (MessageKind, error) { return core.ParseMessageKind(s) }

// Mode says whether a text is a template or a draft (see core.Mode).
type Mode = core.Mode

// The modes.
const (
	Draft    = core.Draft
	Template = core.Template
)

// Register is how a message addresses the buyer (see core.Register).
type Register = core.Register

// ParseRegister validates a register name: formal or informal.
func ParseRegister(s string) (Register, error) { return core.ParseRegister(s) }

// ParseMode validates a mode name.
func ParseMode(s string) (Mode, error) { return core.ParseMode(s) }

// Languages lists the languages the built-in packs support.
func Languages() []string { return core.Languages() }

// AnyLanguage is the match key for patterns that hold in every language.
const AnyLanguage = "any"

// PerChannel holds one value for each channel.
type PerChannel[T any] struct {
	Amazon  T `yaml:"amazon"`
	Ebay    T `yaml:"ebay"`
	Walmart T `yaml:"walmart"`
	Tiktok  T `yaml:"tiktok"`
	Shopify T `yaml:"shopify"`
}

// Get returns the value for ch (the zero value for an unknown channel).
func (p *PerChannel[T]) Get(ch Channel) T {
	switch ch {
	case Amazon:
		return p.Amazon
	case Ebay:
		return p.Ebay
	case Walmart:
		return p.Walmart
	case Tiktok:
		return p.Tiktok
	case Shopify:
		return p.Shopify
	}
	var zero T
	return zero
}

// Set stores v for ch.
func (p *PerChannel[T]) Set(ch Channel, v T) {
	switch ch {
	case Amazon:
		p.Amazon = v
	case Ebay:
		p.Ebay = v
	case Walmart:
		p.Walmart = v
	case Tiktok:
		p.Tiktok = v
	case Shopify:
		p.Shopify = v
	}
}

// Pos is a place in a rule file.
type Pos struct {
	File   string
	Line   int
	Column int
}

func (p Pos) String() string { return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Column) }

// String is a YAML string that remembers where it was written, so that a bad
// pattern is reported at its own line and column.
type String struct {
	Value string
	Line  int
	Col   int
}

// UnmarshalYAML implements yaml.Unmarshaler.
func (s *String) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.ScalarNode {
		return fmt.Errorf("line %d: expected a string", n.Line)
	}
	*s = String{Value: n.Value, Line: n.Line, Col: n.Column}
	return nil
}

// Spec is a rule exactly as written in YAML. Fields that belong to one check
// kind sit in that kind's block (link, contact, ...), which is only valid with
// that kind.
type Spec struct {
	ID          string             `yaml:"id"`
	Kind        Kind               `yaml:"kind"`
	Description string             `yaml:"description"`
	Severity    string             `yaml:"severity"`
	Weight      *int               `yaml:"weight"`
	Channels    PerChannel[string] `yaml:"channels"`
	Languages   []string           `yaml:"languages"`
	AppliesTo   []string           `yaml:"applies-to"`
	Message     string             `yaml:"message"`
	Rationale   string             `yaml:"rationale"`
	Source      string             `yaml:"source"`
	// Checked is the date (YYYY-MM-DD) the source was last read against
	// the rule: policies change, and a reader can tell how fresh a rule is.
	Checked string `yaml:"checked"`
	// Sources are further policy pages the rule follows (the channel
	// specifics of a rule that covers several channels).
	Sources []SourceSpec `yaml:"sources"`
	// AppliesToTypes restricts the rule to messages of these types
	// (rule.MessageTypes); empty means every type.
	AppliesToTypes []string         `yaml:"applies-to-types"`
	Suggest        *SuggestSpec     `yaml:"suggest"`
	Match          map[string]Match `yaml:"match"`
	// Vocabularies are the rule's own named word lists per language; they
	// hide pack vocabularies of the same name for this rule only.
	Vocabularies map[string]map[string]*VocabularySpec `yaml:"vocabularies"`
	// Patterns is the rule group: token-pattern sub-rules, each with its
	// own message and suggestion (see docs/rule-language.md).
	Patterns    []*PatternSpec    `yaml:"patterns"`
	Link        *LinkSpec         `yaml:"link"`
	Contact     *ContactSpec      `yaml:"contact"`
	Required    *RequiredSpec     `yaml:"required"`
	Choice      map[string]Choice `yaml:"choice"`
	Placeholder *PlaceholderSpec  `yaml:"placeholder"`
	Language    *LanguageSpec     `yaml:"language"`
	Length      *LengthSpec       `yaml:"length"`
	Shouting    *ShoutingSpec     `yaml:"shouting"`
	// Capitalization and Spacing configure those kinds.
	Capitalization *CapitalizationSpec `yaml:"capitalization"`
	Spacing        *SpacingSpec        `yaml:"spacing"`
	MessageType    *MessageTypeSpec    `yaml:"message-type"`
	OrderID        *OrderIDSpec        `yaml:"order-id"`
	HTMLStyle      *HTMLStyleSpec      `yaml:"html-style"`
	Examples       Examples            `yaml:"examples"`
}

// Match is what one language's text must contain for a rule to match.
// Phrases are literal word sequences (folded like the message, so case,
// width and accents do not matter) in which "(a|b)" offers alternatives;
// patterns are RE2 expressions run on the folded text. A match that overlaps
// an Except match is dropped.
type Match struct {
	Phrases  []String `yaml:"phrases"`
	Patterns []String `yaml:"patterns"`
	Except   []String `yaml:"except"`
}

// VocabularySpec is a list of phrases, or {typos, words}.
type VocabularySpec struct {
	Typos int      `yaml:"typos"`
	Words []String `yaml:"words"`
	Line  int      `yaml:"-"`
	Col   int      `yaml:"-"`
}

// UnmarshalYAML accepts a plain list or a mapping.
func (v *VocabularySpec) UnmarshalYAML(n *yaml.Node) error {
	v.Line, v.Col = n.Line, n.Column
	if n.Kind == yaml.SequenceNode {
		if err := n.Decode(&v.Words); err != nil {
			return fmt.Errorf("vocabulary: %w", err)
		}
		return nil
	}
	type plain VocabularySpec
	var p plain
	if err := n.Decode(&p); err != nil {
		return fmt.Errorf("vocabulary: %w", err)
	}
	v.Typos, v.Words = p.Typos, p.Words
	return nil
}

// PatternSpec is one sub-rule of a rule group: token patterns composed
// within a scope, with its own message and suggestion.
type PatternSpec struct {
	// ID names the sub-rule within the rule (reported with the finding).
	ID string `yaml:"id"`
	// Pattern is shorthand for All with one item.
	Pattern *String `yaml:"pattern"`
	// All items must match inside one scope unit, in any order.
	All []String `yaml:"all"`
	// Any: at least one of these must match in the unit too.
	Any []String `yaml:"any"`
	// Not are antipatterns: a unit holding one of them does not match.
	Not []String `yaml:"not"`
	// Scope is clause, sentence (default), paragraph or message.
	Scope string `yaml:"scope"`
	// Inside restricts the scope to a part of the layout: greeting, body,
	// opening (first body paragraph), closing (last body paragraph) or
	// signoff.
	Inside string `yaml:"inside"`
	// Languages restricts the sub-rule (default: every language whose
	// vocabularies resolve).
	Languages []string `yaml:"languages"`
	// Report is the index of the All item whose span is reported (default:
	// from the first to the last matched token).
	Report *int `yaml:"report"`
	// Role is what the sub-rule stands for in a check kind that needs more
	// than presence (choice-question: question or alternative).
	Role    string       `yaml:"role"`
	Message string       `yaml:"message"`
	Suggest *SuggestSpec `yaml:"suggest"`
	Line    int          `yaml:"-"`
	Col     int          `yaml:"-"`
}

// UnmarshalYAML records the sub-rule's place.
func (p *PatternSpec) UnmarshalYAML(n *yaml.Node) error {
	type plain PatternSpec
	var v plain
	if err := n.Decode(&v); err != nil {
		return fmt.Errorf("pattern: %w", err)
	}
	*p = PatternSpec(v)
	p.Line, p.Col = n.Line, n.Column
	return nil
}

// SuggestSpec describes the rewrite a rule proposes.
type SuggestSpec struct {
	Description string `yaml:"description"`
	// Action is replace (the match), replace-sentence (the sentence holding
	// the match; empty text deletes it), insert (required elements) or none.
	Action string `yaml:"action"`
	// Text is the new text per language; "{match}" stands for the match.
	// A key "de@informal" holds the text for a message that addresses the
	// buyer informally (du, tu); the plain key is the formal text.
	Text map[string]string `yaml:"text"`
	Safe bool              `yaml:"safe"`
}

// InformalSuffix marks a suggestion text's key as the informal variant of
// a language's text ("de@informal").
const InformalSuffix = "@informal"

// TextFor returns the suggestion's text for a language and register: the
// informal variant when the message is informal and one is written, else
// the language's text, else the English one (ok is false then).
func (s *SuggestSpec) TextFor(lang string, reg core.Register) (string, bool) {
	if reg == core.Informal {
		if t, ok := s.Text[lang+InformalSuffix]; ok {
			return t, true
		}
	}
	if t, ok := s.Text[lang]; ok {
		return t, true
	}
	return s.Text["en"], false
}

// LinkSpec configures the link check.
type LinkSpec struct {
	// Domains names lists of registrable domains, e.g. amazon, carriers.
	Domains map[string][]String `yaml:"domains"`
	// Allow says which named lists a channel allows; a channel without an
	// entry allows every host.
	Allow PerChannel[[]string] `yaml:"allow"`
	// Shorteners hide the destination and always fire.
	Shorteners []String `yaml:"shorteners"`
	// WarnPaths are URL path prefixes on allowed hosts that are only a warning
	// (e.g. product detail pages), per named list.
	WarnPaths map[string][]String `yaml:"warn-paths"`
	// InsecureSeverity is the severity of an allowed host over http.
	InsecureSeverity string `yaml:"insecure-severity"`
	// Placeholders judge a template slot by its name: {shop_url} and
	// {{store_link}} are the seller's own site, {{tracking_url}} is not.
	Placeholders *SlotNames `yaml:"placeholders"`
	// Messages are the check's named texts: the message of each case it
	// tells apart and the description of each fix it builds (see
	// NamedMessages). A name left out falls back to the rule's message.
	Messages map[string]string `yaml:"messages"`
}

// SlotNames are the words of template slot names that decide what a slot
// stands for.
type SlotNames struct {
	// Site words make a slot a link to a website (url, link, website).
	Site []string `yaml:"site"`
	// Allowed words make it a link the channel allows (tracking, amazon).
	Allowed []string `yaml:"allowed"`
	// AllowedInProse words make it an allowed link only when the slot's name
	// is written as words ("[review link]", "[[order-link]]"), the way a
	// marketplace messaging tool names its links; a code identifier with the
	// same word ("{{ Order.Url }}", "$review_order_url") is a shop system's
	// variable and stands for a page of the seller's own site.
	AllowedInProse []string `yaml:"allowed-in-prose"`
}

// ContactSpec configures the contact-information check. The match block adds
// phrases that invite the buyer off the platform.
type ContactSpec struct {
	Emails  bool `yaml:"emails"`
	Phones  bool `yaml:"phones"`
	Handles bool `yaml:"handles"`
	// AllowEmailDomains are relay domains the marketplace itself uses.
	AllowEmailDomains []String `yaml:"allow-email-domains"`
	// PlaceholderWords are words in a template slot's name that say it
	// fills in contact details ({{store_email}}, %shop_phone%).
	PlaceholderWords []string `yaml:"placeholder-words"`
	// PlaceholderUnless are words that make such a slot something else: the
	// buyer's own address ({{customerEmail}}) or an included template file.
	PlaceholderUnless []string `yaml:"placeholder-unless"`
	// Messages are the check's named texts: the message of each case it
	// tells apart and the description of each fix it builds (see
	// NamedMessages). A name left out falls back to the rule's message.
	Messages map[string]string `yaml:"messages"`
}

// RequiredSpec configures the required-element check: the match block says
// what counts as the element.
type RequiredSpec struct {
	// Where is anywhere, opening or closing.
	Where string `yaml:"where"`
	// LateSeverity, when set, reports an element found only in the second
	// half of the body at this severity (an apology belongs first).
	LateSeverity string `yaml:"late-severity"`
	// LateMessage is the message for that case.
	LateMessage string `yaml:"late-message"`
	// Insert says where a missing element is suggested: start (of the body,
	// after the greeting), after-first-sentence, before-closing or end. The
	// default follows Where: end for closing, start otherwise.
	Insert string `yaml:"insert"`
}

// Choice is one language's vocabulary for the closing choice question.
type Choice struct {
	// Questions mark a sentence as a request for an answer even without a
	// question mark ("let me know which you prefer").
	Questions []String `yaml:"questions"`
	// Alternatives mark a choice between options ("or", "which").
	Alternatives []String `yaml:"alternatives"`
	// NotChoice cancels an alternative ("or not", "or anything else").
	NotChoice []String `yaml:"not-choice"`
}

// PlaceholderSpec configures the placeholder check.
type PlaceholderSpec struct {
	// Slots are patterns (on the original text) of template slots.
	Slots []String `yaml:"slots"`
	// Markers are patterns of left-over drafting marks (XXX, TODO).
	Markers []String `yaml:"markers"`
	// Messages are the check's named texts: the message of each case it
	// tells apart and the description of each fix it builds (see
	// NamedMessages). A name left out falls back to the rule's message.
	Messages map[string]string `yaml:"messages"`
}

// LanguageSpec configures the language check.
type LanguageSpec struct {
	// MixedSeverity is the severity for mixed languages or scripts.
	MixedSeverity string `yaml:"mixed-severity"`
	// Marketplaces maps a marketplace domain to its expected language.
	Marketplaces map[string]string `yaml:"marketplaces"`
	// ChannelLanguage is the language a channel asks for when nothing else
	// says what the buyer expects (Walmart: English on US orders).
	ChannelLanguage PerChannel[string] `yaml:"channel-language"`
	// Messages are the check's named texts: the message of each case it
	// tells apart and the description of each fix it builds (see
	// NamedMessages). A name left out falls back to the rule's message.
	Messages map[string]string `yaml:"messages"`
}

// LengthSpec configures the length check: the most characters a message
// may have.
type LengthSpec struct {
	// Max is the limit in characters (code points) per channel.
	Max PerChannel[int] `yaml:"max"`
	// MaxByType overrides Max for messages of a type (Amazon: 800
	// characters for customization, 400 for a digital access key).
	MaxByType map[string]PerChannel[int] `yaml:"max-by-type"`
	// Messages: too-long and too-long-for-type (see NamedMessages).
	Messages map[string]string `yaml:"messages"`
}

// ShoutingSpec configures the shouting check: words in capitals and
// repeated "!!" / "??".
type ShoutingSpec struct {
	// Exceptions are words written in capitals by right (acronyms, brand
	// names), compared case-insensitively.
	Exceptions []string `yaml:"exceptions"`
	// Messages: the fixes' descriptions (see NamedMessages).
	Messages map[string]string `yaml:"messages"`
}

// CapitalizationSpec configures the capitalization check: sentences that
// start in lower case, and English "i".
type CapitalizationSpec struct {
	// Exceptions are words never reported (brand spellings such as
	// iPhone); those ending in "." are abbreviations after which a
	// sentence need not end ("e.g.", "etc.").
	Exceptions []string `yaml:"exceptions"`
	// LowerAfterGreeting lists the languages whose letters go on in lower
	// case after a greeting line ending in a comma ("Hallo Frau Vogel,\n\nes
	// tut mir leid"): there the first line after the greeting is no
	// sentence start.
	LowerAfterGreeting []string `yaml:"lower-after-greeting"`
	// Messages: the fixes' descriptions (see NamedMessages).
	Messages map[string]string `yaml:"messages"`
}

// SpacingSpec configures the spacing check: a missing space after
// punctuation, and words run together.
type SpacingSpec struct {
	// Words per language for run-together words: a token that splits
	// entirely into these words is run together. Default: the language
	// packs' dictionaries (not those of languages that write compounds).
	Words map[string][]string `yaml:"words"`
	// Exceptions are tokens never reported; those starting with "." are
	// top-level domains and file extensions ("name.pdf" is no missing
	// space).
	Exceptions []string `yaml:"exceptions"`
	// Messages: the fixes' descriptions (see NamedMessages).
	Messages map[string]string `yaml:"messages"`
}

// SourceSpec is one policy page a rule follows.
type SourceSpec struct {
	// Channel is the channel the page is about ("" for all).
	Channel string `yaml:"channel"`
	URL     string `yaml:"url"`
	// Checked is the date (YYYY-MM-DD) it was last read.
	Checked string `yaml:"checked"`
}

// MessageTypeSpec configures the message-type check: which types a seller
// may send proactively on each channel, and how many review requests one
// message may hold. The rule's patterns say what a review request is.
type MessageTypeSpec struct {
	// Proactive lists, per channel, the types a proactive message may
	// have; a channel without a list allows every type.
	Proactive PerChannel[[]string] `yaml:"proactive"`
	// Messages explain, per forbidden type, why it is not allowed.
	Messages map[string]string `yaml:"messages"`
	// MaxReviewRequests is how many review or feedback requests one
	// message may hold (0: no limit).
	MaxReviewRequests int `yaml:"max-review-requests"`
}

// OrderIDSpec configures the order-id check: the message must carry the
// order's ID, written out or (in template mode) as a slot.
type OrderIDSpec struct {
	// Patterns are RE2 expressions of an order ID on the original text.
	Patterns []String `yaml:"patterns"`
	// Slots judge a template slot by the words of its name.
	Slots *OrderSlotNames `yaml:"slots"`
}

// OrderSlotNames are the words that make a template slot the order ID:
// a word of Words with a word of With ({{order_id}}, %ORDER_NUMBER%), or
// one of Joined ({{orderid}}).
type OrderSlotNames struct {
	Words  []string `yaml:"words"`
	With   []string `yaml:"with"`
	Joined []string `yaml:"joined"`
}

// HTMLStyleSpec configures the html-style check of HTML templates.
type HTMLStyleSpec struct {
	// MaxFontSizes is how many different font sizes a template may use.
	MaxFontSizes int `yaml:"max-font-sizes"`
	// MaxLineBreaks is how many line breaks may follow each other.
	MaxLineBreaks int `yaml:"max-line-breaks"`
	// VagueLinkText are link texts that do not say where a link goes, per
	// language (folded, whole text of the link).
	VagueLinkText map[string][]string `yaml:"vague-link-text"`
	// AllowImageHosts are registrable domains images may link to (the
	// marketplace's own).
	AllowImageHosts PerChannel[[]string] `yaml:"allow-image-hosts"`
	// Messages per problem (insecure-image, tracking-pixel, image-link,
	// font-sizes, centred-text, line-breaks, external-resource,
	// vague-link-text); a problem without one is not checked.
	Messages map[string]string `yaml:"messages"`
}

// Examples are the rule's own tests.
type Examples struct {
	Bad  []Example `yaml:"bad"`
	Good []Example `yaml:"good"`
}

// Example is a message with optional context. In YAML it is a plain string
// or a mapping with text and the context keys.
type Example struct {
	Text     string `yaml:"text"`
	Channel  string `yaml:"channel"`
	Kind     string `yaml:"kind"`
	Language string `yaml:"language"`
	Mode     string `yaml:"mode"`
	// ExpectedLanguage is the buyer's language (as from a marketplace or
	// the buyer's message), for the language rule's examples.
	ExpectedLanguage string `yaml:"expected-language"`
	// Type is the message type (rule.MessageTypes) the example declares.
	Type string `yaml:"type"`
	// Format is html for an example written as an HTML template (its
	// visible text is linted and its markup is given to the HTML rules).
	Format string `yaml:"format"`
	// File is the examples file the example was written in
	// (lang/<code>/rules/<rule>.yaml); "" for the rule's own file.
	File string `yaml:"-"`
	Line int    `yaml:"-"`
	Col  int    `yaml:"-"`
}

// UnmarshalYAML accepts a plain string or a mapping.
func (e *Example) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode {
		*e = Example{Text: n.Value, Line: n.Line, Col: n.Column}
		return nil
	}
	type plain Example
	var p plain
	if err := n.Decode(&p); err != nil {
		return fmt.Errorf("example: %w", err)
	}
	*e = Example(p)
	e.Line, e.Col = n.Line, n.Column
	return nil
}

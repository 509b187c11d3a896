package rule

// Texts returns what the rule tells a reader, in English, by the keys
// translations are filed under (see lint/locale):
//
//	<id>                   the rule's message
//	<id>.description       its description
//	<id>.fix               its suggestion's description
//	<id>/<sub>             a sub-rule's message
//	<id>/<sub>.fix         a sub-rule's suggestion's description
//	<id>#<name>            a named message of the rule's check kind
//	<id>#late              the required kind's message for a late element
func (r *Rule) Texts() map[string]string {
	t := map[string]string{}
	put := func(key, text string) {
		if text != "" {
			t[key] = text
		}
	}
	put(r.ID, r.Message)
	put(r.ID+".description", r.Description)
	if r.Suggest != nil {
		put(r.ID+".fix", r.Suggest.Description)
	}
	for _, p := range r.Patterns {
		if p.ID == "" {
			continue
		}
		put(r.ID+"/"+p.ID, p.Message)
		if p.Suggest != nil {
			put(r.ID+"/"+p.ID+".fix", p.Suggest.Description)
		}
	}
	for name, text := range r.NamedMessages() {
		put(r.ID+"#"+name, text)
	}
	if r.Required != nil {
		put(r.ID+"#late", r.Required.LateMessage)
	}
	return t
}

// NamedMessages returns the named messages of the rule's check kind block
// (contact, link, language, length, shouting, capitalization, spacing,
// placeholder, message-type, html-style).
func (r *Rule) NamedMessages() map[string]string {
	switch {
	case r.Contact != nil:
		return r.Contact.Messages
	case r.Link != nil:
		return r.Link.Messages
	case r.Language != nil:
		return r.Language.Messages
	case r.Length != nil:
		return r.Length.Messages
	case r.Shouting != nil:
		return r.Shouting.Messages
	case r.Capitalization != nil:
		return r.Capitalization.Messages
	case r.Spacing != nil:
		return r.Spacing.Messages
	case r.Placeholder != nil:
		return r.Placeholder.Messages
	case r.MessageType != nil:
		return r.MessageType.Messages
	case r.HTMLStyle != nil:
		return r.HTMLStyle.Messages
	}
	return nil
}

// Named returns the named message of the rule's check kind and the key
// its translations are filed under (relative to the rule: "#name"); a
// name the rule file leaves out is the rule's message (key "").
func (r *Rule) Named(name string) (text, key string) {
	if t := r.NamedMessages()[name]; t != "" {
		return t, "#" + name
	}
	return r.Message, ""
}

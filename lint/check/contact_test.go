package check

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/replylint/replylint/lint/message"
	"github.com/replylint/replylint/lint/rule"
	"github.com/replylint/replylint/rules"
)

const contactTestRule = `
id: test-contact
kind: contact
severity: error
message: contact
suggest:
  description: Remove it.
  action: replace-sentence
  text:
    en: Reply here.
contact:
  emails: true
  phones: true
  handles: true
  allow-email-domains: [marketplace.example.com, "@members.example.org"]
match:
  en:
    phrases:
      - (call|text) us
      - whatsapp
examples:
  bad: [x]
`

func contactFromYAML(t *testing.T, src string) (*Contact, error) {
	t.Helper()
	r, err := rule.Parse("test-contact.yaml", []byte(src))
	require.NoError(t, err)
	adoptBuiltinMessages(t, r)
	return NewContact(r, testEnv(t))
}

func contactBuiltin(t *testing.T) *Contact {
	t.Helper()
	r, err := rule.ParseFS(rules.FS, ".", "policy/contact-info.yaml", "")
	require.NoError(t, err)
	adoptBuiltinMessages(t, r)
	c, err := NewContact(r, testEnv(t))
	require.NoError(t, err)
	return c
}

func contactMessage(text, lang string) *message.Message {
	return message.New(text, message.Context{Channel: rule.Amazon, Language: lang, Mode: rule.Draft})
}

func contactMatches(m *message.Message, hits []Hit) []string {
	var out []string
	for _, h := range hits {
		out = append(out, m.Slice(h.Span))
	}
	return out
}

func TestContactEmails(t *testing.T) {
	c, err := contactFromYAML(t, contactTestRule)
	require.NoError(t, err)
	tests := []struct {
		text string
		want []string
	}{
		{"Write to anna.k+shop@kettle-king.co.uk today.", []string{"anna.k+shop@kettle-king.co.uk"}},
		{"Write to ANNA@KETTLE.DE.", []string{"ANNA@KETTLE.DE"}},
		{"mail: anna(at)kettle.com", []string{"anna(at)kettle.com"}},
		{"mail: anna [at] kettle [dot] com", []string{"anna [at] kettle [dot] com"}},
		{"mail anna at kettle dot com", []string{"anna at kettle dot com"}},
		{"mail anna AT kettle DOT co DOT uk please", []string{"anna AT kettle DOT co DOT uk"}},
		{"Write to anna @ kettle.com", []string{"anna @ kettle.com"}},
		{"Write to anna @ kettle . com soon", []string{"anna @ kettle . com"}},
		{"Write to anna at kettle . com soon", []string{"anna at kettle . com"}},
		{"Mail me@home . Then we talk", nil},
		{"Contact anna@kettle.com. Thanks!", []string{"anna@kettle.com"}},
		{"Contact anna@kettle.co.uk.", []string{"anna@kettle.co.uk"}},
		{"écrivez à contact [at] cuisine [point] fr", []string{"contact [at] cuisine [point] fr"}},
		{"escriba a ventas arroba cocina punto es", []string{"ventas arroba cocina punto es"}},
		{"schreiben Sie an info (at) kueche (punkt) de", []string{"info (at) kueche (punkt) de"}},
		{"Contact anna@kettle.com.Thanks a lot", []string{"anna@kettle.com"}},
		{"Full-width: anna＠kettle.com", []string{"anna＠kettle.com"}},
		{"Relay: x7f2k@marketplace.example.com", nil},
		{"Relay: x7f2k@de.marketplace.example.com", nil},
		{"Relay: bob@members.example.org", nil},
		{"Sold at amazon.com and available at kettle dot com", nil},
		{"Find us at kettle dot com", nil},
		{"image@2x.png is attached", nil},
		{"We are at home", nil},
		{"mail anna ( at ) kettle dot com", []string{"anna ( at ) kettle dot com"}},
		{"mail anna {at} kettle.com", []string{"anna {at} kettle.com"}},
		{"mail anna <at> kettle.com", []string{"anna <at> kettle.com"}},
		{"mail anna at kettle-king . com", []string{"anna at kettle-king . com"}},
		{"free at no cost, or write anna at kettle dot com", []string{"anna at kettle dot com"}},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			m := contactMessage(tt.text, "en")
			assert.Equal(t, tt.want, contactMatches(m, c.Run(m)))
		})
	}
}

func TestContactPhones(t *testing.T) {
	c, err := contactFromYAML(t, contactTestRule)
	require.NoError(t, err)
	phones := []string{
		"+1 (555) 014-2387",
		"+44 20 7946 0958",
		"+49 30 12345678",
		"+33 1 23 45 67 89",
		"+86 138 0013 8000",
		"+4915112345678",
		"(555) 014-2387",
		"555-014-2387",
		"555.014.2387",
		"1-800-555-0199",
		"0161 496 0000",
		"020 7946 0958",
		"07700 900123",
		"030 12345678",
		"06 12 34 56 78",
		"03-1234-5678",
		"090-1234-5678",
		"０３－１２３４－５６７８",
	}
	for _, p := range phones {
		t.Run(p, func(t *testing.T) {
			m := contactMessage("You can reach the workshop: "+p+" or here.", "en")
			assert.Equal(t, []string{p}, contactMatches(m, c.Run(m)))
		})
	}
	withCue := map[string]string{
		"Call 555-0199 any time.":           "555-0199",
		"Phone: 5550142387":                 "5550142387",
		"WhatsApp 13800138000":              "13800138000",
		"Tel. 030/1234567":                  "030/1234567",
		"Our number is 612 345 678, thanks": "612 345 678",
		"如有问题请拨打热线400 678 0519。":            "400 678 0519",
		"请致电021-6123-4567咨询":                "021-6123-4567",
		"お電話は03-1234-5678までお願いします。":         "03-1234-5678",
	}
	for text, want := range withCue {
		t.Run(text, func(t *testing.T) {
			m := contactMessage(text, "en")
			assert.Contains(t, contactMatches(m, c.Run(m)), want)
		})
	}
	notPhones := []string{
		"Order 123-1234567-1234567 has shipped.",
		"Your order number is 112-4455667-8899001.",
		"eBay order 12-34567-89012 is paid.",
		"Tracking 1Z999AA10123456784 with UPS.",
		"Tracking number 9400 1000 0000 0000 0000 00.",
		"FedEx 7749 1234 5678 is on its way.",
		"DHL 1234567890 arrives Monday.",
		"ASIN B07XYZ1234 is back.",
		"The price is $1,299.99 or 1.299,00 EUR or 1 299 000 won.",
		"Delivered 2024-05-01 at 10:30, or 05/01/2024 10:30, or 01.05.2024 14.30.",
		"Open between 9:00-17:30 daily.",
		"Version 10.4.12 and v2.1.3 are out.",
		"It holds 12 x 250 ml; 3-5 business days.",
		"ISBN 978-3-16-148410-0",
		"Gift code 1234-5678-9012",
		"Ship to 90210-1234 please.",
		"IP 192.168.100.200",
		"Items 1 2 3 4 5 6 7 8 9",
		"Invoice 2024-000123 attached.",
		"Reference: 555-014-2387",
		"Your tracking number is 9400 1234 5678 90.",
		"Order number: 555-014-2387",
		"您的订单123-1234567-1234567已发货。",
		"追跡番号1234567890をご確認ください。",
		"快递单号9400 1234 5678 90已更新。",
	}
	for _, text := range notPhones {
		t.Run(text, func(t *testing.T) {
			m := contactMessage(text, "en")
			assert.Empty(t, contactMatches(m, c.Run(m)))
		})
	}
}

func TestContactHandles(t *testing.T) {
	c, err := contactFromYAML(t, contactTestRule)
	require.NoError(t, err)
	tests := []struct {
		text string
		want []string
	}{
		{"Follow @kettle_king for tips.", []string{"@kettle_king"}},
		{"@105836 Have you tried another cable?", nil},
		{"@buyer_anna @KettleHelp thanks, all sorted.", nil},
		{"Hi @anna, your parcel left today.", nil},
		{"@anna see our page @kettle.king", []string{"@kettle.king"}},
		{"Write to help@kettle.com", []string{"help@kettle.com"}},
		{"Meet @5pm, 2 @ $5 each", nil},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			m := contactMessage(tt.text, "en")
			assert.Equal(t, tt.want, contactMatches(m, c.Run(m)))
		})
	}
}

func TestContactPhrasesAndFixes(t *testing.T) {
	c, err := contactFromYAML(t, contactTestRule)
	require.NoError(t, err)
	m := contactMessage("Thanks for waiting. Call us on +1 555 014 2387. Bye.", "en")
	hits := c.Run(m)
	assert.Equal(t, []string{"Call us", "+1 555 014 2387"}, contactMatches(m, hits))
	assert.Empty(t, hits[0].Message, "a phrase keeps the rule's message")
	assert.Contains(t, hits[1].Text(), "Phone number")
	require.Len(t, hits[1].Suggestions, 1)
	fix := hits[1].Suggestions[0]
	assert.False(t, fix.Safe)
	assert.Equal(t, "Call us on +1 555 014 2387.", m.Slice(fix.Edits[0].Span))
	assert.Equal(t, "Reply here.", fix.Edits[0].NewText)

	// An address inside a phrase match is reported once.
	m = contactMessage("Text us on WhatsApp", "en")
	assert.Equal(t, []string{"Text us", "WhatsApp"}, contactMatches(m, c.Run(m)))
}

func TestContactBuiltin(t *testing.T) {
	c := contactBuiltin(t)
	tests := []struct {
		text, lang string
		fires      bool
	}{
		{"Please email us at the address on the box.", "en", true},
		{"Give us a call and we will sort it out.", "en", true},
		{"We'll give you a call tomorrow to arrange it.", "en", true},
		{"Amazon will email you a return label.", "en", false},
		{"Send us a DM with your order details.", "en", true},
		{"Add us on Line app for faster replies.", "en", true},
		{"Reach us on W h a t s A p p for photos.", "en", true},
		{"Find us on i.n.s.t.a.g.r.a.m", "en", true},
		{"We chat with the courier every day.", "en", false},
		{"Our care team is on 1-800-KETTLES all week.", "en", true},
		{"It ships in 1-2 days, 800 units left.", "en", false},
		{"The power line was cut during delivery; the lamp is online again.", "en", false},
		{"Get 10% off when you order directly from our website.", "en", true},
		{"We can send the money by bank transfer.", "en", true},
		{"Please do not buy outside of Amazon.", "en", true},
		{"Contact us at {{support_email}} for help.", "en", true},
		{"Your refund was issued to your original payment method.", "en", false},
		{"You can contact Amazon customer service through Your Orders.", "en", false},
		{"Your tracking number is 1Z999AA10123456784.", "en", false},
		{"Rufen Sie uns gerne an.", "de", true},
		{"Unsere Telefonnummer steht auf der Rechnung.", "de", true},
		{"Ihre Bestellung 302-1234567-1234567 wurde versandt.", "de", false},
		{"Vous pouvez nous envoyer un e-mail.", "fr", false},
		{"Envoyez-nous un e-mail à l'adresse indiquée.", "fr", true},
		{"Responda a este correo electrónico si desea cancelar.", "es", false},
		{"Escríbanos a nuestro correo.", "es", true},
		{"Scrivici su WhatsApp.", "it", true},
		{"LINEでご連絡ください。", "ja", true},
		{"ご注文ありがとうございます。", "ja", false},
		{"请加我微信。", "zh", true},
		{"请回复此电子邮件。", "zh", false},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			m := contactMessage(tt.text, tt.lang)
			assert.Equal(t, tt.fires, len(c.Run(m)) > 0, contactMatches(m, c.Run(m)))
		})
	}
}

func TestContactConfigErrors(t *testing.T) {
	_, err := contactFromYAML(t, "id: x\nkind: contact\nseverity: error\nmessage: m\nexamples: {bad: [x]}\n")
	assert.Error(t, err)
	_, err = contactFromYAML(t, "id: x\nkind: contact\nseverity: error\nmessage: m\ncontact: {allow-email-domains: [localhost]}\nexamples: {bad: [x]}\n")
	assert.Error(t, err)
	_, err = contactFromYAML(t, "id: x\nkind: contact\nseverity: error\nmessage: m\nmatch: {en: {patterns: ['(']}}\nexamples: {bad: [x]}\n")
	assert.Error(t, err)
}

func BenchmarkContact(b *testing.B) {
	r, err := rule.ParseFS(rules.FS, ".", "policy/contact-info.yaml", "")
	require.NoError(b, err)
	c, err := NewContact(r, nil)
	require.NoError(b, err)
	m := contactMessage("Hi Anna, I am sorry the kettle arrived damaged. Your order 123-1234567-1234567 was sent on 2024-05-01. I will send a replacement today at no cost; it should arrive in 3-5 days. Best regards, Tom", "en")
	b.ReportAllocs()
	for b.Loop() {
		c.Run(m)
	}
}

// FuzzContact checks that the contact check never panics and reports spans
// inside the text.
func FuzzContact(f *testing.F) {
	for _, s := range []string{"call +1 (555) 014-2387", "anna at shop dot com", "@x @y hi @z", "０３－１２３４－５６７８", "a@b.c.d.e"} {
		f.Add(s)
	}
	r, err := rule.Parse("x.yaml", []byte(contactTestRule))
	require.NoError(f, err)
	c, err := NewContact(r, nil)
	require.NoError(f, err)
	f.Fuzz(func(t *testing.T, s string) {
		m := contactMessage(s, "en")
		for _, h := range c.Run(m) {
			if h.Span.Start < 0 || h.Span.End > len(s) || h.Span.Start >= h.Span.End {
				t.Fatalf("bad span %v in %q", h.Span, s)
			}
		}
		if templateSlot().FindStringIndex(s) != nil && !maySlot(s) {
			t.Fatalf("maySlot hides the slot in %q", s)
		}
	})
}

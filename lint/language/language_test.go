package language

import (
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var all = []string{"en", "de", "fr", "es", "it", "ja", "zh"}

func TestDetect(t *testing.T) {
	d := New(all)
	tests := []struct {
		name, text string
		want       string
		// orUnsure accepts "" as well: too little text to be sure.
		orUnsure bool
	}{
		{name: "english", text: "Thank you for your order. We are sorry the parcel arrived late; a replacement is already on its way to you.", want: "en"},
		{name: "german", text: "Vielen Dank für Ihre Bestellung. Es tut uns leid, dass das Paket beschädigt angekommen ist. Wir schicken Ihnen heute einen Ersatz.", want: "de"},
		{name: "french", text: "Merci pour votre commande. Nous sommes désolés que le colis soit arrivé en retard, nous vous envoyons un remplacement aujourd'hui.", want: "fr"},
		{name: "spanish", text: "Gracias por su pedido. Sentimos mucho que el paquete haya llegado dañado; le enviaremos un reemplazo hoy mismo.", want: "es"},
		{name: "italian", text: "Grazie per il suo ordine. Ci dispiace che il pacco sia arrivato in ritardo e le abbiamo già spedito un sostituto.", want: "it"},
		{name: "japanese", text: "ご注文いただきありがとうございます。商品が破損していたとのこと、大変申し訳ございません。", want: "ja"},
		{name: "chinese", text: "感谢您的订单。很抱歉包裹延迟送达，我们已经为您安排了补发。", want: "zh"},
		{name: "japanese with an English brand", text: "Anker PowerCore 10000をご購入いただき、誠にありがとうございます。", want: "ja"},
		{name: "english with a chinese product name", text: "Thank you for buying the 抹茶 tea set, we hope you enjoy it every morning.", want: "en"},

		{name: "greeting en", text: "Hi Savanna", want: "en", orUnsure: true},
		{name: "thanks de", text: "Danke!", want: "de", orUnsure: true},
		{name: "thanks fr", text: "Merci beaucoup", want: "fr", orUnsure: true},
		{name: "greeting it", text: "Ciao Marco", want: "it", orUnsure: true},
		{name: "thanks es", text: "¡Muchas gracias!", want: "es", orUnsure: true},
		{name: "no language", text: "OK", want: ""},
		{name: "only a name", text: "Savanna", want: ""},
		{name: "empty", text: "", want: ""},
		{name: "numbers and links only", text: "123-4567890-1234567 https://www.amazon.de/gp/css", want: ""},

		{name: "short question en", text: "Where is my order?", want: "en", orUnsure: true},
		{name: "short question de", text: "Wo ist meine Bestellung?", want: "de", orUnsure: true},
		{name: "short question fr", text: "Où est ma commande ?", want: "fr", orUnsure: true},
		{name: "short question es", text: "¿Dónde está mi pedido?", want: "es", orUnsure: true},
		{name: "short question it", text: "Dov'è il mio ordine?", want: "it", orUnsure: true},

		{name: "english quoting a german product", text: "Thanks for buying the Kaffeemaschine mit Milchaufschäumer, we hope you enjoy it!", want: "en"},
		{name: "german quoting an english product", text: "Vielen Dank für den Kauf des Wireless Charging Pad for iPhone and Android, wir wünschen Ihnen viel Freude damit.", want: "de"},
		{name: "french quoting an italian product", text: "Nous vous remercions pour votre achat de la Moka Caffettiera della Nonna, elle sera expédiée demain.", want: "fr"},
		{name: "placeholders, links and IDs stripped", text: "Hello {{buyer_name}}, your order 123-4567890-1234567 has shipped, you can follow it here: https://www.amazon.de/gp/your-account/order-details?orderID=123", want: "en"},
		{name: "spanish with a placeholder and an email", text: "Hola [nombre], le escribimos porque su pedido {{order_id}} ya está en camino. Para cualquier duda: ayuda@example.com", want: "es"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := d.Detect(tt.text)
			if tt.orUnsure && got == "" {
				return
			}
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestDetectMixed(t *testing.T) {
	d := New(all)
	enPart := "Thank you for your message. We have checked your order and the parcel left our warehouse yesterday."
	dePart := "Wir haben Ihre Bestellung geprüft und das Paket hat unser Lager gestern verlassen."
	got := d.Detect(enPart + "\n\n" + dePart)
	assert.Contains(t, []string{"en", "de", ""}, got, "a two-language text is one of its languages or unsure")
	assert.Equal(t, "en", d.DetectSentence(enPart))
	assert.Equal(t, "de", d.DetectSentence(dePart))

	mostlyEnglish := "Thank you for your message about the blender. Wir haben Ihnen heute einen neuen Deckel geschickt. " +
		"Please let us know when it arrives, and if there is anything else we can do for you."
	assert.Equal(t, "en", d.Detect(mostlyEnglish), "the language of most of a mixed text")

	quotedLine := "> Ich habe die falsche Farbe bekommen und möchte sie umtauschen.\nThank you for your message, we will send you the blue one today."
	assert.Equal(t, "en", d.Detect(quotedLine), "quoted e-mail lines are the buyer's")
}

func TestDetectSentence(t *testing.T) {
	d := New(all)
	tests := []struct{ name, text, want string }{
		{"german", "Vielen Dank für Ihre Bestellung bei uns.", "de"},
		{"french", "Nous vous remercions pour votre patience et votre compréhension.", "fr"},
		{"spanish", "Le pedimos disculpas por las molestias y le enviaremos otro paquete.", "es"},
		{"italian", "Ci scusiamo per il ritardo e le abbiamo già spedito un nuovo pacco.", "it"},
		{"english", "We are sorry that the lamp arrived with a broken shade.", "en"},
		{"chinese", "感谢您的耐心等待。", "zh"},
		{"japanese", "ご迷惑をおかけしました。", "ja"},
		{"too short", "Danke schön!", ""},
		{"german product name in english", "We sent you the Kaffeemaschine mit Milchaufschäumer für Zuhause today.", "en"},
		{"spanish product name in english", "Thanks for buying the Almohada de Viaje para el Cuello con Memoria.", ""},
		{"short cjk name", "抹茶", ""},
		{"list of names", "Anna, Marco, Jürgen, Élodie and Iñigo.", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := d.DetectSentence(tt.text)
			if tt.want == "" {
				assert.Empty(t, got)
				return
			}
			// A product name may make the scorer unsure, never wrong.
			if tt.name == "german product name in english" && got == "" {
				return
			}
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestConfidence(t *testing.T) {
	d := New(all)
	en := "Thank you for your order. We are sorry the parcel arrived late; a replacement is already on its way to you."
	de := "Vielen Dank für Ihre Bestellung. Es tut uns leid, dass das Paket beschädigt angekommen ist."
	zh := "感谢您的订单。很抱歉包裹延迟送达，我们已经为您安排了补发。"
	assert.Greater(t, d.Confidence(en, "en"), 0.8)
	assert.Less(t, d.Confidence(en, "de"), 0.1)
	assert.Greater(t, d.Confidence(de, "de"), 0.8)
	assert.Less(t, d.Confidence(de, "en"), 0.1)
	assert.Greater(t, d.Confidence(zh, "zh"), 0.9)
	assert.Zero(t, d.Confidence(zh, "ja"))
	assert.Zero(t, d.Confidence(en, "zh"))
	assert.Zero(t, d.Confidence(en, "pt"), "unknown language")

	quoted := "Thanks for buying the Kaffeemaschine mit Milchaufschäumer, we hope you enjoy it and that it makes your mornings easier!"
	assert.Less(t, d.Confidence(quoted, "de"), 0.3, "a quoted product name does not make a message German")
	assert.Greater(t, d.Confidence(quoted, "en"), 0.7)

	// Little function-word evidence: lingua answers.
	fewWords := "Le produit est arrivé cassé, remplacement envoyé demain matin."
	assert.Greater(t, d.Confidence(fewWords, "fr"), d.Confidence(fewWords, "it"))
}

func TestSubset(t *testing.T) {
	t.Run("english and german only", func(t *testing.T) {
		d := New([]string{"en", "de"})
		assert.Equal(t, "de", d.Detect("Vielen Dank für Ihre Bestellung, wir schicken Ihnen heute einen Ersatz."))
		assert.Empty(t, d.Detect("ご注文いただきありがとうございます。"), "Japanese is not in the set")
		assert.Equal(t, []string{"en", "de"}, d.Languages())
	})
	t.Run("japanese only", func(t *testing.T) {
		d := New([]string{"ja"})
		assert.Equal(t, "ja", d.Detect("商品を発送しました。"), "kanji-only text is Japanese when Chinese is not in the set")
		assert.Empty(t, d.Detect("Thank you for your order, we will ship it today and send you the tracking number."))
	})
	t.Run("chinese without japanese", func(t *testing.T) {
		d := New([]string{"en", "zh"})
		assert.Empty(t, d.Detect("ご注文いただきありがとうございます。"), "kana is Japanese, not Chinese")
	})
}

func TestName(t *testing.T) {
	assert.Equal(t, "German", Name("de"))
	assert.Equal(t, "Japanese", Name("ja"))
	assert.Equal(t, "pt", Name("pt"))
}

// TestDetectConcurrent runs the first detections, including ambiguous texts
// that need lingua, from 8 goroutines at once (run with -race).
func TestDetectConcurrent(t *testing.T) {
	d := New(all)
	texts := []string{
		"Le produit est arrivé cassé, remplacement envoyé demain matin.",
		"Thank you for your order. We are sorry the parcel arrived late.",
		"Vielen Dank für Ihre Bestellung. Es tut uns leid, dass das Paket beschädigt ist.",
		"感谢您的订单。很抱歉包裹延迟送达。",
		"Il prodotto arrivato rotto, sostituzione spedita domani mattina.",
	}
	var wg sync.WaitGroup
	got := make([][]string, 8)
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 20 {
				for _, s := range texts {
					got[g] = append(got[g], d.Detect(s))
					d.DetectSentence(s)
					d.Confidence(s, "en")
				}
			}
		}()
	}
	wg.Wait()
	want := make([]string, len(texts))
	for i, s := range texts {
		want[i] = New(all).Detect(s)
	}
	for g := range 8 {
		require.Len(t, got[g], 20*len(texts))
		for i, lang := range got[g] {
			assert.Equal(t, want[i%len(texts)], lang)
		}
	}
}

// benchMessage is a 300-character English reply.
var benchMessage = "Hi Sarah,\n\nThank you for letting us know about the scratch on the kettle. " +
	"I am sorry it arrived like this. I have already sent a replacement, which should reach you " +
	"by Thursday, and you can keep the first one. The tracking number follows shortly. " +
	"Would you prefer a refund instead?\n\nBest regards,\nTom"

func BenchmarkDetect(b *testing.B) {
	d := New(all)
	if got := d.Detect(benchMessage); got != "en" {
		b.Fatalf("Detect = %q", got)
	}
	b.ReportAllocs()
	b.SetBytes(int64(len(benchMessage)))
	for b.Loop() {
		// Forget the previous answer, which would answer every call.
		d.last.Store(nil)
		d.Detect(benchMessage)
	}
}

func BenchmarkDetectSentence(b *testing.B) {
	d := New(all)
	s := "We are sorry that the lamp arrived with a broken shade and will send a new one."
	b.ReportAllocs()
	for b.Loop() {
		d.DetectSentence(s)
	}
}

// TestDetectOddInput feeds text that once made the scanner loop or could:
// non-ASCII white space, unclosed brackets, lone apostrophes and marks.
func TestDetectOddInput(t *testing.T) {
	d := New(all)
	for _, s := range []string{
		"Thank\u00a0you for\u3000your order and we will ship it today.",
		"\u00a0\u3000\u2028",
		"{{unclosed placeholder and then the text is English for you",
		"[[ <{ ${ %%",
		"'' ’’ 'a' l' qu'",
		">",
		"> quoted only",
		"\xff\xfe invalid utf-8 bytes in the text",
		"a.b.c d/e/f g_h",
	} {
		assert.NotPanics(t, func() {
			d.Detect(s)
			d.DetectSentence(s)
			d.Confidence(s, "en")
		}, "%q", s)
	}
	assert.Equal(t, "en", d.Detect("Thank\u00a0you for\u3000your order and we will ship it today."))
}

func FuzzDetect(f *testing.F) {
	d := New(all)
	f.Add("Thank you for your order.")
	f.Add("{{x}} l'ordre \u00a0 感谢")
	f.Fuzz(func(t *testing.T, s string) {
		d.Detect(s)
		d.DetectSentence(s)
		d.Confidence(s, "de")
	})
}

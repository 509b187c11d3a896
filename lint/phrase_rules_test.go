package lint_test

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/replylint/replylint/lint"
	"github.com/replylint/replylint/lint/finding"
	"github.com/replylint/replylint/lint/rule"
)

// phraseCase is one sentence for one phrase rule: it must fire (fire) or
// stay silent. The sentences are siblings of the rules' own examples (other
// words, word orders, inflections and languages) to show that the rules
// generalise beyond the sentences they were written from.
type phraseCase struct {
	lang string
	text string
	fire bool
}

func runPhraseCases(t *testing.T, id string, ch rule.Channel, cases []phraseCase) {
	t.Helper()
	l := builtin(t)
	require.NotNil(t, l.Rule(id), "rule %s is built in", id)
	for i, c := range cases {
		name := fmt.Sprintf("%02d_%s", i, c.lang)
		t.Run(name, func(t *testing.T) {
			res := l.Lint(c.text, lint.Options{Channel: ch, Kind: rule.Reply, Language: c.lang, Only: id})
			if c.fire {
				assert.NotEmpty(t, res.Findings, "%s should fire on %q", id, c.text)
			} else {
				for _, f := range res.Findings {
					t.Errorf("%s fired on %q at %q", id, c.text, f.Match)
				}
			}
		})
	}
}

func TestReviewManipulationVariants(t *testing.T) {
	runPhraseCases(t, "review-manipulation", rule.Amazon, []phraseCase{
		// Requests to remove or change a review, in several shapes.
		{"en", "Is there any chance you could take down the negative review?", true},
		{"en", "We kindly ask you to delete the product review you posted last week.", true},
		{"en", "Would you be willing to revise your rating now that the part arrived?", true},
		{"en", "Could you raise your rating to at least four stars?", true},
		{"en", "It would help us a lot to have the 2-star review removed.", true},
		{"en", "Could your review be updated to reflect the quick fix?", true},
		{"en", "Kindly reconsider your one-star comment.", true},
		{"en", "Thank you for your 4-star review, could you make it 5 stars?", true},
		{"en", "Would you mind editing your feedback to 5 stars?", true},
		{"en", "Please update your feedback to positive.", true},
		// Positive steering and selective requests.
		{"en", "A glowing review from you would make our day!", true},
		{"en", "Please rate the product 5 stars on the review page.", true},
		{"en", "Leave us positive feedback if everything arrived safely.", true},
		{"en", "If the jacket met or exceeded your expectations, please share a review.", true},
		{"en", "When you're completely satisfied, kindly leave us a rating.", true},
		{"en", "Loving your new kettle? Tell other shoppers in a review!", true},
		{"en", "Please write a review if you loved the candles.", true},
		{"en", "If all went well, we would appreciate a quick rating.", true},
		// Diversion of unhappy buyers.
		{"en", "If anything is wrong, message us first instead of leaving a bad review.", true},
		{"en", "Rather than posting a one-star rating, reach out and we will help.", true},
		{"en", "Please do not leave a negative review, we can fix this.", true},
		{"en", "Tell us first, before you write any review.", true},
		// Lookalike letters and odd spacing are folded away.
		{"en", "Please rеmove   your review.", true},
		{"en", "Please re\u200bmove your review.", true},
		{"en", "Ｐｌｅａｓｅ ｄｅｌｅｔｅ ｙｏｕｒ ｒｅｖｉｅｗ", true},
		{"en", "PLEASE CHANGE YOUR RATING", true},
		{"en", "pls delete ur 1* review", true},
		{"en", "Leave us 5* if you can!", true},
		// Must not fire: neutral requests, thanks, seller feedback, mentions.
		{"en", "When you have a moment, we'd love to hear your honest review.", false},
		{"en", "Thanks a lot for the detailed review, we passed it on to our designers.", false},
		{"en", "Now that the issue is solved, you are welcome to update or remove the feedback you left, if you wish.", false},
		{"en", "Our kettle has received many positive reviews since launch.", false},
		{"en", "If you'd like, I can send the manual as a PDF.", false},
		{"en", "We reviewed your case and issued the refund.", false},
		{"en", "The previewed image shows the lid in grey.", false},
		{"en", "If you're happy to wait, the new batch arrives Friday.", false},
		{"en", "The speaker is rated 4.2 stars by buyers.", false},
		{"en", "We will update you on the status of your return.", false},
		{"en", "If you change your mind, the return window is 30 days.", false},
		// Other languages.
		{"de", "Würden Sie Ihre Rezension bitte nochmal überdenken?", true},
		{"de", "Könnten Sie die Bewertung auf fünf Sterne ändern?", true},
		{"de", "Bitte ziehen Sie Ihre negative Bewertung zurück.", true},
		{"de", "Wenn Ihnen der Artikel gefällt, freuen wir uns über eine 5-Sterne-Bewertung.", true},
		{"de", "Bevor Sie eine schlechte Bewertung schreiben, melden Sie sich bitte bei uns.", true},
		{"de", "Wir freuen uns über Ihre ehrliche Meinung zum Produkt.", false},
		{"de", "Danke für die tolle Bewertung!", false},
		{"fr", "Pourriez-vous modifier votre commentaire maintenant que le problème est réglé ?", true},
		{"fr", "Merci de retirer l'avis négatif que vous avez publié.", true},
		{"fr", "Pourriez-vous supprimer votre note ?", true},
		{"fr", "Une note de 5/5 nous aiderait beaucoup, notez-nous 5/5 !", true},
		{"fr", "Avant de laisser un avis, contactez-nous en cas de souci.", true},
		{"fr", "Merci beaucoup pour votre avis détaillé.", false},
		{"fr", "Nous aimerions connaître votre avis sur le produit.", false},
		{"es", "¿Sería posible que borrara la valoración de una estrella?", true},
		{"es", "¿Podría quitar la reseña?", true},
		{"es", "Nos ayudaría mucho una valoración positiva.", true},
		{"es", "Si le ha gustado la lámpara, déjenos una reseña de cinco estrellas.", true},
		{"es", "En lugar de escribir una opinión negativa, escríbanos y lo solucionamos.", true},
		{"es", "Gracias por su reseña, nos ayuda a mejorar.", false},
		{"es", "Si cambia de opinión, puede devolver el artículo.", false},
		{"it", "Potrebbe gentilmente modificare la sua recensione?", true},
		{"it", "Le chiediamo di rimuovere il commento negativo.", true},
		{"it", "Ci farebbe piacere una recensione a cinque stelle.", true},
		{"it", "Se è soddisfatto del prodotto, lasci una recensione positiva.", true},
		{"it", "Grazie mille per la sua recensione.", false},
		{"ja", "評価を星5に変更していただけますと幸いです。", true},
		{"ja", "星1の評価を取り消していただけないでしょうか。", true},
		{"ja", "ご満足いただけましたら、ぜひ高評価をお願いいたします。", true},
		{"ja", "低評価をつける前に、まずはご連絡ください。", true},
		{"ja", "レビューをいただきありがとうございました。", false},
		{"ja", "商品のご感想をお聞かせいただけますと幸いです。", false},
		{"zh", "请您删除这条评论，谢谢。", true},
		{"zh", "能否把评价改为五星？", true},
		{"zh", "如果您满意，请给我们五星好评。", true},
		{"zh", "有任何问题请先联系我们，不要给差评。", true},
		{"zh", "感谢您的评价，我们会继续改进。", false},
		{"zh", "我们的产品好评如潮。", false},
		// More siblings: other verbs, word orders and disguises.
		{"en", "Now that we've sorted it out, would you be so kind as to amend your review?", true},
		{"en", "We noticed you left 2 stars. Could you bump it up to 5?", true},
		{"en", "Any chance you could revisit the review you left for the kettle?", true},
		{"en", "If you could find it in your heart to update the rating, we'd be grateful.", true},
		{"en", "Please only leave a review if you are 100% happy.", true},
		{"en", "Happy customers, please leave a review; unhappy ones, please email us.", true},
		{"en", "We'd love a five star rating from you!", true},
		{"en", "Would you please consider removing the negative comment?", true},
		{"en", "Please reach out to us before you rate the product.", true},
		{"en", "Is it possible to change the 1 star to a 5 star?", true},
		{"en", "Could you please edit the review to mention that we fixed it?", true},
		{"de", "Wären Sie so nett, Ihre Rezension anzupassen?", true},
		{"de", "Über eine positive Rezension würden wir uns sehr freuen.", true},
		{"fr", "Serait-il possible de changer votre évaluation ?", true},
		{"fr", "Laissez-nous 5 étoiles !", true},
		{"es", "¿Podría actualizar su valoración ahora que todo está resuelto?", true},
		{"es", "Por favor, no nos deje una valoración negativa.", true},
		{"it", "Potrebbe cancellare la recensione da una stella?", true},
		{"it", "Ci lasci cinque stelle se il prodotto le piace!", true},
		{"ja", "レビューの修正をご検討いただけますでしょうか。", true},
		{"ja", "星5つをつけていただけると嬉しいです。", true},
		{"zh", "麻烦您修改一下评价，谢谢！", true},
		{"zh", "希望您能给我们一个好评。", true},
	})
}

func TestReviewIncentiveVariants(t *testing.T) {
	runPhraseCases(t, "review-incentive", rule.Amazon, []phraseCase{
		{"en", "Once your 5-star review is live, we'll send a $15 Amazon voucher.", true},
		{"en", "If you could update your rating, we would happily refund the whole order.", true},
		{"en", "We'd like to offer a 30% discount if you change your review.", true},
		{"en", "Post a review and you will receive a free sample of our new tea.", true},
		{"en", "Everyone who reviews us gets a free gift, just reply with a screenshot of the review.", true},
		{"en", "We're giving away free products in return for honest reviews.", true},
		{"en", "A refund will be issued after you delete the 1-star rating.", true},
		{"en", "We'll pay you $20 via PayPal for every five-star review.", true},
		{"en", "May we offer a $25 gift card as an apology? We would also be grateful if you could delete your review.", true},
		// A remedy already given and, in the next sentence, a removal request:
		// review-manipulation fires; an incentive needs the tie in one
		// sentence or a reward frame (issue 9: no false tie).
		{"en", "We have refunded you in full. Would you please consider removing your review?", false},
		{"en", "Leave a review to be entered into our sweepstakes.", true},
		{"en", "As a thank you for your review, we will send a gift card.", true},
		{"en", "Here is a $10 gift card as thanks for your review.", true},
		{"en", "Thanks for leaving a review - here is your $5 voucher.", true},
		{"en", "We sent the refund and thank you for your review.", false},
		{"en", "Thank you for leaving a review, we will send the refund today.", false},
		{"en", "Rate us 5* and get a free gift.", true},
		{"en", "You'll get a little something from us once your review is up.", true},
		{"en", "For every 5-star review you post, we send a $10 voucher.", true},
		{"en", "For every review, we plant a tree in your name.", false},
		// Must not fire: solutions without a review condition.
		{"en", "We will refund you in full as soon as the courier picks up the parcel.", false},
		{"en", "I'm sorry about the leak, a free replacement ships today.", false},
		{"en", "Please keep the item; we have issued a partial refund of $12.", false},
		{"en", "If the bracket is still missing, we will send one free of charge.", false},
		{"en", "We'd appreciate a review once you've had time to try the replacement.", false},
		{"en", "Thanks for your review, the refund for the missing part was sent this morning.", false},
		{"en", "If you have any feedback about the new design, we'd love to hear it.", false},
		{"en", "The gift card balance can be checked in your account.", false},
		// Other languages.
		{"de", "Als Dankeschön für Ihre Bewertung schenken wir Ihnen einen Gutschein.", true},
		{"de", "Sie bekommen 10 € zurück, sobald Sie die Rezension entfernt haben.", true},
		{"de", "Schicken Sie uns einen Screenshot Ihrer Bewertung.", true},
		{"de", "Für eine positive Bewertung erhalten Sie 5 € zurück.", true},
		{"de", "Wir erstatten den Betrag, sobald die Rücksendung bei uns ist.", false},
		{"fr", "Si vous supprimez votre avis, nous vous rembourserons intégralement.", true},
		{"fr", "Envoyez-nous une capture d'écran de votre avis pour recevoir votre cadeau.", true},
		{"fr", "Pour chaque avis publié, un bon d'achat de 10 € vous attend.", true},
		{"fr", "Nous vous remboursons dès réception du colis.", false},
		{"es", "Le regalamos un cheque regalo de 20 € a cambio de una reseña.", true},
		{"es", "Recibirá un reembolso completo si elimina su valoración negativa.", true},
		{"es", "Por cada reseña de cinco estrellas le enviamos un regalo.", true},
		{"es", "Le reembolsaremos en cuanto recibamos la devolución.", false},
		{"it", "Le offriamo un prodotto gratis se modifica la sua recensione.", true},
		{"it", "Riceverà un buono regalo di 15 € per una recensione positiva.", true},
		{"it", "Per ogni recensione riceverà uno sconto del 20%.", true},
		{"it", "Il rimborso verrà emesso appena riceviamo il pacco.", false},
		{"ja", "高評価レビューを書いていただいた方には、Amazonギフト券500円分をプレゼントします。", true},
		{"ja", "レビューの見返りとして全額返金いたします。", true},
		{"ja", "商品到着後、全額返金の手続きをいたします。", false},
		{"zh", "给五星好评即可获得10元红包。", true},
		{"zh", "好评返现5元。", true},
		{"zh", "收到退货后我们会立即为您全额退款。", false},
		// More siblings: other verbs, word orders and disguises.
		{"en", "We can reimburse you through PayPal after your review goes up.", true},
		{"en", "Write us a short review and we'll include a bonus gift with your next order.", true},
		{"en", "Your refund will be processed as soon as the review is removed.", true},
		{"en", "We will give you 50% back if you leave a review with photos.", true},
		{"en", "Delete the negative review and we'll send you a brand new one for free.", true},
		{"en", "Reviewers get a free upgrade to the pro version.", true},
		{"de", "Nach Ihrer 5-Sterne-Bewertung erhalten Sie das Produkt kostenlos.", true},
		{"de", "Wir bieten Ihnen eine Erstattung an, wenn Sie Ihre Rezension ändern.", true},
		{"fr", "Nous vous remboursons le produit si vous laissez un avis 5 étoiles.", true},
		{"es", "Si nos deja una reseña positiva le enviamos un regalo.", true},
		{"it", "Se lascia una recensione a 5 stelle le rimborsiamo il prodotto.", true},
		{"ja", "レビュー投稿後、ギフト券をお送りします。", true},
		{"zh", "删除差评后我们给您返现20元。", true},
	})
}

func TestPromotionVariants(t *testing.T) {
	runPhraseCases(t, "promotion", rule.Amazon, []phraseCase{
		{"en", "Enjoy 15% off your next purchase with code THANKS15.", true},
		{"en", "Have a look at our new collection of garden tools.", true},
		{"en", "Like us on Facebook to hear about our flash deals.", true},
		{"en", "To stop receiving these emails, click unsubscribe below.", true},
		{"en", "Join our loyalty program and collect points on every order.", true},
		{"en", "Our Black Friday sale starts on Thursday.", true},
		{"en", "Take a look at the rest of our range on our storefront.", true},
		{"en", "Stay tuned for new flavours next month!", true},
		{"en", "Don't forget to follow our page for updates.", true},
		{"en", "Grab 20% off everything this weekend only.", true},
		{"en", "The brand new items are coming back in stock next week, shall I reserve one?", false},
		{"en", "All of our products are made in small batches.", false},
		{"en", "The price dropped in a sale after your order, so I refunded the difference.", false},
		// Must not fire: solutions and answers about the buyer's order.
		{"en", "I've refunded 30% of the price so you can keep the chair.", false},
		{"en", "We can offer you a 20% partial refund if you keep the item.", false},
		{"en", "The coupon you used has already been applied to the order total.", false},
		{"en", "Your package just arrived at the local depot.", false},
		{"en", "Please use the code 4821 to open the parcel locker.", false},
		{"en", "We will send a prepaid return label for the new product.", false},
		{"en", "We are checking the stock in our store and will update you today.", false},
		{"en", "Please find the invoice attached.", false},
		// Other languages.
		{"de", "Folgen Sie uns auf Instagram!", true},
		{"de", "Schauen Sie sich gerne auch unsere anderen Produkte an.", true},
		{"de", "Wir haben Ihnen 20 % des Kaufpreises erstattet.", false},
		{"fr", "Profitez de 20 % de réduction sur votre prochaine commande.", true},
		{"fr", "Abonnez-vous à notre newsletter.", true},
		{"fr", "Nous vous envoyons une étiquette de retour gratuite.", false},
		{"fr", "Votre code promo a bien été appliqué.", false},
		{"es", "Descubra nuestra nueva colección en nuestra tienda.", true},
		{"es", "Use el código AHORRA10 para un 10% de descuento en su próxima compra.", true},
		{"es", "Le hemos reembolsado el 25 % del precio.", false},
		{"es", "Puede ver nuestras ofertas en la tienda.", true},
		{"es", "Puede ver el estado de su pedido en su cuenta.", false},
		{"de", "Sie können sich gerne unsere anderen Produkte ansehen.", true},
		{"fr", "Vous pouvez découvrir nos nouveautés sur notre boutique.", true},
		{"fr", "Vous pouvez voir le suivi de votre colis ici.", false},
		{"it", "Può vedere le nostre offerte nel negozio.", true},
		{"it", "Scopra i nostri altri prodotti nel nostro negozio.", true},
		{"it", "Seguici su Facebook per le offerte esclusive.", true},
		{"it", "Le abbiamo inviato un'etichetta di reso gratuita.", false},
		{"ja", "新商品が入荷しましたので、ぜひご覧ください。", true},
		{"ja", "当店の他の商品もぜひチェックしてください。", true},
		{"ja", "一部返金にて対応させていただきます。", false},
		{"zh", "新品上市，欢迎选购。", true},
		{"zh", "下次购买可享受9折优惠。", true},
		{"zh", "我们已经为您安排了换货。", false},
		// More siblings: other verbs, word orders and disguises.
		{"en", "P.S. We're launching a new line of bamboo towels next month.", true},
		{"en", "As a thank-you, here is a coupon for 10% off: THANKYOU10.", true},
		{"en", "Check out our Amazon store for more great deals!", true},
		{"en", "Join our VIP club for early access to new products.", true},
		{"de", "Abonnieren Sie unseren Newsletter für exklusive Angebote.", true},
		{"fr", "Jetez un œil à nos autres produits !", true},
		{"es", "Visite nuestra tienda para ver más productos.", true},
		{"it", "Visita il nostro negozio per scoprire le novità.", true},
		{"ja", "次回使える5%割引クーポンを同封しました。", true},
		{"zh", "关注我们的店铺，获取更多优惠。", true},
	})
}

func TestEmojiVariants(t *testing.T) {
	runPhraseCases(t, "emoji", rule.Amazon, []phraseCase{
		{"en", "All sorted 🎉", true},
		{"en", "Thanks so much :-)", true},
		{"en", "See you soon ;-)", true},
		{"en", "Oops :(", true},
		{"en", "That was fun xD", true},
		{"en", "Enjoy :P", true},
		{"en", "Stay warm ❄️", true},
		{"en", "Shipped today ✅", true},
		{"en", "Flag of Germany 🇩🇪 edition", true},
		{"en", "Keycap 1️⃣ is the first step", true},
		{"en", "Thank you ☺ have a nice day", true},
		{"en", "Thank you <333", true},
		{"ja", "よろしくお願いします m(_ _)m", true},
		{"ja", "ありがとうございます(*^_^*)", true},
		{"zh", "谢谢亲 ^_^", true},
		// Must not fire: ordinary punctuation and symbols.
		{"en", "Pickup window: 08:15-09:45.", false},
		{"en", "Steps: 1) unplug, 2) wait, 3) plug in again.", false},
		{"en", "Mix 2:1 with water (see label).", false},
		{"en", "Tracking: https://www.ups.com/track?tracknum=1Z999AA10123456784", false},
		{"en", "Product (model XD-12) ships with a 2-year warranty.", false},
		{"en", "Weight <3 kg, ideal for travel.", false},
		{"en", "The fee (approx. 5%) is refunded.", false},
		{"en", "Trademark™ and ©2024 notices stay as they are.", false},
		{"en", "Press ▶ to start, then → to skip.", false},
		{"en", "The box shows ★★★ for durability.", false},
		{"en", "Ratio 3:D is not a thing but chapter 4:)", false},
		{"ja", "お問い合わせ：平日10:00～17:00（土日祝を除く）", false},
		{"ja", "ありがとうございます♪", false},
	})
}

func TestBlameVariants(t *testing.T) {
	runPhraseCases(t, "blame", rule.Amazon, []phraseCase{
		{"en", "You probably dropped it on the floor.", true},
		{"en", "It looks like you installed the filter incorrectly.", true},
		{"en", "This is clearly user error.", true},
		{"en", "That's not our problem, the courier lost it.", true},
		{"en", "We're not responsible for delays caused by customs.", true},
		{"en", "The issue is likely with your Wi-Fi router.", true},
		{"en", "The lamp works perfectly on our end.", true},
		{"en", "We definitely shipped the right size.", true},
		{"en", "You didn't read the size chart.", true},
		{"en", "As mentioned in the product description, batteries are not included.", true},
		{"en", "Most of our customers are very happy with this model.", true},
		{"en", "You're the only customer who has complained.", true},
		{"en", "As I already explained, the warranty does not cover this.", true},
		{"en", "You will need to contact the manufacturer for repairs.", true},
		{"en", "We can't accept returns via email.", true},
		{"en", "The damage was caused by improper use.", true},
		{"en", "Did you even read the instructions?", true},
		{"en", "Your phone is probably the problem.", true},
		{"en", "We returned the favour and rated you as a buyer.", true},
		// Must not fire: ownership, reassurance, neutral help.
		{"en", "None of this is your fault, and I'm sorry for the trouble.", false},
		{"en", "I have already contacted the carrier and opened a claim for you.", false},
		{"en", "We will ship the right size today at no cost.", false},
		{"en", "I hope the product works perfectly now.", false},
		{"en", "I'm sorry the colour was not as described in the listing.", false},
		{"en", "Like other customers who had this issue, you can choose a refund or a replacement.", false},
		{"en", "Could you tell me which phone you are using so I can help?", false},
		{"en", "The delay was our mistake and I have fixed it.", false},
		{"en", "Is your problem solved now?", false},
		{"en", "The problem is on our side and I am sorry.", false},
		{"en", "Please check with your bank, refunds can take 3-5 days to appear.", false},
		// Other languages.
		{"de", "Es liegt an Ihrem Router, nicht am Gerät.", true},
		{"de", "Andere Kunden haben keine Probleme damit.", true},
		{"de", "Bitte wenden Sie sich an den Paketdienst.", true},
		{"de", "Für die Verspätung ist der Paketdienst verantwortlich.", true},
		{"fr", "Le transporteur est responsable du retard.", true},
		{"es", "La empresa de transporte es responsable del retraso.", true},
		{"it", "Il corriere è responsabile del ritardo.", true},
		{"de", "Das ist nicht Ihre Schuld, wir kümmern uns darum.", false},
		{"de", "Die Entscheidung liegt bei Ihnen: Erstattung oder Ersatz?", false},
		{"fr", "Vous avez sans doute mal branché l'appareil.", true},
		{"fr", "Veuillez contacter le transporteur.", true},
		{"fr", "Nous ne pouvons pas traiter les retours par e-mail.", true},
		{"fr", "J'espère que le produit fonctionne parfaitement maintenant.", false},
		{"es", "Seguramente lo ha usado mal.", true},
		{"es", "No somos responsables de los retrasos.", true},
		{"es", "Lo siento, no es su culpa en absoluto.", false},
		{"it", "Lei ha sicuramente usato male il prodotto.", true},
		{"it", "Come indicato nella descrizione, la taglia è piccola.", true},
		{"it", "Ci scusiamo, il prodotto non è come descritto nell'inserzione.", false},
		{"ja", "配送業者に直接お問い合わせください。", true},
		{"ja", "他のお客様からはそのような問題は出ていません。", true},
		{"ja", "お客様の責任ではございません。すぐに交換品をお送りします。", false},
		{"zh", "是您使用不当造成的。", true},
		{"zh", "其他客户都没有问题。", true},
		{"zh", "这是我们的失误，我们马上为您补发。", false},
		// More siblings: other verbs, word orders and disguises.
		{"en", "Honestly, the product is fine, the issue must be on your end.", true},
		{"en", "You clearly didn't follow the assembly instructions.", true},
		{"en", "That's the courier's fault, not ours.", true},
		{"en", "Please take this up with the delivery company.", true},
		{"en", "This item is exactly as described.", true},
		{"en", "Every other buyer has been happy with it.", true},
		{"de", "Sie haben die Anleitung wohl nicht gelesen.", true},
		{"fr", "Le produit est conforme à la description.", true},
		{"es", "El artículo funciona perfectamente, debe ser su cargador.", true},
		{"it", "Non è colpa nostra, il corriere ha perso il pacco.", true},
		{"ja", "弊社の責任ではございません。", true},
		{"zh", "这是快递的问题，跟我们无关。", true},
	})
}

func TestPressureVariants(t *testing.T) {
	runPhraseCases(t, "pressure", rule.Amazon, []phraseCase{
		{"en", "Please, please, we need your help with this.", true},
		{"en", "I'm begging you to reconsider.", true},
		{"en", "Please give me one more chance to fix it.", true},
		{"en", "This review could destroy our little shop.", true},
		{"en", "We are a tiny start-up and we depend on every review.", true},
		{"en", "My boss will fire me if this is not resolved.", true},
		{"en", "Bad ratings will put us out of business.", true},
		{"en", "We hope you can understand our situation.", true},
		{"en", "PLEASE PLEASE PLEASE help us out here.", true},
		// Must not fire: polite formulas and ownership.
		{"en", "Please let us know if you need anything else.", false},
		{"en", "Thanks for bearing with us while we fix this.", false},
		{"en", "I am sorry you hurt your hand on the sharp edge of the box.", false},
		{"en", "We are a small company, and I will personally check your order.", false},
		{"en", "Please understand that the return label expires after 14 days.", false},
		// Other languages.
		{"de", "Bitte verstehen Sie unsere Lage.", true},
		{"de", "Eine negative Bewertung kann unser kleines Geschäft ruinieren.", true},
		{"de", "Vielen Dank für Ihr Verständnis.", false},
		{"fr", "Donnez-nous une autre chance, s'il vous plaît.", true},
		{"fr", "Nous sommes une petite entreprise familiale et chaque avis compte énormément.", true},
		{"fr", "Merci de votre compréhension.", false},
		{"es", "Se lo suplico, no nos deje así.", true},
		{"es", "Le rogamos que disculpe las molestias.", false},
		{"it", "Ci dia un'altra possibilità, la supplichiamo.", true},
		{"it", "Grazie per la comprensione.", false},
		{"ja", "もう一度チャンスをください。", true},
		{"ja", "悪いレビューひとつで店が潰れてしまいます。", true},
		{"ja", "何卒よろしくお願い申し上げます。", false},
		{"zh", "请理解我们，我们是小本生意。", true},
		{"zh", "希望您能满意，祝您生活愉快。", false},
		// More siblings: other verbs, word orders and disguises.
		{"en", "I'm pleading with you, our family depends on this shop.", true},
		{"en", "Please, I beg you, don't leave us a bad review.", true},
		{"de", "Wir flehen Sie an, uns zu helfen.", true},
		{"fr", "S'il vous plaît, s'il vous plaît, aidez-nous.", true},
		{"es", "Por favor se lo ruego, somos una tienda pequeña y dependemos de las reseñas.", true},
		{"it", "Per favore, per favore, ci aiuti.", true},
		{"ja", "お願いします、お願いします。", true},
		{"zh", "拜托拜托，帮帮我们小店吧。", true},
	})
}

// TestPhraseRuleChannels checks the catalogue's per-channel severities.
func TestPhraseRuleChannels(t *testing.T) {
	l := builtin(t)
	cases := []struct {
		id, text string
		ch       rule.Channel
		want     finding.Severity
		fires    bool
	}{
		{"review-incentive", "We will send a gift card in exchange for your review.", rule.Shopify, finding.Error, true},
		{"review-incentive", "We will send a gift card in exchange for your review.", rule.Ebay, finding.Error, true},
		{"promotion", "Follow us on Instagram!", rule.Walmart, finding.Error, true},
		{"promotion", "Follow us on Instagram!", rule.Shopify, finding.Off, false},
		{"emoji", "Thanks 😊", rule.Amazon, finding.Error, true},
		{"emoji", "Thanks 😊", rule.Tiktok, finding.Off, false},
		{"blame", "It is not our fault.", rule.Amazon, finding.Warning, true},
		{"blame", "It is not our fault.", rule.Shopify, finding.Warning, true},
		{"pressure", "Please please help us.", rule.Ebay, finding.Warning, true},
		{"review-manipulation", "Please delete your review.", rule.Shopify, finding.Error, true},
	}
	for _, c := range cases {
		t.Run(c.id+"/"+string(c.ch), func(t *testing.T) {
			res := l.Lint(c.text, lint.Options{Channel: c.ch, Kind: rule.Reply, Language: "en", Only: c.id})
			if !c.fires {
				assert.Empty(t, res.Findings)
				return
			}
			require.NotEmpty(t, res.Findings)
			assert.Equal(t, c.want, res.Findings[0].Severity)
		})
	}
}

// TestPhraseRuleSpans checks that findings point at the offending words and
// that the suggested rewrite replaces the right sentence.
func TestPhraseRuleSpans(t *testing.T) {
	l := builtin(t)
	msg := "Hi Anna,\n\nI am sorry about the crack. Could you remove your review? We will send a new jug today."
	res := l.Lint(msg, lint.Options{Kind: rule.Reply, Language: "en", Only: "review-manipulation"})
	require.Len(t, res.Findings, 1)
	f := res.Findings[0]
	assert.Equal(t, "remove your review", f.Match)
	require.NotEmpty(t, f.Suggestions)
	require.Len(t, f.Suggestions[0].Edits, 1)
	e := f.Suggestions[0].Edits[0]
	assert.Equal(t, "Could you remove your review? ", msg[e.Start.Offset:e.End.Offset])
	assert.Empty(t, e.NewText)

	res = l.Lint("Danke 🙏🏽 und bis bald :)", lint.Options{Language: "de", Only: "emoji"})
	require.Len(t, res.Findings, 2)
	assert.Equal(t, "🙏🏽", res.Findings[0].Match, "the skin tone modifier belongs to the emoji")
	assert.Equal(t, ":)", res.Findings[1].Match)

	res = l.Lint("Es liegt an Ihrem Router.", lint.Options{Language: "de", Only: "blame"})
	require.Len(t, res.Findings, 1)
	require.NotEmpty(t, res.Findings[0].Suggestions)
	assert.Contains(t, res.Findings[0].Suggestions[0].Edits[0].NewText, "Es tut mir leid", "German rewrite for a German message")
}

// TestPhraseRulesQuietOnGoodReplies runs the five wording rules on whole
// replies that solve the problem, mention refunds, reviews, coupons, carriers
// and ratings in passing, and must not be flagged.
func TestPhraseRulesQuietOnGoodReplies(t *testing.T) {
	l := builtin(t)
	ids := []string{"review-manipulation", "review-incentive", "promotion", "blame", "pressure"}
	msgs := []struct{ lang, text string }{
		{"en", "Hi Mark, I'm so sorry the toaster stopped working after two weeks. I have checked your order and I can either send a new one today or refund you in full. The courier will pick up the old one, you don't need to do anything. Which would you prefer?"},
		{"en", "Dear Sarah, thank you for your message. I understand how annoying it is to wait. The parcel is with DHL and the tracking shows it will arrive tomorrow. I will keep an eye on it and if it doesn't arrive I will send a replacement or refund you, whichever you prefer."},
		{"en", "Hello, thanks for reaching out about the coupon. The 10% promotion was only valid until Sunday, so it could not be applied to this order. I'm sorry for the confusion; I have refunded the 10% difference to your card as a goodwill gesture."},
		{"en", "Hi Tom, I read your review and I am really sorry about the broken handle. That should not happen. I have arranged a free replacement which ships today, and you can keep the old one. Would you like the same colour or the new grey version?"},
		{"en", "Hi, we noticed your order was delivered yesterday. If anything is not right with it, just reply to this message and I will sort it out. Thank you for shopping with us."},
		{"en", "Dear customer, your return has been received and your refund of $34.99 has been issued. It usually takes 3-5 business days to show on your statement, depending on your bank."},
		{"en", "Hi Lisa, sorry for the mix-up with the size. We sent a medium instead of a large. A large is on its way with express shipping and here is a prepaid return label for the medium. Would you prefer to keep the medium as well at a 50% discount?"},
		{"en", "I completely understand your frustration. The product should work with your phone; could you tell me which model you have so I can check the compatibility list for you?"},
		{"en", "Thank you for your honest feedback about the packaging. We have changed our supplier so this does not happen again. I've refunded the shipping cost for your trouble."},
		{"en", "Hi John, I'm sorry the item arrived late. The carrier had a backlog last week. I have contacted them and they confirmed delivery for Friday. If you prefer, I can cancel and refund the order right away. Please let me know which option works for you."},
		{"en", "Your order qualifies for free returns. You can start the return from Your Orders on Amazon and I will approve it as soon as it comes in."},
		{"en", "We reviewed the photos you sent and agree the glass was damaged in transit. A full refund is on its way, and there is no need to send anything back."},
		{"en", "Hi Anna, the manual is attached as a PDF. Page 6 explains how to reset the timer. If it still does not work after the reset, I will send you a new unit straight away."},
		{"en", "Sorry to hear the lid is missing! I have sent a new lid by first class post; it should arrive in 2 days. If you would rather return the whole set, that is fine too."},
		{"en", "The price of the blender dropped during the Prime Day sale after you ordered. I have refunded the difference of $15 to your card."},
		{"en", "Hello, we do have the blue version in stock again. Would you like me to swap your order, or keep the grey one you ordered?"},
		{"en", "Good morning, I'm sorry about the delay. Your item left our warehouse on Monday; here is the tracking number: 1Z999AA10123456784. I'll check again tomorrow and update you."},
		{"en", "If you're not happy with the replacement either, I'll refund the full amount, no questions asked."},
		{"en", "Thanks for the 5-star review, it made our day! If you ever need help with the grinder, just message us here."},
		{"en", "We are sorry the charger does not fit your laptop. The listing says it is for 2019 models and later, so I think we should have made that clearer. I will refund you in full and you can keep the charger."},
		{"de", "Hallo Herr Müller, es tut mir sehr leid, dass die Lampe beschädigt ankam. Ich schicke Ihnen heute kostenlos eine neue Lampe oder erstatte Ihnen den vollen Kaufpreis. Was ist Ihnen lieber?"},
		{"de", "Vielen Dank für Ihre Nachricht. Ihr Paket ist bei DHL und wird morgen zugestellt. Ich behalte die Sendung im Blick und melde mich, falls es Verzögerungen gibt."},
		{"de", "Sehr geehrte Frau Schmidt, wir haben Ihre Rücksendung erhalten und die Erstattung veranlasst. Der Betrag sollte in 3 bis 5 Werktagen auf Ihrem Konto sein."},
		{"fr", "Bonjour Madame, je suis désolé que le colis soit arrivé endommagé. Je vous propose un remboursement intégral ou un nouvel envoi gratuit. Que préférez-vous ?"},
		{"fr", "Merci pour votre message. Votre commande a été expédiée hier avec Colissimo, vous recevrez le numéro de suivi par e-mail."},
		{"es", "Hola, siento mucho que el producto llegara roto. Le envío hoy mismo uno nuevo sin coste, o si lo prefiere le reembolso el importe completo. ¿Qué opción prefiere?"},
		{"es", "Gracias por su paciencia. Su pedido ha salido hoy de nuestro almacén con Correos."},
		{"it", "Gentile cliente, ci scusiamo per il ritardo. Le spediamo subito un nuovo articolo oppure le rimborsiamo l'intero importo. Quale soluzione preferisce?"},
		{"ja", "この度はご迷惑をおかけし、誠に申し訳ございません。新しい商品を本日発送いたします。返金をご希望の場合はお知らせください。"},
		{"zh", "非常抱歉给您带来不便。我们可以为您重新发货或全额退款，请问您更倾向哪一种？"},
		{"en", "Your refund will be issued after review of the returned item."},
		{"en", "The IP68 rating means the speaker is fully waterproof; a higher rating than IP67."},
		{"en", "The discount will apply to your next order automatically, as you asked."},
		{"en", "I read your review carefully. You are right that the strap is too short, and I am sending a longer one today."},
		{"en", "When you have a moment, we'd be grateful for an honest review. Thanks again for your order!"},
		{"en", "Please let me know the serial number on the base so I can check the warranty."},
		{"en", "We have updated the listing to show the correct dimensions, thank you for pointing it out."},
		{"en", "The replacement is being shipped by UPS; I'll send you the tracking number as soon as I have it."},
		{"en", "No worries at all, the fault is ours. I will refund the shipping cost today."},
		{"en", "The coupon code you asked about, SPRING10, expired on 31 March, so I can't apply it now, sorry."},
		{"en", "If you have questions about the review process on Amazon, their help pages explain it well."},
		{"en", "I'm sorry you had a bad experience. I will issue a full refund today; you don't need to return it."},
		{"en", "To reset the timer, hold the button for 5 seconds (see page 3)."},
		{"en", "Your order #123-4567890-1234567 shipped at 10:45 today :"},
		{"en", "Options: (a) refund, (b) replacement, (c) partial refund of 20%."},
		{"en", "We have a 30-day return policy, so you can send it back for a full refund."},
		{"en", "As promised, I have refunded the difference."},
		{"en", "Thank you for giving us the chance to fix this."},
		{"de", "Die Entscheidung liegt ganz bei Ihnen, ich richte mich nach Ihrem Wunsch."},
		{"de", "Ihre Erstattung wird nach Prüfung der Rücksendung veranlasst."},
		{"de", "Wenn Sie eine Bewertung schreiben möchten, freuen wir uns darüber."},
		{"fr", "Si vous souhaitez laisser un avis, nous en serons ravis."},
		{"fr", "Merci de votre patience, le remboursement est en cours."},
		{"es", "Vale, le envío la factura por correo en cuanto la tenga."},
		{"es", "Si quiere dejar una reseña, se lo agradeceremos mucho."},
		{"it", "La prego di scusarci, le rimborsiamo subito la differenza."},
		{"ja", "レビューを拝見し、すぐに代替品を手配いたしました。"},
		{"ja", "ご注文いただいた商品は本日発送いたしました。到着まで今しばらくお待ちください。"},
		{"zh", "看到您的评价后，我们立即为您安排了补发。"},
		{"zh", "您的优惠券已经使用，所以价格已经抵扣了。"},
		{"zh", "取消订单后无法评价。"},
		{"ja", "高い評価をいただいている商品です。"},
		{"ja", "ご不便をおかけし申し訳ございません。配送業者にも確認いたしました。"},
		{"ja", "レビューを拝見し、全額返金いたしました。"},
		{"de", "Wir prüfen die Bewertung Ihres Falls und melden uns."},
		{"fr", "Nous avons bien noté votre avis et modifié la fiche produit."},
		{"es", "Hemos leído su opinión y hemos cambiado el embalaje."},
		{"it", "Abbiamo letto la sua recensione e modificato la descrizione."},
	}
	for i, m := range msgs {
		for _, id := range ids {
			res := l.Lint(m.text, lint.Options{Kind: rule.ComplaintReply, Language: m.lang, Only: id})
			for _, f := range res.Findings {
				t.Errorf("message %d: %s fired at %q in %q", i, id, f.Match, m.text)
			}
		}
	}
}

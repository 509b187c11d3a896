package language

import "strings"

// The Latin-script languages the stop-word scorer knows, as bit positions.
const (
	en = iota
	de
	fr
	es
	it
	nLatin
)

// latinCodes maps a bit position to its ISO 639-1 code.
var latinCodes = [nLatin]string{en: "en", de: "de", fr: "fr", es: "es", it: "it"}

// functionWords are very common words of each language, lower case with
// their accents, plus the order vocabulary every seller reply uses (order,
// parcel, refund). A word listed under several languages is no evidence for
// any of them (see stopWords); listing it twice on purpose keeps, say, German
// "was" and "will" from counting as English. Entries ending or starting with
// an apostrophe match the elided part of a word ("l'ordre", "don't").
var functionWords = [nLatin]string{
	en: `the and you your yours we our ours us is are was were be been being have has had will
		would can could should shall may might must please thank thanks for with this that these
		those it its of to in on at from by as if not do does did an am i me my he she they them
		their there here what which who whom when where why how any all so but or just about
		also hi hello dear sorry regards hope let know get yes very more than then into only
		again soon no i'm i've i'll i'd don't doesn't didn't can't won't isn't aren't wasn't
		it's we're we've we'll you're you've you'll that's there's let's 's 're 'll 've 'm 'd 't
		order orders item items package parcel delivery delivered return returns refund refunded
		shipping shipped product today already received`,
	de: `der die das den dem des und oder aber sie ihr ihre ihren ihrem ihrer ihres ich wir uns
		unser unsere unseren unserem unserer mich mir dich dir ihnen euch ist sind war waren
		wird werden wurde worden haben hat habe hatte können kann könnte konnte möchten möchte
		müssen muss sollte nicht kein keine keinen mit für auf bei von zu zum zur im am ins vom
		aus nach über unter um ein eine einen einem einer eines es sich auch noch nur schon
		bereits wenn dass daß ob wie was wo so sehr gerne gern bitte danke dank vielen hallo
		liebe lieber geehrte geehrter grüße gruß freundlichen leider doch hier da diese dieser
		dieses diesen jetzt heute natürlich selbstverständlich will an als in also mein meine
		meinen meinem meiner tut leid viel viele bestellung paket lieferung rückerstattung
		rücksendung produkt heute`,
	fr: `le la les l' un une des du de d' et est sont était sera vous votre vos nous notre nos je
		j' il elle ils elles ce cet cette ces c' qui que qu' quoi pour avec dans sur sous pas ne
		n' plus par au aux à en y ou où mais si se s' on merci bonjour bonsoir cordialement
		madame monsieur été avons avez êtes sommes ont avait très bien tout toute tous toutes
		leur leurs mon ma mes son sa ses comme ça lui moi me te tu déjà aussi encore chez donc
		désolé désolée désolés soit être avoir fait peut pouvez pouvons aujourd'hui commande
		colis livraison remboursement retour produit`,
	es: `el la los las lo le les un una unos unas uno y o u de del al en es son era fue será está
		están estamos esta este esto estos estas ese esa que qué por para con sin su sus usted
		ustedes nosotros nosotras nuestro nuestra nuestros nuestras mi mis tu tus te se si sí no
		muy más pero como cuando donde hemos ha han he hay ser gracias hola saludos estimado
		estimada cordiales atentamente también ya puede pueda podemos tiene tenemos cual cuál
		solo me mucho mucha muchos muchas hoy mismo haya sido estar nos todo toda todos favor
		lamentamos pedido paquete envío entrega reembolso devolución producto`,
	it: `il lo la i gli le un uno una e è ed di del della dei delle degli dello dal dalla dai da
		al alla ai alle in nel nella nei nelle con su sul sulla per tra fra che non ci si mi ti
		vi lei lui noi voi loro suo sua suoi sue nostro nostra nostri nostre vostro vostra
		questo questa questi queste quello quella sono siamo siete era ha hanno abbiamo avete ho
		essere stato stata come ma anche molto più grazie ciao salve buongiorno buonasera
		cordiali saluti gentile gentilissimo se ne l' un' all' dell' nell' sull' dall' perché
		quando già ancora o oppure solo me tu te mio mia miei mie dov' sia stati può possiamo
		posso dispiace ordine pacco spedizione consegna rimborso reso prodotto oggi`,
}

// stopWords maps each function word to the set (bit mask) of languages
// that use it. Built once at start-up and only read afterwards.
var stopWords = func() map[string]uint8 {
	m := make(map[string]uint8, 700)
	for lang, list := range functionWords {
		for _, w := range strings.Fields(list) {
			m[w] |= 1 << lang
		}
	}
	return m
}()

// accentHint returns the language a letter points to on its own (German
// umlauts, Spanish ñ and acute vowels, French cedilla and circumflexes,
// Italian grave ì ò), or -1. Letters shared by several languages (é, à, è,
// ù) are no hint.
func accentHint(r rune) int {
	switch r {
	case 'ä', 'ö', 'ü', 'ß':
		return de
	case 'ñ', 'á', 'í', 'ó', 'ú':
		return es
	case 'ç', 'œ', 'æ', 'â', 'ê', 'î', 'ô', 'û', 'ë', 'ï', 'ÿ':
		return fr
	case 'ì', 'ò':
		return it
	}
	return -1
}

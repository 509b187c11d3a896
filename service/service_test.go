package service_test

import (
	"bytes"
	"encoding/json"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"sync"
	"testing"
	"unicode/utf16"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/replylint/replylint/lint"
	"github.com/replylint/replylint/lint/config"
	"github.com/replylint/replylint/service"
)

// The linter is shared: loading the rules is the slow part.
var sharedLinter = sync.OnceValues(func() (*lint.Linter, error) { return lint.New(lint.Config{Builtin: true}) })

func newServer(t *testing.T, opts service.Options) *httptest.Server {
	t.Helper()
	l, err := sharedLinter()
	require.NoError(t, err)
	opts.Linter = l
	svc, err := service.New(opts)
	require.NoError(t, err)
	srv := httptest.NewServer(svc)
	t.Cleanup(srv.Close)
	return srv
}

func readExample(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile("../testdata/examples/" + name)
	require.NoError(t, err)
	return string(b)
}

type response struct {
	status int
	header http.Header
	body   []byte
}

func (r response) json(t *testing.T) map[string]any {
	t.Helper()
	var v map[string]any
	require.NoError(t, json.Unmarshal(r.body, &v), "body: %s", r.body)
	return v
}

func (r response) errorMessage(t *testing.T) string {
	t.Helper()
	e, ok := r.json(t)["error"].(map[string]any)
	require.True(t, ok, "an error object: %s", r.body)
	assert.InDelta(t, float64(r.status), e["status"], 0)
	return e["message"].(string)
}

func do(t *testing.T, srv *httptest.Server, method, path, contentType string, body io.Reader, header ...string) response {
	t.Helper()
	req, err := http.NewRequest(method, srv.URL+path, body)
	require.NoError(t, err)
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	res, err := srv.Client().Do(req)
	require.NoError(t, err)
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	return response{status: res.StatusCode, header: res.Header, body: b}
}

func postJSON(t *testing.T, srv *httptest.Server, path string, v any, header ...string) response {
	t.Helper()
	b, err := json.Marshal(v)
	require.NoError(t, err)
	return do(t, srv, http.MethodPost, path, "application/json", bytes.NewReader(b), header...)
}

func decode[T any](t *testing.T, r response) T {
	t.Helper()
	require.Equal(t, http.StatusOK, r.status, "body: %s", r.body)
	var v T
	require.NoError(t, json.Unmarshal(r.body, &v))
	return v
}

func TestCheckBadDraft(t *testing.T) {
	srv := newServer(t, service.Options{})
	bad := readExample(t, "bad-reply.txt")
	res := decode[service.CheckResponse](t, postJSON(t, srv, "/v1/check", map[string]any{"text": bad}))
	assert.Equal(t, "block", res.Verdict)
	assert.Equal(t, "amazon", res.Channel)
	assert.Equal(t, "en", res.Language)
	assert.Equal(t, "complaint-reply", res.Kind)
	assert.Equal(t, "en", res.Locale)
	assert.Less(t, res.Score, 60)
	assert.NotEmpty(t, res.Grade)
	assert.True(t, strings.HasPrefix(res.Summary, "Do not send: "), res.Summary)
	assert.Contains(t, res.Summary, "[review-manipulation]", "the summary leads with the most severe finding")
	rules := map[string]bool{}
	for _, f := range res.Findings {
		rules[f.Rule] = true
		// The three offset units agree with the text as sent.
		assert.Equal(t, bad[f.Offset:f.EndOffset], f.Match)
		assert.Equal(t, len(utf16.Encode([]rune(bad[:f.Offset]))), f.UTF16Offset)
		assert.Equal(t, len([]rune(bad[:f.EndOffset])), f.RuneEndOffset)
	}
	for _, id := range []string{"review-manipulation", "contact-info", "external-link", "blame"} {
		assert.True(t, rules[id], "finds %s", id)
	}
	assert.Equal(t, len(res.Findings), res.Counts.Errors+res.Counts.Warnings+res.Counts.Infos)
}

func TestCheckGoodDraftPasses(t *testing.T) {
	srv := newServer(t, service.Options{})
	res := decode[service.CheckResponse](t, postJSON(t, srv, "/v1/check", map[string]any{"text": readExample(t, "good-reply.txt")}))
	assert.NotEqual(t, "block", res.Verdict)
	assert.GreaterOrEqual(t, res.Score, 90)
	assert.NotNil(t, res.Findings, "an empty list, not null")
	if res.Verdict == "pass" {
		assert.True(t, strings.HasPrefix(res.Summary, "Ready to send"), res.Summary)
	}
}

func TestCheckOffsetsCountUTF16(t *testing.T) {
	srv := newServer(t, service.Options{})
	text := "😀😀 Please remove your 1-star review."
	res := decode[service.CheckResponse](t, postJSON(t, srv, "/v1/check", map[string]any{"text": text, "kind": "reply"}))
	var f *struct{ byteOff, u16, runes int }
	for _, fd := range res.Findings {
		if fd.Rule == "review-manipulation" {
			f = &struct{ byteOff, u16, runes int }{fd.Offset, fd.UTF16Offset, fd.RuneOffset}
		}
	}
	require.NotNil(t, f, "review-manipulation found: %+v", res.Findings)
	prefix := text[:f.byteOff]
	assert.Equal(t, len(utf16.Encode([]rune(prefix))), f.u16, "two surrogate pairs before the match")
	assert.Equal(t, f.runes+2, f.u16)
	assert.Equal(t, f.byteOff-4, f.u16, "each emoji is 4 bytes and 2 UTF-16 units")
}

func TestCheckHTMLOffsetsPointIntoTheHTML(t *testing.T) {
	srv := newServer(t, service.Options{})
	html := "<p>Hi Karen,</p><p>Please <b>remove your 1-star review</b> &amp; thanks.</p>"
	res := decode[service.CheckResponse](t, postJSON(t, srv, "/v1/check", map[string]any{"html": html, "kind": "reply"}))
	found := false
	for _, f := range res.Findings {
		assert.Equal(t, html[f.Offset:f.EndOffset], f.Match)
		if f.Rule == "review-manipulation" {
			found = true
			assert.Equal(t, "remove your 1-star review", f.Match)
		}
	}
	assert.True(t, found, "%+v", res.Findings)
}

func TestCheckSubject(t *testing.T) {
	srv := newServer(t, service.Options{})
	subject := "Please leave us a 5-star review"
	res := decode[service.CheckResponse](t, postJSON(t, srv, "/v1/check", map[string]any{
		"subject": subject, "text": "Hi Sam,\n\nYour parcel is on its way.\n\nBest,\nAnna", "kind": "proactive"}))
	require.NotEmpty(t, res.SubjectFindings, "the subject is linted: %+v", res)
	for _, f := range res.SubjectFindings {
		assert.Equal(t, subject[f.Offset:f.EndOffset], f.Match)
	}
	assert.Equal(t, "block", res.Verdict)
}

func TestCheckSettingsAndLocale(t *testing.T) {
	srv := newServer(t, service.Options{})
	bad := readExample(t, "bad-reply.txt")
	res := decode[service.CheckResponse](t, postJSON(t, srv, "/v1/check", map[string]any{
		"text": bad, "channel": "ebay", "disable": []string{"review-manipulation"}}, "Accept-Language", "de-CH, fr;q=0.8, en;q=0.5"))
	assert.Equal(t, "ebay", res.Channel)
	for _, f := range res.Findings {
		assert.NotEqual(t, "review-manipulation", f.Rule)
	}
	assert.True(t, strings.HasPrefix(res.Summary, "Nicht senden: "), "the summary follows Accept-Language: %s", res.Summary)
	assert.Equal(t, "de", res.Locale)
	var messages []string
	for _, f := range res.Findings {
		messages = append(messages, f.Message)
	}
	assert.Contains(t, messages, "Die Antwort weist die Verantwortung von sich: „not our fault“. Egal, wer es verursacht hat: Sagen Sie, was Sie für den Käufer tun werden.",
		"finding messages follow Accept-Language")

	res = decode[service.CheckResponse](t, postJSON(t, srv, "/v1/check", map[string]any{"text": bad, "locale": "ja"}, "Accept-Language", "de"))
	assert.True(t, strings.HasPrefix(res.Summary, "送信しないでください"), "an explicit locale wins: %s", res.Summary)

	res = decode[service.CheckResponse](t, postJSON(t, srv, "/v1/check", map[string]any{"text": readExample(t, "good-reply.txt"), "failLevel": "info", "minScore": 100}))
	if res.Score < 100 {
		assert.Equal(t, "block", res.Verdict, "a score under minScore blocks")
	}
}

func TestCheckConfigDefaults(t *testing.T) {
	cfg, err := config.Parse(".replylint.yaml", []byte("channel: walmart\ndisable: [pressure]\nfail-level: warning\n"))
	require.NoError(t, err)
	srv := newServer(t, service.Options{Config: cfg})
	res := decode[service.CheckResponse](t, postJSON(t, srv, "/v1/check", map[string]any{"text": readExample(t, "bad-reply.txt")}))
	assert.Equal(t, "walmart", res.Channel)
	for _, f := range res.Findings {
		assert.NotEqual(t, "pressure", f.Rule)
	}
	res = decode[service.CheckResponse](t, postJSON(t, srv, "/v1/check", map[string]any{"text": readExample(t, "bad-reply.txt"), "channel": "shopify"}))
	assert.Equal(t, "shopify", res.Channel, "the request wins over the config")
}

func TestCheckErrors(t *testing.T) {
	srv := newServer(t, service.Options{MaxBodyBytes: 4 << 10})
	cases := []struct {
		name, contentType, body string
		status                  int
		want                    string
	}{
		{"malformed", "application/json", `{"text": "hi",}`, 400, "malformed JSON at byte"},
		{"truncated", "application/json", `{"text": "hi"`, 400, "ends in the middle"},
		{"empty body", "application/json", ``, 400, "empty request body"},
		{"not an object", "application/json", `["hi"]`, 400, "want an object"},
		{"wrong type", "application/json", `{"text": 3}`, 400, `field "text": want string, got number`},
		{"unknown field", "application/json", `{"text": "hi", "chanel": "ebay"}`, 400, `unknown field "chanel"`},
		{"trailing data", "application/json", `{"text": "hi"} {}`, 400, "more data after"},
		{"no draft", "application/json", `{"channel": "ebay"}`, 400, "the draft is missing"},
		{"both", "application/json", `{"text": "a", "html": "<p>b</p>"}`, 400, "not both"},
		{"bad channel", "application/json", `{"text": "hi", "channel": "etsy"}`, 400, "channel:"},
		{"bad kind", "application/json", `{"text": "hi", "kind": "rant"}`, 400, "kind:"},
		{"bad mode", "application/json", `{"text": "hi", "mode": "final"}`, 400, "mode:"},
		{"bad language", "application/json", `{"text": "hi", "language": "pt"}`, 400, `unsupported language "pt"`},
		{"bad locale", "application/json", `{"text": "hi", "locale": "xx"}`, 400, `unknown locale "xx"`},
		{"unknown rule", "application/json", `{"text": "hi", "disable": ["no-such-rule"]}`, 400, `unknown rule "no-such-rule"`},
		{"bad fail level", "application/json", `{"text": "hi", "failLevel": "fatal"}`, 400, "failLevel:"},
		{"bad min score", "application/json", `{"text": "hi", "minScore": 101}`, 400, "minScore:"},
		{"broken front matter", "application/json", `{"text": "---\nchannel: [\n---\nHi"}`, 400, "text:"},
		{"form body", "application/x-www-form-urlencoded", `text=hi`, 415, "send application/json"},
		{"too large", "application/json", `{"text": "` + strings.Repeat("a", 5<<10) + `"}`, 413, "larger than the limit of 4096 bytes"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := do(t, srv, http.MethodPost, "/v1/check", tc.contentType, strings.NewReader(tc.body))
			assert.Equal(t, tc.status, r.status, "body: %s", r.body)
			assert.Contains(t, r.errorMessage(t), tc.want)
			assert.Equal(t, "application/json; charset=utf-8", r.header.Get("Content-Type"))
		})
	}
}

func TestRoutingErrors(t *testing.T) {
	srv := newServer(t, service.Options{})
	r := do(t, srv, http.MethodGet, "/v1/check", "", nil)
	assert.Equal(t, http.StatusMethodNotAllowed, r.status)
	r = do(t, srv, http.MethodGet, "/v3/nothing", "", nil)
	assert.Equal(t, http.StatusNotFound, r.status)
	assert.Contains(t, r.errorMessage(t), "no endpoint GET /v3/nothing")
}

func TestFix(t *testing.T) {
	srv := newServer(t, service.Options{})
	bad := readExample(t, "bad-reply.txt")
	before := decode[service.CheckResponse](t, postJSON(t, srv, "/v1/check", map[string]any{"text": bad}))
	safe := decode[service.FixResponse](t, postJSON(t, srv, "/v1/fix", map[string]any{"text": bad}))
	require.NotEmpty(t, safe.Applied, "the run-together words have a safe fix")
	for _, a := range safe.Applied {
		assert.True(t, a.Safe)
	}
	assert.NotEqual(t, bad, safe.Text)
	assert.Contains(t, safe.Text, "working. Honestly")
	assert.GreaterOrEqual(t, safe.Result.Score, before.Score)

	unsafe := decode[service.FixResponse](t, postJSON(t, srv, "/v1/fix", map[string]any{"text": bad, "unsafe": true}))
	assert.Greater(t, len(unsafe.Applied), len(safe.Applied))
	assert.NotContains(t, unsafe.Text, "1-star review")
	assert.Greater(t, unsafe.Result.Score, before.Score)

	html := "<p>We got it.Thanks for writing.</p>"
	h := decode[service.FixResponse](t, postJSON(t, srv, "/v1/fix", map[string]any{"html": html, "kind": "reply"}))
	assert.Contains(t, h.HTML, "<p>We got it. Thanks", "fixes land in the HTML as sent")
	assert.Empty(t, h.Text)

	r := postJSON(t, srv, "/v1/fix", map[string]any{"text": "hi", "unsafe": "yes"})
	assert.Equal(t, http.StatusBadRequest, r.status)
}

func TestRules(t *testing.T) {
	srv := newServer(t, service.Options{})
	l, err := sharedLinter()
	require.NoError(t, err)
	list := decode[struct {
		Rules []service.RuleSummary `json:"rules"`
	}](t, do(t, srv, http.MethodGet, "/v1/rules", "", nil))
	require.Len(t, list.Rules, len(l.Rules()))
	byID := map[string]service.RuleSummary{}
	for _, r := range list.Rules {
		byID[r.ID] = r
	}
	rm := byID["review-manipulation"]
	assert.Equal(t, "error", rm.Severity["amazon"])
	assert.Equal(t, "policy", rm.Category)

	d := decode[service.RuleDetail](t, do(t, srv, http.MethodGet, "/v1/rules/review-manipulation", "", nil))
	assert.Equal(t, "review-manipulation", d.ID)
	assert.NotEmpty(t, d.Rationale)
	assert.NotEmpty(t, d.Examples.Bad)
	assert.NotEmpty(t, d.Examples.Good)

	r := do(t, srv, http.MethodGet, "/v1/rules/no-such-rule", "", nil)
	assert.Equal(t, http.StatusNotFound, r.status)
	assert.Contains(t, r.errorMessage(t), `unknown rule "no-such-rule"`)
}

type ltMatch struct {
	Message      string `json:"message"`
	Offset       int    `json:"offset"`
	Length       int    `json:"length"`
	Replacements []struct {
		Value string `json:"value"`
	} `json:"replacements"`
	Context struct {
		Text   string `json:"text"`
		Offset int    `json:"offset"`
		Length int    `json:"length"`
	} `json:"context"`
	Sentence string `json:"sentence"`
	Rule     struct {
		ID          string `json:"id"`
		Description string `json:"description"`
		IssueType   string `json:"issueType"`
		Category    struct {
			ID, Name string
		} `json:"category"`
		URLs []struct {
			Value string `json:"value"`
		} `json:"urls"`
	} `json:"rule"`
}

type ltResponse struct {
	Software struct {
		Name       string `json:"name"`
		APIVersion int    `json:"apiVersion"`
	} `json:"software"`
	Language struct {
		Code             string `json:"code"`
		DetectedLanguage struct {
			Code string `json:"code"`
		} `json:"detectedLanguage"`
	} `json:"language"`
	Matches []ltMatch `json:"matches"`
}

func (r ltResponse) match(id string) *ltMatch {
	for i := range r.Matches {
		if r.Matches[i].Rule.ID == id {
			return &r.Matches[i]
		}
	}
	return nil
}

// utf16Slice cuts s by UTF-16 offsets, as a LanguageTool client does.
func utf16Slice(s string, off, n int) string {
	u := utf16.Encode([]rune(s))
	return string(utf16.Decode(u[off : off+n]))
}

func TestLanguageToolForm(t *testing.T) {
	srv := newServer(t, service.Options{})
	text := "Hi 😀 Karen, we got it.Thanks. Please remove your 1-star review."
	form := url.Values{"text": {text}, "language": {"auto"}}
	res := decode[ltResponse](t, do(t, srv, http.MethodPost, "/v2/check", "application/x-www-form-urlencoded", strings.NewReader(form.Encode())))
	assert.Equal(t, "replylint", res.Software.Name)
	assert.Equal(t, "en", res.Language.DetectedLanguage.Code)
	m := res.match("review-manipulation")
	require.NotNil(t, m, "%+v", res.Matches)
	assert.Equal(t, "remove your 1-star review", utf16Slice(text, m.Offset, m.Length), "offsets count UTF-16 code units")
	assert.Equal(t, "remove your 1-star review", utf16Slice(m.Context.Text, m.Context.Offset, m.Context.Length))
	assert.Contains(t, m.Sentence, "Please remove your 1-star review")
	assert.Equal(t, "POLICY", m.Rule.Category.ID)
	assert.Equal(t, "non-conformance", m.Rule.IssueType)
	require.NotEmpty(t, m.Rule.URLs)
	assert.True(t, strings.HasSuffix(m.Rule.URLs[0].Value, "/v1/rules/review-manipulation"))

	sp := res.match("style-spacing")
	require.NotNil(t, sp, "%+v", res.Matches)
	require.NotEmpty(t, sp.Replacements)
	got := utf16Slice(text, 0, sp.Offset) + sp.Replacements[0].Value + string(utf16.Decode(utf16.Encode([]rune(text))[sp.Offset+sp.Length:]))
	assert.Contains(t, got, "we got it. Thanks.", "a replacement replaces the match")
}

func TestLanguageToolAnnotatedData(t *testing.T) {
	srv := newServer(t, service.Options{})
	data := `{"annotation":[{"markup":"<p>"},{"text":"Hi Karen,"},{"markup":"</p><p>","interpretAs":"\n\n"},` +
		`{"text":"Please "},{"markup":"<b>"},{"text":"remove your 1-star review"},{"markup":"</b>"},{"text":"."},{"markup":"</p>"}]}`
	orig := "<p>Hi Karen,</p><p>Please <b>remove your 1-star review</b>.</p>"
	res := decode[ltResponse](t, do(t, srv, http.MethodPost, "/v2/check", "application/x-www-form-urlencoded",
		strings.NewReader(url.Values{"data": {data}, "language": {"en-US"}}.Encode())))
	assert.Equal(t, "en-US", res.Language.Code, "the language asked for is echoed")
	m := res.match("review-manipulation")
	require.NotNil(t, m, "%+v", res.Matches)
	assert.Equal(t, "remove your 1-star review", utf16Slice(orig, m.Offset, m.Length), "offsets point into the original, markup included")
}

// TestLanguageToolLocale: a LanguageTool client's Accept-Language gives
// the messages and rule descriptions in that language.
func TestLanguageToolLocale(t *testing.T) {
	srv := newServer(t, service.Options{})
	form := url.Values{"text": {"Please remove your 1-star review."}, "language": {"en-US"}}
	res := decode[ltResponse](t, do(t, srv, http.MethodPost, "/v2/check", "application/x-www-form-urlencoded", strings.NewReader(form.Encode()), "Accept-Language", "fr-FR,fr;q=0.9"))
	m := res.match("review-manipulation")
	require.NotNil(t, m)
	assert.Contains(t, m.Message, "«\u202fremove your 1-star review\u202f»", "the message is French, the match as written")
	assert.NotEmpty(t, m.Rule.Description)
	en := decode[ltResponse](t, do(t, srv, http.MethodPost, "/v2/check", "application/x-www-form-urlencoded", strings.NewReader(form.Encode())))
	require.NotNil(t, en.match("review-manipulation"))
	assert.NotEqual(t, en.match("review-manipulation").Rule.Description, m.Rule.Description, "the description is French too")
}

func TestLanguageToolJSONAndMultipart(t *testing.T) {
	srv := newServer(t, service.Options{})
	text := "Please remove your 1-star review."
	res := decode[ltResponse](t, postJSON(t, srv, "/v2/check", map[string]any{"text": text, "language": "en", "disabledRules": "pressure"}))
	require.NotNil(t, res.match("review-manipulation"))

	res = decode[ltResponse](t, postJSON(t, srv, "/v2/check", map[string]any{"data": map[string]any{"annotation": []any{map[string]any{"text": text}}}, "language": "auto"}))
	require.NotNil(t, res.match("review-manipulation"), "data may be the annotation object itself")

	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	require.NoError(t, mw.WriteField("text", text))
	require.NoError(t, mw.WriteField("language", "auto"))
	require.NoError(t, mw.WriteField("enabledOnly", "true"))
	require.NoError(t, mw.WriteField("enabledRules", "REVIEW-MANIPULATION"))
	require.NoError(t, mw.Close())
	res = decode[ltResponse](t, do(t, srv, http.MethodPost, "/v2/check", mw.FormDataContentType(), &buf))
	require.Len(t, res.Matches, 1, "enabledOnly keeps the enabled rules only (case-insensitive IDs)")
	assert.Equal(t, "review-manipulation", res.Matches[0].Rule.ID)

	res = decode[ltResponse](t, do(t, srv, http.MethodPost, "/v2/check", "application/x-www-form-urlencoded",
		strings.NewReader(url.Values{"text": {text}, "disabledRules": {"review-manipulation"}, "disabledCategories": {"EMPATHY"}}.Encode())))
	assert.Nil(t, res.match("review-manipulation"))
	for _, m := range res.Matches {
		assert.NotEqual(t, "EMPATHY", m.Rule.Category.ID)
	}
}

func TestLanguageToolErrors(t *testing.T) {
	srv := newServer(t, service.Options{MaxBodyBytes: 1 << 10})
	form := func(v url.Values) io.Reader { return strings.NewReader(v.Encode()) }
	cases := []struct {
		name, ct string
		body     io.Reader
		status   int
		want     string
	}{
		{"no text", "application/x-www-form-urlencoded", form(url.Values{"language": {"en"}}), 400, "missing parameter: text or data"},
		{"both", "application/x-www-form-urlencoded", form(url.Values{"text": {"a"}, "data": {`{"annotation":[]}`}}), 400, "not both"},
		{"language", "application/x-www-form-urlencoded", form(url.Values{"text": {"a"}, "language": {"pt-BR"}}), 400, `"pt-BR" is not supported`},
		{"bad data", "application/x-www-form-urlencoded", form(url.Values{"data": {`{"annotation":[{"text":"a","markup":"b"}]}`}}), 400, "both text and markup"},
		{"broken data", "application/x-www-form-urlencoded", form(url.Values{"data": {`{"annotation":`}}), 400, "data:"},
		{"enabledOnly alone", "application/x-www-form-urlencoded", form(url.Values{"text": {"a"}, "enabledOnly": {"true"}}), 400, "enabledOnly=true needs"},
		{"xml", "text/xml", strings.NewReader("<text/>"), 415, "Content-Type"},
		{"too large", "application/x-www-form-urlencoded", form(url.Values{"text": {strings.Repeat("a", 2<<10)}}), 413, "larger than the limit"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := do(t, srv, http.MethodPost, "/v2/check", tc.ct, tc.body)
			assert.Equal(t, tc.status, r.status, "body: %s", r.body)
			assert.Contains(t, r.errorMessage(t), tc.want)
		})
	}
}

func TestLanguageToolLanguagesAndInfo(t *testing.T) {
	srv := newServer(t, service.Options{Version: "1.2.3"})
	langs := decode[[]map[string]string](t, do(t, srv, http.MethodGet, "/v2/languages", "", nil))
	codes := []string{}
	for _, l := range langs {
		codes = append(codes, l["code"])
		assert.NotEmpty(t, l["name"])
		assert.NotEmpty(t, l["longCode"])
	}
	assert.Equal(t, []string{"en", "de", "fr", "es", "it", "ja", "zh"}, codes)
	info := decode[map[string]map[string]any](t, do(t, srv, http.MethodGet, "/v2/info", "", nil))
	assert.Equal(t, "1.2.3", info["software"]["version"])
}

func TestHealthAndMetrics(t *testing.T) {
	srv := newServer(t, service.Options{})
	h := decode[map[string]any](t, do(t, srv, http.MethodGet, "/healthz", "", nil))
	assert.Equal(t, "ok", h["status"])
	decode[service.CheckResponse](t, postJSON(t, srv, "/v1/check", map[string]any{"text": "Please remove your 1-star review."}))
	do(t, srv, http.MethodPost, "/v1/check", "application/json", strings.NewReader("{"))
	r := do(t, srv, http.MethodGet, "/metrics", "", nil)
	require.Equal(t, http.StatusOK, r.status)
	m := string(r.body)
	assert.Contains(t, m, `replylint_http_requests_total{code="200",route="/v1/check"} 1`)
	assert.Contains(t, m, `replylint_http_requests_total{code="400",route="/v1/check"} 1`)
	assert.Contains(t, m, `replylint_findings_total{rule="review-manipulation",severity="error"} 1`)
	assert.Contains(t, m, `replylint_http_request_duration_seconds_bucket{route="/v1/check"`)
	assert.Contains(t, m, "replylint_http_requests_in_flight 1", "the metrics request itself")
	assert.Contains(t, m, "process_resident_memory_bytes")
}

func TestToken(t *testing.T) {
	srv := newServer(t, service.Options{Token: "s3cret"})
	body := map[string]any{"text": "Hi"}
	r := postJSON(t, srv, "/v1/check", body)
	assert.Equal(t, http.StatusUnauthorized, r.status)
	assert.Contains(t, r.errorMessage(t), "Bearer")
	assert.Equal(t, `Bearer realm="replylint"`, r.header.Get("WWW-Authenticate"))
	assert.Equal(t, http.StatusUnauthorized, postJSON(t, srv, "/v1/check", body, "Authorization", "Bearer wrong").status)
	assert.Equal(t, http.StatusOK, postJSON(t, srv, "/v1/check", body, "Authorization", "Bearer s3cret").status)
	assert.Equal(t, http.StatusUnauthorized, do(t, srv, http.MethodGet, "/metrics", "", nil).status)
	assert.Equal(t, http.StatusUnauthorized, do(t, srv, http.MethodGet, "/v1/rules", "", nil).status)
	// LanguageTool clients send the key as a form field.
	r = do(t, srv, http.MethodPost, "/v2/check", "application/x-www-form-urlencoded", strings.NewReader(url.Values{"text": {"Hi"}, "apiKey": {"s3cret"}}.Encode()))
	assert.Equal(t, http.StatusOK, r.status, "body: %s", r.body)
	// The page and the health check stay open.
	assert.Equal(t, http.StatusOK, do(t, srv, http.MethodGet, "/healthz", "", nil).status)
	assert.Equal(t, http.StatusOK, do(t, srv, http.MethodGet, "/", "", nil).status)
	assert.Equal(t, http.StatusOK, do(t, srv, http.MethodGet, "/static/app.js", "", nil).status)
}

func TestCORS(t *testing.T) {
	srv := newServer(t, service.Options{AllowOrigins: []string{"https://acme.zendesk.com"}})
	pre := func(origin string) response {
		return do(t, srv, http.MethodOptions, "/v1/check", "", nil, "Origin", origin, "Access-Control-Request-Method", "POST")
	}
	r := pre("https://acme.zendesk.com")
	assert.Equal(t, http.StatusNoContent, r.status)
	assert.Equal(t, "https://acme.zendesk.com", r.header.Get("Access-Control-Allow-Origin"))
	assert.Contains(t, r.header.Get("Access-Control-Allow-Headers"), "Authorization")
	r = pre("https://evil.example")
	assert.Empty(t, r.header.Get("Access-Control-Allow-Origin"))
	r = postJSON(t, srv, "/v1/check", map[string]any{"text": "Hi"}, "Origin", "https://acme.zendesk.com")
	assert.Equal(t, "https://acme.zendesk.com", r.header.Get("Access-Control-Allow-Origin"))

	off := newServer(t, service.Options{})
	r = do(t, off, http.MethodOptions, "/v1/check", "", nil, "Origin", "https://acme.zendesk.com", "Access-Control-Request-Method", "POST")
	assert.Empty(t, r.header.Get("Access-Control-Allow-Origin"), "CORS is off by default")
}

// syncBuffer is a log sink the handler writes from the server's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func TestLogsNeverHoldMessageText(t *testing.T) {
	var logs syncBuffer
	srv := newServer(t, service.Options{Logger: slog.New(slog.NewTextHandler(&logs, nil))})
	secret := "Zanzibar-4471"
	postJSON(t, srv, "/v1/check", map[string]any{"text": "Order " + secret + ": please remove your 1-star review.", "inReplyTo": "My " + secret})
	do(t, srv, http.MethodPost, "/v2/check", "application/x-www-form-urlencoded", strings.NewReader(url.Values{"text": {secret}}.Encode()))
	postJSON(t, srv, "/v1/check", map[string]any{"text": secret, "channel": secret})
	out := logs.String()
	assert.NotContains(t, out, secret)
	assert.Contains(t, out, "path=/v1/check")
	assert.Contains(t, out, "status=200")
	assert.Contains(t, out, "status=400")
	assert.Contains(t, out, "review-manipulation=1")
}

func TestPage(t *testing.T) {
	srv := newServer(t, service.Options{})
	r := do(t, srv, http.MethodGet, "/", "", nil)
	require.Equal(t, http.StatusOK, r.status)
	assert.Contains(t, r.header.Get("Content-Type"), "text/html")
	assert.Contains(t, r.header.Get("Content-Security-Policy"), "connect-src 'self'")
	assert.Contains(t, string(r.body), `<textarea id="draft"`)
	for _, f := range []string{"/", "/static/app.js", "/static/app.css"} {
		body := string(do(t, srv, http.MethodGet, f, "", nil).body)
		// Nothing is loaded from elsewhere: no CDN, works offline.
		assert.NotRegexp(t, `(src|href)=["']?(https?:)?//`, body, f)
		assert.NotContains(t, body, "@import", f)
	}
	js := do(t, srv, http.MethodGet, "/static/app.js", "", nil)
	assert.Contains(t, js.header.Get("Content-Type"), "javascript")
	// Every UI string exists in the seven languages.
	for _, l := range []string{"en:", "de:", "fr:", "es:", "it:", "ja:", "zh:"} {
		assert.Contains(t, string(js.body), "    "+l+" {", l)
	}
	assert.Equal(t, http.StatusNotFound, do(t, srv, http.MethodGet, "/static/", "", nil).status)
	assert.Equal(t, http.StatusNotFound, do(t, srv, http.MethodGet, "/static/nope.js", "", nil).status)
}

func TestIsLoopback(t *testing.T) {
	cases := map[string]bool{
		"127.0.0.1:8095": true, "localhost:1": true, "[::1]:80": true, "127.1.2.3:9": true,
		":8095": false, "0.0.0.0:80": false, "10.0.0.5:80": false, "example.com:80": false,
	}
	for addr, want := range cases {
		assert.Equal(t, want, service.IsLoopback(addr), addr)
	}
}

func TestNewRejectsBadOptions(t *testing.T) {
	_, err := service.New(service.Options{})
	require.Error(t, err)
	l, err := sharedLinter()
	require.NoError(t, err)
	_, err = service.New(service.Options{Linter: l, Locale: "pt"})
	require.ErrorContains(t, err, `unknown locale "pt"`)
}

func TestPageWorksUnderAPrefix(t *testing.T) {
	l, err := sharedLinter()
	require.NoError(t, err)
	svc, err := service.New(service.Options{Linter: l})
	require.NoError(t, err)
	mux := http.NewServeMux()
	mux.Handle("/replylint/", http.StripPrefix("/replylint", svc))
	srv := httptest.NewServer(mux)
	defer srv.Close()
	page := string(do(t, srv, http.MethodGet, "/replylint/", "", nil).body)
	// The page's links are relative, so they resolve under the prefix.
	assert.Contains(t, page, `src="static/app.js"`)
	assert.Equal(t, http.StatusOK, do(t, srv, http.MethodGet, "/replylint/static/app.js", "", nil).status)
	r := postJSON(t, srv, "/replylint/v1/check", map[string]any{"text": "Please remove your 1-star review."})
	assert.Equal(t, http.StatusOK, r.status)
}

func TestCheckRegister(t *testing.T) {
	srv := newServer(t, service.Options{})
	draft := "Hallo Anna,\n\ndein Paket ist beschädigt angekommen. Ich schicke dir heute Ersatz.\n\nViele Grüße\nTom\n"
	newTexts := func(res service.CheckResponse) string {
		var b strings.Builder
		for _, f := range res.Findings {
			for _, sg := range f.Suggestions {
				for _, e := range sg.Edits {
					b.WriteString(e.NewText + "\n")
				}
			}
		}
		return b.String()
	}
	res := decode[service.CheckResponse](t, postJSON(t, srv, "/v1/check", map[string]any{"text": draft, "kind": "complaint-reply"}))
	assert.Contains(t, newTexts(res), "mit deiner Bestellung", "detected: the draft says du")
	res = decode[service.CheckResponse](t, postJSON(t, srv, "/v1/check", map[string]any{"text": draft, "kind": "complaint-reply", "register": "formal"}))
	assert.Contains(t, newTexts(res), "mit Ihrer Bestellung", "asked for")
	resp := postJSON(t, srv, "/v1/check", map[string]any{"text": draft, "register": "casual"})
	assert.Equal(t, 400, resp.status)
	assert.Contains(t, string(resp.body), "register")
}

package service_test

import (
	"context"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/replylint/replylint/service"
)

// browserDraft has findings with a safe one-click fix (the missing space
// after "today.") and a score above zero, so applying the fix shows in
// the score.
const browserDraft = "Hi Karen,\n\nI'm sorry the blender stopped working. I will send you a new one today.Thanks for your patience.\n\n" +
	"Would you like a replacement or a refund?\n\nBest regards,\nAnna"

// TestBrowserPage drives the agents' page in headless Chromium: a draft
// from the URL fragment is checked, underlined and listed; a suggestion is
// applied from the keyboard; the text and the score change. It runs when
// REPLYLINT_CHROMIUM names the browser (CI sets it) and saves screenshots
// to REPLYLINT_ARTIFACTS when that is set.
func TestBrowserPage(t *testing.T) {
	chromium := os.Getenv("REPLYLINT_CHROMIUM")
	if testing.Short() {
		t.Skip("a browser is not short")
	}
	if chromium == "" {
		t.Skip("set REPLYLINT_CHROMIUM to the chromium binary to run the browser test")
	}
	srv := newServer(t, service.Options{})

	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium),
		chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(360, 900),
	)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	actx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	defer cancelAlloc()
	bctx, cancelBrowser := chromedp.NewContext(actx)
	defer cancelBrowser()

	fragment := url.Values{"text": {browserDraft}, "channel": {"amazon"}, "kind": {"complaint-reply"}}.Encode()
	run := func(what string, steps ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		require.NoError(t, chromedp.Do(bctx, steps...), what)
	}
	eval := func(expr string) string {
		t.Helper()
		v, err := chromedp.Run(bctx, chromedp.Evaluate[string](expr))
		require.NoError(t, err, expr)
		return v
	}
	count := func(expr string) int {
		t.Helper()
		v, err := chromedp.Run(bctx, chromedp.Evaluate[int](expr))
		require.NoError(t, err, expr)
		return v
	}
	rules := func() []string {
		t.Helper()
		v, err := chromedp.Run(bctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll("#findings li")].map(li => li.dataset.rule)`))
		require.NoError(t, err)
		return v
	}
	poll := func(what, expr string) {
		t.Helper()
		_, err := chromedp.Run(bctx, chromedp.Poll[bool](expr, chromedp.WithPollingTimeout(10*time.Second)))
		require.NoError(t, err, what)
	}

	run("open the page with a draft in the fragment",
		chromedp.EmulateViewport(360, 900),
		chromedp.Navigate(srv.URL+"/#"+fragment),
		chromedp.WaitVisible(chromedp.CSS(`#findings li`)),
	)
	score0 := eval(`document.getElementById("score").textContent`)
	marks := count(`document.querySelectorAll("#highlights mark").length`)
	t.Logf("before: score %s (%s), findings %v, %d marks", score0, eval(`document.getElementById("grade").textContent`), rules(), marks)
	assert.Contains(t, rules(), "style-spacing")
	assert.Positive(t, marks, "findings are underlined in the text")
	assert.Equal(t, "today.Thanks", eval(`[...document.querySelectorAll("#highlights mark")].map(m => m.textContent).find(t => t.includes("today.")) || ""`),
		"the underline covers the run-together words")
	assert.LessOrEqual(t, count(`document.documentElement.scrollWidth`), 360, "no horizontal scrolling at 360 px")
	before, err := strconv.Atoi(score0)
	require.NoError(t, err, "a score is shown: %q", score0)
	saveScreenshot(t, bctx, "serve-page-before.png")

	// Marks follow the text between answers: text typed before a mark
	// moves it at once, before the page hears from the server again.
	run("type at the start",
		chromedp.Focus(chromedp.ID("draft")),
		chromedp.Evaluate[chromedp.Void](`document.getElementById("draft").setSelectionRange(0, 0)`),
		chromedp.KeyEvent("Hello. "),
	)
	assert.Equal(t, "today.Thanks", eval(`[...document.querySelectorAll("#highlights mark")].map(m => m.textContent).join("|")`),
		"the mark still covers the same words")
	poll("the check after typing", `!document.getElementById("findings").hasAttribute("aria-busy")`)

	assert.Equal(t, "Apply: “today. Thanks”", eval(`document.querySelector('li[data-rule="style-spacing"] button.apply').firstChild.textContent`),
		"the button shows the text as it would read")

	// The suggestion is applied from the keyboard: focus the button, Enter.
	run("apply a suggestion with the keyboard",
		chromedp.Focus(chromedp.CSS(`li[data-rule="style-spacing"] button.apply`)),
		chromedp.KeyEvent(kb.Enter),
	)
	poll("the text changes", `document.getElementById("draft").value.includes("today. Thanks for")`)
	poll("the score changes", `document.getElementById("score").textContent !== `+strconv.Quote(score0))
	after, err := strconv.Atoi(eval(`document.getElementById("score").textContent`))
	require.NoError(t, err)
	t.Logf("after: score %d, findings %v", after, rules())
	assert.Greater(t, after, before, "fixing a finding raises the score")
	assert.NotContains(t, rules(), "style-spacing")
	saveScreenshot(t, bctx, "serve-page-after.png")

	// Typing re-checks (debounced) and underlines what was typed.
	run("type at the end of the draft",
		chromedp.Focus(chromedp.ID("draft")),
		chromedp.KeyEvent(kb.End),
		chromedp.KeyEvent(" Please remove your 1-star review."),
	)
	poll("the new finding is listed", `[...document.querySelectorAll("#findings li")].some(li => li.dataset.rule === "review-manipulation")`)
	poll("and underlined", `[...document.querySelectorAll("#highlights mark")].some(m => m.textContent.includes("1-star review"))`)
	assert.Equal(t, "Do not send", eval(`document.getElementById("verdict").textContent`))

	// "Copy the fixed text" applies the safe fixes through /v1/fix and shows
	// the result (the clipboard itself may be refused to a headless page).
	run("copy the fixed text", chromedp.Click(chromedp.ID("copyfixed")))
	poll("the fixed text is shown", `!document.getElementById("fixed").hidden && document.getElementById("fixed").value.includes("Would you like")`)

	// Dark mode follows prefers-color-scheme.
	bg := `getComputedStyle(document.body).backgroundColor`
	light := eval(bg)
	_, err = chromedp.Call(bctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
		Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: "dark"}}})
	require.NoError(t, err)
	assert.NotEqual(t, light, eval(bg), "a dark background in dark mode")
	saveScreenshot(t, bctx, "serve-page-dark.png")

	// The page follows the browser's language.
	_, err = chromedp.Call(bctx, emulation.SetUserAgentOverride, emulation.SetUserAgentOverrideParams{
		UserAgent: "Mozilla/5.0 (X11; Linux x86_64) replylint-test", AcceptLanguage: "de-DE,de"})
	require.NoError(t, err)
	run("reload in German", chromedp.Navigate("about:blank"), chromedp.Navigate(srv.URL+"/#"+fragment), chromedp.WaitVisible(chromedp.CSS(`#findings li`)))
	heading := eval(`document.getElementById("findings-h").textContent`)
	assert.True(t, strings.HasPrefix(heading, "Befunde"), "German UI: %q", heading)
	assert.Contains(t, eval(`document.getElementById("draft").placeholder`), "Käufer")
	assert.Contains(t, eval(`document.querySelector('li[data-rule="style-spacing"]').textContent`), "Leerzeichen",
		"the finding messages follow the browser's language too")
	assert.True(t, strings.HasPrefix(eval(`document.getElementById("verdict").textContent`), "Vor dem Senden") ||
		strings.HasPrefix(eval(`document.getElementById("verdict").textContent`), "Nicht senden"))
}

func saveScreenshot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	dir := os.Getenv("REPLYLINT_ARTIFACTS")
	if dir == "" {
		return
	}
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	require.NoError(t, err)
	require.NoError(t, os.MkdirAll(dir, 0o755))
	p := filepath.Join(dir, name)
	require.NoError(t, os.WriteFile(p, png, 0o644))
	t.Logf("screenshot: %s (%d bytes)", p, len(png))
}

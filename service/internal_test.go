package service

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"encoding/pem"
	"io"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/replylint/replylint/lint"
)

var testLinter = sync.OnceValues(func() (*lint.Linter, error) { return lint.New(lint.Config{Builtin: true}) })

func newTestService(t testing.TB, opts Options) *Service {
	t.Helper()
	l, err := testLinter()
	require.NoError(t, err)
	opts.Linter = l
	s, err := New(opts)
	require.NoError(t, err)
	return s
}

func TestBusyServiceAnswers503(t *testing.T) {
	s := newTestService(t, Options{MaxConcurrent: 1, Timeout: 50 * time.Millisecond})
	s.slots <- struct{}{} // a check holds the only slot
	defer func() { <-s.slots }()
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/v1/check", strings.NewReader(`{"text":"hi"}`)))
	assert.Equal(t, http.StatusServiceUnavailable, rec.Code)
	assert.Equal(t, "1", rec.Header().Get("Retry-After"))
	assert.Contains(t, rec.Body.String(), "no free worker within the time limit of 50ms (1 checks at once)")
}

func TestSlowCheckAnswers503AndKeepsItsSlot(t *testing.T) {
	s := newTestService(t, Options{MaxConcurrent: 1, Timeout: 30 * time.Millisecond})
	release := make(chan struct{})
	slow := func(*http.Request) (any, error) {
		<-release
		return map[string]string{"late": "yes"}, nil
	}
	mux := http.NewServeMux()
	s.route(mux, "POST /slow", true, slow)
	rec := httptest.NewRecorder()
	start := time.Now()
	mux.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/slow", nil))
	assert.Less(t, time.Since(start), time.Second, "the client does not wait for the check")
	assert.Equal(t, http.StatusServiceUnavailable, rec.Code)
	assert.Contains(t, rec.Body.String(), "the check did not finish")
	assert.Len(t, s.slots, 1, "the slow check still holds its slot")
	close(release)
	assert.Eventually(t, func() bool { return len(s.slots) == 0 }, time.Second, time.Millisecond)
}

func TestPanicInACheckIsA500(t *testing.T) {
	s := newTestService(t, Options{})
	mux := http.NewServeMux()
	s.route(mux, "POST /boom", true, func(*http.Request) (any, error) { panic("boom") })
	rec := httptest.NewRecorder()
	mux.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/boom", nil))
	assert.Equal(t, http.StatusInternalServerError, rec.Code)
	assert.Contains(t, rec.Body.String(), "internal error")
	assert.Eventually(t, func() bool { return len(s.slots) == 0 }, time.Second, time.Millisecond, "the slot is freed")
}

// FuzzCheck sends arbitrary drafts, subjects and HTML through /v1/check
// and LanguageTool's endpoint: every answer is 200 or 400, and every
// offset is inside what was sent and matches it.
func FuzzCheck(f *testing.F) {
	f.Add("Hi Karen,\n\nPlease remove your 1-star review.Thanks", "Your order", false)
	f.Add("<p>Hi &amp; <b>call</b> 555-0100</p><!-- replylint-disable -->", "", true)
	f.Add("---\nchannel: ebay\n---\nEmail me at a@b.co 😀", "Re: ☎", false)
	f.Add("\r\n\r\n{{/* x */}}Leave a 5-star review", "5 stars please", true)
	s := newTestService(f, Options{})
	f.Fuzz(func(t *testing.T, body, subject string, html bool) {
		req := map[string]any{"subject": subject}
		if html {
			req["html"] = body
		} else {
			req["text"] = body
		}
		b, err := json.Marshal(req)
		require.NoError(t, err)
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/v1/check", strings.NewReader(string(b))))
		if rec.Code == http.StatusBadRequest {
			return
		}
		require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
		var res CheckResponse
		require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &res))
		// JSON turns invalid UTF-8 into U+FFFD: compare with what the
		// server received.
		var sent map[string]string
		require.NoError(t, json.Unmarshal(b, &sent))
		src := sent["text"] + sent["html"]
		for _, fd := range res.Findings {
			require.True(t, 0 <= fd.Offset && fd.Offset <= fd.EndOffset && fd.EndOffset <= len(src), "%+v", fd)
			require.Equal(t, src[fd.Offset:fd.EndOffset], fd.Match)
		}
		for _, fd := range res.SubjectFindings {
			require.True(t, fd.EndOffset <= len(sent["subject"]), "%+v", fd)
		}
		rec = httptest.NewRecorder()
		s.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/v2/check", strings.NewReader(url.Values{"text": {src}}.Encode())))
		require.Contains(t, []int{http.StatusOK, http.StatusBadRequest}, rec.Code, rec.Body.String())
	})
}

func TestRunShutsDownGracefully(t *testing.T) {
	s := newTestService(t, Options{})
	started, release := make(chan struct{}), make(chan struct{})
	mux := http.NewServeMux()
	mux.HandleFunc("/slow", func(w http.ResponseWriter, _ *http.Request) {
		close(started)
		<-release
		_, _ = io.WriteString(w, "finished")
	})
	mux.Handle("/", s)
	ctx, cancel := context.WithCancel(context.Background())
	addrc := make(chan net.Addr, 1)
	done := make(chan error, 1)
	go func() {
		done <- Run(ctx, mux, ServerOptions{Addr: "127.0.0.1:0", Ready: func(a net.Addr) { addrc <- a }})
	}()
	addr := (<-addrc).String()

	res, err := http.Get("http://" + addr + "/healthz")
	require.NoError(t, err)
	var h map[string]any
	require.NoError(t, json.NewDecoder(res.Body).Decode(&h))
	require.NoError(t, res.Body.Close())
	assert.Equal(t, "ok", h["status"])

	type result struct {
		body string
		err  error
	}
	inflight := make(chan result, 1)
	go func() {
		res, err := http.Get("http://" + addr + "/slow")
		if err != nil {
			inflight <- result{err: err}
			return
		}
		b, err := io.ReadAll(res.Body)
		_ = res.Body.Close()
		inflight <- result{string(b), err}
	}()
	<-started
	cancel() // SIGTERM in the command
	// New connections are refused once shutdown has begun.
	assert.Eventually(t, func() bool {
		c, err := net.DialTimeout("tcp", addr, 100*time.Millisecond)
		if err == nil {
			_ = c.Close()
		}
		return err != nil
	}, 2*time.Second, 10*time.Millisecond)
	select {
	case err := <-done:
		t.Fatalf("Run returned before the request in flight finished: %v", err)
	default:
	}
	close(release)
	r := <-inflight
	require.NoError(t, r.err)
	assert.Equal(t, "finished", r.body, "the request in flight finishes")
	require.NoError(t, <-done)
}

func TestRunServesTLS(t *testing.T) {
	dir := t.TempDir()
	certFile, keyFile, pool := selfSigned(t, dir)
	ctx, cancel := context.WithCancel(context.Background())
	addrc := make(chan net.Addr, 1)
	done := make(chan error, 1)
	go func() {
		done <- Run(ctx, newTestService(t, Options{}), ServerOptions{Addr: "127.0.0.1:0", TLSCert: certFile, TLSKey: keyFile,
			Ready: func(a net.Addr) { addrc <- a }})
	}()
	addr := (<-addrc).String()
	client := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12}}}
	res, err := client.Get("https://" + addr + "/healthz")
	require.NoError(t, err)
	assert.Equal(t, http.StatusOK, res.StatusCode)
	assert.NotNil(t, res.TLS)
	require.NoError(t, res.Body.Close())
	cancel()
	require.NoError(t, <-done)
}

// selfSigned writes a certificate for 127.0.0.1 and its key as PEM files
// and returns a pool that trusts it.
func selfSigned(t *testing.T, dir string) (certFile, keyFile string, pool *x509.CertPool) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	require.NoError(t, err)
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "replylint test"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}, KeyUsage: x509.KeyUsageDigitalSignature,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	require.NoError(t, err)
	keyDER, err := x509.MarshalECPrivateKey(key)
	require.NoError(t, err)
	certFile, keyFile = filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	require.NoError(t, os.WriteFile(certFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600))
	require.NoError(t, os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: keyDER}), 0o600))
	cert, err := x509.ParseCertificate(der)
	require.NoError(t, err)
	pool = x509.NewCertPool()
	pool.AddCert(cert)
	return certFile, keyFile, pool
}

func TestRunRejectsHalfTLS(t *testing.T) {
	err := Run(context.Background(), http.NotFoundHandler(), ServerOptions{Addr: "127.0.0.1:0", TLSCert: "cert.pem"})
	require.ErrorContains(t, err, "both a certificate and a key")
}

func TestNegotiate(t *testing.T) {
	cases := map[string]string{
		"":                           "",
		"de-DE,de;q=0.9,en;q=0.8":    "de",
		"pt-BR, fr;q=0.5":            "fr",
		"en;q=0.2, ja;q=0.9":         "ja",
		"zh-Hant-TW":                 "zh",
		"xx, *;q=0.1":                "",
		"it;q=0, es":                 "es",
		"FR-ca":                      "fr",
		"de;q=abc":                   "de",
		"ko, zh_CN;q=0.7, en;q=0.7":  "zh",
		" en-GB ; q=1 , de ; q=0.5 ": "en",
	}
	for header, want := range cases {
		assert.Equal(t, want, negotiate(header), "%q", header)
	}
}

func TestAnnotatedMapping(t *testing.T) {
	a, err := parseData(`{"annotation":[{"markup":"<p>"},{"text":"ab"},{"markup":"<br/>","interpretAs":"\n"},{"text":"cd"},{"markup":"</p>"}]}`)
	require.NoError(t, err)
	assert.Equal(t, "ab\ncd", a.plain)
	assert.Equal(t, "<p>ab<br/>cd</p>", a.orig)
	assert.Equal(t, 3, a.toOrig(0, false), "the first text character is after <p>")
	assert.Equal(t, 5, a.toOrig(2, true), "the end of ab is before <br/>")
	assert.Equal(t, 5, a.toOrig(2, false), "the line break starts at <br/>")
	assert.Equal(t, 10, a.toOrig(3, true), "the line break ends after <br/>")
	assert.Equal(t, 12, a.toOrig(5, true), "the end of cd is before </p>")
	assert.True(t, a.verbatim(3, 5))
	assert.False(t, a.verbatim(1, 4), "a range across markup")
}

func FuzzParseData(f *testing.F) {
	f.Add(`{"annotation":[{"text":"a"},{"markup":"<b>","interpretAs":" "}]}`)
	f.Add(`{"annotation":[]}`)
	f.Add(`{"annotation":[{"markup":""},{"text":""}]}`)
	f.Fuzz(func(t *testing.T, data string) {
		a, err := parseData(data)
		if err != nil {
			return
		}
		// Every plain offset maps into the original, in order.
		prev := 0
		for p := 0; p <= len(a.plain); p++ {
			o := a.toOrig(p, false)
			if o < 0 || o > len(a.orig) || o < prev {
				t.Fatalf("plain %d maps to %d (previous %d, original %d bytes)", p, o, prev, len(a.orig))
			}
			prev = o
			if e := a.toOrig(p, true); e < 0 || e > len(a.orig) {
				t.Fatalf("end %d maps to %d", p, e)
			}
		}
	})
}

// Package service is replylint's HTTP face: a check API for helpdesks
// (/v1/check, /v1/fix, /v1/rules), a LanguageTool-compatible endpoint
// (/v2/check, /v2/languages, /v2/info) for LanguageTool's clients, health
// and Prometheus metrics, and the agents' web page at /. A Go helpdesk
// service mounts it like any http.Handler:
//
//	l, _ := lint.New(lint.Config{Builtin: true})
//	svc, _ := service.New(service.Options{Linter: l})
//	mux.Handle("/replylint/", http.StripPrefix("/replylint", svc))
//
// The `replylint serve` command is a thin face over it (see Run).
//
// Message text is never logged or kept: a request's log line has its
// method, path (never the query), status, duration, sizes and the number of
// findings per rule.
package service

import (
	"context"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"runtime"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/replylint/replylint/lint"
	"github.com/replylint/replylint/lint/config"
	"github.com/replylint/replylint/lint/rule"
)

// The defaults of Options.
const (
	DefaultMaxBodyBytes = 256 << 10
	DefaultTimeout      = 10 * time.Second
)

// Options configure a Service. Only Linter is required.
type Options struct {
	// Linter lints the messages.
	Linter *lint.Linter
	// Config supplies default settings (channel, marketplace, kind, mode,
	// language, disabled rules, severities, allowed link domains, fail
	// level, minimum score), as .replylint.yaml does for the CLI; a
	// request's own fields win. Per-file overrides do not apply (a request
	// has no path).
	Config *config.Config
	// Token, when set, is required as "Authorization: Bearer <token>" on
	// the API and metrics (the page and /healthz stay open; LanguageTool
	// clients may send it as the apiKey parameter instead).
	Token string
	// AllowOrigins lists the origins allowed to call the API from a
	// browser (CORS); "*" allows any. Empty: no CORS headers.
	AllowOrigins []string
	// MaxBodyBytes limits a request body (DefaultMaxBodyBytes when 0).
	MaxBodyBytes int64
	// Timeout limits a check, including the wait for a free worker
	// (DefaultTimeout when 0).
	Timeout time.Duration
	// MaxConcurrent bounds the checks that run at once; requests beyond it
	// wait (within Timeout). 0 means two per core.
	MaxConcurrent int
	// Locale is the finding message locale when a request neither names
	// one nor sends Accept-Language ("" means en).
	Locale string
	// Logger receives one line per request; nil logs nothing.
	Logger *slog.Logger
	// Registerer receives the service's metrics; nil uses a registry of
	// the service's own, served at /metrics. With a Registerer of the
	// caller's, the caller serves them and /metrics is not mounted.
	Registerer prometheus.Registerer
	// Version is reported by /v2/info, /v2/check and /healthz.
	Version string
}

// Service is the HTTP handler. It is safe for concurrent use.
type Service struct {
	opts    Options
	linter  *lint.Linter
	handler http.Handler
	slots   chan struct{}
	metrics *metrics
	// ruleIndex holds each rule's LanguageTool category, computed once.
	ruleIndex map[string]ltCategory
	// methods lists the methods of each fixed API path (for 405s).
	methods map[string][]string
	// triager serves /v1/triage, built on its first request.
	triager *triagerOnce
}

// New builds a Service.
func New(opts Options) (*Service, error) {
	if opts.Linter == nil {
		return nil, errors.New("service: Options.Linter is required")
	}
	for _, k := range []string{summaryBlock, summaryWarn, summaryPass, summaryMore, summaryScore} {
		if _, ok := opts.Linter.Catalog().Lookup("en", k); !ok {
			return nil, fmt.Errorf("service: the English locale catalog lacks %q", k)
		}
	}
	if opts.MaxBodyBytes <= 0 {
		opts.MaxBodyBytes = DefaultMaxBodyBytes
	}
	if opts.Timeout <= 0 {
		opts.Timeout = DefaultTimeout
	}
	if opts.MaxConcurrent <= 0 {
		opts.MaxConcurrent = 2 * runtime.GOMAXPROCS(0)
	}
	if opts.Locale == "" {
		opts.Locale = "en"
	}
	if !slices.Contains(lint.Locales(), opts.Locale) {
		return nil, fmt.Errorf("service: unknown locale %q (want one of %s)", opts.Locale, strings.Join(lint.Locales(), ", "))
	}
	s := &Service{triager: &triagerOnce{}, opts: opts, linter: opts.Linter, slots: make(chan struct{}, opts.MaxConcurrent), methods: map[string][]string{}}
	m, gatherer, err := newMetrics(opts.Registerer, func() float64 { return float64(len(s.slots)) })
	if err != nil {
		return nil, err
	}
	s.metrics = m
	s.ruleIndex = categories(s.linter)
	s.warm()

	mux := http.NewServeMux()
	s.route(mux, "POST /v1/check", true, s.check)
	s.route(mux, "POST /v1/fix", true, s.fix)
	s.route(mux, "POST /v1/triage", true, s.triage)
	s.route(mux, "GET /v1/rules", false, s.rules)
	s.route(mux, "GET /v1/rules/{id}", false, s.ruleByID)
	s.route(mux, "POST /v2/check", true, s.ltCheck)
	s.route(mux, "GET /v2/languages", false, s.ltLanguages)
	s.route(mux, "GET /v2/info", false, s.ltInfo)
	s.route(mux, "GET /healthz", false, s.healthz)
	if gatherer != nil {
		mux.Handle("GET /metrics", s.named("/metrics", s.metrics.handler(gatherer)))
	}
	mux.Handle("GET /{$}", s.named("/", pageHandler()))
	mux.Handle("GET /static/", s.named("/static/", staticHandler()))
	mux.Handle("/", s.named("other", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// The catch-all pattern hides the mux's own 405 for a known path.
		if methods := s.methods[r.URL.Path]; len(methods) > 0 {
			w.Header().Set("Allow", strings.Join(methods, ", "))
			writeError(w, &Error{Status: http.StatusMethodNotAllowed, Message: fmt.Sprintf("%s %s: use %s", r.Method, r.URL.Path, strings.Join(methods, " or "))})
			return
		}
		writeError(w, &Error{Status: http.StatusNotFound, Message: fmt.Sprintf("no endpoint %s %s (see /v1/rules, /v1/check, /v1/triage, /v2/check)", r.Method, cut(r.URL.Path, 100))})
	})))
	s.handler = s.observe(s.cors(s.auth(mux)))
	return s, nil
}

// warm prepares the linter for every language before the first request:
// the first message of a language prepares its phrase lists and the second
// builds the shared automaton (see lint.Linter), which would otherwise land
// on the first agents' requests (about 10 ms each).
func (s *Service) warm() {
	for _, lang := range rule.Languages() {
		for range 2 {
			s.linter.Lint("Hi, thanks for your message.", lint.Options{Language: lang})
		}
	}
}

// ServeHTTP serves the API, the page and the metrics.
func (s *Service) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }

// Error is an API error: an HTTP status and a message that names the
// problem. It is written as {"error": {"status": 400, "message": "..."}}.
type Error struct {
	Status  int
	Message string
	// RetryAfter, when set, is sent as a Retry-After header (seconds).
	RetryAfter int
}

func (e *Error) Error() string { return e.Message }

func badRequest(format string, args ...any) *Error {
	return &Error{Status: http.StatusBadRequest, Message: fmt.Sprintf(format, args...)}
}

type errorBody struct {
	Error struct {
		Status  int    `json:"status"`
		Message string `json:"message"`
	} `json:"error"`
}

func writeError(w http.ResponseWriter, e *Error) {
	var b errorBody
	b.Error.Status, b.Error.Message = e.Status, e.Message
	if e.RetryAfter > 0 {
		w.Header().Set("Retry-After", strconv.Itoa(e.RetryAfter))
	}
	writeJSON(w, e.Status, b)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	data, err := json.Marshal(v)
	if err != nil {
		// Every response type marshals; this is a bug, not bad input.
		status = http.StatusInternalServerError
		data = []byte(`{"error":{"status":500,"message":"could not encode the response"}}`)
	}
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, _ = w.Write(append(data, '\n'))
}

// apiFunc handles one API request and returns the response value, or an
// error (an *Error for the client's mistakes).
type apiFunc func(r *http.Request) (any, error)

// route mounts an API endpoint. A bounded endpoint lints: it waits for a
// worker slot and runs within the time limit.
func (s *Service) route(mux *http.ServeMux, pattern string, bounded bool, f apiFunc) {
	method, path, _ := strings.Cut(pattern, " ")
	if !strings.Contains(path, "{") {
		s.methods[path] = append(s.methods[path], method)
	}
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.Body = http.MaxBytesReader(w, r.Body, s.opts.MaxBodyBytes)
		var v any
		var err error
		if bounded {
			v, err = s.bounded(r, f)
		} else {
			v, err = f(r)
		}
		if err != nil {
			writeError(w, asError(err))
			return
		}
		writeJSON(w, http.StatusOK, v)
	})
	mux.Handle(pattern, s.named(path, h))
}

func asError(err error) *Error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	var mb *http.MaxBytesError
	if errors.As(err, &mb) {
		return &Error{Status: http.StatusRequestEntityTooLarge, Message: fmt.Sprintf("request body is larger than the limit of %d bytes", mb.Limit)}
	}
	return &Error{Status: http.StatusInternalServerError, Message: err.Error()}
}

// bounded runs f in a worker slot within the time limit. When the limit
// passes first the client gets 503 at once; f runs on to its end and only
// then frees its slot, so slow checks cannot pile up beyond MaxConcurrent.
func (s *Service) bounded(r *http.Request, f apiFunc) (any, error) {
	ctx, cancel := context.WithTimeout(r.Context(), s.opts.Timeout)
	defer cancel()
	select {
	case s.slots <- struct{}{}:
	case <-ctx.Done():
		return nil, s.overloaded(ctx, "no free worker")
	}
	type outcome struct {
		v   any
		err error
	}
	done := make(chan outcome, 1)
	go func() {
		defer func() { <-s.slots }()
		// net/http recovers a panic only on the handler's own goroutine;
		// one here would end the process, so it becomes a 500 for this
		// request (a bug report, without the message text).
		defer func() {
			if p := recover(); p != nil {
				if s.opts.Logger != nil {
					s.opts.Logger.Error("panic in a check", slog.String("path", r.URL.Path), slog.Any("panic", p), slog.String("stack", string(debug.Stack())))
				}
				done <- outcome{nil, &Error{Status: http.StatusInternalServerError, Message: "internal error: the check failed (see the server log)"}}
			}
		}()
		v, err := f(r.WithContext(ctx))
		done <- outcome{v, err}
	}()
	select {
	case o := <-done:
		return o.v, o.err
	case <-ctx.Done():
		return nil, s.overloaded(ctx, "the check did not finish")
	}
}

func (s *Service) overloaded(ctx context.Context, what string) error {
	if errors.Is(ctx.Err(), context.Canceled) {
		// The client went away; nobody reads the answer.
		return &Error{Status: 499, Message: "client closed the request"}
	}
	return &Error{Status: http.StatusServiceUnavailable, RetryAfter: 1,
		Message: fmt.Sprintf("%s within the time limit of %s (%d checks at once); retry later", what, s.opts.Timeout, s.opts.MaxConcurrent)}
}

// auth requires the bearer token on everything but the page, its assets
// and /healthz. CORS preflights carry no credentials and pass.
func (s *Service) auth(next http.Handler) http.Handler {
	if s.opts.Token == "" {
		return next
	}
	want := []byte(s.opts.Token)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := r.URL.Path
		if r.Method == http.MethodOptions || p == "/" || p == "/healthz" || strings.HasPrefix(p, "/static/") {
			next.ServeHTTP(w, r)
			return
		}
		got, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		if !ok && strings.HasPrefix(p, "/v2/") {
			// LanguageTool clients send credentials as form fields.
			got, ok = s.ltAPIKey(r)
		}
		if !ok || subtle.ConstantTimeCompare([]byte(strings.TrimSpace(got)), want) != 1 {
			w.Header().Set("WWW-Authenticate", `Bearer realm="replylint"`)
			writeError(w, &Error{Status: http.StatusUnauthorized, Message: "missing or wrong token: send Authorization: Bearer <token>"})
			return
		}
		next.ServeHTTP(w, r)
	})
}

// cors answers preflights and sets the allow headers for allowed origins.
func (s *Service) cors(next http.Handler) http.Handler {
	if len(s.opts.AllowOrigins) == 0 {
		return next
	}
	anyOrigin := slices.Contains(s.opts.AllowOrigins, "*")
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		origin := r.Header.Get("Origin")
		if origin != "" && (anyOrigin || slices.Contains(s.opts.AllowOrigins, origin)) {
			h := w.Header()
			h.Add("Vary", "Origin")
			h.Set("Access-Control-Allow-Origin", origin)
			if r.Method == http.MethodOptions && r.Header.Get("Access-Control-Request-Method") != "" {
				h.Set("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
				h.Set("Access-Control-Allow-Headers", "Authorization, Content-Type, Accept-Language")
				h.Set("Access-Control-Max-Age", "600")
				w.WriteHeader(http.StatusNoContent)
				return
			}
		}
		next.ServeHTTP(w, r)
	})
}

func (s *Service) healthz(*http.Request) (any, error) {
	return map[string]any{"status": "ok", "version": s.version(), "rules": len(s.linter.Rules())}, nil
}

// cut shortens a client's string for a message.
func cut(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "..."
	}
	return strings.ToValidUTF8(s, "?")
}

func (s *Service) version() string {
	if s.opts.Version == "" {
		return "dev"
	}
	return s.opts.Version
}

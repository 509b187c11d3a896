package service

import (
	"context"
	"fmt"
	"log/slog"
	"maps"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/replylint/replylint/lint/finding"
)

// metrics are the service's Prometheus series. Labels are bounded: the
// route (a fixed set), the status code and the rule ID (the loaded rules).
type metrics struct {
	requests *prometheus.CounterVec
	latency  *prometheus.HistogramVec
	findings *prometheus.CounterVec
	inFlight prometheus.Gauge
}

// newMetrics registers the series with reg, or with a registry of its own
// (returned as the gatherer to serve) when reg is nil. busy reports the
// checks running now.
func newMetrics(reg prometheus.Registerer, busy func() float64) (*metrics, prometheus.Gatherer, error) {
	var gatherer prometheus.Gatherer
	if reg == nil {
		r := prometheus.NewRegistry()
		// Process metrics give the resident memory the load test watches.
		r.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
		reg, gatherer = r, r
	}
	m := &metrics{
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "replylint_http_requests_total", Help: "HTTP requests by route and status code.",
		}, []string{"route", "code"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "replylint_http_request_duration_seconds", Help: "Time to answer a request, by route.",
			Buckets: []float64{0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10},
		}, []string{"route"}),
		findings: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "replylint_findings_total", Help: "Findings reported, by rule and severity.",
		}, []string{"rule", "severity"}),
		inFlight: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "replylint_http_requests_in_flight", Help: "Requests being served now.",
		}),
	}
	checks := prometheus.NewGaugeFunc(prometheus.GaugeOpts{
		Name: "replylint_checks_running", Help: "Checks holding a worker slot now.",
	}, busy)
	for _, c := range []prometheus.Collector{m.requests, m.latency, m.findings, m.inFlight, checks} {
		if err := reg.Register(c); err != nil {
			return nil, nil, fmt.Errorf("service: register metrics: %w", err)
		}
	}
	return m, gatherer, nil
}

func (m *metrics) handler(g prometheus.Gatherer) http.Handler {
	return promhttp.HandlerFor(g, promhttp.HandlerOpts{})
}

// reqInfo is what a request's handlers tell the log line and the metrics.
type reqInfo struct {
	mu    sync.Mutex
	route string
	rules map[string]int
}

type infoKey struct{}

func info(ctx context.Context) *reqInfo {
	ri, _ := ctx.Value(infoKey{}).(*reqInfo)
	return ri
}

// named records the route a request took (the log and metrics use the
// pattern, never the path, so label values stay bounded).
func (s *Service) named(route string, h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if ri := info(r.Context()); ri != nil {
			ri.mu.Lock()
			ri.route = route
			ri.mu.Unlock()
		}
		h.ServeHTTP(w, r)
	})
}

// count records findings for the log line and the metrics.
func (s *Service) count(r *http.Request, fs []finding.Finding) {
	ri := info(r.Context())
	for _, f := range fs {
		s.metrics.findings.WithLabelValues(f.Rule, f.Severity.String()).Inc()
		if ri != nil {
			ri.mu.Lock()
			if ri.rules == nil {
				ri.rules = map[string]int{}
			}
			ri.rules[f.Rule]++
			ri.mu.Unlock()
		}
	}
}

// recorder remembers the status and size of a response.
type recorder struct {
	http.ResponseWriter
	status int
	bytes  int64
}

func (w *recorder) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *recorder) Write(p []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(p)
	w.bytes += int64(n)
	return n, err //nolint:wrapcheck // a ResponseWriter's error passes through as is
}

// Unwrap lets http.ResponseController reach the connection.
func (w *recorder) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// observe counts, times and logs every request. The log line never holds
// the query string or a body: message text stays out of logs.
func (s *Service) observe(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		s.metrics.inFlight.Inc()
		defer s.metrics.inFlight.Dec()
		ri := &reqInfo{route: "other"}
		rec := &recorder{ResponseWriter: w}
		next.ServeHTTP(rec, r.WithContext(context.WithValue(r.Context(), infoKey{}, ri)))
		if rec.status == 0 {
			rec.status = http.StatusOK
		}
		took := time.Since(start)
		ri.mu.Lock()
		route, rules := ri.route, ri.rules
		ri.mu.Unlock()
		s.metrics.requests.WithLabelValues(route, strconv.Itoa(rec.status)).Inc()
		s.metrics.latency.WithLabelValues(route).Observe(took.Seconds())
		if s.opts.Logger == nil {
			return
		}
		attrs := []slog.Attr{
			slog.String("method", r.Method), slog.String("path", cut(r.URL.Path, 200)), slog.Int("status", rec.status),
			slog.Duration("duration", took), slog.Int64("in", max(r.ContentLength, 0)), slog.Int64("out", rec.bytes),
		}
		if len(rules) > 0 {
			parts := make([]string, 0, len(rules))
			for _, id := range slices.Sorted(maps.Keys(rules)) {
				parts = append(parts, id+"="+strconv.Itoa(rules[id]))
			}
			attrs = append(attrs, slog.String("findings", strings.Join(parts, ",")))
		}
		s.opts.Logger.LogAttrs(r.Context(), slog.LevelInfo, "request", attrs...)
	})
}

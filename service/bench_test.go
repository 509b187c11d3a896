package service_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/replylint/replylint/lint"
	"github.com/replylint/replylint/lint/rule"
	"github.com/replylint/replylint/service"
)

// typicalReply is the ~800-byte reply of lint's benchmarks.
const typicalReply = `Hi Maria,

I'm really sorry that the coffee grinder arrived with a cracked lid. I understand how disappointing that is after waiting a week for it.

I have checked your order 112-3456789-1234567 and I will take care of this today. I can send you a new grinder by express delivery at no cost, or refund the full amount of $49.99 to your original payment method right away. If you would like to send the damaged one back, the prepaid return label is available in your Amazon orders page, and you can follow the new parcel with the tracking link once it ships.

Would you prefer the replacement or the full refund?

Best regards,
Tom
Customer Care, Brightmill Kitchen`

// BenchmarkServeCheck is one POST /v1/check through the handler (no
// network): the service's cost on top of BenchmarkLintBare.
func BenchmarkServeCheck(b *testing.B) {
	l, err := sharedLinter()
	if err != nil {
		b.Fatal(err)
	}
	svc, err := service.New(service.Options{Linter: l})
	if err != nil {
		b.Fatal(err)
	}
	body, err := json.Marshal(map[string]string{"text": typicalReply})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		rec := httptest.NewRecorder()
		svc.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/v1/check", bytes.NewReader(body)))
		if rec.Code != http.StatusOK {
			b.Fatal(rec.Code, rec.Body.String())
		}
	}
}

func BenchmarkLintBare(b *testing.B) {
	l, err := sharedLinter()
	if err != nil {
		b.Fatal(err)
	}
	opts := lint.Options{Channel: rule.Amazon}
	l.Lint(typicalReply, opts)
	b.ReportAllocs()
	for b.Loop() {
		l.Lint(typicalReply, opts)
	}
}

// BenchmarkServeCheckParallel is BenchmarkServeCheck on every core.
func BenchmarkServeCheckParallel(b *testing.B) {
	l, err := sharedLinter()
	if err != nil {
		b.Fatal(err)
	}
	svc, err := service.New(service.Options{Linter: l, MaxConcurrent: 64})
	if err != nil {
		b.Fatal(err)
	}
	body, err := json.Marshal(map[string]string{"text": typicalReply})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			rec := httptest.NewRecorder()
			svc.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/v1/check", bytes.NewReader(body)))
			if rec.Code != http.StatusOK {
				b.Error(rec.Code)
				return
			}
		}
	})
}

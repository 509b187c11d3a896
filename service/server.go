package service

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strings"
	"time"
)

// DefaultAddr is where `replylint serve` listens: loopback only.
const DefaultAddr = "127.0.0.1:8095"

// ServerOptions configure Run.
type ServerOptions struct {
	// Addr is host:port to listen on (DefaultAddr when empty).
	Addr string
	// TLSCert and TLSKey are PEM files; both or neither.
	TLSCert, TLSKey string
	// ShutdownTimeout is how long in-flight requests may take to finish
	// once ctx is done (30 s when 0).
	ShutdownTimeout time.Duration
	// Ready, when set, is called with the address once the server listens
	// (the actual port when Addr asked for port 0).
	Ready func(addr net.Addr)
}

// IsLoopback reports whether a listen address only accepts connections
// from this machine (127.0.0.0/8, ::1, localhost). An empty host listens
// on every interface and is not loopback.
func IsLoopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		host = addr
	}
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(strings.Trim(host, "[]"))
	return ip != nil && ip.IsLoopback()
}

// Run serves h until ctx is done, then shuts down gracefully: the listener
// closes at once and requests in flight finish (within ShutdownTimeout).
func Run(ctx context.Context, h http.Handler, o ServerOptions) error {
	if o.Addr == "" {
		o.Addr = DefaultAddr
	}
	if (o.TLSCert == "") != (o.TLSKey == "") {
		return errors.New("TLS needs both a certificate and a key file")
	}
	if o.ShutdownTimeout <= 0 {
		o.ShutdownTimeout = 30 * time.Second
	}
	srv := &http.Server{
		Handler: h,
		// Slow clients cannot hold connections open: headers within 5 s,
		// a whole request within 30 s.
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
		BaseContext:       func(net.Listener) context.Context { return context.WithoutCancel(ctx) },
	}
	ln, err := net.Listen("tcp", o.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", o.Addr, err)
	}
	if o.Ready != nil {
		o.Ready(ln.Addr())
	}
	errc := make(chan error, 1)
	go func() {
		if o.TLSCert != "" {
			errc <- srv.ServeTLS(ln, o.TLSCert, o.TLSKey)
		} else {
			errc <- srv.Serve(ln)
		}
	}()
	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), o.ShutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve: %w", err)
	}
	return nil
}

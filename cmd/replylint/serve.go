package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"slices"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/replylint/replylint/lint"
	"github.com/replylint/replylint/lint/config"
	"github.com/replylint/replylint/service"
)

// signalStopKey is the context key of the function that stops the run's
// exit-on-signal handler (see cleanupOnSignal).
type signalStopKey struct{}

func withSignalStop(ctx context.Context, stop func()) context.Context {
	return context.WithValue(ctx, signalStopKey{}, stop)
}

type serveFlags struct {
	ruleFlags
	addr, token, tlsCert, tlsKey, configPath, locale string
	allowOrigins                                     []string
	noConfig                                         bool
	maxBody                                          int64
	timeout                                          time.Duration
	maxConcurrent                                    int
}

func newServeCmd() *cobra.Command {
	var f serveFlags
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Serve the check API, a LanguageTool-compatible endpoint and the agents' web page",
		Long: `Serve replylint over HTTP:

  /              the agents' page: type a draft, see findings, apply fixes
  /v1/check      POST a draft (JSON), get findings, score, verdict, summary
  /v1/fix        POST a draft, get it back with safe (or unsafe) fixes applied
  /v1/rules      the rules; /v1/rules/{id} explains one
  /v2/check      LanguageTool's API, for LanguageTool clients
  /healthz       liveness;  /metrics  Prometheus metrics

Settings come from the request, then .replylint.yaml (--config, or the one
found from the working directory upward), then the defaults. A token is
required when the address is not loopback (--token or REPLYLINT_TOKEN).
SIGTERM or SIGINT stops the server after the requests in flight finish.
Message text is never logged.`,
		Example: `  replylint serve
  replylint serve --addr :8443 --tls-cert cert.pem --tls-key key.pem --token "$(cat token)"
  curl -s localhost:8095/v1/check -d '{"text":"Please remove your 1-star review."}'`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runServe(cmd, &f)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.addr, "addr", service.DefaultAddr, "host:port to listen on")
	fl.StringVar(&f.token, "token", "", "bearer token clients must send (default $REPLYLINT_TOKEN; required off loopback)")
	fl.StringArrayVar(&f.allowOrigins, "allow-origin", nil, "origin allowed to call the API from a browser (CORS; repeatable; * for any)")
	fl.StringVar(&f.tlsCert, "tls-cert", "", "TLS certificate file (PEM)")
	fl.StringVar(&f.tlsKey, "tls-key", "", "TLS private key file (PEM)")
	fl.StringVar(&f.configPath, "config", "", "config file (default: .replylint.yaml found from the working directory upward)")
	fl.BoolVar(&f.noConfig, "no-config", false, "ignore .replylint.yaml files")
	fl.StringVar(&f.locale, "locale", "", "finding message locale when a request does not say: en, de, fr, es, it, ja, zh (default en)")
	fl.Int64Var(&f.maxBody, "max-body", service.DefaultMaxBodyBytes, "largest request body in bytes (413 above)")
	fl.DurationVar(&f.timeout, "timeout", service.DefaultTimeout, "time limit of one check, waiting for a worker included (503 after)")
	fl.IntVar(&f.maxConcurrent, "max-concurrent", 0, "checks running at once (default two per core)")
	f.ruleFlags.register(cmd)
	return cmd
}

func runServe(cmd *cobra.Command, f *serveFlags) error {
	if f.token == "" {
		f.token = os.Getenv("REPLYLINT_TOKEN")
	}
	if f.token == "" && !service.IsLoopback(f.addr) {
		return usageError("--token", fmt.Errorf("a token is required to listen on %s, which is not a loopback address (or set REPLYLINT_TOKEN)", f.addr))
	}
	if (f.tlsCert == "") != (f.tlsKey == "") {
		return usageError("--tls-cert", errors.New("--tls-cert and --tls-key go together"))
	}
	if f.locale != "" && !slices.Contains(lint.Locales(), f.locale) {
		return usageError("--locale", fmt.Errorf("unknown locale %q (want one of %v)", f.locale, lint.Locales()))
	}
	if f.maxBody <= 0 {
		return usageError("--max-body", errors.New("must be positive"))
	}
	var cfg *config.Config
	if !f.noConfig {
		p := f.configPath
		if p == "" {
			found, err := config.Find(".")
			if err != nil {
				return &exitCodeError{code: exitError, err: err}
			}
			p = found
		}
		if p != "" {
			c, err := config.Load(p)
			if err != nil {
				return &exitCodeError{code: exitError, err: err}
			}
			cfg = c
		}
	}
	cfgLint := lint.Config{Builtin: !f.noBuiltin, RuleDirs: f.dirs, Disable: f.disable}
	if cfg != nil {
		cfgLint.RuleDirs = append(cfgLint.RuleDirs, cfg.RuleDirs()...)
	}
	l, err := lint.New(cfgLint)
	if err != nil {
		return &exitCodeError{code: exitError, err: err}
	}
	logger := slog.New(slog.NewTextHandler(cmd.ErrOrStderr(), nil))
	svc, err := service.New(service.Options{
		Linter: l, Config: cfg, Token: f.token, AllowOrigins: f.allowOrigins, MaxBodyBytes: f.maxBody,
		Timeout: f.timeout, MaxConcurrent: f.maxConcurrent, Locale: f.locale, Logger: logger, Version: version,
	})
	if err != nil {
		return &exitCodeError{code: exitError, err: err}
	}
	// The run's handler exits at once on a signal (to clean up after
	// --fix); a server stops gracefully instead.
	if stopCleanup, ok := cmd.Context().Value(signalStopKey{}).(func()); ok {
		stopCleanup()
	}
	ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	scheme := "http"
	if f.tlsCert != "" {
		scheme = "https"
	}
	err = service.Run(ctx, svc, service.ServerOptions{
		Addr: f.addr, TLSCert: f.tlsCert, TLSKey: f.tlsKey,
		Ready: func(a net.Addr) {
			logger.Info("listening", slog.String("url", scheme+"://"+a.String()+"/"), slog.Int("rules", len(l.Rules())))
		},
	})
	if err != nil {
		return &exitCodeError{code: exitError, err: err}
	}
	logger.Info("stopped")
	return nil
}

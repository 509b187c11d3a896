package main

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestServeRefusesBadSettings(t *testing.T) {
	t.Setenv("REPLYLINT_TOKEN", "")
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"serve", "--addr", "0.0.0.0:0"}, "a token is required to listen on 0.0.0.0:0"},
		{[]string{"serve", "--addr", ":8095"}, "not a loopback address"},
		{[]string{"serve", "--tls-cert", "cert.pem"}, "--tls-cert and --tls-key go together"},
		{[]string{"serve", "--locale", "pt"}, `unknown locale "pt"`},
		{[]string{"serve", "--max-body", "0"}, "--max-body: must be positive"},
		{[]string{"serve", "--disable", "no-such-rule"}, `unknown rule "no-such-rule"`},
		{[]string{"serve", "--config", "does-not-exist.yaml"}, "does-not-exist.yaml"},
		{[]string{"serve", "extra"}, "unknown command"},
	}
	for _, tc := range cases {
		r := runCLI(t, "", tc.args...)
		assert.Equal(t, exitError, r.code, "%v: %s", tc.args, r.stderr)
		assert.Contains(t, r.stderr, tc.want, "%v", tc.args)
	}
}

func TestServeListensOnEveryInterfaceWithAToken(t *testing.T) {
	// A token from the environment allows a non-loopback address; the
	// listen itself then fails on a port that is taken, which proves the
	// flags were accepted without serving anything.
	t.Setenv("REPLYLINT_TOKEN", "s3cret")
	r := runCLI(t, "", "serve", "--addr", "0.0.0.0:-1")
	assert.Equal(t, exitError, r.code)
	assert.Contains(t, r.stderr, "listen on 0.0.0.0:-1")
	assert.NotContains(t, r.stderr, "token is required")
}

func TestCheckLocale(t *testing.T) {
	r := runCLI(t, "", "check", "--locale", "de", "testdata/examples/good-reply.txt")
	assert.Equal(t, exitOK, r.code, r.stderr)
	r = runCLI(t, "", "check", "--locale", "klingon", "testdata/examples/good-reply.txt")
	assert.Equal(t, exitError, r.code)
	assert.Contains(t, r.stderr, `--locale: unknown locale "klingon"`)
}

//go:build tools

// This file pins modules that packages under construction import, so that
// "go mod tidy" keeps them.
package tools

import (
	_ "github.com/pemistahl/lingua-go"
	_ "github.com/spf13/cobra"
	_ "golang.org/x/net/idna"
	_ "golang.org/x/net/publicsuffix"
	_ "mvdan.cc/xurls/v2"
)

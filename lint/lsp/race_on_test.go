//go:build race

package lsp_test

// raceEnabled is set under the race detector, which slows the server
// tenfold: timing tests skip then.
const raceEnabled = true

package service

import (
	"embed"
	"net/http"
	"strings"
)

// The agents' page: plain HTML, CSS and JavaScript served from the binary
// (no CDN, no build step), so it works offline and behind a firewall.
//
//go:embed web
var webFiles embed.FS

// pageHeaders keep the page to its own origin: no framing, no outside
// scripts, styles, fonts or connections (the draft goes only to this
// service), and no referrer.
func pageHeaders(h http.Header) {
	h.Set("Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("X-Frame-Options", "DENY")
}

func pageHandler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		pageHeaders(w.Header())
		w.Header().Set("Cache-Control", "no-cache")
		http.ServeFileFS(w, r, webFiles, "web/index.html")
	})
}

func staticHandler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := strings.TrimPrefix(r.URL.Path, "/static/")
		if name == "" || strings.HasSuffix(name, "/") || strings.Contains(name, "..") || name == "index.html" {
			writeError(w, &Error{Status: http.StatusNotFound, Message: "no such file"})
			return
		}
		pageHeaders(w.Header())
		w.Header().Set("Cache-Control", "no-cache")
		http.ServeFileFS(w, r, webFiles, "web/"+name)
	})
}

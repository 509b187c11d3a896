package report

import "io"

func writeJSON(w io.Writer, files []File, sum Summary, opts Options) error { return nil }

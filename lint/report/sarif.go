package report

import "io"

func writeSARIF(w io.Writer, files []File, sum Summary, opts Options) error { return nil }

// Package input turns what a user names on the command line into message
// texts: it walks directories, picks template files by extension, and decodes
// bytes (BOMs, UTF-16) with clear errors for binary or oversized files.
package input

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// DefaultExtensions are the file types linted when walking a directory.
// Collections (.yaml, .yml, .json) are among them: a repository of helpdesk
// macros is the common case. (A walked YAML or JSON file that holds no
// template, such as a CI workflow, is left out by the caller.)
func DefaultExtensions() []string {
	return []string{".txt", ".md", ".markdown", ".html", ".htm", ".eml", ".tmpl", ".yaml", ".yml", ".json"}
}

// DefaultMaxBytes is the largest input read unless the caller says otherwise.
const DefaultMaxBytes = 10 << 20

// ErrBinary marks a file that holds binary data.
var ErrBinary = errors.New("binary file (it contains NUL bytes); replylint lints text files")

// TooLargeError marks an input above the size limit. Size is the input's
// real size when it is known (a regular file), 0 when only the limit is
// (a pipe, which is not read further than the limit).
type TooLargeError struct {
	Size, Max int64
}

func (e *TooLargeError) Error() string {
	if e.Size > 0 {
		return fmt.Sprintf("file is %d bytes, above the limit of %d bytes (raise it with --max-bytes)", e.Size, e.Max)
	}
	return fmt.Sprintf("input is more than %d bytes, the limit (raise it with --max-bytes)", e.Max)
}

// InvalidUTF8Error marks text that is not valid UTF-8, at its first bad byte.
type InvalidUTF8Error struct {
	Offset, Line, Column int
}

func (e *InvalidUTF8Error) Error() string {
	return fmt.Sprintf("%d:%d: invalid UTF-8 at byte %d (save the file as UTF-8)", e.Line, e.Column, e.Offset)
}

// PathError is a problem with one named input; the others are still linted.
type PathError struct {
	Path string
	Err  error
}

func (e *PathError) Error() string {
	var u *InvalidUTF8Error
	if errors.As(e.Err, &u) {
		return e.Path + ":" + e.Err.Error()
	}
	return e.Path + ": " + e.Err.Error()
}

func (e *PathError) Unwrap() error { return e.Err }

// Decode turns file bytes into text: a UTF-8 BOM is dropped, UTF-16 with a
// BOM is decoded, NUL bytes mean binary, and invalid UTF-8 is an error with
// its position.
func Decode(data []byte) (string, error) {
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		data = data[3:]
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}):
		return decodeUTF16(data[2:], false)
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		return decodeUTF16(data[2:], true)
	}
	if bytes.IndexByte(data, 0) >= 0 {
		return "", ErrBinary
	}
	if !utf8.Valid(data) {
		return "", invalidAt(data)
	}
	return string(data), nil
}

func invalidAt(data []byte) error {
	line, col := 1, 1
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size == 1 {
			return &InvalidUTF8Error{Offset: i, Line: line, Column: col}
		}
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
		i += size
	}
	return nil
}

func decodeUTF16(data []byte, bigEndian bool) (string, error) {
	if len(data)%2 != 0 {
		return "", errors.New("UTF-16 file with an odd number of bytes (truncated?)")
	}
	units := make([]uint16, len(data)/2)
	for i := range units {
		if bigEndian {
			units[i] = uint16(data[2*i])<<8 | uint16(data[2*i+1])
		} else {
			units[i] = uint16(data[2*i+1])<<8 | uint16(data[2*i])
		}
	}
	return string(utf16.Decode(units)), nil
}

// Read reads and decodes one file, refusing files above maxBytes.
func Read(path string, maxBytes int64) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", cleanErr(err)
	}
	defer func() { _ = f.Close() }()
	// A regular file says its size: refuse it before reading it, and name
	// the real size rather than the limit plus one.
	if info, err := f.Stat(); err == nil && info.Mode().IsRegular() && maxBytes > 0 && info.Size() > maxBytes {
		return "", &TooLargeError{Size: info.Size(), Max: maxBytes}
	}
	return ReadFrom(f, maxBytes)
}

// ReadFrom reads and decodes r, refusing input above maxBytes.
func ReadFrom(r io.Reader, maxBytes int64) (string, error) {
	if maxBytes <= 0 {
		maxBytes = DefaultMaxBytes
	}
	// One byte more than the limit tells a too-large input from one of
	// exactly the limit; at math.MaxInt64 that byte would overflow the
	// limit into a negative one, which reads nothing.
	limit := maxBytes
	if limit < math.MaxInt64 {
		limit++
	}
	data, err := io.ReadAll(io.LimitReader(r, limit))
	if err != nil {
		return "", fmt.Errorf("reading: %w", cleanErr(err))
	}
	if int64(len(data)) > maxBytes {
		return "", &TooLargeError{Max: maxBytes}
	}
	return Decode(data)
}

// Expand turns paths into the list of files to lint: files as named,
// directories walked recursively for the given extensions (hidden
// directories such as .git skipped, symbolic links not followed), in sorted
// order. Problems are returned per path; the rest are still listed.
func Expand(paths []string, exts []string) ([]string, []error) {
	var files []string
	var errs []error
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			errs = append(errs, &PathError{Path: p, Err: cleanErr(err)})
			continue
		}
		if !info.IsDir() {
			files = append(files, p)
			continue
		}
		// A directory named through a symbolic link is walked: WalkDir
		// would not follow the link at its root and find nothing, so
		// "templates -> /shared/templates" would pass without being read.
		// A trailing separator makes the root resolve through the link;
		// links below the root are still not followed.
		root := p
		if li, err := os.Lstat(p); err == nil && li.Mode()&fs.ModeSymlink != 0 && !os.IsPathSeparator(p[len(p)-1]) {
			root = p + string(filepath.Separator)
		}
		var found []string
		walkErr := filepath.WalkDir(root, func(fp string, d fs.DirEntry, err error) error {
			if err != nil {
				errs = append(errs, &PathError{Path: fp, Err: cleanErr(err)})
				return nil
			}
			if d.IsDir() {
				if fp != root && strings.HasPrefix(d.Name(), ".") {
					return filepath.SkipDir
				}
				return nil
			}
			// Hidden files (.replylint.yaml, editor backups) are not templates.
			if d.Type().IsRegular() && !strings.HasPrefix(d.Name(), ".") && slices.Contains(exts, strings.ToLower(filepath.Ext(fp))) {
				found = append(found, fp)
			}
			return nil
		})
		if walkErr != nil {
			errs = append(errs, &PathError{Path: p, Err: walkErr})
		}
		sort.Strings(found)
		files = append(files, found...)
	}
	return files, errs
}

// FileKey identifies the file at path: its device and inode where the
// system tells them (so "a.txt", "./a.txt", a symbolic link to it and a
// hard link of it share a key), else its cleaned absolute path. Callers
// use it to lint a file named twice only once.
func FileKey(path string) string {
	if info, err := os.Stat(path); err == nil {
		if k, ok := fileKey(info); ok {
			return k
		}
	}
	if abs, err := filepath.Abs(path); err == nil {
		return abs
	}
	return filepath.Clean(path)
}

// cleanErr drops the path that os errors repeat, since PathError names it.
func cleanErr(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		if errors.Is(pe.Err, fs.ErrNotExist) {
			return errors.New("no such file or directory")
		}
		return pe.Err
	}
	return err
}

package input

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// Document is a decoded file and what is needed to write it back as it was.
type Document struct {
	Text  string
	BOM   bool
	UTF16 bool
}

// ReadDocument reads and decodes a file, remembering its byte-order mark.
func ReadDocument(path string, maxBytes int64) (Document, error) {
	text, err := Read(path, maxBytes)
	if err != nil {
		return Document{}, err
	}
	f, err := os.Open(path)
	if err != nil {
		return Document{}, cleanErr(err)
	}
	defer func() { _ = f.Close() }()
	var head [3]byte
	n, _ := f.Read(head[:])
	d := Document{Text: text}
	switch {
	case n == 3 && head == [3]byte{0xEF, 0xBB, 0xBF}:
		d.BOM = true
	case n >= 2 && (head[0] == 0xFF && head[1] == 0xFE || head[0] == 0xFE && head[1] == 0xFF):
		d.UTF16 = true
	}
	return d, nil
}

// ErrUTF16Rewrite refuses to rewrite UTF-16 files: their text is linted, but
// fixes are only written to UTF-8 files.
var ErrUTF16Rewrite = errors.New("fixes are not written to UTF-16 files; convert the file to UTF-8 first")

// Encode turns new text into the file's bytes, restoring its BOM.
func (d Document) Encode(text string) ([]byte, error) {
	if d.UTF16 {
		return nil, ErrUTF16Rewrite
	}
	if d.BOM {
		return append([]byte{0xEF, 0xBB, 0xBF}, text...), nil
	}
	return []byte(text), nil
}

// WriteAtomic replaces path with data: it writes a temporary file in the
// same directory with the original permissions, syncs it and renames it
// over the original, so a crash never leaves a half-written template.
func WriteAtomic(path string, data []byte) error {
	info, err := os.Stat(path)
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".replylint-*")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	cleanup := func() { _ = os.Remove(tmp.Name()) }
	if _, err := tmp.Write(data); err != nil {
		_ = tmp.Close()
		cleanup()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Chmod(info.Mode().Perm()); err != nil {
		_ = tmp.Close()
		cleanup()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Sync(); err != nil {
		_ = tmp.Close()
		cleanup()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		cleanup()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		cleanup()
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

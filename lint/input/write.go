package input

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
)

// Document is a decoded file and what is needed to write it back as it was.
type Document struct {
	Text  string
	BOM   bool
	UTF16 bool
	// Raw is the file's bytes as read, for Writer.Replace to check that
	// nothing else changed the file before it is rewritten.
	Raw []byte
}

// ReadDocument reads and decodes a file, remembering its byte-order mark.
func ReadDocument(path string, maxBytes int64) (Document, error) {
	text, err := Read(path, maxBytes)
	if err != nil {
		return Document{}, err
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		return Document{}, cleanErr(err)
	}
	var head [3]byte
	n := copy(head[:], raw)
	d := Document{Text: text, Raw: raw}
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

// WriteAtomic replaces the file at path with data, as Writer.Replace does
// without checking its content first.
func WriteAtomic(path string, data []byte) error {
	var w Writer
	return w.Replace(path, nil, data)
}

// The ways Replace refuses to write.
var (
	// ErrChanged: another program changed the file after it was read.
	ErrChanged = errors.New("the file changed while replylint was rewriting it; not rewritten (run again)")
	// ErrReadOnly: the file is not writable.
	ErrReadOnly = errors.New("the file is read-only; not rewritten (make it writable to apply fixes)")
)

// Writer rewrites files without damaging them. It remembers the
// temporary files it has open, so that a signal handler can remove them
// (Cleanup) before the process exits. The zero Writer is ready to use; one
// Writer may be used from several goroutines.
type Writer struct {
	mu    sync.Mutex
	temps map[string]bool
	// afterCheck, when set, runs between the last look at the file and
	// the swap: tests use it to change the file at the worst moment.
	afterCheck func(path string)
}

// Cleanup removes the temporary files of writes still under way. It is
// meant for a signal handler: the process exits right after.
func (w *Writer) Cleanup() {
	w.mu.Lock()
	defer w.mu.Unlock()
	for name := range w.temps {
		_ = os.Remove(name)
	}
	w.temps = nil
}

func (w *Writer) track(name string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.temps == nil {
		w.temps = map[string]bool{}
	}
	w.temps[name] = true
}

func (w *Writer) forget(name string, remove bool) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if remove {
		_ = os.Remove(name)
	}
	delete(w.temps, name)
}

// Replace writes data to the file at path, which must still hold old (nil:
// anything), and keeps what makes the file the same file:
//
//   - A symbolic link is followed: its target is rewritten and the link
//     stays a link.
//   - The new content goes to a temporary file in the target's directory
//     (a short name, so a file name near the file system's limit works),
//     which gets the file's owner, group and mode bits, setuid, setgid and
//     sticky included, is synced, and is swapped in for the file in one
//     rename.
//   - A file with several hard links, or whose owner or group cannot be
//     given to a new file, is instead written in place, after the new
//     content was written and read back in the temporary file, which is
//     kept (and named in the error) if the in-place write fails.
//   - A file that is not writable is refused (ErrReadOnly), even where the
//     directory would allow replacing it.
//   - Right before the swap the file is read again and compared with old;
//     on Linux the swap is an exchange (renameat2 RENAME_EXCHANGE), and
//     what was swapped out is compared again, so an edit another program
//     made at the last moment is put back and reported (ErrChanged)
//     rather than lost. Elsewhere the file replaced is compared through a
//     descriptor kept open on it, and its content is restored if it
//     changed.
func (w *Writer) Replace(path string, old, data []byte) error {
	if err := w.replace(path, old, data); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

func (w *Writer) replace(path string, old, data []byte) error {
	real, err := filepath.EvalSymlinks(path)
	if err != nil {
		return cleanErr(err)
	}
	info, err := os.Lstat(real)
	if err != nil {
		return cleanErr(err)
	}
	if !info.Mode().IsRegular() {
		return fmt.Errorf("not a regular file (%s)", info.Mode().Type())
	}
	if info.Mode().Perm()&0o222 == 0 {
		return ErrReadOnly
	}
	// Opening for writing (without truncating) asks the system whether
	// this user may write the file; the descriptor then serves the
	// in-place write and the checks.
	f, err := os.OpenFile(real, os.O_RDWR, 0)
	if err != nil {
		if errors.Is(err, os.ErrPermission) {
			return ErrReadOnly
		}
		return cleanErr(err)
	}
	defer func() { _ = f.Close() }()
	cur, err := io.ReadAll(f)
	if err != nil {
		return cleanErr(err)
	}
	if old != nil && !bytes.Equal(cur, old) {
		return ErrChanged
	}
	own := ownerOf(info)

	tmp, err := os.CreateTemp(filepath.Dir(real), ".rl-*.tmp")
	if err != nil {
		return cleanErr(err)
	}
	name := tmp.Name()
	w.track(name)
	keep := false
	defer func() { w.forget(name, !keep) }()
	inPlace := own.links > 1
	if _, err := tmp.Write(data); err != nil {
		_ = tmp.Close()
		return cleanErr(err)
	}
	if own.known && !inPlace {
		// A new file belongs to whoever creates it: give it the file's
		// owner and group, or, when that is not allowed, write in place
		// so that they stay.
		if err := tmp.Chown(own.uid, own.gid); err != nil {
			inPlace = true
		}
	}
	// After Chown, which clears setuid and setgid.
	if err := tmp.Chmod(info.Mode() & (os.ModePerm | os.ModeSetuid | os.ModeSetgid | os.ModeSticky)); err != nil {
		_ = tmp.Close()
		return cleanErr(err)
	}
	if err := tmp.Sync(); err != nil {
		_ = tmp.Close()
		return cleanErr(err)
	}
	if err := tmp.Close(); err != nil {
		return cleanErr(err)
	}
	if inPlace {
		return w.inPlace(f, name, cur, data, &keep)
	}
	// The last look before the swap.
	if now, err := os.ReadFile(real); err != nil || !bytes.Equal(now, cur) {
		return ErrChanged
	}
	if w.afterCheck != nil {
		w.afterCheck(real)
	}
	swapped, err := exchange(name, real)
	if err != nil {
		return cleanErr(err)
	}
	if swapped {
		// name now holds what was at real the moment of the swap.
		if was, err := os.ReadFile(name); err != nil || !bytes.Equal(was, cur) {
			if _, err := exchange(name, real); err != nil {
				keep = true
				return fmt.Errorf("%w; the other program's version is in %s", ErrChanged, name)
			}
			return ErrChanged
		}
		syncDir(filepath.Dir(real))
		return nil
	}
	if err := os.Rename(name, real); err != nil {
		return cleanErr(err)
	}
	syncDir(filepath.Dir(real))
	// The descriptor still reads the file that was replaced: if another
	// program wrote to it at the last moment, put its version back.
	was, err := readAllAt(f)
	if err == nil && bytes.Equal(was, cur) {
		return nil
	}
	if err == nil {
		if rerr := restore(real, was, info); rerr == nil {
			return ErrChanged
		}
	}
	return fmt.Errorf("%w, and its last version could not be restored", ErrChanged)
}

// inPlace writes data over the open file f, whose content was cur, after
// checking that the copy in the temporary file name reads back as data.
func (w *Writer) inPlace(f *os.File, name string, cur, data []byte, keep *bool) error {
	back, err := os.ReadFile(name)
	if err != nil || !bytes.Equal(back, data) {
		return fmt.Errorf("the new content did not read back from %s; not rewritten", name)
	}
	now, err := readAllAt(f)
	if err != nil || !bytes.Equal(now, cur) {
		return ErrChanged
	}
	if w.afterCheck != nil {
		w.afterCheck(f.Name())
	}
	if _, err := f.WriteAt(data, 0); err != nil {
		*keep = true
		return fmt.Errorf("writing in place failed (the new content is in %s): %w", name, cleanErr(err))
	}
	if err := f.Truncate(int64(len(data))); err != nil {
		*keep = true
		return fmt.Errorf("writing in place failed (the new content is in %s): %w", name, cleanErr(err))
	}
	if err := f.Sync(); err != nil {
		*keep = true
		return fmt.Errorf("writing in place failed (the new content is in %s): %w", name, cleanErr(err))
	}
	return nil
}

// readAllAt reads a whole file from its start.
func readAllAt(f *os.File) ([]byte, error) {
	info, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("stat: %w", err)
	}
	buf := make([]byte, info.Size())
	n, err := f.ReadAt(buf, 0)
	if err != nil && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("read: %w", err)
	}
	return buf[:n], nil
}

// restore puts data back at path through a temporary file.
func restore(path string, data []byte, info os.FileInfo) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".rl-*.tmp")
	if err != nil {
		return fmt.Errorf("restore: %w", err)
	}
	name := tmp.Name()
	_, err = tmp.Write(data)
	if err == nil {
		err = tmp.Chmod(info.Mode().Perm())
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(name, path)
	}
	if err != nil {
		_ = os.Remove(name)
		return fmt.Errorf("restore: %w", err)
	}
	return nil
}

// syncDir makes a rename durable; failing to is not worth an error (not
// every file system can sync a directory).
func syncDir(dir string) {
	d, err := os.Open(dir)
	if err != nil {
		return
	}
	_ = d.Sync()
	_ = d.Close()
}

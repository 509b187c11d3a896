package input

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDecode(t *testing.T) {
	for _, tc := range []struct {
		name string
		in   []byte
		want string
		err  string
	}{
		{"plain", []byte("hi\r\nthere"), "hi\r\nthere", ""},
		{"utf8 bom", []byte("\xef\xbb\xbfhi"), "hi", ""},
		{"utf16le", []byte{0xFF, 0xFE, 'h', 0, 0xe9, 0}, "hé", ""},
		{"utf16be", []byte{0xFE, 0xFF, 0, 'h', 0, 'i'}, "hi", ""},
		{"utf16 odd", []byte{0xFF, 0xFE, 'h'}, "", "odd number of bytes"},
		{"binary", []byte("a\x00b"), "", "binary file"},
		{"latin1", []byte("ok\ncaf\xe9"), "", "2:4: invalid UTF-8 at byte 6"},
		{"empty", nil, "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Decode(tc.in)
			if tc.err != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tc.err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestReadRefusesLargeInput(t *testing.T) {
	p := filepath.Join(t.TempDir(), "big.txt")
	require.NoError(t, os.WriteFile(p, make([]byte, 100), 0o644))
	_, err := Read(p, 10)
	var tl *TooLargeError
	require.ErrorAs(t, err, &tl)
}

func TestExpand(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"b.txt", "a.md", "c.png", "sub/d.tmpl", ".hidden/e.txt"} {
		p := filepath.Join(dir, name)
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte("x"), 0o644))
	}
	files, errs := Expand([]string{dir, filepath.Join(dir, "missing.txt")}, DefaultExtensions())
	require.Len(t, errs, 1)
	assert.Contains(t, errs[0].Error(), "missing.txt: no such file or directory")
	assert.Equal(t, []string{filepath.Join(dir, "a.md"), filepath.Join(dir, "b.txt"), filepath.Join(dir, "sub", "d.tmpl")}, files)
}

func TestWriteAtomicKeepsModeAndBOM(t *testing.T) {
	p := filepath.Join(t.TempDir(), "t.txt")
	require.NoError(t, os.WriteFile(p, []byte("\xef\xbb\xbfold\r\n"), 0o600))
	doc, err := ReadDocument(p, 0)
	require.NoError(t, err)
	assert.True(t, doc.BOM)
	data, err := doc.Encode("new\r\n")
	require.NoError(t, err)
	require.NoError(t, WriteAtomic(p, data))
	got, err := os.ReadFile(p)
	require.NoError(t, err)
	assert.Equal(t, "\xef\xbb\xbfnew\r\n", string(got))
	info, err := os.Stat(p)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), info.Mode().Perm())
	entries, err := os.ReadDir(filepath.Dir(p))
	require.NoError(t, err)
	assert.Len(t, entries, 1, "no temporary file left behind")
}

package rule

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func phraseRule(phrases []string) []byte {
	var b strings.Builder
	b.WriteString("id: big-rule\nkind: phrase\ndescription: d\nseverity: warning\nmessage: m\nmatch:\n  en:\n    phrases:\n")
	for _, p := range phrases {
		fmt.Fprintf(&b, "      - %q\n", p)
	}
	b.WriteString("examples:\n  bad: [\"word1 thing\"]\n  good: [\"nothing\"]\n")
	return []byte(b.String())
}

func TestRuleFileLimits(t *testing.T) {
	many := make([]string, MaxPhrases+1)
	for i := range many {
		many[i] = fmt.Sprintf("word%d thing", i)
	}
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"too many phrases", phraseRule(many), fmt.Sprintf(`r.yaml:%d:9: rule "big-rule" has %d phrases and patterns; at most %d are allowed`, 9+MaxPhrases, MaxPhrases+1, MaxPhrases)},
		{"a phrase too long", phraseRule([]string{"ok", strings.Repeat("a", MaxPatternBytes+1)}), fmt.Sprintf("r.yaml:10:9: phrase or pattern of %d bytes; at most %d are allowed", MaxPatternBytes+1, MaxPatternBytes)},
		{"a file too large", append(phraseRule(nil), strings.Repeat("#\n", MaxFileBytes/2)...), "r.yaml: rule file has"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("r.yaml", tt.data)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
		})
	}
	_, err := Parse("r.yaml", phraseRule(many[:MaxPhrases]))
	assert.NoError(t, err, "exactly the limit is allowed")
}

func TestRulesFolderErrorsNameTheFolder(t *testing.T) {
	tests := []struct {
		name  string
		setup func(t *testing.T, dir string)
		want  string
	}{
		{"symlink loop", func(t *testing.T, dir string) {
			require.NoError(t, os.Symlink("loop.yaml", filepath.Join(dir, "loop.yaml")))
		}, "loop.yaml: too many levels of symbolic links"},
		{"a directory named like a rule file", func(t *testing.T, dir string) {
			require.NoError(t, os.Mkdir(filepath.Join(dir, "real"), 0o755))
			require.NoError(t, os.Symlink("real", filepath.Join(dir, "dir.yaml")))
		}, "dir.yaml: is a directory, not a rule file"},
		{"a file too large", func(t *testing.T, dir string) {
			require.NoError(t, os.WriteFile(filepath.Join(dir, "big.yaml"), make([]byte, MaxFileBytes+1), 0o644))
		}, "big.yaml: 1048577 bytes; a rule file may have at most 1048576"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			tt.setup(t, dir)
			_, err := LoadFS(os.DirFS(dir), ".", dir)
			require.Error(t, err)
			assert.Contains(t, err.Error(), "rules folder "+dir+": "+filepath.Join(dir, tt.want))
		})
	}
	if os.Geteuid() != 0 {
		dir := t.TempDir()
		p := filepath.Join(dir, "secret.yaml")
		require.NoError(t, os.WriteFile(p, []byte("id: x\n"), 0o000))
		_, err := LoadFS(os.DirFS(dir), ".", dir)
		require.Error(t, err)
		assert.Contains(t, err.Error(), "rules folder "+dir+": "+p+": permission denied")
	}
}

package rule

import "testing"

func FuzzParse(f *testing.F) {
	f.Add([]byte("id: x\nkind: phrase\nseverity: error\nmessage: m\nmatch:\n  en:\n    phrases: [a b]\nexamples:\n  bad: [a b]\n  good: [c]\n"))
	f.Add([]byte("id: [\n"))
	f.Add([]byte("kind: link\nlink:\n  allow:\n    amazon: [amazon]\n"))
	f.Add([]byte("examples:\n  bad:\n    - {text: t, channel: nope}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := Parse("fuzz.yaml", data)
		if err == nil && r == nil {
			t.Fatal("nil rule without error")
		}
		if err != nil && err.Error() == "" {
			t.Fatal("empty error message")
		}
	})
}

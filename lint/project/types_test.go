package project_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/replylint/replylint/lint/finding"
	"github.com/replylint/replylint/lint/project"
	"github.com/replylint/replylint/lint/rule"
)

// lintFiles runs the project runner on files as the CLI would.
func lintFiles(t *testing.T, paths ...string) map[string]*project.File {
	t.Helper()
	r, err := project.New(project.Options{NoConfig: true})
	require.NoError(t, err)
	inputs, errs := r.Expand(paths)
	require.Empty(t, errs)
	files, errs := r.Run(inputs, nil)
	require.Empty(t, errs)
	out := map[string]*project.File{}
	for _, f := range files {
		out[filepath.Base(filepath.Dir(f.Path))+"/"+filepath.Base(f.Path)] = f
	}
	return out
}

func subrules(fs []finding.Finding, ruleID string) []string {
	var out []string
	for _, f := range fs {
		if f.Rule == ruleID {
			out = append(out, f.Subrule)
		}
	}
	return out
}

// TestMessageTypeFixtures: the fixtures of issue 13, each caught, and their
// compliant versions clean.
func TestMessageTypeFixtures(t *testing.T) {
	files := lintFiles(t, "testdata/types/bad", "testdata/types/good")
	require.Len(t, files, 10)
	bad := []struct {
		file, rule string
		subrules   []string
		typ        rule.MessageType
	}{
		{"bad/shipping-confirmation.txt", "message-type", []string{"proactive-confirmation-only"}, rule.TypeConfirmation},
		{"bad/thank-you.txt", "message-type", []string{"proactive-thank-you-only"}, rule.TypeThankYou},
		{"bad/delay-notice.txt", "order-id", []string{""}, rule.TypeOrderProblem},
		{"bad/customization.txt", "message-length", []string{""}, rule.TypeCustomization},
		{"bad/invoice.html", "html-style", []string{
			"external-resource", "external-resource", "image-link", "line-breaks",
			"centred-text", "insecure-image", "font-sizes", "vague-link-text", "tracking-pixel",
		}, rule.TypeInvoice},
	}
	for _, tc := range bad {
		t.Run(tc.file, func(t *testing.T) {
			f := files[tc.file]
			require.NotNil(t, f)
			assert.Equal(t, tc.typ, f.Result.Type)
			assert.Equal(t, tc.subrules, subrules(f.Result.Findings, tc.rule), "%+v", f.Result.Findings)
			for _, fd := range f.Result.Findings {
				if fd.Rule == tc.rule {
					assert.Equal(t, finding.Error, fd.Severity)
					assert.True(t, strings.HasPrefix(fd.URL, "https://"), "a finding names its source: %q", fd.URL)
				}
			}
		})
	}
	for _, tc := range bad {
		good := "good/" + strings.TrimPrefix(tc.file, "bad/")
		t.Run(good, func(t *testing.T) {
			f := files[good]
			require.NotNil(t, f)
			assert.Empty(t, f.Result.Findings)
		})
	}
}

// TestHTMLFindingsPointIntoTheFile: html-style findings are on the markup
// and land on the tag in the file, past the front matter.
func TestHTMLFindingsPointIntoTheFile(t *testing.T) {
	f := lintFiles(t, "testdata/types/bad/invoice.html")["bad/invoice.html"]
	require.NotNil(t, f)
	got := map[string]string{}
	for _, fd := range f.Result.Findings {
		if fd.Rule == "html-style" {
			got[fd.Subrule] = fd.Match
			assert.Equal(t, f.Source[fd.Start.Offset:fd.End.Offset], fd.Match)
			assert.False(t, fd.InMarkup, "mapped to the file")
		}
	}
	assert.Equal(t, `<img src="http://cdn.kettle-shop.example/manual.png" alt="Manual">`, got["insecure-image"])
	assert.Equal(t, `<img src="https://track.mailer.example/open.gif" width="1" height="1">`, got["tracking-pixel"])
	assert.Equal(t, `<br><br><br>`, got["line-breaks"])
	assert.Equal(t, `<a href="https://www.amazon.com/returns">click here</a>`, got["vague-link-text"])
	assert.Equal(t, `<p style="text-align:center;font-size:12px">`, got["centred-text"])
}

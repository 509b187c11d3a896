package project

import (
	"github.com/replylint/replylint/lint"
	"github.com/replylint/replylint/lint/config"
)

// LintText lints src as the text of the file at path (an editor's buffer,
// which may differ from the file on disk), with the config that governs
// path. The file need not exist.
func (r *Runner) LintText(path, src string) (*File, []error) {
	return r.lintSource(Input{Path: path}, src)
}

// LintTextConfig is LintText under config c (nil: none) instead of the one
// found for path: a caller can see what an edit of the config would change
// before making it.
func (r *Runner) LintTextConfig(path, src string, c *config.Config) (*File, []error) {
	return r.lintConfig(Input{Path: path}, src, c)
}

// Reload forgets the configs read and where they were found, so the next
// lint reads them again (a config file was created, edited or removed);
// with rules set it also drops the compiled linters (a custom rule file
// changed).
func (r *Runner) Reload(rules bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.configs = map[string]*config.Config{}
	r.found = map[string]string{}
	if rules {
		r.linters = map[string]*lint.Linter{}
	}
}

// loadConfig reads a config, from Options.ReadConfig when it has the file.
func (r *Runner) loadConfig(p string) (*config.Config, error) {
	if r.opts.ReadConfig != nil {
		if data, ok := r.opts.ReadConfig(p); ok {
			return config.Parse(p, data)
		}
	}
	return config.Load(p)
}

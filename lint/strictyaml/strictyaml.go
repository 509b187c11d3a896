// Package strictyaml decodes YAML into typed structs and rejects what the
// types do not declare. yaml.v3 only checks unknown keys on its Decoder and
// reports them without a column; this package walks the node tree against the
// Go type first, so every unknown key or wrongly shaped value is reported as
// file:line:col.
package strictyaml

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"reflect"
	"slices"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"
)

// Error is a problem at a place in a YAML file.
type Error struct {
	File   string
	Line   int
	Column int
	Msg    string
}

func (e *Error) Error() string {
	if e.Line == 0 {
		return fmt.Sprintf("%s: %s", e.File, e.Msg)
	}
	return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Column, e.Msg)
}

// Errors is a list of problems, sorted by position.
type Errors []*Error

func (es Errors) Error() string {
	lines := make([]string, len(es))
	for i, e := range es {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// At builds an Error at a node.
func At(file string, n *yaml.Node, format string, args ...any) *Error {
	e := &Error{File: file, Msg: fmt.Sprintf(format, args...)}
	if n != nil {
		e.Line, e.Column = n.Line, n.Column
	}
	return e
}

// Parse reads one YAML document into a node tree. Broken YAML comes back as
// an *Error with the line yaml.v3 names.
func Parse(file string, data []byte) (*yaml.Node, error) {
	var doc yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, &Error{File: file, Line: 1, Column: 1, Msg: "empty YAML document"}
		}
		return nil, yamlError(file, err)
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		return nil, At(file, &extra, "a second YAML document is not allowed here")
	}
	if doc.Kind == yaml.DocumentNode && len(doc.Content) == 1 {
		return doc.Content[0], nil
	}
	return &doc, nil
}

// Decode checks n against v's type and then decodes it into v.
func Decode(file string, n *yaml.Node, v any) error {
	var errs Errors
	check(file, n, reflect.TypeOf(v), &errs)
	if len(errs) > 0 {
		sort.SliceStable(errs, func(i, j int) bool {
			if errs[i].Line != errs[j].Line {
				return errs[i].Line < errs[j].Line
			}
			return errs[i].Column < errs[j].Column
		})
		return errs
	}
	if err := n.Decode(v); err != nil {
		return yamlError(file, err)
	}
	return nil
}

var unmarshalerType = reflect.TypeFor[yaml.Unmarshaler]()

func check(file string, n *yaml.Node, t reflect.Type, errs *Errors) {
	if n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		return
	}
	for t.Kind() == reflect.Pointer {
		if t.Implements(unmarshalerType) {
			if n.Kind == yaml.MappingNode && t.Elem().Kind() == reflect.Struct {
				checkStruct(file, n, t.Elem(), errs)
			}
			return
		}
		t = t.Elem()
	}
	if reflect.PointerTo(t).Implements(unmarshalerType) {
		if n.Kind == yaml.MappingNode && t.Kind() == reflect.Struct {
			checkStruct(file, n, t, errs)
		}
		return
	}
	switch t.Kind() {
	case reflect.Struct:
		if n.Kind != yaml.MappingNode {
			*errs = append(*errs, At(file, n, "expected a mapping, found %s", describe(n)))
			return
		}
		checkStruct(file, n, t, errs)
	case reflect.Map:
		if n.Kind != yaml.MappingNode {
			*errs = append(*errs, At(file, n, "expected a mapping, found %s", describe(n)))
			return
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			check(file, n.Content[i+1], t.Elem(), errs)
		}
	case reflect.Slice:
		if n.Kind != yaml.SequenceNode {
			*errs = append(*errs, At(file, n, "expected a list, found %s", describe(n)))
			return
		}
		for _, c := range n.Content {
			check(file, c, t.Elem(), errs)
		}
	case reflect.String, reflect.Int, reflect.Bool, reflect.Float64:
		if n.Kind != yaml.ScalarNode {
			*errs = append(*errs, At(file, n, "expected a %s, found %s", scalarName(t.Kind()), describe(n)))
			return
		}
		checkScalar(file, n, t.Kind(), errs)
	}
}

func checkScalar(file string, n *yaml.Node, k reflect.Kind, errs *Errors) {
	switch k {
	case reflect.Int:
		if n.Tag != "!!int" {
			*errs = append(*errs, At(file, n, "expected a whole number, found %q", n.Value))
		}
	case reflect.Bool:
		if n.Tag != "!!bool" {
			*errs = append(*errs, At(file, n, "expected true or false, found %q", n.Value))
		}
	case reflect.Float64:
		if n.Tag != "!!int" && n.Tag != "!!float" {
			*errs = append(*errs, At(file, n, "expected a number, found %q", n.Value))
		}
	}
}

func checkStruct(file string, n *yaml.Node, t reflect.Type, errs *Errors) {
	fields := map[string]reflect.Type{}
	var names []string
	collectFields(t, fields, &names)
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		key := n.Content[i]
		ft, ok := fields[key.Value]
		if !ok {
			*errs = append(*errs, At(file, key, "unknown key %q (known keys: %s)", key.Value, strings.Join(names, ", ")))
			continue
		}
		if seen[key.Value] {
			*errs = append(*errs, At(file, key, "key %q is given twice", key.Value))
		}
		seen[key.Value] = true
		check(file, n.Content[i+1], ft, errs)
	}
}

// collectFields lists the YAML keys of a struct, flattening ",inline"
// embedded structs as yaml.v3 does.
func collectFields(t reflect.Type, fields map[string]reflect.Type, names *[]string) {
	for i := range t.NumField() {
		f := t.Field(i)
		parts := strings.Split(f.Tag.Get("yaml"), ",")
		if slices.Contains(parts[1:], "inline") && f.Type.Kind() == reflect.Struct {
			collectFields(f.Type, fields, names)
			continue
		}
		name := parts[0]
		if name == "" || name == "-" || !f.IsExported() {
			continue
		}
		fields[name] = f.Type
		*names = append(*names, name)
	}
}

func scalarName(k reflect.Kind) string {
	switch k {
	case reflect.Int:
		return "whole number"
	case reflect.Bool:
		return "true or false"
	case reflect.Float64:
		return "number"
	}
	return "string"
}

func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		return fmt.Sprintf("%q", n.Value)
	}
	return "something else"
}

// yamlError turns yaml.v3's "yaml: line N: msg" into an *Error.
func yamlError(file string, err error) error {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	var line int
	if _, scanErr := fmt.Sscanf(msg, "line %d:", &line); scanErr == nil {
		rest := msg[strings.Index(msg, ":")+1:]
		return &Error{File: file, Line: line, Column: 1, Msg: strings.TrimSpace(rest)}
	}
	return &Error{File: file, Msg: msg}
}

// Lookup returns the value node of key in mapping n, or nil.
func Lookup(n *yaml.Node, key string) *yaml.Node {
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1]
		}
	}
	return nil
}

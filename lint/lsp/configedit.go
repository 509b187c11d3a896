package lsp

import (
	"errors"
	"fmt"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/replylint/replylint/lint/strictyaml"
)

// addAllowDomain says how to add domain to allow-domains in the config
// text src, keeping everything else as written: insert ins at byte offset
// off. It extends a block list under its last item, a flow list before its
// ']', an empty key on its line, and adds the key at the end when it is
// missing. A config it cannot edit that way (a flow mapping at the top) is
// an error; the caller parses the result to be sure.
func addAllowDomain(src, domain string) (off int, ins string, err error) {
	const key = "allow-domains"
	if strings.TrimSpace(src) == "" {
		return len(src), key + ":\n  - " + domain + "\n", nil
	}
	root, err := strictyaml.Parse("config", []byte(src))
	if err != nil {
		return 0, "", err
	}
	if root.Kind != yaml.MappingNode || root.Style&yaml.FlowStyle != 0 {
		return 0, "", errors.New("the config is not a block mapping")
	}
	brk := lineBreak(src)
	t := newText(src)
	v := strictyaml.Lookup(root, key)
	if v == nil {
		prefix := ""
		if !strings.HasSuffix(src, "\n") && !strings.HasSuffix(src, "\r") {
			prefix = brk
		}
		return len(src), prefix + key + ":" + brk + "  - " + domain + brk, nil
	}
	switch {
	case v.Kind == yaml.ScalarNode && v.Tag == "!!null":
		// "allow-domains:" with nothing after it (or "~", "null").
		var k *yaml.Node
		for i := 0; i+1 < len(root.Content); i += 2 {
			if root.Content[i+1] == v {
				k = root.Content[i]
			}
		}
		if k == nil {
			return 0, "", errors.New("allow-domains key not found")
		}
		line := k.Line - 1
		start := t.lineColOffset(k.Line, k.Column)
		end := t.lineEnd(line)
		rest := src[start:end]
		colon := strings.Index(rest, ":")
		if colon < 0 {
			return 0, "", errors.New("allow-domains key without a colon")
		}
		after := strings.TrimSpace(rest[colon+1:])
		if after != "" && !strings.HasPrefix(after, "#") {
			return 0, "", errors.New("allow-domains is null, not a list")
		}
		indent := strings.Repeat(" ", k.Column-1)
		return end, brk + indent + "  - " + domain, nil
	case v.Kind == yaml.SequenceNode && v.Style&yaml.FlowStyle != 0:
		open := t.lineColOffset(v.Line, v.Column)
		if open >= len(src) || src[open] != '[' {
			return 0, "", errors.New("flow list without '['")
		}
		closing := strings.IndexByte(src[open:], ']')
		if closing < 0 {
			return 0, "", errors.New("flow list without ']'")
		}
		closing += open
		if len(v.Content) == 0 {
			return closing, domain, nil
		}
		last := v.Content[len(v.Content)-1]
		lo := t.lineColOffset(last.Line, last.Column)
		end := tokenEnd(src, lo)
		if end > closing {
			return 0, "", errors.New("flow list item past ']'")
		}
		return end, ", " + domain, nil
	case v.Kind == yaml.SequenceNode && len(v.Content) > 0:
		first, last := v.Content[0], v.Content[len(v.Content)-1]
		fo := t.lineColOffset(first.Line, first.Column)
		ls := t.lineStarts[first.Line-1]
		dash := strings.LastIndex(src[ls:fo], "-")
		if dash < 0 {
			return 0, "", errors.New("block list item without '-'")
		}
		prefix := src[ls : ls+dash]
		if strings.TrimSpace(prefix) != "" {
			return 0, "", errors.New("block list item not at the start of its line")
		}
		end := t.lineEnd(last.Line - 1)
		return end, brk + prefix + "- " + domain, nil
	}
	return 0, "", fmt.Errorf("allow-domains is a %s, not a list", describeKind(v))
}

func describeKind(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "mapping"
	case yaml.SequenceNode:
		return "list"
	}
	return "scalar"
}

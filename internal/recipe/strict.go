package recipe

import (
	"fmt"
	"reflect"
	"strings"

	"gopkg.in/yaml.v3"
)

// checkKeys walks a YAML document against the Go type it decodes into and reports every
// key the type does not have, with its field path and line, so a misspelt key is never
// silently ignored and all of them are reported at once (yaml.v3's KnownFields stops
// at the first).
func checkKeys(n *yaml.Node, t reflect.Type, path string, bad func(field, format string, a ...any)) {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if n.Kind == yaml.DocumentNode {
		for _, c := range n.Content {
			checkKeys(c, t, path, bad)
		}
		return
	}
	if n.Kind == yaml.AliasNode {
		return
	}
	switch t.Kind() {
	case reflect.Struct:
		if n.Kind != yaml.MappingNode {
			if n.Kind == yaml.ScalarNode && reflect.PointerTo(t).Implements(reflect.TypeOf((*yaml.Unmarshaler)(nil)).Elem()) {
				return // custom scalar form, e.g. a scriptlet given as a plain string
			}
			if n.Tag == "!!null" {
				return
			}
			bad(orRoot(path), "want a mapping (line %d)", n.Line)
			return
		}
		fields := map[string]reflect.Type{}
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
			if name == "" || name == "-" {
				continue
			}
			fields[name] = f.Type
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			ft, ok := fields[k.Value]
			if !ok {
				bad(join(path, k.Value), "unknown key (line %d)", k.Line)
				continue
			}
			checkKeys(v, ft, join(path, k.Value), bad)
		}
	case reflect.Slice:
		if n.Kind != yaml.SequenceNode {
			if n.Tag != "!!null" {
				bad(orRoot(path), "want a list (line %d)", n.Line)
			}
			return
		}
		for i, c := range n.Content {
			checkKeys(c, t.Elem(), fmt.Sprintf("%s[%d]", path, i), bad)
		}
	case reflect.Map:
		if n.Kind != yaml.MappingNode {
			if n.Tag != "!!null" {
				bad(orRoot(path), "want a mapping (line %d)", n.Line)
			}
			return
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			checkKeys(n.Content[i+1], t.Elem(), join(path, n.Content[i].Value), bad)
		}
	default:
		if n.Kind != yaml.ScalarNode {
			bad(orRoot(path), "want a single value (line %d)", n.Line)
		}
	}
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func orRoot(path string) string {
	if path == "" {
		return "(document)"
	}
	return path
}

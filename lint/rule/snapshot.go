package rule

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"reflect"
	"sort"
	"strings"
)

// A snapshot is parsed rules as compact bytes: the built-in rules ship as
// one (rules/rules.bin, written by go generate ./rules from the rule files),
// so that a run decodes them in a few milliseconds instead of parsing their
// YAML at every start. It holds every exported field of the rules, walked
// by reflection in declaration order: a pointer or slice or map says
// whether it is nil (a pointer to zero, "report: 0", stays one), maps are
// written in key order, so the same rules always give the same bytes.
// Decoded rules have no YAML tree: an error found later is placed at the
// rule, not at its field (the linter then parses the files again to say
// where; see Rule.At).

// snapshotMagic starts a rule snapshot; the digit is the format's version.
const snapshotMagic = "replylint rules 1\n"

// EncodeSnapshot returns the snapshot of rules.
func EncodeSnapshot(rules []*Rule) ([]byte, error) {
	w := &snapWriter{buf: []byte(snapshotMagic)}
	if err := w.value(reflect.ValueOf(rules)); err != nil {
		return nil, fmt.Errorf("rule snapshot: %w", err)
	}
	return w.buf, nil
}

// DecodeSnapshot reads rules written by EncodeSnapshot; their strings share
// data's memory.
func DecodeSnapshot(data string) ([]*Rule, error) {
	if !strings.HasPrefix(data, snapshotMagic) {
		return nil, errors.New("rule snapshot: not a snapshot of this version")
	}
	r := &snapReader{data: data, at: len(snapshotMagic)}
	var rules []*Rule
	r.value(reflect.ValueOf(&rules).Elem())
	if r.err == nil && r.at != len(data) {
		r.err = fmt.Errorf("%d bytes left over", len(data)-r.at)
	}
	if r.err != nil {
		return nil, fmt.Errorf("rule snapshot: %w", r.err)
	}
	return rules, nil
}

type snapWriter struct{ buf []byte }

func (w *snapWriter) uint(n uint64) { w.buf = binary.AppendUvarint(w.buf, n) }

func (w *snapWriter) value(v reflect.Value) error {
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			w.uint(0)
			return nil
		}
		w.uint(1)
		return w.value(v.Elem())
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			if v.Type().Field(i).IsExported() {
				if err := w.value(v.Field(i)); err != nil {
					return fmt.Errorf("%s.%s: %w", v.Type().Name(), v.Type().Field(i).Name, err)
				}
			}
		}
		return nil
	case reflect.Slice:
		if v.IsNil() {
			w.uint(0)
			return nil
		}
		w.uint(uint64(v.Len()) + 1)
		for i := 0; i < v.Len(); i++ {
			if err := w.value(v.Index(i)); err != nil {
				return err
			}
		}
		return nil
	case reflect.Map:
		if v.IsNil() {
			w.uint(0)
			return nil
		}
		if v.Type().Key().Kind() != reflect.String {
			return fmt.Errorf("map key %s: only string keys", v.Type().Key())
		}
		keys := v.MapKeys()
		sort.Slice(keys, func(i, j int) bool { return keys[i].String() < keys[j].String() })
		w.uint(uint64(len(keys)) + 1)
		for _, k := range keys {
			if err := w.value(k); err != nil {
				return err
			}
			if err := w.value(v.MapIndex(k)); err != nil {
				return err
			}
		}
		return nil
	case reflect.String:
		w.uint(uint64(v.Len()))
		w.buf = append(w.buf, v.String()...)
		return nil
	case reflect.Bool:
		if v.Bool() {
			w.uint(1)
		} else {
			w.uint(0)
		}
		return nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		w.buf = binary.AppendVarint(w.buf, v.Int())
		return nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		w.uint(v.Uint())
		return nil
	case reflect.Float32, reflect.Float64:
		w.uint(math.Float64bits(v.Float()))
		return nil
	}
	return fmt.Errorf("type %s cannot be in a snapshot", v.Type())
}

type snapReader struct {
	data string
	at   int
	err  error
}

func (r *snapReader) fail(msg string) {
	if r.err == nil {
		r.err = errors.New(msg)
	}
}

func (r *snapReader) uint() uint64 {
	if r.err != nil {
		return 0
	}
	var v uint64
	for shift := uint(0); ; shift += 7 {
		if r.at >= len(r.data) || shift > 63 {
			r.fail("truncated")
			return 0
		}
		b := r.data[r.at]
		r.at++
		v |= uint64(b&0x7f) << shift
		if b < 0x80 {
			return v
		}
	}
}

// count reads a length (of a slice or map, plus one for "not nil"), which
// cannot exceed the bytes left: every element takes at least one.
func (r *snapReader) count() (n int, isNil bool) {
	c := r.uint()
	if c == 0 {
		return 0, true
	}
	if c-1 > uint64(len(r.data)-r.at) {
		r.fail("length out of range")
		return 0, true
	}
	return int(c - 1), false
}

func (r *snapReader) value(v reflect.Value) {
	if r.err != nil {
		return
	}
	switch v.Kind() {
	case reflect.Pointer:
		if r.uint() == 0 {
			return
		}
		p := reflect.New(v.Type().Elem())
		r.value(p.Elem())
		v.Set(p)
	case reflect.Struct:
		for i := 0; i < v.NumField() && r.err == nil; i++ {
			if v.Type().Field(i).IsExported() {
				r.value(v.Field(i))
			}
		}
	case reflect.Slice:
		n, isNil := r.count()
		if isNil {
			return
		}
		s := reflect.MakeSlice(v.Type(), n, n)
		for i := 0; i < n && r.err == nil; i++ {
			r.value(s.Index(i))
		}
		v.Set(s)
	case reflect.Map:
		n, isNil := r.count()
		if isNil {
			return
		}
		m := reflect.MakeMapWithSize(v.Type(), n)
		for i := 0; i < n && r.err == nil; i++ {
			k := reflect.New(v.Type().Key()).Elem()
			r.value(k)
			e := reflect.New(v.Type().Elem()).Elem()
			r.value(e)
			m.SetMapIndex(k, e)
		}
		v.Set(m)
	case reflect.String:
		n := r.uint()
		if n > uint64(len(r.data)-r.at) {
			r.fail("string out of range")
			return
		}
		v.SetString(r.data[r.at : r.at+int(n)])
		r.at += int(n)
	case reflect.Bool:
		v.SetBool(r.uint() == 1)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		u := r.uint() // zig-zag, as binary.AppendVarint writes it
		n := int64(u >> 1)
		if u&1 != 0 {
			n = ^n
		}
		if v.OverflowInt(n) {
			r.fail("number out of range")
			return
		}
		v.SetInt(n)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		n := r.uint()
		if v.OverflowUint(n) {
			r.fail("number out of range")
			return
		}
		v.SetUint(n)
	case reflect.Float32, reflect.Float64:
		v.SetFloat(math.Float64frombits(r.uint()))
	default:
		r.fail("type " + v.Type().String() + " cannot be in a snapshot")
	}
}

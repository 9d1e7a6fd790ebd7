package pdf

import (
	"bytes"
	"fmt"
	"maps"
	"reflect"
	"unsafe"

	"codeberg.org/go-pdf/fpdf"
)

// parsedFonts holds the faces as fpdf parsed them, once per process, so
// that each document can register them without parsing again.
//
// fpdf v0.12 has no public way to share a parsed UTF-8 font between
// documents: AddUTF8FontFromBytes parses the TrueType file and hashes its
// 65,536-entry width table (through encoding/json) every time, about 2 ms a
// face, which was half the time of writing a job description. So New parses
// each face once in a prototype document and Write copies the parsed
// definition into the new document's font table by reflection, giving each
// document its own copies of the parts fpdf changes while writing (the set
// of used runes, the subsetting state and the font file bytes, which fpdf's
// subsetter writes into: utf8FontFile.getMetrics appends to a slice of
// them); the parsed tables are shared read-only. The copy is checked against the layout of fpdf's types when New
// runs; if that layout is not what this code expects (a new fpdf version),
// New returns nil and the writer falls back to AddUTF8FontFromBytes, which
// gives the same bytes, only slower. TestFontCacheSameBytes checks that
// both paths give identical output.
type parsedFonts struct {
	defs [numFaces]reflect.Value // fpdf's fontDefType, one per face
	keys [numFaces]string        // key of each face in fpdf's font table
	used map[int]int             // the initial set of used runes
}

// field returns a settable view of the (possibly unexported) field name of
// the addressable struct v, or an invalid Value.
func field(v reflect.Value, name string) reflect.Value {
	f := v.FieldByName(name)
	if !f.IsValid() || !f.CanAddr() {
		return reflect.Value{}
	}
	return reflect.NewAt(f.Type(), unsafe.Pointer(f.UnsafeAddr())).Elem()
}

// fontTable returns fpdf's font table of p: map[string]fontDefType.
func fontTable(p *fpdf.Fpdf) reflect.Value {
	m := field(reflect.ValueOf(p).Elem(), "fonts")
	if !m.IsValid() || m.Kind() != reflect.Map || m.Type().Key().Kind() != reflect.String || m.Type().Elem().Kind() != reflect.Struct {
		return reflect.Value{}
	}
	return m
}

// parseFonts parses every face once with fpdf. It returns nil when fpdf's
// internals are not laid out as expected.
func parseFonts(faces [numFaces]*face) (pf *parsedFonts) {
	defer func() {
		if recover() != nil {
			pf = nil
		}
	}()
	proto := fpdf.New("P", "mm", "A4", "")
	for _, f := range faces {
		proto.AddUTF8FontFromBytes(f.family, f.style, f.ttf)
	}
	table := fontTable(proto)
	if proto.Error() != nil || !table.IsValid() {
		return nil
	}
	pf = &parsedFonts{}
	for i, f := range faces {
		key := f.family + f.style
		def := table.MapIndex(reflect.ValueOf(key))
		if !def.IsValid() {
			return nil
		}
		cp := reflect.New(def.Type()).Elem()
		cp.Set(def)
		if !checkDef(cp) {
			return nil
		}
		pf.defs[i], pf.keys[i] = cp, key
		if pf.used == nil {
			pf.used = maps.Clone(field(cp, "usedRunes").Interface().(map[int]int))
		}
	}
	return pf
}

// checkDef reports whether a parsed font definition has the fields this
// code copies, with the types it expects.
func checkDef(def reflect.Value) bool {
	used := field(def, "usedRunes")
	file := field(def, "utf8File")
	if !used.IsValid() || used.Type() != reflect.TypeOf(map[int]int(nil)) ||
		!file.IsValid() || file.Kind() != reflect.Pointer || file.IsNil() || file.Elem().Kind() != reflect.Struct {
		return false
	}
	rd := field(file.Elem(), "fileReader")
	if !rd.IsValid() || rd.Kind() != reflect.Pointer || rd.IsNil() || rd.Elem().Kind() != reflect.Struct {
		return false
	}
	pos := field(rd.Elem(), "readerPosition")
	arr := field(rd.Elem(), "array")
	return pos.IsValid() && pos.Kind() == reflect.Int64 && arr.IsValid() && arr.Type() == reflect.TypeOf([]byte(nil))
}

// register adds face i to p as if by AddUTF8FontFromBytes.
func (pf *parsedFonts) register(p *fpdf.Fpdf, i int) error {
	table := fontTable(p)
	if !table.IsValid() {
		return fmt.Errorf("register font %s: fpdf font table not found", pf.keys[i])
	}
	def := reflect.New(pf.defs[i].Type()).Elem()
	def.Set(pf.defs[i])
	field(def, "usedRunes").Set(reflect.ValueOf(maps.Clone(pf.used)))
	// A private copy of the parsed file: subsetting rewrites its state.
	file := field(def, "utf8File")
	fileCopy := reflect.New(file.Type().Elem())
	fileCopy.Elem().Set(file.Elem())
	rd := field(fileCopy.Elem(), "fileReader")
	rdCopy := reflect.New(rd.Type().Elem())
	rdCopy.Elem().Set(rd.Elem())
	field(rdCopy.Elem(), "readerPosition").SetInt(0)
	arr := field(rdCopy.Elem(), "array")
	arr.Set(reflect.ValueOf(bytes.Clone(arr.Bytes())))
	rd.Set(rdCopy)
	file.Set(fileCopy)
	table.SetMapIndex(reflect.ValueOf(pf.keys[i]), def)
	return nil
}

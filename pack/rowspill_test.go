package pack

import (
	"reflect"
	"testing"
)

// TestSpilledRowsReadBack checks that every row of a manifest reads back
// from SpilledRows as ReadManifest gave it: values, extra columns (and a
// row with none of them), empty and Welsh values, a row with an error
// (kept in memory, the same error), in CSV and YAML.
func TestSpilledRowsReadBack(t *testing.T) {
	for _, m := range []struct{ file, data string }{
		{"v.csv", "reference,role,level,closing,panel,Notes,Cost centre,language\n" +
			"REF-1,data-engineer,head,2026-12-01,Jane Smith; Raj Patel,\"two\nlines\",CC-9,\n" +
			"REF-2,data-engineer,senior,31/02/2026,,,,\n" +
			"REF-3,,,,,Nodyn,,cy\n" +
			"REF-4,data-engineer,mid,,,,,en+cy\n"},
		{"v.yaml", "vacancies:\n- reference: REF-1\n  role: data-engineer\n  level: head\n  Notes: x\n- reference: REF-2\n  salary: \"£40,000\"\n"},
	} {
		rows, err := ReadManifest(m.file, []byte(m.data))
		if err != nil {
			t.Fatal(err)
		}
		s, err := SpillRows(rows)
		if err != nil {
			t.Fatal(err)
		}
		if s.Len() != len(rows) {
			t.Fatalf("%s: %d rows spilled, want %d", m.file, s.Len(), len(rows))
		}
		for _, i := range []int{len(rows) - 1, 0, 1, len(rows) - 1} { // in any order, more than once
			got, err := s.Row(i)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, rows[i]) {
				t.Errorf("%s: row %d reads back as\n%#v\nwant\n%#v", m.file, i, got, rows[i])
			}
		}
		s.Close()
	}
}

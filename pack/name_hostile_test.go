package pack

import (
	"strings"
	"testing"
)

// TestSafeNameNonLatinDistinct: ÄÖÜ, 😀 and ＲＥＦ１ all became the pack
// name "x"; distinct references now get distinct names, transliterated
// where they can be.
func TestSafeNameNonLatinDistinct(t *testing.T) {
	seen := map[string]string{}
	for _, ref := range []string{"ÄÖÜ", "AOU", "😀", "😁", "ＲＥＦ１", "REF1", "Ä", "A", "日本", "中国"} {
		n := SafeName(ref)
		if prev, dup := seen[n]; dup {
			t.Errorf("%q and %q share the name %q", prev, ref, n)
		}
		seen[n] = ref
		if len(n) > maxNamePart || strings.ContainsAny(n, "/\\\x00") {
			t.Errorf("SafeName(%q) = %q", ref, n)
		}
	}
	if n := SafeName("ＲＥＦ１"); !strings.HasPrefix(n, "REF1-") {
		t.Errorf("SafeName(ＲＥＦ１) = %q, want REF1-<hash>", n)
	}
	if n := SafeName("ÄÖÜ"); !strings.HasPrefix(n, "AOU-") {
		t.Errorf("SafeName(ÄÖÜ) = %q, want AOU-<hash>", n)
	}
	if n := SafeName(strings.Repeat("é", 200)); len(n) > maxNamePart {
		t.Errorf("long name %d bytes", len(n))
	}
}

// TestManifestControlCharacters: a NUL in a reference reached jd.md and
// index.csv; control characters are removed as the manifest is read. A
// CR-only manifest is read as lines.
func TestManifestControlCharacters(t *testing.T) {
	rows, err := ReadManifest("m.csv", []byte("reference,role,level,location\rR\x001,data-engineer,senior,Le\x07eds\x1b[31m\r"))
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1 || rows[0].values.asMap()["reference"] != "R1" || rows[0].values.asMap()["location"] != "Leeds[31m" {
		t.Fatalf("rows = %+v", rows)
	}
}

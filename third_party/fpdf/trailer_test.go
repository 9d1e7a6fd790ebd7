package fpdf

import (
	"bytes"
	"regexp"
	"strconv"
	"testing"
	"time"
)

// TestTrailerInfoAndID checks that the trailer names the information
// dictionary by its own number, also when an output intent's profile
// stream follows it, and gives a file identifier that is the same for the
// same document and different for another.
func TestTrailerInfoAndID(t *testing.T) {
	write := func(title string, intent bool) []byte {
		pdf := New("P", "mm", "A4", "")
		pdf.SetCompression(false)
		pdf.SetFont("Helvetica", "", 12)
		pdf.SetTitle(title, false)
		pdf.SetCreationDate(time.Date(2026, 11, 21, 9, 30, 0, 0, time.UTC))
		pdf.SetModificationDate(time.Date(2026, 11, 21, 9, 30, 0, 0, time.UTC))
		if intent {
			pdf.AddOutputIntent(OutputIntentType{SubtypeIdent: OutputIntent_GTS_PDFA1, OutputConditionIdentifier: "sRGB", ICCProfile: []byte("not a real profile")})
		}
		pdf.AddPage()
		pdf.Cell(40, 10, "Hello")
		var b bytes.Buffer
		if err := pdf.Output(&b); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	trailer := regexp.MustCompile(`(?s)trailer\s*<<.*?/Info (\d+) 0 R\s*/ID \[<([0-9a-f]{32})><([0-9a-f]{32})>\]\s*>>`)
	for _, intent := range []bool{false, true} {
		b := write("One", intent)
		m := trailer.FindSubmatch(b)
		if m == nil {
			t.Fatalf("intent %v: no trailer with /Info and /ID in\n%s", intent, b[len(b)-300:])
		}
		n, _ := strconv.Atoi(string(m[1]))
		info := regexp.MustCompile(`(?s)\n` + strconv.Itoa(n) + ` 0 obj\s*<<(.*?)>>\s*endobj`).FindSubmatch(b)
		if info == nil || !bytes.Contains(info[1], []byte("/Title (One)")) {
			t.Errorf("intent %v: /Info %d is not the information dictionary", intent, n)
		}
		if !bytes.Equal(m[2], m[3]) {
			t.Errorf("intent %v: the two parts of /ID differ for a new file: %s %s", intent, m[2], m[3])
		}
		if again := trailer.FindSubmatch(write("One", intent)); !bytes.Equal(again[2], m[2]) {
			t.Errorf("intent %v: the same document has the identifiers %s and %s", intent, m[2], again[2])
		}
		if other := trailer.FindSubmatch(write("Two", intent)); bytes.Equal(other[2], m[2]) {
			t.Errorf("intent %v: another document has the same identifier %s", intent, m[2])
		}
	}
}

func TestPDFDate(t *testing.T) {
	for _, tc := range []struct {
		t    time.Time
		want string
	}{
		{time.Date(2024, 5, 1, 9, 30, 0, 0, time.UTC), "D:20240501093000+00'00'"},
		{time.Date(2024, 5, 1, 10, 30, 0, 0, time.FixedZone("BST", 3600)), "D:20240501103000+01'00'"},
		{time.Date(2024, 5, 1, 4, 0, 5, 0, time.FixedZone("", -(5*3600+30*60))), "D:20240501040005-05'30'"},
	} {
		if got := pdfDate(tc.t); got != tc.want {
			t.Errorf("pdfDate(%v) = %s, want %s", tc.t, got, tc.want)
		}
	}
}

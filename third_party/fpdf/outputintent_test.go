package fpdf

import (
	"bytes"
	"compress/zlib"
	"io"
	"regexp"
	"testing"
)

// TestOutputIntentCompressed checks that a profile given compressed is
// written as it is, and that it decodes to what the same profile given
// uncompressed does.
func TestOutputIntentCompressed(t *testing.T) {
	profile := bytes.Repeat([]byte("not a real ICC profile "), 40)
	var z bytes.Buffer
	zw := zlib.NewWriter(&z)
	zw.Write(profile)
	zw.Close()
	stream := func(icc []byte, compressed bool) []byte {
		pdf := New("P", "mm", "A4", "")
		pdf.AddOutputIntent(OutputIntentType{SubtypeIdent: OutputIntent_GTS_PDFA1, OutputConditionIdentifier: "sRGB", ICCProfile: icc, Compressed: compressed})
		pdf.AddPage()
		var b bytes.Buffer
		if err := pdf.Output(&b); err != nil {
			t.Fatal(err)
		}
		m := regexp.MustCompile(`(?s)<< /N 3 /Alternate /DeviceRGB /Length (\d+) /Filter /FlateDecode >>\nstream\n(.*?)\nendstream`).FindSubmatch(b.Bytes())
		if m == nil {
			t.Fatal("no profile stream")
		}
		return m[2]
	}
	if got := stream(z.Bytes(), true); !bytes.Equal(got, z.Bytes()) {
		t.Error("a compressed profile was not written as given")
	}
	r, err := zlib.NewReader(bytes.NewReader(stream(profile, false)))
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := io.ReadAll(r); !bytes.Equal(got, profile) {
		t.Error("the profile compressed by fpdf does not decode to itself")
	}
}

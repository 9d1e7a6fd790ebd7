package pdf_test

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"testing"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"

	"github.com/rolepack/rolepack/output/pdf"
)

func strict() *model.Configuration {
	c := model.NewDefaultConfiguration()
	c.ValidationMode = model.ValidationStrict
	return c
}

// testLogo is a small PNG logo with a gradient.
func testLogo(t *testing.T) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 120, 40))
	for x := range 120 {
		for y := range 40 {
			img.Set(x, y, color.RGBA{0x1d, 0x4f, uint8(x * 2), 0xff})
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestEveryKindStrictlyValid writes every document of every kind for the
// default config, without and with a logo, validates each with pdfcpu in
// strict mode, and writes it again for the same bytes.
func TestEveryKindStrictlyValid(t *testing.T) {
	w, err := pdf.New()
	if err != nil {
		t.Fatal(err)
	}
	logo := testLogo(t)
	for _, brand := range []string{"default", "logo"} {
		for stem, d := range everyDocument(t, printCases[0]) {
			if brand == "logo" {
				d.Meta.Logo = logo
			}
			var b bytes.Buffer
			if err := w.Write(&b, d); err != nil {
				t.Fatalf("%s/%s: %v", brand, stem, err)
			}
			if err := api.Validate(bytes.NewReader(b.Bytes()), strict()); err != nil {
				t.Errorf("%s/%s: pdfcpu strict: %v", brand, stem, err)
			}
			var again bytes.Buffer
			if err := w.Write(&again, d); err != nil {
				t.Fatalf("%s/%s: %v", brand, stem, err)
			}
			if !bytes.Equal(b.Bytes(), again.Bytes()) {
				t.Errorf("%s/%s: written twice, the bytes differ", brand, stem)
			}
		}
	}
}

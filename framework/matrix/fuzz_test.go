package matrix

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/rolepack/rolepack/framework"
	"github.com/rolepack/rolepack/framework/textprep"
)

// FuzzMatrix checks that no input makes the matrix importer panic, that
// every problem is one line, and that whatever it imports survives the
// canonical YAML round trip and validation.
func FuzzMatrix(f *testing.F) {
	paths, _ := filepath.Glob("testdata/*")
	paths = append(paths, seed)
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			continue // a testdata sub-folder
		}
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := textprep.Prepare("f.md", data)
		if err != nil {
			return
		}
		Detect(d)
		fw, probs, err := Parse([]*textprep.Doc{d})
		for _, p := range probs {
			if strings.Contains(p.Error(), "\n") || p.Line <= 0 {
				t.Errorf("problem without a line or on two lines: %q", p.Error())
			}
		}
		if err != nil {
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("error is not one line: %q", err)
			}
			return
		}
		for _, c := range fw.Catalogues {
			for _, cat := range c.Categories {
				for _, s := range cat.Skills {
					for _, l := range s.Levels {
						for _, x := range l.Descriptors {
							if x == "" || x == "?" || x != textprep.Trim(x) {
								t.Errorf("descriptor %q kept", x)
							}
						}
					}
				}
			}
		}
		framework.Validate(fw, nil)
		y, err := framework.Marshal(fw)
		if err != nil {
			t.Fatal(err)
		}
		back, _, err := framework.Decode("f.yaml", y)
		if err != nil {
			t.Fatalf("decode of marshalled import: %v\n%s", err, y)
		}
		if !reflect.DeepEqual(back, fw) {
			t.Fatalf("round trip differs:\n%s", y)
		}
	})
}

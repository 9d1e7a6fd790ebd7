package pdf

import (
	"strings"
	"testing"

	"github.com/rolepack/rolepack/doc"
)

// TestPanicErrorNamesTheDocument: a panic recovered while writing a
// document is an error naming the document, with the stack of the panic
// for a log.
func TestPanicErrorNamesTheDocument(t *testing.T) {
	d := &doc.Document{Meta: doc.Meta{Title: "Head of data engineering"}}
	err := func() (err error) {
		defer func() {
			if p := recover(); p != nil {
				err = newPanicError(d, p)
			}
		}()
		var m map[string]int
		m["x"]++ // panics: assignment to entry in nil map
		return nil
	}()
	if err == nil || !strings.Contains(err.Error(), `pdf: "Head of data engineering": internal error`) {
		t.Fatalf("err = %v", err)
	}
	pe, ok := err.(*PanicError)
	if !ok || !strings.Contains(string(pe.Stack()), "TestPanicErrorNamesTheDocument") {
		t.Errorf("stack does not show where the panic happened:\n%s", pe.Stack())
	}
}

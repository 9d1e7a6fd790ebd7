package pack

import (
	"bytes"
	"context"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/rolepack/rolepack/doc"
)

// stackError is an error that carries a stack, as a writer's recovered
// panic does (pdf.PanicError).
type stackError struct{}

func (stackError) Error() string {
	return `pdf: "Head of data engineering": internal error (please report it): boom`
}
func (stackError) Stack() []byte { return []byte("goroutine 1 [running]:\nwriter.go:12") }

type stackWriter struct{}

func (stackWriter) Write(io.Writer, *doc.Document) error { return stackError{} }

// TestRecoveredPanicsLogTheirStackWhenVerbose: a writer's recovered panic
// and a pack's panic fail with an error naming the document or pack, and
// their stack goes to StackLog only when it is set (--verbose).
func TestRecoveredPanicsLogTheirStackWhenVerbose(t *testing.T) {
	e := newEnv(t)
	for _, verbose := range []bool{false, true} {
		var log bytes.Buffer
		r := *e.r
		if verbose {
			r.StackLog = &log
		}
		formats := textFormats(t, e)
		formats[0].Writer = stackWriter{}
		b := e.batch(t.TempDir(), formats)
		b.Renderer = &r
		s, err := b.Run(context.Background(), mustRows(t, "m.csv", "reference,role,level\nA-1,data-engineer,head\n"))
		if err != nil {
			t.Fatal(err)
		}
		if s.Failed != 1 || !errors.As(s.Results[0].Err, new(stackError)) || !strings.Contains(s.Results[0].Err.Error(), "jd md: pdf: \"Head of data engineering\"") {
			t.Errorf("verbose %v: error = %v", verbose, s.Results[0].Err)
		}
		if got := strings.Contains(log.String(), "writer.go:12"); got != verbose {
			t.Errorf("verbose %v: stack logged %v:\n%s", verbose, got, log.String())
		}

		// A panic while building a pack: the pack fails, the stack is
		// logged when verbose.
		log.Reset()
		formats = textFormats(t, e)
		formats[0].Writer = panicWriter{formats[0].Writer}
		b = e.batch(t.TempDir(), formats)
		b.Renderer = &r
		s, err = b.Run(context.Background(), mustRows(t, "m.csv", "reference,role,level,location\nB-2,data-engineer,head,BOOM\n"))
		if err != nil {
			t.Fatal(err)
		}
		if s.Failed != 1 || !strings.HasPrefix(s.Results[0].Err.Error(), "m.csv:2: B-2: internal error") {
			t.Errorf("verbose %v: panic error = %v", verbose, s.Results[0].Err)
		}
		if got := strings.Contains(log.String(), "runtime/debug.Stack"); got != verbose {
			t.Errorf("verbose %v: panic stack logged %v:\n%s", verbose, got, log.String())
		}
	}
}

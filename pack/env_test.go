package pack

import (
	"sync"
	"testing"
	"time"

	"github.com/rolepack/rolepack/compose"
	"github.com/rolepack/rolepack/config"
	"github.com/rolepack/rolepack/output"
	"github.com/rolepack/rolepack/pack/packtest"
)

// env is what every batch in the tests shares: the default config and
// frameworks and one renderer (built once per test binary, as a run does).
type env struct {
	r    *Renderer
	cfg  *config.Config
	lib  *compose.Library
	date time.Time
}

var (
	envOnce sync.Once
	envVal  *env
	envErr  error
)

func newEnv(tb testing.TB) *env {
	tb.Helper()
	envOnce.Do(func() {
		e := &env{date: time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC)}
		e.cfg, e.lib, envErr = packtest.Load()
		if envErr != nil {
			return
		}
		if e.r, envErr = NewRenderer(""); envErr != nil {
			return
		}
		envVal = e
	})
	if envErr != nil {
		tb.Fatal(envErr)
	}
	return envVal
}

// batch returns a batch over the shared env writing into out.
func (e *env) batch(out string, formats []output.Format) *Batch {
	id, err := NewIdentity(e.cfg, e.lib, "", nil)
	if err != nil {
		panic(err)
	}
	return &Batch{Renderer: e.r, Config: e.cfg, Library: e.lib, Identity: id, Formats: formats, Date: e.date, Out: out, Jobs: 2}
}

func firstErr(s *Summary) error {
	for _, r := range s.Results {
		if r.Err != nil {
			return r.Err
		}
	}
	return nil
}

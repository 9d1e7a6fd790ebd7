package render

import (
	"bytes"
	"context"
	"fmt"
	"strconv"
	"strings"
	"sync/atomic"
	"text/template"

	"github.com/Masterminds/sprig/v3"
)

// budget holds what one template execution has used of its limits.
type budget struct {
	ctx   context.Context
	name  string
	items atomic.Int64 // items created so far by the limited functions
}

// limitError is a template passing one of its limits.
type limitError struct{ msg string }

func (e *limitError) Error() string { return e.msg }

// take counts n more items created by fn, panicking (which text/template
// turns into fn's error) past ItemLimit or TotalItemLimit, or once the
// execution's context has ended.
func (b *budget) take(fn string, n int) {
	if err := b.ctx.Err(); err != nil {
		panic(err)
	}
	if n > ItemLimit {
		panic(&limitError{fmt.Sprintf("%s: %s asks for %d items; the limit is %d", b.name, fn, n, ItemLimit)})
	}
	if b.items.Add(int64(max(n, 0))) > TotalItemLimit {
		panic(&limitError{fmt.Sprintf("%s: the template's functions made more than %d items in all; the limit is %d", b.name, TotalItemLimit, TotalItemLimit)})
	}
}

// funcs are sprig's size-making functions, checked against b.
func (b *budget) funcs() template.FuncMap {
	sf := sprig.HermeticTxtFuncMap()
	until := sf["until"].(func(int) []int)
	untilStep := sf["untilStep"].(func(int, int, int) []int)
	seq := sf["seq"].(func(...int) string)
	indent := sf["indent"].(func(int, string) string)
	nindent := sf["nindent"].(func(int, string) string)
	return template.FuncMap{
		"until": func(n int) []int {
			b.take("until", n)
			return until(n)
		},
		"untilStep": func(start, stop, step int) []int {
			b.take("untilStep", stepCount(start, stop, step))
			return untilStep(start, stop, step)
		},
		"seq": func(params ...int) string {
			switch len(params) {
			case 1:
				b.take("seq", params[0])
			case 2:
				b.take("seq", stepCount(params[0], params[1]+1, 1)+stepCount(params[0], params[1]-1, -1))
			case 3:
				b.take("seq", stepCount(params[0], params[2]+1, params[1])+stepCount(params[0], params[2]-1, params[1]))
			}
			return seq(params...)
		},
		"repeat": func(count int, s string) string {
			b.take("repeat", count)
			if count > 0 && len(s) > 0 && int64(count)*int64(len(s)) > OutputLimit {
				panic(&limitError{fmt.Sprintf("%s: repeat would make %d bytes; the output limit is %d", b.name, int64(count)*int64(len(s)), OutputLimit)})
			}
			return strings.Repeat(s, max(count, 0))
		},
		"indent": func(spaces int, s string) string {
			b.take("indent", spaces)
			b.take("indent", spaces*strings.Count(s, "\n")/ItemLimit)
			return indent(spaces, s)
		},
		"nindent": func(spaces int, s string) string {
			b.take("nindent", spaces)
			b.take("nindent", spaces*strings.Count(s, "\n")/ItemLimit)
			return nindent(spaces, s)
		},
	}
}

// stepCount is the number of values from start towards stop (exclusive) by
// step, as untilStep makes them; 0 when step goes the wrong way.
func stepCount(start, stop, step int) int {
	switch {
	case step > 0 && start < stop:
		return int((int64(stop)-int64(start)-1)/int64(step)) + 1
	case step < 0 && start > stop:
		return int((int64(start)-int64(stop)-1)/int64(-step)) + 1
	}
	return 0
}

// limitedWriter collects a template's output, failing past OutputLimit
// bytes or once the execution's context has ended.
type limitedWriter struct {
	ctx  context.Context
	buf  bytes.Buffer
	left int64
	name string
}

func (w *limitedWriter) Write(p []byte) (int, error) {
	if err := w.ctx.Err(); err != nil {
		return 0, err
	}
	if int64(len(p)) > w.left {
		return 0, &limitError{w.name + ": the template wrote more than " + strconv.Itoa(OutputLimit>>20) + " MiB; the output limit is " + strconv.Itoa(OutputLimit>>20) + " MiB"}
	}
	w.left -= int64(len(p))
	return w.buf.Write(p)
}

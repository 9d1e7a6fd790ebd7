package render

import (
	"bytes"
	"context"
	"fmt"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"sync/atomic"
	"text/template"
	"text/template/parse"
	"unicode/utf8"

	"github.com/Masterminds/sprig/v3"
)

// budget holds what one template execution has used of its limits.
type budget struct {
	ctx   context.Context
	name  string
	items atomic.Int64 // items created so far by the limited functions and range iterations
	built atomic.Int64 // bytes of the values the functions built so far
	// maps is the printed size of each map set has added to, by its
	// address (set grows a map by one entry a call: recounting it whole
	// each time would be quadratic).
	maps map[uintptr]int64
}

// reset readies b for an execution.
func (b *budget) reset(ctx context.Context, name string) {
	b.ctx, b.name = ctx, name
	b.items.Store(0)
	b.built.Store(0)
	clear(b.maps)
}

// limitError is a template passing one of its limits. msg does not name
// the template: Execute adds its file and line.
type limitError struct{ msg string }

func (e *limitError) Error() string { return e.msg }

// fail stops the execution with a limitError (text/template turns the
// panic of a function into its error, with the file and line).
func fail(format string, a ...any) {
	panic(&limitError{fmt.Sprintf(format, a...)})
}

// alive panics once the execution's context has ended, so that a
// template past its time limit, or cancelled, stops at its next function
// call or range iteration.
func (b *budget) alive() {
	if err := b.ctx.Err(); err != nil {
		panic(err)
	}
}

// take counts n more items created by fn, panicking (which text/template
// turns into fn's error) past ItemLimit or TotalItemLimit, or once the
// execution's context has ended.
func (b *budget) take(fn string, n int) {
	b.alive()
	if n > ItemLimit {
		fail("%s asks for %d items; the limit is %d", fn, n, ItemLimit)
	}
	if b.items.Add(int64(max(n, 0))) > TotalItemLimit {
		fail("the template's functions and range loops made more than %d items in all; the limit is %d", TotalItemLimit, TotalItemLimit)
	}
}

// value refuses a value of n bytes that fn would build: over ValueLimit,
// or over TotalValueLimit with the values built before it.
func (b *budget) value(fn string, n int64) {
	if n > ValueLimit {
		fail("%s would build a value of %s; the limit is %d MiB", fn, sizeText(n), ValueLimit>>20)
	}
	if b.built.Add(n) > TotalValueLimit {
		fail("the template's functions built more than %d MiB of values in all; the limit is %d MiB", TotalValueLimit>>20, TotalValueLimit>>20)
	}
}

func sizeText(n int64) string {
	if n >= 1<<20 {
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	}
	return strconv.FormatInt(n, 10) + " bytes"
}

// tickFunc is the function the range loops and template bodies of every
// parsed template call first (instrument): each call counts one item, and
// stops an execution whose context has ended.
const tickFunc = "_rolepackTick"

// funcs are the template functions checked against b: sprig's, each
// wrapped so that the value it builds is within ValueLimit (checked before
// it is built where a function multiplies its input: repeat, replace,
// regexReplaceAll, wrapWith, indent, join, printf), lists within
// ItemLimit, and text/template's printf, print, println, html, js and
// urlquery, wrapped the same way.
func (b *budget) funcs() template.FuncMap {
	sf := sprig.HermeticTxtFuncMap()
	sf["printf"] = fmt.Sprintf
	sf["print"] = fmt.Sprint
	sf["println"] = fmt.Sprintln
	sf["html"] = template.HTMLEscaper
	sf["js"] = template.JSEscaper
	sf["urlquery"] = template.URLQueryEscaper
	for _, name := range RemovedFuncs {
		delete(sf, name)
	}
	until := sf["until"].(func(int) []int)
	untilStep := sf["untilStep"].(func(int, int, int) []int)
	seq := sf["seq"].(func(...int) string)
	indent := sf["indent"].(func(int, string) string)
	nindent := sf["nindent"].(func(int, string) string)
	out := template.FuncMap{}
	for name, fn := range sf {
		out[name] = b.wrap(name, fn)
	}
	out[tickFunc] = func() string {
		b.take("a range loop", 1)
		return ""
	}
	out["until"] = func(n int) []int {
		b.take("until", n)
		return until(n)
	}
	out["untilStep"] = func(start, stop, step int) []int {
		b.take("untilStep", stepCount(start, stop, step))
		return untilStep(start, stop, step)
	}
	out["seq"] = func(params ...int) string {
		switch len(params) {
		case 1:
			b.take("seq", params[0])
		case 2:
			b.take("seq", stepCount(params[0], params[1]+1, 1)+stepCount(params[0], params[1]-1, -1))
		case 3:
			b.take("seq", stepCount(params[0], params[2]+1, params[1])+stepCount(params[0], params[2]-1, params[1]))
		}
		s := seq(params...)
		b.value("seq", int64(len(s)))
		return s
	}
	out["repeat"] = func(count int, s string) string {
		b.take("repeat", count)
		n := int64(max(count, 0)) * int64(len(s))
		b.value("repeat", n)
		return strings.Repeat(s, max(count, 0))
	}
	out["indent"] = func(spaces int, s string) string {
		b.take("indent", spaces)
		b.value("indent", int64(len(s))+int64(max(spaces, 0))*int64(strings.Count(s, "\n")+1))
		return indent(spaces, s)
	}
	out["nindent"] = func(spaces int, s string) string {
		b.take("nindent", spaces)
		b.value("nindent", int64(len(s))+1+int64(max(spaces, 0))*int64(strings.Count(s, "\n")+1))
		return nindent(spaces, s)
	}
	return out
}

// wrap checks one function's calls: the context first, then what the
// value it builds may come to (before the call), then what it came to
// (after it).
func (b *budget) wrap(name string, fn any) any {
	v := reflect.ValueOf(fn)
	t := v.Type()
	if t.Kind() != reflect.Func || t.NumOut() == 0 {
		return fn
	}
	res := t.Out(0).Kind()
	pre := b.pre(name)
	json := strings.Contains(strings.ToLower(name), "json")
	mutates := name == "set" || strings.Contains(strings.ToLower(name), "merge")
	return reflect.MakeFunc(t, func(args []reflect.Value) []reflect.Value {
		b.alive()
		if mutates {
			noCycle(name, args)
		}
		if res == reflect.String {
			var n int64
			for _, a := range args {
				n += sizeOf(a, json, 0, ValueLimit-n)
			}
			if pre != nil {
				n += pre(args)
			}
			if n > ValueLimit {
				fail("%s would build a value of more than %d MiB; the limit is %d MiB", name, ValueLimit>>20, ValueLimit>>20)
			}
		}
		var out []reflect.Value
		if t.IsVariadic() {
			out = v.CallSlice(args)
		} else {
			out = v.Call(args)
		}
		r := out[0]
		if r.Kind() == reflect.Interface && !r.IsNil() {
			r = r.Elem() // concat, list, … return interface{}
		}
		switch {
		case r.Kind() == reflect.String:
			b.value(name, int64(r.Len()))
		case r.Kind() == reflect.Map && (name == "set" || name == "unset"):
			b.take(name, 1)
			if name == "set" && len(args) == 3 {
				b.setSize(r, args)
			}
		case r.Kind() == reflect.Slice || r.Kind() == reflect.Map:
			// The walk is no longer than the items taken.
			b.take(name, r.Len())
			if sizeOf(r, false, 0, ValueLimit) > ValueLimit {
				fail("%s would build a value that prints as more than %d MiB; the limit is %d MiB", name, ValueLimit>>20, ValueLimit>>20)
			}
		}
		return out
	}).Interface()
}

// setSize counts the entry set adds to map m (args: the map, the key and
// the value) in m's printed size.
func (b *budget) setSize(m reflect.Value, args []reflect.Value) {
	if b.maps == nil {
		b.maps = map[uintptr]int64{}
	}
	p := m.Pointer()
	n, ok := b.maps[p]
	if ok {
		n += sizeOf(args[1], false, 1, ValueLimit) + sizeOf(args[2], false, 1, ValueLimit) + 2
	} else {
		n = sizeOf(m, false, 0, ValueLimit)
	}
	if n > ValueLimit {
		fail("set would build a map that prints as more than %d MiB; the limit is %d MiB", ValueLimit>>20, ValueLimit>>20)
	}
	b.maps[p] = n
}

// pre is the extra size, past that of its arguments, a function that
// multiplies its input may build; nil for the others.
func (b *budget) pre(name string) func([]reflect.Value) int64 {
	str := func(v reflect.Value) string {
		if v.Kind() == reflect.Interface {
			v = v.Elem()
		}
		if v.Kind() == reflect.String {
			return v.String()
		}
		return ""
	}
	switch name {
	case "replace": // replace old new s
		return func(a []reflect.Value) int64 {
			old, nw, s := str(a[0]), str(a[1]), str(a[2])
			n := strings.Count(s, old)
			if old == "" {
				n = utf8.RuneCountInString(s) + 1
			}
			return int64(n) * int64(len(nw))
		}
	case "regexReplaceAll", "regexReplaceAllLiteral", "mustRegexReplaceAll", "mustRegexReplaceAllLiteral": // regex s repl
		return func(a []reflect.Value) int64 {
			re, err := regexp.Compile(str(a[0]))
			if err != nil {
				return 0 // the function reports it
			}
			s, repl := str(a[1]), str(a[2])
			m := re.FindAllStringIndex(s, ItemLimit+1)
			if len(m) > ItemLimit {
				fail("%s matches more than %d times; the limit is %d", name, ItemLimit, ItemLimit)
			}
			n := int64(len(m)) * int64(len(repl))
			if !strings.HasSuffix(name, "Literal") {
				n += int64(strings.Count(repl, "$")) * int64(len(s))
			}
			return n
		}
	case "wrapWith": // wrapWith n sep s
		return func(a []reflect.Value) int64 {
			w := int64(1)
			if a[0].Kind() == reflect.Int && a[0].Int() > 1 {
				w = a[0].Int()
			}
			return (int64(len(str(a[2])))/w + 1) * int64(len(str(a[1])))
		}
	case "join": // join sep list
		return func(a []reflect.Value) int64 {
			l := a[1]
			for l.Kind() == reflect.Interface {
				l = l.Elem()
			}
			if l.Kind() == reflect.Slice || l.Kind() == reflect.Array {
				return int64(l.Len()) * int64(len(str(a[0])))
			}
			return 0
		}
	case "printf":
		return func(a []reflect.Value) int64 { return widths(str(a[0]), a[1]) }
	}
	return nil
}

// widths is the most padding the verbs of a printf format may add: each
// width and precision, given or taken from the arguments (fmt refuses
// one over 10⁶).
func widths(format string, args reflect.Value) int64 {
	var total int64
	argi := 0
	arg := func() int64 {
		defer func() { argi++ }()
		if argi >= args.Len() {
			return 0
		}
		v := args.Index(argi)
		for v.Kind() == reflect.Interface {
			v = v.Elem()
		}
		if v.CanInt() {
			return min(max(v.Int(), -v.Int()), 1e6)
		}
		return 0
	}
	for i := 0; i < len(format); i++ {
		if format[i] != '%' {
			continue
		}
		i++
		for i < len(format) && strings.IndexByte("+-# 0", format[i]) >= 0 {
			i++
		}
		for part := 0; part < 2 && i < len(format); part++ {
			switch {
			case format[i] == '*':
				total += arg()
				i++
			case format[i] >= '0' && format[i] <= '9':
				var n int64
				for i < len(format) && format[i] >= '0' && format[i] <= '9' {
					n = min(n*10+int64(format[i]-'0'), 1e6)
					i++
				}
				total += n
			}
			if part == 0 && i < len(format) && format[i] == '.' {
				i++
				continue
			}
			break
		}
		if i < len(format) && format[i] != '%' {
			argi++
		}
	}
	return total
}

// maxDepth is how deeply nested a value a template function may print or
// copy: deeper (or cyclic) values are refused, not followed.
const maxDepth = 64

// sizeOf estimates how many bytes v prints as (fmt, or JSON when json),
// stopping once it passes limit. Pointers below the top are counted as
// addresses (fmt prints them so) except for JSON, which follows them.
func sizeOf(v reflect.Value, json bool, depth int, limit int64) int64 {
	if depth > maxDepth {
		fail("a value nested more than %d deep (or holding itself) cannot be printed", maxDepth)
	}
	switch v.Kind() {
	case reflect.Invalid:
		return 5
	case reflect.String:
		if json {
			return int64(v.Len())*6/5 + 2
		}
		return int64(v.Len())
	case reflect.Interface:
		if v.IsNil() {
			return 5
		}
		return sizeOf(v.Elem(), json, depth, limit)
	case reflect.Pointer:
		if v.IsNil() {
			return 5
		}
		if depth > 0 && !json {
			return 18
		}
		return sizeOf(v.Elem(), json, depth+1, limit)
	case reflect.Slice, reflect.Array:
		if v.Kind() == reflect.Slice && v.Type().Elem().Kind() == reflect.Uint8 {
			return int64(v.Len()) * 4
		}
		n := int64(2)
		for i := 0; i < v.Len() && n <= limit; i++ {
			n += sizeOf(v.Index(i), json, depth+1, limit-n) + 1
		}
		return n
	case reflect.Map:
		n := int64(5)
		it := v.MapRange()
		for it.Next() && n <= limit {
			n += sizeOf(it.Key(), json, depth+1, limit-n) + sizeOf(it.Value(), json, depth+1, limit-n) + 2
		}
		return n
	case reflect.Struct:
		n := int64(2)
		for i := 0; i < v.NumField() && n <= limit; i++ {
			n += sizeOf(v.Field(i), json, depth+1, limit-n) + 1
		}
		return n
	}
	return 24 // numbers, booleans, functions, channels
}

// noCycle refuses a call of set or merge that would put a map inside
// itself (a value that can never be printed: fmt would recurse until the
// stack overflows).
func noCycle(name string, args []reflect.Value) {
	if len(args) == 0 {
		return
	}
	target := args[0]
	for target.Kind() == reflect.Interface {
		target = target.Elem()
	}
	if target.Kind() != reflect.Map {
		return
	}
	ptr := target.Pointer()
	var walk func(v reflect.Value, depth int)
	walk = func(v reflect.Value, depth int) {
		if depth > maxDepth {
			fail("%s would make a value nested more than %d deep", name, maxDepth)
		}
		switch v.Kind() {
		case reflect.Interface, reflect.Pointer:
			if !v.IsNil() {
				walk(v.Elem(), depth+1)
			}
		case reflect.Map:
			if v.Pointer() == ptr {
				fail("%s would put a map inside itself", name)
			}
			it := v.MapRange()
			for it.Next() {
				walk(it.Value(), depth+1)
			}
		case reflect.Slice, reflect.Array:
			for i := 0; i < v.Len(); i++ {
				walk(v.Index(i), depth+1)
			}
		}
	}
	for _, a := range args[1:] {
		walk(a, 0)
	}
}

// instrument makes every range loop of tree, and the tree's body (a
// template called with {{ template }}, possibly itself), call tickFunc
// first, so that iterations and calls count against the budget and a
// timed-out or cancelled execution stops inside its loops.
func instrument(tree *parse.Tree) {
	if tree == nil || tree.Root == nil {
		return
	}
	tick := func(pos parse.Pos, line int) parse.Node {
		id := parse.NewIdentifier(tickFunc).SetTree(tree).SetPos(pos)
		cmd := &parse.CommandNode{NodeType: parse.NodeCommand, Pos: pos, Args: []parse.Node{id}}
		pipe := &parse.PipeNode{NodeType: parse.NodePipe, Pos: pos, Line: line, Cmds: []*parse.CommandNode{cmd}}
		return &parse.ActionNode{NodeType: parse.NodeAction, Pos: pos, Line: line, Pipe: pipe}
	}
	var walk func(n parse.Node)
	walk = func(n parse.Node) {
		switch n := n.(type) {
		case *parse.ListNode:
			if n != nil {
				for _, c := range n.Nodes {
					walk(c)
				}
			}
		case *parse.IfNode:
			walk(n.List)
			walk(n.ElseList)
		case *parse.WithNode:
			walk(n.List)
			walk(n.ElseList)
		case *parse.RangeNode:
			walk(n.List)
			walk(n.ElseList)
			if n.List != nil {
				n.List.Nodes = append([]parse.Node{tick(n.Pos, n.Line)}, n.List.Nodes...)
			}
		}
	}
	walk(tree.Root)
	tree.Root.Nodes = append([]parse.Node{tick(tree.Root.Pos, 1)}, tree.Root.Nodes...)
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
		return 0, &limitError{"the template wrote more than " + strconv.Itoa(OutputLimit>>20) + " MiB; the output limit is " + strconv.Itoa(OutputLimit>>20) + " MiB"}
	}
	w.left -= int64(len(p))
	return w.buf.Write(p)
}

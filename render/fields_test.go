package render_test

import (
	"os"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/Masterminds/sprig/v3"

	"github.com/rolepack/rolepack/careermap"
	"github.com/rolepack/rolepack/compose"
	"github.com/rolepack/rolepack/plan"
	"github.com/rolepack/rolepack/render"
)

// contextFields lists every path a template can write below the context:
// exported fields by their Go names (".Role.Items[].Origins[].From") and
// methods (".PDP.ChartYAML"). A struct type is expanded where it first
// appears; later uses (.PDP.Current is a *Composed like .Role) are listed
// as one path whose documentation points back. The documents a context
// carries (.PDP, .Ladder) are walked as the types they hold.
func contextFields() []string {
	holds := map[string]reflect.Type{".PDP": reflect.TypeOf(plan.Plan{}), ".Ladder": reflect.TypeOf(careermap.Ladder{})}
	var out []string
	seen := map[reflect.Type]bool{}
	var walk func(t reflect.Type, path string)
	walk = func(t reflect.Type, path string) {
		for t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
		if t.Kind() != reflect.Struct || seen[t] {
			return
		}
		seen[t] = true
		pt := reflect.PointerTo(t)
		for i := 0; i < pt.NumMethod(); i++ {
			out = append(out, path+"."+pt.Method(i).Name)
		}
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			if !f.IsExported() {
				continue
			}
			p := path + "." + f.Name
			out = append(out, p)
			ft := f.Type
			if h, ok := holds[p]; ok && ft.Kind() == reflect.Interface {
				ft = h
			}
			for ft.Kind() == reflect.Pointer {
				ft = ft.Elem()
			}
			if ft.Kind() == reflect.Slice {
				p += "[]"
				ft = ft.Elem()
			}
			walk(ft, p)
		}
	}
	walk(reflect.TypeOf(compose.Context{}), "")
	sort.Strings(out)
	return out
}

// documented reads the first backticked cell of every table row in the
// section of docs/templates.md that starts with heading.
func documented(t *testing.T, heading string) []string {
	t.Helper()
	b, err := os.ReadFile("../docs/templates.md")
	if err != nil {
		t.Fatal(err)
	}
	row := regexp.MustCompile("^\\| `([^`]+)` \\|")
	var out []string
	in := false
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(line, "## ") {
			in = strings.TrimPrefix(line, "## ") == heading
			continue
		}
		if m := row.FindStringSubmatch(line); in && m != nil {
			out = append(out, m[1])
		}
	}
	if len(out) == 0 {
		t.Fatalf("docs/templates.md: no rows under ## %s", heading)
	}
	sort.Strings(out)
	return out
}

// compare reports what the code has and the doc lacks, and the reverse.
func compare(t *testing.T, what string, code, doc []string) {
	t.Helper()
	inDoc := map[string]int{}
	for _, d := range doc {
		inDoc[d]++
		if inDoc[d] == 2 {
			t.Errorf("docs/templates.md lists %s %s twice", what, d)
		}
	}
	inCode := map[string]bool{}
	for _, c := range code {
		inCode[c] = true
		if inDoc[c] == 0 {
			t.Errorf("%s %s exists in the code but docs/templates.md does not list it", what, c)
		}
	}
	for _, d := range doc {
		if !inCode[d] {
			t.Errorf("docs/templates.md lists %s %s, which the code does not have", what, d)
		}
	}
}

func TestEveryContextFieldIsDocumented(t *testing.T) {
	compare(t, "field", contextFields(), documented(t, "Fields"))
}

func TestEveryFunctionIsDocumented(t *testing.T) {
	sp := sprig.HermeticTxtFuncMap()
	var own []string
	for name := range render.Funcs() {
		if _, ok := sp[name]; !ok {
			own = append(own, name)
		}
	}
	sort.Strings(own)
	compare(t, "function", own, documented(t, "Functions"))
}

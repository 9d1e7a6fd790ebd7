package compose

import (
	"fmt"

	"github.com/rolepack/rolepack/framework"
)

// NewLibraryOver builds the library of a run from the built-in frameworks
// and the user's (the config's frameworks:, in order). A user framework
// whose id is a built-in one replaces that built-in, in its place, and a
// one-line note says so (e.g. the whole DDaT corpus imported with --id
// ddat replaces the one-role seed); two user frameworks with one id are
// an error, as in NewLibrary.
func NewLibraryOver(builtins, user []*framework.Framework) (*Library, []string, error) {
	builtin := map[string]int{}
	list := make([]*framework.Framework, len(builtins))
	for i, f := range builtins {
		builtin[f.ID] = i
		list[i] = f
	}
	var notes []string
	replaced := map[string]bool{}
	for _, f := range user {
		i, ok := builtin[f.ID]
		if !ok || replaced[f.ID] {
			list = append(list, f) // NewLibrary refuses a second one
			continue
		}
		replaced[f.ID] = true
		notes = append(notes, fmt.Sprintf("framework %q (%s) replaces the built-in framework of that id", f.ID, f.Name))
		list[i] = f
	}
	l, err := NewLibrary(list...)
	if err != nil {
		return nil, nil, err
	}
	return l, notes, nil
}

package pack

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strings"

	"github.com/rolepack/rolepack/compose"
	"github.com/rolepack/rolepack/config"
	"github.com/rolepack/rolepack/internal/userfile"
	"github.com/rolepack/rolepack/output"
	"github.com/rolepack/rolepack/render"
	"github.com/rolepack/rolepack/templates"
)

// StampName is the file in each pack folder that records what the pack was
// built from (hashes of its inputs) and what it holds. A later run compares
// it with its own inputs to skip packs that are up to date and to refuse to
// overwrite, without --force, packs built from other inputs.
const StampName = ".rolepack-pack"

// stampVersion changes when the stamp's meaning changes.
const stampVersion = "rolepack pack 1"

// Identity is what every pack of a run is built from besides its own
// manifest row, as hex SHA-256 sums.
type Identity struct {
	Config     string // the effective config (after environment and flags), without its run keys
	Frameworks string // every framework in the library
	Templates  string // the embedded templates and any overrides
	Logo       string
	// Brand is the files the run's brand draws on (the letterhead DOCX,
	// TrueType fonts); set it with BrandFiles.
	Brand string
}

// BrandFiles sets the identity's Brand from the contents of the files the
// brand draws on, so that a pack is rebuilt when its letterhead or its
// typeface changes.
func (id *Identity) BrandFiles(files ...[]byte) {
	h := sha256.New()
	for _, f := range files {
		fmt.Fprintf(h, "%d\n", len(f))
		h.Write(f)
	}
	id.Brand = hex.EncodeToString(h.Sum(nil))
}

// NewIdentity hashes a run's shared inputs. The config's run keys (role,
// level, documents, formats, out, templates, date) are left out: a row
// settles role and level, and formats and date are stamped on their own.
func NewIdentity(cfg *config.Config, lib *compose.Library, templatesDir string, logo []byte) (Identity, error) {
	c := *cfg
	c.Role, c.Level, c.Documents, c.Formats, c.Out, c.Templates, c.Date, c.File = "", "", nil, nil, "", "", "", ""
	cb, err := json.Marshal(c)
	if err != nil {
		return Identity{}, fmt.Errorf("stamp: config: %w", err)
	}
	fh := sha256.New()
	for _, f := range lib.Frameworks() {
		b, err := json.Marshal(f)
		if err != nil {
			return Identity{}, fmt.Errorf("stamp: framework %s: %w", f.ID, err)
		}
		fh.Write(b)
		fh.Write([]byte{0})
	}
	th := sha256.New()
	err = fs.WalkDir(templates.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(templates.FS, p)
		fmt.Fprintf(th, "%s %d\n", p, len(b))
		th.Write(b)
		return err
	})
	if err != nil {
		return Identity{}, fmt.Errorf("stamp: templates: %w", err)
	}
	overrides, err := render.ReadOverrides(templatesDir)
	if err != nil {
		return Identity{}, err
	}
	for _, o := range overrides { // sorted by name
		fmt.Fprintf(th, "override %s %d\n", o.Name, len(o.Data))
		th.Write(o.Data)
	}
	return Identity{
		Config:     sum(cb),
		Frameworks: hex.EncodeToString(fh.Sum(nil)),
		Templates:  hex.EncodeToString(th.Sum(nil)),
		Logo:       sum(logo),
	}, nil
}

func sum(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// stamp is the content of a pack's stamp file: the inputs (compared by
// name, in order) and the outputs (files in the folder, the zip's hash).
type stamp struct {
	inputs [][2]string // name, value
	zip    string      // SHA-256 of the zip written beside the folder
	files  []string
	// title and level are the job title and level label the documents
	// carry, for the index of a later run that finds the pack up to date.
	title, level string
}

// inputLabel says in words what an input is, for "built from other inputs
// (…)" messages.
var inputLabel = map[string]string{
	"version": "rolepack version", "row": "manifest row", "config": "config",
	"frameworks": "frameworks", "templates": "templates", "logo": "logo", "brand": "letterhead or typeface",
	"date": "document date", "formats": "formats", "documents": "document kinds",
}

func newStamp(id Identity, row []byte, date string, formats []string) stamp {
	return stamp{inputs: [][2]string{
		{"version", stampVersion},
		{"row", sum(row)},
		{"config", id.Config},
		{"frameworks", id.Frameworks},
		{"templates", id.Templates},
		{"logo", id.Logo},
		{"brand", id.Brand},
		{"date", date},
		{"formats", strings.Join(formats, ",")},
	}}
}

func (s stamp) bytes() []byte {
	var b bytes.Buffer
	for _, in := range s.inputs {
		fmt.Fprintf(&b, "%s %s\n", in[0], in[1])
	}
	fmt.Fprintf(&b, "zip %s\n", s.zip)
	if s.title != "" {
		fmt.Fprintf(&b, "title %s\n", oneLine(s.title))
	}
	if s.level != "" {
		fmt.Fprintf(&b, "level %s\n", oneLine(s.level))
	}
	for _, f := range s.files { // in pack order, as the index lists them
		fmt.Fprintf(&b, "file %s\n", f)
	}
	return b.Bytes()
}

// readStamp reads the stamp of the pack folder name in out; ok is false
// when there is none.
func readStamp(out *output.Folder, name string) (s stamp, ok bool, err error) {
	b, err := out.ReadFile(path.Join(name, StampName), userfile.Output)
	if errors.Is(err, fs.ErrNotExist) {
		return stamp{}, false, nil
	}
	if err != nil {
		return stamp{}, false, err
	}
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		k, v, _ := strings.Cut(sc.Text(), " ")
		switch k {
		case "zip":
			s.zip = v
		case "title":
			s.title = v
		case "level":
			s.level = v
		case "file":
			s.files = append(s.files, v)
		default:
			s.inputs = append(s.inputs, [2]string{k, v})
		}
	}
	return s, true, nil
}

// differs lists, in words, the inputs in which s and t differ.
func (s stamp) differs(t stamp) []string {
	old := map[string]string{}
	for _, in := range s.inputs {
		old[in[0]] = in[1]
	}
	var out []string
	now := map[string]bool{}
	for _, in := range t.inputs {
		now[in[0]] = true
		if old[in[0]] != in[1] {
			out = append(out, inputLabel[in[0]])
		}
	}
	for _, in := range s.inputs { // an input the pack had and the run has not
		if !now[in[0]] {
			out = append(out, inputLabel[in[0]])
		}
	}
	return out
}

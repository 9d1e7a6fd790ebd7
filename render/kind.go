package render

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/rolepack/rolepack/careermap"
	"github.com/rolepack/rolepack/compose"
	"github.com/rolepack/rolepack/doc"
	"github.com/rolepack/rolepack/framework"
)

// Scope says what a document kind documents, and so which context it
// needs.
type Scope int

// Scopes of document kinds.
const (
	// ScopeRung documents one role at one rung of the ladder.
	ScopeRung Scope = iota
	// ScopePlan documents a move between two rungs (or roles): the
	// context carries a development plan.
	ScopePlan
	// ScopeLadder documents a role at every rung of the ladder side by
	// side: the context carries the career map (careermap.Ladder).
	ScopeLadder
)

// Shapes of output formats, as output.Format.Shape names them: a kind
// lists the shapes it can be written in (Kind.Shapes).
const (
	// ShapeDocument is a writer of the whole document tree: headings,
	// prose, lists, tables and charts (PDF, DOCX, Markdown, HTML).
	ShapeDocument = "document"
	// ShapeTable is a writer of the tree's tables alone, one sheet each
	// (XLSX): only kinds whose documents are tables accept it.
	ShapeTable = "table"
)

// Kind is one document kind, the whole of what the code knows about it: its
// id on the command line, its title, its template, the context it needs,
// its extra outputs, its checks, the shapes of format it is written in,
// the packs it belongs to and how its files are named. Adding a kind is a
// template plus an entry in Kinds; no kind id appears in code outside its
// entry.
type Kind struct {
	ID       string
	Title    string
	Template string
	Scope    Scope
	// Extras are outputs rendered straight from the context, beside the
	// document tree in every format (such as the advert's JSON-LD).
	Extras []Extra
	// CandidateFacing marks a kind candidates read (the JD, person
	// specification and advert): its text gets the editorial checks
	// (package lint) in generate, pack and rolepack lint --role.
	CandidateFacing bool
	// Check, when set, returns warnings about a rendered document (e.g.
	// an advert that is too long).
	Check func(d *doc.Document) []string
	// Copies, when set, splits the kind into several documents with their
	// own contexts and file stems (one scoring sheet per panel member).
	// Without it a kind is one document named by its id.
	Copies func(ctx *compose.Context) []Copy
	// Shapes names the shapes of output format the kind can be written in
	// (ShapeDocument, ShapeTable); nil means ShapeDocument alone. A format
	// declares its shape (output.Format.Shape), so a new format of a known
	// shape needs no change here.
	Shapes []string
	// RolePack puts the kind in every role pack: rolepack pack, the web
	// app's manifest runs.
	RolePack bool
	// TeamPlan puts the kind in every pack of a team manifest: rolepack
	// pack --kind pdp.
	TeamPlan bool
	// Internal marks a kind for the organisation, not for candidates (the
	// composition record): it may carry provenance, and a run that renders
	// any candidate-facing kind of one role level writes it too.
	Internal bool
}

// WithInternal returns kinds plus every internal kind not among them, when
// kinds holds a candidate-facing document of one role level.
func WithInternal(kinds []Kind) []Kind {
	has := map[string]bool{}
	rung := false
	for _, k := range kinds {
		has[k.ID] = true
		rung = rung || (k.Scope == ScopeRung && !k.Internal)
	}
	if !rung {
		return kinds
	}
	out := append([]Kind(nil), kinds...)
	for _, k := range Kinds {
		if k.Internal && !has[k.ID] {
			out = append(out, k)
		}
	}
	return out
}

// Copy is one document of a kind that makes several.
type Copy struct {
	Stem    string // file name without extension, e.g. "scoring-jane-smith"
	Context *compose.Context
}

// Extra is an output of a document kind that is not a document tree, e.g.
// schema.org JSON-LD, written by its own template.
type Extra struct {
	Ext       string // file extension, e.g. ".jsonld"
	MediaType string
	Template  string
	// Validate, when set, checks the rendered bytes (e.g. that JSON-LD
	// parses).
	Validate func([]byte) error
	// Embed also hands the rendered bytes to the document tree
	// (doc.Meta.Embeds), for formats that carry structured data: the HTML
	// page embeds the advert's JSON-LD in a script element.
	Embed bool
}

// Kinds lists every document kind in the order a role pack holds them.
var Kinds = []Kind{
	{ID: "jd", Title: "Job description", Template: "jd.md.tmpl", CandidateFacing: true, RolePack: true},
	{ID: "spec", Title: "Person specification", Template: "spec.md.tmpl", CandidateFacing: true, RolePack: true},
	{ID: "advert", Title: "Job advert", Template: "advert.md.tmpl", CandidateFacing: true, RolePack: true,
		Extras: []Extra{{Ext: ".jsonld", MediaType: "application/ld+json", Template: "advert.jsonld.tmpl", Validate: validJSON, Embed: true}},
		Check:  CheckAdvert},
	{ID: "scoring", Title: "Interview scoring sheet", Template: "scoring.md.tmpl", Copies: perPanelMember, RolePack: true},
	{ID: "pdp", Title: "Personal development plan", Template: "pdp.md.tmpl", Scope: ScopePlan, TeamPlan: true},
	{ID: "progression", Title: "Career map", Template: "progression.md.tmpl", Scope: ScopeLadder,
		Shapes: []string{ShapeDocument, ShapeTable}},
	{ID: "record", Title: "Composition record", Template: "record.md.tmpl", Internal: true, RolePack: true},
}

// KindIDs lists the known kind ids in registry order.
func KindIDs() []string {
	ids := make([]string, len(Kinds))
	for i, k := range Kinds {
		ids[i] = k.ID
	}
	return ids
}

// KindIDsOf lists the ids of the kinds of one scope, in registry order.
func KindIDsOf(s Scope) []string {
	var ids []string
	for _, k := range Kinds {
		if k.Scope == s {
			ids = append(ids, k.ID)
		}
	}
	return ids
}

// LookupKinds returns the document kinds with the given ids, in the order
// given; an unknown id is an error listing the known ones.
func LookupKinds(ids []string) ([]Kind, error) {
	var out []Kind
	for _, id := range ids {
		id = strings.ToLower(strings.TrimSpace(id))
		found := false
		for _, k := range Kinds {
			if k.ID == id {
				out = append(out, k)
				found = true
			}
		}
		if !found {
			return nil, fmt.Errorf("unknown document kind %q (known: %s)", id, strings.Join(KindIDs(), ", "))
		}
	}
	return out, nil
}

// CandidateFacingIDs lists the ids of the kinds candidates read, in
// registry order.
func CandidateFacingIDs() []string {
	var ids []string
	for _, k := range Kinds {
		if k.CandidateFacing {
			ids = append(ids, k.ID)
		}
	}
	return ids
}

// NeedsPlan reports whether any of kinds documents a development plan.
func NeedsPlan(kinds []Kind) bool {
	for _, k := range kinds {
		if k.Scope == ScopePlan {
			return true
		}
	}
	return false
}

// ShapeNames lists the shapes of output format the kind can be written in.
func (k Kind) ShapeNames() []string {
	if k.Shapes == nil {
		return []string{ShapeDocument}
	}
	return k.Shapes
}

// Accepts reports whether the kind can be written in a format of the
// shape.
func (k Kind) Accepts(shape string) bool {
	for _, s := range k.ShapeNames() {
		if s == shape {
			return true
		}
	}
	return false
}

// RolePackIDs lists the ids of the kinds of a role pack, in registry
// order.
func RolePackIDs() []string {
	var ids []string
	for _, k := range Kinds {
		if k.RolePack {
			ids = append(ids, k.ID)
		}
	}
	return ids
}

// TeamPlanIDs lists the ids of the kinds of a team manifest's packs, in
// registry order.
func TeamPlanIDs() []string {
	var ids []string
	for _, k := range Kinds {
		if k.TeamPlan {
			ids = append(ids, k.ID)
		}
	}
	return ids
}

// Prepare returns the context kind k renders from: rc itself, or for a
// career map rc with the role composed at every rung (which ctx can stop).
// A plan kind needs rc to carry the plan.
func (k Kind) Prepare(ctx context.Context, rc *compose.Context) (*compose.Context, error) {
	switch k.Scope {
	case ScopePlan:
		if rc.PDP == nil {
			return nil, fmt.Errorf("%s: no development plan in the context", k.ID)
		}
	case ScopeLadder:
		c, err := careermap.With(ctx, rc)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", k.ID, err)
		}
		return c, nil
	}
	return rc, nil
}

// Documents returns the documents kind k makes from ctx (as Prepare
// returned it): one named by the kind's id, or the kind's copies.
func (k Kind) Documents(ctx *compose.Context) []Copy {
	kctx := ctx.For(k.ID, k.Title, k.Scope == ScopePlan)
	if k.Scope == ScopeLadder && kctx.Ladder != nil {
		kctx.Footer, kctx.Provenance = kctx.Ladder.Footer(), kctx.Ladder.Provenance()
	}
	if k.Copies == nil {
		return []Copy{{Stem: k.ID, Context: kctx}}
	}
	return k.Copies(kctx)
}

// perPanelMember makes one copy of a kind per panel member, each naming its
// member ("scoring-jane-smith"), or one unnamed copy when the panel is
// empty.
func perPanelMember(ctx *compose.Context) []Copy {
	panel := ctx.Vacancy.Panel
	if len(panel) == 0 {
		return []Copy{{Stem: ctx.Kind, Context: ctx}}
	}
	taken := map[string]bool{}
	out := make([]Copy, 0, len(panel))
	for _, member := range panel {
		c := *ctx
		c.Vacancy.Panel = []string{member}
		out = append(out, Copy{Stem: memberStem(ctx.Kind, member, taken), Context: &c})
	}
	return out
}

// maxMemberPart bounds the member part of a file name.
const maxMemberPart = 60

// memberStem is the file stem for one panel member's copy of kind
// ("scoring-jane-smith"), unique among stems already taken.
func memberStem(kind, member string, taken map[string]bool) string {
	s := framework.Slug(member)
	if s == "" {
		s = "member"
	}
	if len(s) > maxMemberPart {
		s = strings.TrimRight(s[:maxMemberPart], "-")
	}
	name := kind + "-" + s
	for i := 2; taken[name]; i++ {
		name = fmt.Sprintf("%s-%s-%d", kind, s, i)
	}
	taken[name] = true
	return name
}

func validJSON(b []byte) error {
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		return fmt.Errorf("invalid JSON: %w", err)
	}
	return nil
}

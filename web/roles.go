package web

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/rolepack/rolepack/compose"
	"github.com/rolepack/rolepack/config"
	"github.com/rolepack/rolepack/lint"
	"github.com/rolepack/rolepack/output"
	"github.com/rolepack/rolepack/pack"
	"github.com/rolepack/rolepack/plan"
	"github.com/rolepack/rolepack/render"
)

// level is one level a role can be rendered at.
type level struct{ ID, Label string }

// roleInfo is a role a person can choose: a config role (rendered at the
// ladder's rungs) or a framework role as it is (at its own levels).
type roleInfo struct {
	ID     string // config role id, or FRAMEWORK/ROLE
	Title  string
	Source string // where it comes from, for the list
	Levels []level
}

// roles lists the config's roles, then every framework role of lib.
func roles(cfg *config.Config, lib *compose.Library) []roleInfo {
	var out []roleInfo
	var ladder []level
	for _, r := range cfg.Ladder {
		ladder = append(ladder, level{r.ID, r.Label})
	}
	for _, id := range cfg.RoleIDs() {
		out = append(out, roleInfo{ID: id, Title: cfg.Roles[id].Title, Source: "Your organisation's roles", Levels: ladder})
	}
	for _, f := range lib.Frameworks() {
		for _, r := range f.Roles {
			ri := roleInfo{ID: f.ID + "/" + r.ID, Title: r.Title, Source: f.Name}
			for _, l := range r.Levels {
				if l.Retired {
					continue
				}
				label := l.Title
				if label == "" {
					label = l.ID
				}
				ri.Levels = append(ri.Levels, level{l.ID, label})
			}
			if len(ri.Levels) > 0 {
				out = append(out, ri)
			}
		}
	}
	return out
}

// search keeps the roles whose title or id holds every word of q.
func search(rs []roleInfo, q string) []roleInfo {
	words := strings.Fields(strings.ToLower(q))
	if len(words) == 0 {
		return rs
	}
	var out []roleInfo
	for _, r := range rs {
		hay := strings.ToLower(r.Title + " " + r.ID + " " + r.Source)
		all := true
		for _, w := range words {
			all = all && strings.Contains(hay, w)
		}
		if all {
			out = append(out, r)
		}
	}
	return out
}

func findRole(rs []roleInfo, id string) (roleInfo, bool) {
	for _, r := range rs {
		if r.ID == id {
			return r, true
		}
	}
	return roleInfo{}, false
}

func findLevel(r roleInfo, id string) (level, bool) {
	for _, l := range r.Levels {
		if l.ID == id {
			return l, true
		}
	}
	return level{}, false
}

func findKind(id string) (render.Kind, bool) {
	for _, k := range render.Kinds {
		if k.ID == id {
			return k, true
		}
	}
	return render.Kind{}, false
}

// roleURL is the address of a role page.
func roleURL(path string, role, lvl, kind, copyStem string) string {
	q := url.Values{"role": {role}, "level": {lvl}}
	if kind != "" {
		q.Set("doc", kind)
	}
	if copyStem != "" {
		q.Set("copy", copyStem)
	}
	return path + "?" + q.Encode()
}

// choice is a role, level and document kind read from a request.
type choice struct {
	role  roleInfo
	level level
	kind  render.Kind
	copy  string // the document's stem, for a kind that makes copies
}

// choose reads role, level and doc from a query; a missing level is the
// role's first, a missing doc the first kind.
func choose(rs []roleInfo, q url.Values) (choice, error) {
	var c choice
	var ok bool
	if c.role, ok = findRole(rs, q.Get("role")); !ok {
		return c, fmt.Errorf("there is no role %q; choose one from the list of roles", q.Get("role"))
	}
	lv := q.Get("level")
	if lv == "" {
		lv = c.role.Levels[0].ID
	}
	if c.level, ok = findLevel(c.role, lv); !ok {
		return c, fmt.Errorf("%s has no level %q; choose one of its levels", c.role.Title, lv)
	}
	k := q.Get("doc")
	if k == "" {
		k = render.Kinds[0].ID
	}
	if c.kind, ok = findKind(k); !ok {
		return c, fmt.Errorf("there is no document %q (known: %s)", k, strings.Join(render.KindIDs(), ", "))
	}
	c.copy = q.Get("copy")
	return c, nil
}

// composed is a role composed for one session: the config with the
// session's details, the template context, and why the plan could not be
// built (if it could not).
type composed struct {
	cfg     *config.Config
	rc      *compose.Context
	planErr error
	docs    map[string][]render.Copy // by kind id, prepared in a render slot
}

// compose builds the template context of a choice with the session's
// details.
func (s *Server) compose(sess *session, c choice) (*composed, error) {
	sess.mu.Lock()
	st, lib := sess.st, sess.lib
	sess.mu.Unlock()
	return s.composeFrom(st, lib, c)
}

// composeFrom builds the template context of a choice from a session's
// state and frameworks.
func (s *Server) composeFrom(st state, lib *compose.Library, c choice) (*composed, error) {
	cfg := st.apply(s.run.Config, c.role.Levels)
	rc, err := compose.NewContext(cfg, lib, c.role.ID, c.level.ID, s.run.Date)
	if err != nil {
		return nil, err
	}
	out := &composed{cfg: cfg, rc: rc}
	// Not stopped by the request that asked first: what is composed here
	// is cached for every request of the same state (composeCache), and a
	// render slot bounds it (composeBounded).
	out.planErr = plan.Add(context.Background(), rc)
	return out, nil
}

// composeBounded composes the choice and prepares the documents of kinds
// (a career map is built there) in a render slot within the render time
// limit, as renders are. When the request goes or the limit passes, the
// request is answered at once; the work, which cannot be stopped midway,
// keeps its slot until it ends, so no more run at once than there are
// slots. The composed role and its documents come from the server's
// cache when a request for the same role, level, details and frameworks
// made them (composeCache); what is returned is only read.
func (s *Server) composeBounded(ctx context.Context, sess *session, c choice, kinds ...render.Kind) (*composed, error) {
	sess.mu.Lock()
	st, lib := sess.st, sess.lib
	sess.mu.Unlock()
	sum, ok := stateKey(st)
	if !ok {
		return s.composeUncached(ctx, sess, c, kinds)
	}
	e := s.composedRoles.entry(composeKey{lib: lib, state: sum, role: c.role.ID, level: c.level.ID},
		func() (*composed, error) { return s.composeFrom(st, lib, c) })
	var cp *composed
	err := s.bounded(ctx, func() error {
		base, err := e.build()
		if err != nil {
			return err
		}
		cp = &composed{cfg: base.cfg, rc: base.rc, planErr: base.planErr, docs: map[string][]render.Copy{}}
		for _, k := range kinds {
			cp.docs[k.ID] = e.documents(k, base)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return cp, nil
}

// composeUncached is composeBounded without the cache.
func (s *Server) composeUncached(ctx context.Context, sess *session, c choice, kinds []render.Kind) (*composed, error) {
	var cp *composed
	err := s.bounded(ctx, func() error {
		var err error
		if cp, err = s.compose(sess, c); err != nil {
			return err
		}
		cp.docs = map[string][]render.Copy{}
		for _, k := range kinds {
			cp.docs[k.ID] = documents(k, cp)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return cp, nil
}

// bounded runs fn in a render slot, waiting at most the render time limit
// and no longer than ctx; fn keeps the slot until it returns.
func (s *Server) bounded(ctx context.Context, fn func() error) error {
	if err := s.acquire(ctx); err != nil {
		return err
	}
	done := make(chan error, 1)
	go func() {
		defer s.release()
		done <- fn()
	}()
	t := time.NewTimer(s.opts.RenderTimeout)
	defer t.Stop()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return errTooLong{s.opts.RenderTimeout}
	}
}

// documents are the documents a kind makes for a context; a plan kind
// makes none when the plan could not be built.
func documents(k render.Kind, cp *composed) []render.Copy {
	if d, ok := cp.docs[k.ID]; ok {
		return d
	}
	if k.Scope == render.ScopePlan && cp.planErr != nil {
		return nil
	}
	// Not stopped by a request: the documents are cached as the composed
	// role is (composeFrom).
	kc, err := k.Prepare(context.Background(), cp.rc)
	if err != nil {
		return nil
	}
	return k.Documents(kc)
}

// pickCopy returns the copy with the stem, else the first.
func pickCopy(cs []render.Copy, stem string) render.Copy {
	for _, c := range cs {
		if c.Stem == stem {
			return c
		}
	}
	return cs[0]
}

// formatLabel names a format for people.
func formatLabel(name string) string {
	switch name {
	case "md":
		return "Markdown"
	case "docx":
		return "Word (DOCX)"
	case "jsonld":
		return "JSON-LD for job boards"
	}
	return strings.ToUpper(name)
}

// copyLabel names one document of a kind: the kind's title, and the panel
// member for a scoring sheet.
func copyLabel(k render.Kind, c render.Copy) string {
	if k.Copies != nil && len(c.Context.Vacancy.Panel) == 1 && c.Stem != k.ID {
		return k.Title + ": " + c.Context.Vacancy.Panel[0]
	}
	return k.Title
}

// request is the run's request for kinds in formats over a composed
// role, with the run's date, logo and brand and the editorial checks, as
// rolepack generate makes it: findings (the kind's own checks, and a
// summary of the editorial checks of a candidate-facing document) go to
// findings, when it is set.
func (s *Server) request(cp *composed, kinds []render.Kind, formats []output.Format, findings *[]string) (pack.Request, error) {
	req := s.run.Request(cp.rc, kinds, formats)
	rules, err := s.run.EditorialRules()
	if err != nil {
		return req, err
	}
	req.Editorial = &pack.Editorial{Rules: rules}
	if findings != nil {
		req.Warn = func(_, msg string) { *findings = append(*findings, msg) }
		req.Editorial.Report = func(file string, fs []lint.Finding) {
			*findings = append(*findings, pack.SummariseFindings(file, fs, pack.MaxEditorialErrors)...)
		}
	}
	return req, nil
}

// renderDocument renders one document's tree within a render slot, as
// rolepack generate renders it before writing it.
func (s *Server) renderDocument(ctx context.Context, cp *composed, k render.Kind, c render.Copy) (d docResult, err error) {
	req, err := s.request(cp, []render.Kind{k}, nil, &d.findings)
	if err != nil {
		return d, err
	}
	err = s.withRender(ctx, func(ctx context.Context) error {
		tree, _, err := s.run.Renderer.Document(ctx, k, c, req)
		if err != nil {
			return err
		}
		d.doc = tree
		return ctx.Err()
	})
	return d, err
}

// formatsFor lists the formats every one of kinds can be written in, in
// registry order (PDF and Word first).
func (s *Server) formatsFor(kinds ...render.Kind) []string { return s.run.FormatNamesFor(kinds...) }

// anyFormat lists the formats at least one of kinds can be written in, in
// registry order.
func (s *Server) anyFormat(kinds []render.Kind) []string {
	var names []string
	for _, f := range s.run.Formats().List() {
		for _, k := range kinds {
			if k.Accepts(f.Shape) {
				names = append(names, f.Name)
				break
			}
		}
	}
	return names
}

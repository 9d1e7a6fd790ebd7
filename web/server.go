// Package web is rolepack's local web app (`rolepack serve`): choose a role
// and level, preview every document as the HTML writer renders it, fill in
// the vacancy, download any document in any format or the whole pack as a
// zip, build role packs from an uploaded manifest, and check and use an
// uploaded framework. Pages are html/template, styles and script are
// embedded files, and every flow works without JavaScript.
//
// What a person saves is kept in a Store (SQLite) in the data folder, one
// workspace per browser, made by its first save and never evicted; it
// exports as a config.yaml and a manifest that rolepack generate and pack
// turn into the same documents.
//
// The server is safe by default: only its own host names are answered
// (no DNS rebinding), a password when it can be reached from other
// computers, a CSRF token on every POST, a size limit on every request
// body and caps on what is kept, a bounded number of compositions and
// renders at once each with a time limit, manifest runs queued and built
// into files (never whole in memory), a Content-Security-Policy without
// 'unsafe-inline', and no user input ever used as a file path. A framework
// import reads its files from a private temporary folder that is removed
// when the import is done.
package web

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/rolepack/rolepack/compose"
	"github.com/rolepack/rolepack/config"
	"github.com/rolepack/rolepack/framework"
	"github.com/rolepack/rolepack/pack"
)

//go:embed pages/*.html
var pageFiles embed.FS

//go:embed static
var staticFiles embed.FS

// Defaults of Options.
const (
	// MaxUpload is the largest request body the server reads (10 MiB).
	MaxUpload = 10 << 20
	// RenderTimeout is how long one render (a document, a pack) may take.
	RenderTimeout = 60 * time.Second
	// maxForm bounds a form without files.
	maxForm = 64 << 10
	// sessionIdle is how long an unused session stays in memory (it
	// stays in the store).
	sessionIdle = 12 * time.Hour
	// maxJobs is how many manifest runs a session keeps.
	maxJobs = 3
)

// Options are what a Server renders from.
type Options struct {
	// Run is what every document is built through, as rolepack generate
	// and pack build theirs: the base config (the organisation, ladder,
	// roles, vacancy and plan defaults a session starts from), the
	// frameworks every session can use, the templates, formats, brand,
	// letterhead, logo, editorial rules and document date.
	Run *pack.Run
	// Renders is the most renders at once (default runtime.NumCPU()).
	Renders int
	// RenderTimeout is the time limit of one render (default
	// RenderTimeout).
	RenderTimeout time.Duration
	// MaxUpload is the largest request body read (default MaxUpload).
	MaxUpload int64
	// TempDir is the folder under which a framework import makes its
	// private folder (default os.TempDir()).
	TempDir string
	// Hosts are the names (and addresses) the server answers to besides
	// localhost, 127.0.0.1 and [::1]: a request naming any other Host is
	// refused before anything else, so a web page cannot reach the app
	// through a DNS name it controls (DNS rebinding).
	Hosts []string
	// Credential, when set, is the token or password every request must
	// give (HTTP Basic authentication, any user name, or a Bearer token):
	// needed when the server can be reached from other computers.
	Credential string
	// Data is the folder of the store, where what people enter is kept
	// across restarts ("" keeps it in memory until Close).
	Data string
	// Log receives one line per server-side failure (default io.Discard).
	Log io.Writer
	// PackZips builds a manifest run's packs as their zips alone
	// (pack.Batch.Zips, as rolepack pack does by default): the run's
	// download then holds each pack's zip and the index, and no pack
	// folders. The default keeps each pack's folder beside its zip in
	// the download.
	PackZips bool
}

// Server is the web app. It is an http.Handler; Close stops the manifest
// runs still going and closes the store.
type Server struct {
	opts   Options
	run    *pack.Run
	pages  map[string]*template.Template
	static fs.FS
	mux    *http.ServeMux
	slots  chan struct{} // one per render allowed at once
	ctx    context.Context
	cancel context.CancelFunc
	jobs   sync.WaitGroup
	store  *Store
	// running holds a token for each manifest run building; queued
	// counts the runs waiting or building.
	running chan struct{}
	queued  atomic.Int64
	batches string // the folder manifest runs build in

	// composedRoles are the roles recently composed for requests.
	composedRoles *composeCache

	mu       sync.Mutex
	sessions map[string]*session
	now      func() time.Time
}

// New returns a Server over opts.
func New(opts Options) (*Server, error) {
	if opts.Run == nil {
		return nil, errors.New("web: a Run is needed")
	}
	if opts.Renders < 1 {
		opts.Renders = runtime.NumCPU()
	}
	if opts.RenderTimeout <= 0 {
		opts.RenderTimeout = RenderTimeout
	}
	if opts.MaxUpload <= 0 {
		opts.MaxUpload = MaxUpload
	}
	if opts.TempDir == "" {
		opts.TempDir = os.TempDir()
	}
	if opts.Log == nil {
		opts.Log = io.Discard
	}
	pages, err := parsePages()
	if err != nil {
		return nil, err
	}
	static, err := fs.Sub(staticFiles, "static")
	if err != nil {
		return nil, fmt.Errorf("web: static files: %w", err)
	}
	store, err := OpenStore(context.Background(), opts.Data)
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithCancel(context.Background())
	s := &Server{
		store:    store,
		running:  make(chan struct{}, maxRunning),
		opts:     opts,
		run:      opts.Run,
		pages:    pages,
		static:   static,
		slots:    make(chan struct{}, opts.Renders),
		ctx:      ctx,
		cancel:   cancel,
		sessions: map[string]*session{},
		now:      time.Now,

		composedRoles: newComposeCache(),
	}
	// Runs do not outlive the server: in the data folder, the folder of
	// runs left by a server before a restart (or a crash) is removed; with
	// the store in memory, runs go in a private temporary folder.
	if opts.Data != "" {
		s.batches = filepath.Join(opts.Data, "batches")
		_ = os.RemoveAll(s.batches)
	} else if s.batches, err = os.MkdirTemp(opts.TempDir, "rolepack-batches-"); err != nil {
		store.Close()
		cancel()
		return nil, fmt.Errorf("web: batch folder: %w", err)
	}
	s.routes()
	return s, nil
}

// Close stops the manifest runs still going, waits for them and closes
// the store.
func (s *Server) Close() error {
	s.cancel()
	s.jobs.Wait()
	if s.opts.Data == "" {
		_ = os.RemoveAll(s.batches)
	}
	return s.store.Close()
}

func (s *Server) routes() {
	m := http.NewServeMux()
	m.HandleFunc("GET /{$}", s.home)
	m.HandleFunc("GET /role", s.role)
	m.HandleFunc("POST /role", s.saveDetails)
	m.HandleFunc("GET /preview", s.preview)
	m.HandleFunc("GET /download", s.download)
	m.HandleFunc("GET /pack", s.downloadPack)
	m.HandleFunc("GET /batch", s.batchForm)
	m.HandleFunc("POST /batch", s.batchStart)
	m.HandleFunc("GET /batch/{id}", s.batchStatus)
	m.HandleFunc("GET /batch/{id}/{file}", s.batchFile)
	m.HandleFunc("GET /frameworks", s.frameworksForm)
	m.HandleFunc("POST /frameworks", s.frameworksUpload)
	m.HandleFunc("POST /frameworks/forget", s.frameworksForget)
	m.HandleFunc("POST /frameworks/role", s.catalogueRole)
	m.HandleFunc("GET /organisation", s.orgForm)
	m.HandleFunc("POST /organisation", s.saveOrg)
	m.HandleFunc("GET /role/edit", s.roleEdit)
	m.HandleFunc("POST /role/edit", s.saveSelection)
	m.HandleFunc("POST /role/edit/wording", s.saveWording)
	m.HandleFunc("POST /role/edit/wording/remove", s.removeWording)
	m.HandleFunc("GET /saved", s.saved)
	m.HandleFunc("POST /saved/open", s.openVacancy)
	m.HandleFunc("GET /export/{file}", s.exportFile)
	m.HandleFunc("POST /import", s.importConfig)
	m.Handle("GET /static/", http.StripPrefix("/static/", http.FileServerFS(s.static)))
	s.mux = m
}

// pageCSP is the Content-Security-Policy of the app's own pages: only its
// own script, styles and images, no inline script or style, no framing
// but its own previews, forms posting only to itself.
const pageCSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"frame-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"

// ServeHTTP sets the security headers every response carries, refuses a
// POST without the session's CSRF token, and serves the request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !s.allowedHost(r.Host) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.WriteHeader(http.StatusMisdirectedRequest)
		_, _ = io.WriteString(w, "rolepack does not answer to this host name. Open it at the address it printed when it started.\n")
		return
	}
	if !s.authorised(r) {
		w.Header().Set("WWW-Authenticate", `Basic realm="rolepack", charset="UTF-8"`)
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.WriteHeader(http.StatusUnauthorized)
		_, _ = io.WriteString(w, "Enter the password for this rolepack (the person who started it set it in ROLEPACK_SERVE_TOKEN).\n")
		return
	}
	h := w.Header()
	h.Set("Content-Security-Policy", pageCSP)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Cross-Origin-Opener-Policy", "same-origin")
	h.Set("Cross-Origin-Resource-Policy", "same-origin")
	h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		limit := int64(maxForm)
		if isMultipart(r) {
			limit = s.opts.MaxUpload
		}
		r.Body = http.MaxBytesReader(w, r.Body, limit)
		if !s.sameOrigin(r) {
			s.fail(w, r, http.StatusForbidden, "This form was sent from another site, so it was refused.")
			return
		}
	}
	s.mux.ServeHTTP(w, r)
}

// loopbackHosts are the names every server answers to.
var loopbackHosts = []string{"localhost", "127.0.0.1", "::1"}

// allowedHost reports whether a request's Host header (with or without
// its port) names this server.
func (s *Server) allowedHost(hostport string) bool {
	host := hostport
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		host = h
	}
	host = strings.TrimSuffix(strings.ToLower(strings.Trim(host, "[]")), ".")
	if host == "" {
		return false
	}
	for _, list := range [][]string{loopbackHosts, s.opts.Hosts} {
		for _, h := range list {
			if strings.EqualFold(strings.Trim(h, "[]"), host) {
				return true
			}
		}
	}
	return false
}

// authorised reports whether the request gives the server's credential
// (always, when none is set), compared in constant time.
func (s *Server) authorised(r *http.Request) bool {
	if s.opts.Credential == "" {
		return true
	}
	got := ""
	if _, pw, ok := r.BasicAuth(); ok {
		got = pw
	} else if t, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer "); ok {
		got = strings.TrimSpace(t)
	}
	a, b := sha256.Sum256([]byte(got)), sha256.Sum256([]byte(s.opts.Credential))
	return got != "" && subtle.ConstantTimeCompare(a[:], b[:]) == 1
}

// sameOrigin refuses a request whose Origin header names another site.
func (s *Server) sameOrigin(r *http.Request) bool {
	o := r.Header.Get("Origin")
	if o == "" || o == "null" {
		return true
	}
	u, err := url.Parse(o)
	return err == nil && u.Host == r.Host
}

// checkCSRF reports whether the request's form carries its session's
// token; the form must be parsed.
func (s *Server) checkCSRF(w http.ResponseWriter, r *http.Request, sess *session) bool {
	got := r.PostFormValue("csrf")
	if sess == nil || got == "" || subtle.ConstantTimeCompare([]byte(got), []byte(sess.csrf)) != 1 {
		s.fail(w, r, http.StatusForbidden, "This form has expired or did not come from this page. Go back, reload the page and send it again.")
		return false
	}
	return true
}

func isMultipart(r *http.Request) bool {
	ct := r.Header.Get("Content-Type")
	return len(ct) >= 19 && ct[:19] == "multipart/form-data"
}

// state is what a person entered in a workspace, as kept in the store:
// the details form, and what the documents say (the organisation's text,
// roles' selections and wording edits).
type state struct {
	Details details               `json:"details"`
	Org     *orgText              `json:"org,omitempty"`
	Roles   map[string]roleChoice `json:"roles,omitempty"` // by config role id
	Edits   []config.EditDef      `json:"edits,omitempty"`
	// NewRoles are roles made from an uploaded framework's catalogue,
	// added to the config's roles.
	NewRoles map[string]config.RoleDef `json:"newRoles,omitempty"`
}

// session is one browser's workspace: its CSRF token, what it entered, the
// frameworks it imported and its manifest runs. What it entered is kept in
// the store; a session exists only once a person saved something, and is
// never evicted (an idle one is dropped from memory and read back from
// the store when its browser returns).
type session struct {
	id     string
	csrf   string
	stored bool // false: a visitor who has saved nothing yet

	mu         sync.Mutex
	seen       time.Time
	st         state
	vacancies  []vacancy
	frameworks []*framework.Framework
	kept       []storedFramework
	lib        *compose.Library
	jobs       []*job
}

const (
	sessionCookie = "rolepack_session"
	// visitorCookie holds a visitor's CSRF token until they save
	// something (a double-submit token: no server state).
	visitorCookie = "rolepack_csrf"
)

func randomID() string {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		panic(fmt.Sprintf("web: no randomness: %v", err)) // crypto/rand does not fail on supported systems
	}
	return hex.EncodeToString(b)
}

// secureCookies reports whether cookies get the Secure attribute: when
// the request came over TLS.
func secureCookie(r *http.Request) bool { return r.TLS != nil }

// existing returns the request's saved session, from memory or the store,
// or nil when the request has none.
func (s *Server) existing(r *http.Request) (*session, error) {
	c, err := r.Cookie(sessionCookie)
	if err != nil || len(c.Value) != 64 {
		return nil, nil
	}
	now := s.now()
	s.mu.Lock()
	for id, x := range s.sessions {
		x.mu.Lock()
		idle := now.Sub(x.seen) > sessionIdle && len(x.jobs) == 0
		x.mu.Unlock()
		if idle {
			delete(s.sessions, id) // kept in the store
		}
	}
	x, ok := s.sessions[c.Value]
	s.mu.Unlock()
	if ok {
		x.mu.Lock()
		x.seen = now
		x.mu.Unlock()
		return x, nil
	}
	sv, err := s.store.load(r.Context(), c.Value)
	if errors.Is(err, errNoWorkspace) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	x = &session{id: c.Value, csrf: sv.CSRF, stored: true, seen: now, st: sv.State, vacancies: sv.Vacancies, kept: sv.Frameworks, lib: s.run.Library}
	if x.st.Details == nil {
		x.st.Details = detailsFrom(s.run.Config)
	}
	if err := x.rebuild(s.run.Library); err != nil {
		fmt.Fprintf(s.opts.Log, "session frameworks: %v\n", err)
	}
	s.mu.Lock()
	if y, ok := s.sessions[c.Value]; ok {
		x = y // another request read it first
	} else {
		s.sessions[c.Value] = x
	}
	s.mu.Unlock()
	return x, nil
}

// view returns the request's session, or, for a visitor who has saved
// nothing, a session with the defaults that is not kept anywhere (its
// CSRF token in a cookie, so their first form can be checked).
func (s *Server) view(w http.ResponseWriter, r *http.Request) *session {
	x, err := s.existing(r)
	if err != nil {
		fmt.Fprintf(s.opts.Log, "session: %v\n", err)
	}
	if x != nil {
		return x
	}
	token := ""
	if c, err := r.Cookie(visitorCookie); err == nil && len(c.Value) == 64 {
		token = c.Value
	} else {
		token = randomID()
		http.SetCookie(w, &http.Cookie{Name: visitorCookie, Value: token, Path: "/", HttpOnly: true, Secure: secureCookie(r), SameSite: http.SameSiteStrictMode})
	}
	return &session{csrf: token, seen: s.now(), st: state{Details: detailsFrom(s.run.Config)}, lib: s.run.Library}
}

// postedSession parses a posted form and returns the session it is for
// (see forPost), or nil when it answered already: a malformed form, an
// unreadable session or a stale form.
func (s *Server) postedSession(w http.ResponseWriter, r *http.Request) *session {
	if err := r.ParseForm(); err != nil {
		s.formError(w, r, err)
		return nil
	}
	return s.forPost(w, r)
}

// forPost checks a POST's CSRF token (the form must be parsed) and
// returns its session; a visitor's first save makes one, kept in memory
// now and in the store by the handler's save. It answers the request and
// returns nil when the token is wrong.
func (s *Server) forPost(w http.ResponseWriter, r *http.Request) *session {
	x, err := s.existing(r)
	if err != nil {
		fmt.Fprintf(s.opts.Log, "session: %v\n", err)
		s.fail(w, r, http.StatusInternalServerError, "What you saved before could not be read. Try again in a moment.")
		return nil
	}
	got := r.PostFormValue("csrf")
	if x != nil {
		if !s.checkCSRF(w, r, x) {
			return nil
		}
		return x
	}
	c, err := r.Cookie(visitorCookie)
	if err != nil || got == "" || subtle.ConstantTimeCompare([]byte(got), []byte(c.Value)) != 1 {
		s.fail(w, r, http.StatusForbidden, "This form has expired or did not come from this page. Go back, reload the page and send it again.")
		return nil
	}
	x = &session{id: randomID(), csrf: c.Value, seen: s.now(), st: state{Details: detailsFrom(s.run.Config)}, lib: s.run.Library}
	s.mu.Lock()
	s.sessions[x.id] = x
	s.mu.Unlock()
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: x.id, Path: "/", HttpOnly: true, Secure: secureCookie(r), SameSite: http.SameSiteStrictMode,
		Expires: s.now().Add(400 * 24 * time.Hour)})
	return x
}

// save keeps the session's state (and a vacancy, when v is not nil) in
// the store; the caller holds no lock.
func (s *Server) save(ctx context.Context, x *session, v *vacancy) error {
	x.mu.Lock()
	st := x.st
	x.mu.Unlock()
	if err := s.store.saveState(ctx, x.id, x.csrf, st, v); err != nil {
		return err
	}
	x.mu.Lock()
	x.stored = true
	if v != nil {
		i := slices.IndexFunc(x.vacancies, func(o vacancy) bool { return o.Reference == v.Reference })
		if i >= 0 {
			x.vacancies[i] = *v
		} else {
			x.vacancies = append(x.vacancies, *v)
			sort.Slice(x.vacancies, func(i, j int) bool { return x.vacancies[i].Reference < x.vacancies[j].Reference })
		}
	}
	x.mu.Unlock()
	return nil
}

// rebuild reads the session's kept frameworks into its library over base.
func (x *session) rebuild(base *compose.Library) error {
	x.mu.Lock()
	defer x.mu.Unlock()
	var fws []*framework.Framework
	for _, k := range x.kept {
		f, _, err := framework.Decode(k.ID+".yaml", k.YAML)
		if err != nil {
			return fmt.Errorf("framework %s: %w", k.ID, err)
		}
		fws = append(fws, f)
	}
	lib, _, err := libraryWith(base, fws)
	if err != nil {
		return err
	}
	x.frameworks, x.lib = fws, lib
	return nil
}

// libraryWith is base's frameworks with fws added; one of fws whose id is
// a base framework's replaces it, with the note rolepack gives when a
// config's framework replaces a built-in.
func libraryWith(base *compose.Library, fws []*framework.Framework) (*compose.Library, []string, error) {
	if len(fws) == 0 {
		return base, nil, nil
	}
	return compose.NewLibraryOver(base.Frameworks(), fws)
}

// roleList is the roles the session can choose: its config's (with the
// roles it made) and its frameworks'.
func (s *Server) roleList(sess *session) []roleInfo {
	return roles(s.effective(sess, nil), sess.library())
}

// library is the session's frameworks: the server's plus those it
// imported.
func (x *session) library() *compose.Library {
	x.mu.Lock()
	defer x.mu.Unlock()
	return x.lib
}

// details returns the session's details form.
func (x *session) details() details {
	x.mu.Lock()
	defer x.mu.Unlock()
	return x.st.Details
}

// acquire waits for a render slot, at most the render time limit; release
// gives it back.
func (s *Server) acquire(ctx context.Context) error {
	select {
	case s.slots <- struct{}{}:
		return nil
	default:
	}
	t := time.NewTimer(s.opts.RenderTimeout)
	defer t.Stop()
	select {
	case s.slots <- struct{}{}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return errBusy
	}
}

func (s *Server) release() { <-s.slots }

var errBusy = errors.New("the server is busy with other documents")

// withRender runs fn in a render slot with the render time limit.
func (s *Server) withRender(ctx context.Context, fn func(context.Context) error) error {
	if err := s.acquire(ctx); err != nil {
		return err
	}
	defer s.release()
	ctx, cancel := context.WithTimeout(ctx, s.opts.RenderTimeout)
	defer cancel()
	err := fn(ctx)
	if err != nil && errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return errTooLong{s.opts.RenderTimeout}
	}
	return err
}

// errTooLong is a render stopped by its time limit.
type errTooLong struct{ limit time.Duration }

func (e errTooLong) Error() string {
	return fmt.Sprintf("rendering took longer than its limit of %s and was stopped", e.limit)
}

// isTooLong reports whether err is a render time limit passed.
func isTooLong(err error) bool {
	var tl errTooLong
	return errors.As(err, &tl)
}

// renderStatus is the HTTP status for a failed render.
func renderStatus(err error) int {
	var tl errTooLong
	switch {
	case errors.As(err, &tl), errors.Is(err, errBusy):
		return http.StatusServiceUnavailable
	}
	return http.StatusUnprocessableEntity
}

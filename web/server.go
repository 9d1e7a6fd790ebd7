// Package web is rolepack's local web app (`rolepack serve`): choose a role
// and level, preview every document as the HTML writer renders it, fill in
// the vacancy, download any document in any format or the whole pack as a
// zip, build role packs from an uploaded manifest, and check and use an
// uploaded framework. Pages are html/template, styles and script are
// embedded files, and every flow works without JavaScript.
//
// The server is safe by default: a CSRF token on every POST, a size limit
// on every request body, a bounded number of renders at once each with a
// time limit, a Content-Security-Policy without 'unsafe-inline', and no
// user input ever used as a file path. Uploads are kept in memory; a
// framework import reads its files from a private temporary folder that is
// removed when the import is done.
package web

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"net/http"
	"net/url"
	"os"
	"runtime"
	"sort"
	"sync"
	"time"

	"github.com/rolepack/rolepack/compose"
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
	// maxSessions bounds the sessions kept; the least recently used goes.
	maxSessions = 200
	// sessionIdle is how long an unused session is kept.
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
	// Log receives one line per server-side failure (default io.Discard).
	Log io.Writer
}

// Server is the web app. It is an http.Handler; Close stops the manifest
// runs still going.
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
	ctx, cancel := context.WithCancel(context.Background())
	s := &Server{
		opts:     opts,
		run:      opts.Run,
		pages:    pages,
		static:   static,
		slots:    make(chan struct{}, opts.Renders),
		ctx:      ctx,
		cancel:   cancel,
		sessions: map[string]*session{},
		now:      time.Now,
	}
	s.routes()
	return s, nil
}

// Close stops the manifest runs still going and waits for them.
func (s *Server) Close() error {
	s.cancel()
	s.jobs.Wait()
	return nil
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

// session is one browser's state: its CSRF token, the details it filled
// in, the frameworks it imported and its manifest runs. It lives in memory
// only.
type session struct {
	id   string
	csrf string
	seen time.Time

	mu         sync.Mutex
	details    details
	frameworks []*framework.Framework
	lib        *compose.Library
	jobs       []*job
}

const sessionCookie = "rolepack_session"

func randomID() string {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		panic(fmt.Sprintf("web: no randomness: %v", err)) // crypto/rand does not fail on supported systems
	}
	return hex.EncodeToString(b)
}

// session returns the request's session, starting one (and setting its
// cookie) when there is none and create is set.
func (s *Server) session(w http.ResponseWriter, r *http.Request, create bool) *session {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	for id, x := range s.sessions {
		if now.Sub(x.seen) > sessionIdle {
			delete(s.sessions, id)
		}
	}
	if c, err := r.Cookie(sessionCookie); err == nil {
		if x, ok := s.sessions[c.Value]; ok {
			x.seen = now
			return x
		}
	}
	if !create {
		return nil
	}
	if len(s.sessions) >= maxSessions {
		ids := make([]string, 0, len(s.sessions))
		for id := range s.sessions {
			ids = append(ids, id)
		}
		sort.Slice(ids, func(i, j int) bool { return s.sessions[ids[i]].seen.Before(s.sessions[ids[j]].seen) })
		delete(s.sessions, ids[0])
	}
	x := &session{id: randomID(), csrf: randomID(), seen: now, lib: s.run.Library, details: detailsFrom(s.run.Config)}
	s.sessions[x.id] = x
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: x.id, Path: "/", HttpOnly: true, SameSite: http.SameSiteStrictMode})
	return x
}

// library is the session's frameworks: the server's plus those it
// imported.
func (x *session) library() *compose.Library {
	x.mu.Lock()
	defer x.mu.Unlock()
	return x.lib
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

// renderStatus is the HTTP status for a failed render.
func renderStatus(err error) int {
	var tl errTooLong
	switch {
	case errors.As(err, &tl), errors.Is(err, errBusy):
		return http.StatusServiceUnavailable
	}
	return http.StatusUnprocessableEntity
}

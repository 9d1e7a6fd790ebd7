package web

import (
	"context"
	"crypto/sha256"
	"fmt"
	"net/http"
	"net/http/httptest"
	"regexp"
	"testing"

	"github.com/rolepack/rolepack/web/webload"
)

// TestManyRequestsLeaveTheHeapFlat runs 16 clients through 2,000 requests
// (200 under -short) of previews and PDF and Word downloads of the default
// frameworks' roles, as tools/webbench does, and checks that every one is
// answered, that the server kept no more composed roles than its bound and
// no sessions for visitors, and that the live heap after them all is
// within a bound of the heap after the first tenth: memory that grows with
// requests (an unbounded cache, a leak per request) fails it. Not timed.
func TestManyRequestsLeaveTheHeapFlat(t *testing.T) {
	n := 2000
	if testing.Short() {
		n = 200
	}
	opts := newOptions(t)
	app, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(app)
	t.Cleanup(func() { srv.Close(); app.Close() })

	res, err := webload.Run(context.Background(), srv.URL, webload.Options{Clients: 16, Requests: n})
	if err != nil {
		t.Fatal(err)
	}
	t.Log(res)
	if res.Status[http.StatusOK] != n {
		t.Fatalf("%d of %d requests answered 200: %v, e.g. %v", res.Status[http.StatusOK], n, res.Status, res.Failures)
	}
	if got := app.composedRoles.len(); got > maxComposed {
		t.Errorf("the server keeps %d composed roles, more than its bound of %d", got, maxComposed)
	}
	app.mu.Lock()
	sessions := len(app.sessions)
	app.mu.Unlock()
	if sessions != 0 {
		t.Errorf("the server keeps %d sessions for visitors who saved nothing", sessions)
	}
	// The live heap moves by a few MiB between collections (the
	// collector's own state, the transport's buffers): allow a quarter
	// and 4 MiB over the warm heap. A leak of one 30 KB preview a request
	// is 50 MiB over 1,800 requests.
	if bound := res.WarmHeap + res.WarmHeap/4 + 4<<20; res.FinalHeap > bound {
		t.Errorf("live heap after %d requests is %.1f MiB, after the first %d %.1f MiB: more than the bound of %.1f MiB",
			n, float64(res.FinalHeap)/(1<<20), n/10, float64(res.WarmHeap)/(1<<20), float64(bound)/(1<<20))
	}
}

// TestComposeCacheKeepsTheMostRecent checks the bound of the composed
// roles a server keeps and that the least recently used goes first.
func TestComposeCacheKeepsTheMostRecent(t *testing.T) {
	c := newComposeCache()
	builds := 0
	key := func(i int) composeKey {
		return composeKey{state: sha256.Sum256([]byte{byte(i)}), role: "r", level: fmt.Sprint(i)}
	}
	get := func(i int) {
		e := c.entry(key(i), func() (*composed, error) { builds++; return &composed{}, nil })
		if _, err := e.build(); err != nil {
			t.Fatal(err)
		}
	}
	for i := 0; i < maxComposed; i++ {
		get(i)
	}
	get(0) // now the most recent
	get(maxComposed)
	if c.len() != maxComposed {
		t.Fatalf("the cache holds %d, want its bound %d", c.len(), maxComposed)
	}
	builds = 0
	get(0) // kept
	if builds != 0 {
		t.Error("the most recently used role was dropped")
	}
	get(1) // the least recently used, dropped
	if builds != 1 {
		t.Error("the least recently used role was kept")
	}
}

// TestComposedRolesFollowTheDetails checks that a cached composition is
// not served once a session's details change: the preview says the new
// band.
func TestComposedRolesFollowTheDetails(t *testing.T) {
	c := newClient(t, newOptions(t))
	const path = "/preview?role=data-engineer&level=head&doc=jd"
	first := c.get(path)
	wantStatus(t, "first preview", first, http.StatusOK)
	if again := c.get(path); again.body != first.body {
		t.Error("the same preview twice differs")
	}
	for _, band := range []string{"Band 8a", "Band 8b"} {
		token := c.csrf("/role?role=data-engineer&level=head")
		form := map[string][]string{"csrf": {token}, "role": {"data-engineer"}, "level": {"head"}, "doc": {"jd"}, "band": {band}}
		wantStatus(t, "save "+band, c.postForm("/role", form), http.StatusSeeOther)
		wantBody(t, "preview after saving "+band, c.get(path), band)
	}
}

// TestStyleBlocksAsTheExpression checks the scan previewCSP hashes style
// elements with against the regular expression it replaced.
func TestStyleBlocksAsTheExpression(t *testing.T) {
	re := regexp.MustCompile(`(?s)<style>(.*?)</style>`)
	c := newClient(t, newOptions(t))
	page := c.get("/preview?role=data-engineer&level=head&doc=advert").body
	for _, in := range []string{page, "", "<style>", "<style></style>", "a<style>x\ny</style>b<style>z</style>",
		"<style>a<style>b</style>c</style>", "</style><style>q", "<style>a</style><style>"} {
		var want [][]byte
		for _, m := range re.FindAllSubmatch([]byte(in), -1) {
			want = append(want, m[1])
		}
		got := styleBlocks([]byte(in))
		if fmt.Sprintf("%q", got) != fmt.Sprintf("%q", want) {
			t.Errorf("styleBlocks(%.40q) = %q, want %q", in, got, want)
		}
	}
}

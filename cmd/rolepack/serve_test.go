package main

import (
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// lockedBuffer is a buffer safe for the server's goroutine and the test.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func TestServeFlags(t *testing.T) {
	f := NewFactory(&IO{In: strings.NewReader(""), Out: io.Discard, Err: io.Discard}, func(string) string { return "" }, time.Now)
	var got *ServeOptions
	cmd := NewCmdServe(f, func(_ context.Context, o *ServeOptions) error { got = o; return nil })
	cmd.SetArgs(nil)
	if err := cmd.Execute(); err != nil {
		t.Fatal(err)
	}
	if got.Addr != "127.0.0.1:8080" {
		t.Errorf("default --addr %q, want 127.0.0.1:8080", got.Addr)
	}
	cmd = NewCmdServe(f, func(_ context.Context, o *ServeOptions) error { got = o; return nil })
	cmd.SetArgs([]string{"--addr", "127.0.0.1:9000", "--date", "2026-01-05"})
	if err := cmd.Execute(); err != nil {
		t.Fatal(err)
	}
	if got.Addr != "127.0.0.1:9000" || got.Date != "2026-01-05" {
		t.Errorf("parsed %+v", got)
	}
}

var runningAt = regexp.MustCompile(`open (http://[^ ]+/) in your browser`)

// serve runs rolepack serve at addr (listening on a free loopback port
// whatever addr says) until the test stops it, and returns its address
// and stderr.
func serve(t *testing.T, addr string) (string, *lockedBuffer, func() error) {
	t.Helper()
	errb := &lockedBuffer{}
	f := NewFactory(&IO{In: strings.NewReader(""), Out: io.Discard, Err: errb}, func(k string) string { return fixedDate[k] }, time.Now)
	opts := &ServeOptions{Factory: f, Addr: addr, Listen: func(string, string) (net.Listener, error) {
		return net.Listen("tcp", "127.0.0.1:0")
	}}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- runServe(ctx, opts) }()
	stop := func() error { cancel(); return <-done }
	deadline := time.Now().Add(10 * time.Second)
	for {
		if m := runningAt.FindStringSubmatch(errb.String()); m != nil {
			return m[1], errb, stop
		}
		if time.Now().After(deadline) {
			cancel()
			t.Fatalf("serve did not start: %s", errb.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestServeRunsOnLoopbackAndStops(t *testing.T) {
	url, errb, stop := serve(t, "127.0.0.1:8080")
	res, err := http.Get(url + "role?role=data-engineer&level=senior")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusOK || !strings.Contains(string(body), "<h1>Data engineer, Senior</h1>") {
		t.Errorf("role page: %d\n%.300s", res.StatusCode, body)
	}
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(errb.String(), "warning") {
		t.Errorf("a loopback address warns: %s", errb.String())
	}
	if !strings.Contains(errb.String(), "rolepack stopped.") {
		t.Errorf("no stop message: %s", errb.String())
	}
}

func TestServeWarnsOnAnotherAddress(t *testing.T) {
	_, errb, stop := serve(t, "0.0.0.0:8080")
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(errb.String(), "warning: --addr 0.0.0.0:8080 can be reached from other computers") {
		t.Errorf("no warning: %s", errb.String())
	}
	for addr, want := range map[string]bool{"127.0.0.1:80": true, "localhost:1": true, "[::1]:8080": true, "0.0.0.0:80": false, ":8080": false, "192.168.1.2:80": false} {
		if loopback(addr) != want {
			t.Errorf("loopback(%q) = %v", addr, !want)
		}
	}
}

func TestServeRefusesABadAddress(t *testing.T) {
	_, stderr, err := run(t, nil, "serve", "--addr", "8080")
	if err == nil || err.Error() != "--addr 8080: write host:port, e.g. 127.0.0.1:8080" {
		t.Errorf("err = %v (stderr %q)", err, stderr)
	}
}

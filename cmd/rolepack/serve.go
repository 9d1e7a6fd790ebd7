package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/rolepack/rolepack/web"
)

// ServeOptions are the inputs of `rolepack serve`.
type ServeOptions struct {
	*Factory
	Config    ConfigOptions
	Addr      string
	Templates string
	Date      string
	// Data is the folder the web app keeps what people enter in
	// (--data; default $XDG_DATA_HOME/rolepack).
	Data string
	// Hosts are the host names the server answers to besides localhost
	// and the loopback addresses (--host).
	Hosts []string
	// Listen opens the listener (net.Listen outside tests).
	Listen func(network, addr string) (net.Listener, error)
}

// NewCmdServe returns the serve command; runF, when not nil, runs in place
// of runServe.
func NewCmdServe(f *Factory, runF func(context.Context, *ServeOptions) error) *cobra.Command {
	opts := &ServeOptions{Factory: f, Listen: net.Listen}
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Open the web app: choose a role, preview, fill in the vacancy, download",
		Long: `serve runs rolepack as a web app on this computer, for people who would rather
not use a terminal. Open the address it prints in a browser to:

  - choose a role and level (search by title) and see every document rendered,
    switching level and document as you go;
  - fill in the vacancy and organisation details, checked field by field, with
    what each document still leaves blank listed beside it;
  - download any document in any format, or the whole pack as a zip;
  - upload a manifest of vacancies (CSV or YAML) and download a zip of role
    packs with an index, each bad row reported with its line;
  - upload framework files, see every problem with its file and line, and use
    the framework's roles straight away.

It listens on 127.0.0.1:8080 by default, so only this computer can reach it.
On another address it asks every browser for a password, which it reads from
ROLEPACK_SERVE_TOKEN or from the file $XDG_CONFIG_HOME/rolepack/serve-token
(never from the command line), and it refuses to start without one (at least
16 characters). It answers only to localhost, 127.0.0.1, [::1], the address it
listens on and the names given with --host, so a web page cannot reach it
through a name of its own (DNS rebinding).
Everything it serves is inside the binary; nothing is fetched from the
internet. What a person saves (details, vacancies, uploaded frameworks) is
kept in a database in the data folder ($XDG_DATA_HOME/rolepack, else
~/.local/share/rolepack; --data to change), one workspace per browser, and is
there after a restart; "Your saved work" exports it as a config.yaml and a
manifest that rolepack generate and pack turn into the same documents.`,
		Example: `  rolepack serve
  rolepack serve --addr 127.0.0.1:9000 --config my-config.yaml
  ROLEPACK_SERVE_TOKEN=… rolepack serve --addr 0.0.0.0:8080 --host hr-laptop.local`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return runServe(cmd.Context(), opts)
		},
	}
	opts.Config.addFlags(cmd)
	fl := cmd.Flags()
	fl.StringVar(&opts.Addr, "addr", "127.0.0.1:8080", "address to listen on, host:port")
	fl.StringVar(&opts.Templates, "templates", "", "folder of template overrides, file by file (env ROLEPACK_TEMPLATES)")
	fl.StringArrayVar(&opts.Hosts, "host", nil, "a host name the server answers to, for an --addr other computers reach (repeatable)")
	fl.StringVar(&opts.Data, "data", "", "folder where what people save is kept (default $XDG_DATA_HOME/rolepack)")
	fl.StringVar(&opts.Date, "date", "", "document date YYYY-MM-DD (default SOURCE_DATE_EPOCH, else today) (env ROLEPACK_DATE)")
	return cmd
}

// loopback reports whether addr's host is a loopback address (or
// localhost), which only this computer can reach.
func loopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// dataDir is the folder the web app keeps its store in: --data, else
// $XDG_DATA_HOME/rolepack, else ~/.local/share/rolepack.
func dataDir(flag string, getenv func(string) string) (string, error) {
	if flag != "" {
		return flag, nil
	}
	if x := getenv("XDG_DATA_HOME"); x != "" && filepath.IsAbs(x) {
		return filepath.Join(x, "rolepack"), nil
	}
	home := getenv("HOME")
	if home == "" {
		var err error
		if home, err = os.UserHomeDir(); err != nil {
			return "", fmt.Errorf("serve: no data folder: set --data DIR or XDG_DATA_HOME (%w)", err)
		}
	}
	return filepath.Join(home, ".local", "share", "rolepack"), nil
}

// minCredential is the shortest password serve takes.
const minCredential = 16

// tokenFile is where serve reads its password from when
// ROLEPACK_SERVE_TOKEN is not set.
func tokenFile(getenv func(string) string) string {
	dir := getenv("XDG_CONFIG_HOME")
	if dir == "" || !filepath.IsAbs(dir) {
		home := getenv("HOME")
		if home == "" {
			home, _ = os.UserHomeDir()
		}
		dir = filepath.Join(home, ".config")
	}
	return filepath.Join(dir, "rolepack", "serve-token")
}

// serveCredential is the password for a server other computers reach:
// ROLEPACK_SERVE_TOKEN, else the token file ("" when neither is set). A
// token file others can read, or a password too short, is an error.
func serveCredential(getenv func(string) string) (string, error) {
	tok := strings.TrimSpace(getenv("ROLEPACK_SERVE_TOKEN"))
	from := "ROLEPACK_SERVE_TOKEN"
	if tok == "" {
		p := tokenFile(getenv)
		fi, err := os.Stat(p)
		if errors.Is(err, os.ErrNotExist) {
			return "", nil
		}
		if err != nil {
			return "", fmt.Errorf("%s: %w", p, err)
		}
		if !fi.Mode().IsRegular() || fi.Size() > 4096 {
			return "", fmt.Errorf("%s: not a password file (a regular file of one line)", p)
		}
		if fi.Mode().Perm()&0o077 != 0 {
			return "", fmt.Errorf("%s: others can read it: chmod 600 %s", p, p)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return "", fmt.Errorf("%s: %w", p, err)
		}
		tok, from = strings.TrimSpace(string(data)), p
	}
	if n := len([]rune(tok)); n < minCredential {
		return "", fmt.Errorf("%s: the password has %d characters; use at least %d", from, n, minCredential)
	}
	return tok, nil
}

// serverTimeouts bound how long a client may take over each part of a
// request, so a slow or stalled client cannot hold the server.
func serverTimeouts(h http.Handler) *http.Server {
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       2 * time.Minute, // a 10 MiB upload on a slow link
		WriteTimeout:      5 * time.Minute, // a pack zip rendered then sent
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
	}
}

func runServe(ctx context.Context, opts *ServeOptions) error {
	if _, _, err := net.SplitHostPort(opts.Addr); err != nil {
		return fmt.Errorf("--addr %s: write host:port, e.g. 127.0.0.1:8080", opts.Addr)
	}
	var flags []flagValue
	flags = append(flags, stringFlag("templates", "templates", opts.Templates)...)
	flags = append(flags, stringFlag("date", "date", opts.Date)...)
	l, err := opts.loadAll(opts.Config, flags)
	if err != nil {
		return err
	}
	run, err := opts.newRun(l)
	if err != nil {
		return err
	}
	if _, err := run.EditorialRules(); err != nil {
		return err // a ban the checks cannot read: say so now, not on every page
	}
	data, err := dataDir(opts.Data, opts.Getenv)
	if err != nil {
		return err
	}
	wo := web.Options{Run: run, Data: data, Log: opts.IO.Err, Hosts: opts.Hosts}
	if !loopback(opts.Addr) {
		if wo.Credential, err = serveCredential(opts.Getenv); err != nil {
			return err
		}
		if wo.Credential == "" {
			return fmt.Errorf("--addr %s can be reached from other computers, so rolepack needs a password for them: set ROLEPACK_SERVE_TOKEN or write one to %s (at least %d characters), or use --addr 127.0.0.1:8080", opts.Addr, tokenFile(opts.Getenv), minCredential)
		}
		if host, _, _ := net.SplitHostPort(opts.Addr); host != "" {
			if ip := net.ParseIP(host); ip == nil || !ip.IsUnspecified() {
				wo.Hosts = append(wo.Hosts, host)
			}
		}
	}
	app, err := web.New(wo)
	if err != nil {
		return err
	}
	defer app.Close()
	if !loopback(opts.Addr) {
		fmt.Fprintf(opts.IO.Err, "warning: --addr %s can be reached from other computers: everyone who has the password can use rolepack. It answers to %s.\n", opts.Addr, strings.Join(append([]string{"localhost", "127.0.0.1", "[::1]"}, wo.Hosts...), ", "))
	}
	ln, err := opts.Listen("tcp", opts.Addr)
	if err != nil {
		return fmt.Errorf("--addr %s: %w", opts.Addr, err)
	}
	srv := serverTimeouts(app)
	fmt.Fprintf(opts.IO.Err, "rolepack is running: open %s in your browser. Press Ctrl-C to stop.\n", browseURL(ln.Addr()))
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err := <-done:
		if !errors.Is(err, http.ErrServerClosed) {
			return fmt.Errorf("serve: %w", err)
		}
		return nil
	case <-ctx.Done():
	}
	shut, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(shut); err != nil {
		return fmt.Errorf("serve: stopping: %w", err)
	}
	fmt.Fprintln(opts.IO.Err, "rolepack stopped.")
	return nil
}

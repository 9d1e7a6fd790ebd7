package main

import (
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/rolepack/rolepack/compose"
	"github.com/rolepack/rolepack/config"
	"github.com/rolepack/rolepack/framework"
	"github.com/rolepack/rolepack/framework/defaults"
	"github.com/rolepack/rolepack/framework/importer"
	"github.com/rolepack/rolepack/output"
)

// Factory holds what commands depend on besides their flags: the streams
// they read and write, the environment, the clock, and how the config
// file, the frameworks and the output writers are loaded. main builds the
// real one with NewFactory; tests build one over buffers and a map.
type Factory struct {
	IO *IO
	// Getenv looks up an environment variable (os.Getenv outside tests).
	Getenv func(string) string
	// Now is the clock: today's date when nothing else fixes it, and the
	// time a batch takes.
	Now func() time.Time
	// Config returns the config files a run reads, lowest layer first: the
	// embedded default, $XDG_CONFIG_HOME/rolepack/config.yaml and
	// ./config.yaml where they exist, and the file given (path, from
	// --config or ROLEPACK_CONFIG; "" for none).
	Config func(path string) ([]ConfigFile, error)
	// Environ lists the environment (os.Environ outside tests), to warn of
	// ROLEPACK_ variables that name no config key; nil skips the check.
	Environ func() []string
	// Library loads the embedded frameworks and those a config names
	// (relative to dir).
	Library func(cfg *config.Config, dir string) (*compose.Library, error)
	// Formats is the output format registry; a format's writer is built
	// the first time a command asks for the format.
	Formats *output.Formats
	// Verbose (--verbose) prints the stack of an internal error a command
	// recovered from, for a bug report, and each finding a summary counts.
	Verbose bool
	// StdoutTerminal is set when standard output is a terminal: diff then
	// writes plain text, not Markdown.
	StdoutTerminal bool
	// Quiet (--quiet) prints errors only: no warnings, notes, progress or
	// "wrote" lines (a command's data on standard output is still written).
	Quiet bool
}

// ConfigFile is a config file read: its bytes, its name for messages, and
// the folder its relative paths are resolved against.
type ConfigFile struct {
	// Layer names the file's layer: default (embedded), user
	// ($XDG_CONFIG_HOME), local (./config.yaml) or given (--config).
	Layer string
	Path  string // as found or given; "" for the embedded default
	Name  string // for messages, e.g. "config.yaml (embedded default)"
	Dir   string
	Data  []byte
}

// NewFactory returns the Factory of a process with the given streams,
// environment and clock.
func NewFactory(streams *IO, getenv func(string) string, now func() time.Time) *Factory {
	formats, _ := output.NewFormats() // builds nothing, cannot fail
	f := &Factory{IO: streams, Getenv: getenv, Now: now, Formats: formats}
	f.Config = f.configLayers
	f.Library = f.loadLibrary
	return f
}

// configSearch lists the config files looked for, in order, when none is
// given.
func (f *Factory) configSearch() []string {
	paths := []string{"config.yaml"}
	dir := f.Getenv("XDG_CONFIG_HOME")
	if dir == "" {
		if home := f.Getenv("HOME"); home != "" {
			dir = filepath.Join(home, ".config")
		}
	}
	if dir != "" {
		paths = append(paths, filepath.Join(dir, "rolepack", "config.yaml"))
	}
	return paths
}

// findConfig returns the first config file of the search path that
// exists, or "" for the embedded default.
func (f *Factory) findConfig() string {
	for _, p := range f.configSearch() {
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	return ""
}

// describeConfig says which config a command would read, for --help:
// given is the --config value ("" when not given). It reads no file.
func (f *Factory) describeConfig(given string) string {
	switch {
	case given != "":
		return given + " (--config)"
	case f.Getenv("ROLEPACK_CONFIG") != "":
		return f.Getenv("ROLEPACK_CONFIG") + " (ROLEPACK_CONFIG)"
	}
	if p := f.findConfig(); p != "" {
		return p
	}
	return "the embedded default (no " + joinOr(f.configSearch()) + ")"
}

func joinOr(s []string) string {
	out := ""
	for i, x := range s {
		switch {
		case i == 0:
		case i == len(s)-1:
			out += " or "
		default:
			out += ", "
		}
		out += x
	}
	return out
}

// loadLibrary returns the embedded default frameworks plus the ones the
// config names (canonical YAML or source documents).
func (f *Factory) loadLibrary(cfg *config.Config, dir string) (*compose.Library, error) {
	builtins, err := defaults.Frameworks()
	if err != nil {
		return nil, err
	}
	var fws []*framework.Framework
	for i, p := range cfg.Frameworks {
		if !filepath.IsAbs(p) {
			p = filepath.Join(dir, p)
		}
		fw, probs, err := importer.Import([]string{p}, importer.Options{})
		if err != nil {
			return nil, fmt.Errorf("%s: framework %s: %w", cfg.At("frameworks", i), p, err)
		}
		if framework.HasErrors(probs) {
			for _, pr := range probs {
				fmt.Fprintln(f.IO.Err, pr.Error())
			}
			return nil, fmt.Errorf("%s: framework %s has errors (run rolepack validate %s)", cfg.At("frameworks", i), p, p)
		}
		fws = append(fws, fw)
	}
	lib, notes, err := compose.NewLibraryOver(builtins, fws)
	for _, n := range notes {
		fmt.Fprintf(f.IO.Err, "warning: frameworks: %s\n", n)
	}
	return lib, err
}

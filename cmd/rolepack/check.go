package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/rolepack/rolepack/internal/userfile"
	"github.com/rolepack/rolepack/pdfcheck"
)

// CheckOptions are the inputs of `rolepack check`.
type CheckOptions struct {
	*Factory
	JSON  bool // print a JSON array of files and their findings
	Files []string
}

// NewCmdCheck returns the check command; runF, when not nil, runs in
// place of runCheck.
func NewCmdCheck(f *Factory, runF func(context.Context, *CheckOptions) error) *cobra.Command {
	opts := &CheckOptions{Factory: f}
	cmd := &cobra.Command{
		Use:   "check FILE.pdf...",
		Short: "Check PDFs against the machine-checkable PDF/A-2a and PDF/UA-1 rules",
		Long: `check reads PDFs and applies the PDF/A-2a (ISO 19005-2) and PDF/UA-1 rules
that can be checked by machine and matter for rolepack's documents: XMP
metadata and its agreement with the information dictionary, the sRGB output
intent, fonts (embedded, widths, ToUnicode, subset names), device colour,
forbidden features (encryption, JavaScript and other actions, LZW, external
streams), and the Matterhorn Protocol's checks of the structure: MarkInfo,
the structure and parent trees, every piece of content tagged or an
artifact, headings, tables, lists, figures' alternative text, links in the
tree, /Lang, DisplayDocTitle and dc:title.

It prints one line per rule a file fails, naming the rule's clause (ISO
19005-2 for PDF/A, the Matterhorn checkpoint for PDF/UA), and exits 1 when
any fails or a file is not a PDF. It is not veraPDF: docs/accessibility.md
lists what it leaves out.`,
		Example: `  rolepack check out/*.pdf
  rolepack check --json jd.pdf`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Files = args
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return runCheck(cmd.Context(), opts)
		},
	}
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "print a JSON array: each file with its findings (rule, message, count) or its error")
	return cmd
}

// checkResult is one file's result in --json output.
type checkResult struct {
	File     string             `json:"file"`
	Error    string             `json:"error,omitempty"`
	Findings []pdfcheck.Finding `json:"findings"`
}

func runCheck(ctx context.Context, opts *CheckOptions) error {
	out := &stdout{w: opts.IO.Out}
	var results []checkResult
	failed, unreadable := 0, 0
	for _, path := range opts.Files {
		if err := ctx.Err(); err != nil {
			return err
		}
		r := checkResult{File: path, Findings: []pdfcheck.Finding{}}
		b, err := userfile.Read(path, userfile.Output)
		if err == nil {
			r.Findings, err = pdfcheck.Check(b)
			if r.Findings == nil {
				r.Findings = []pdfcheck.Finding{}
			}
		}
		if err != nil {
			unreadable++
			var uf *userfile.Error
			switch {
			case errors.As(err, &uf):
				r.Error = uf.Reason
			default:
				r.Error = strings.Join(strings.Fields(err.Error()), " ")
			}
			if !opts.JSON {
				fmt.Fprintf(out, "%s: %s\n", path, r.Error)
			}
		} else if len(r.Findings) > 0 {
			failed++
		}
		if !opts.JSON {
			for _, f := range r.Findings {
				fmt.Fprintf(out, "%s: %s\n", path, f)
			}
		}
		results = append(results, r)
	}
	if opts.JSON {
		data, err := json.MarshalIndent(results, "", "  ")
		if err != nil {
			return fmt.Errorf("writing JSON: %w", err)
		}
		fmt.Fprintln(out, string(data))
	}
	if err := out.result(); err != nil {
		return err
	}
	if failed > 0 || unreadable > 0 {
		msg := fmt.Sprintf("%d of %d file(s) fail the check", failed, len(opts.Files))
		if unreadable > 0 {
			msg += fmt.Sprintf(", %d could not be read as a PDF", unreadable)
		}
		return &exitError{code: 1, msg: msg}
	}
	fmt.Fprintf(opts.IO.Err, "ok: %d file(s) pass the %d rules\n", len(opts.Files), len(pdfcheck.Rules()))
	return nil
}

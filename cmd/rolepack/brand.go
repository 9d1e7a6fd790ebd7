package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/rolepack/rolepack/internal/userfile"
	"github.com/rolepack/rolepack/output"
)

// BrandCheckOptions are the inputs of `rolepack brand check`.
type BrandCheckOptions struct {
	*Factory
	File string
}

// NewCmdBrand returns the brand command (its subcommand check); runF,
// when not nil, runs in place of runBrandCheck.
func NewCmdBrand(f *Factory, runF func(context.Context, *BrandCheckOptions) error) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "brand",
		Short: "Check the organisation's letterhead before using it",
		Args:  cobra.NoArgs,
	}
	opts := &BrandCheckOptions{Factory: f}
	check := &cobra.Command{
		Use:   "check FILE.docx",
		Short: "Report what a letterhead provides and what rolepack adds to it",
		Long: `check reads a Word letterhead (.docx or .dotx) as --reference-doc and
brand.referenceDoc do, and reports one line each: page size and margins,
header and footer parts, pictures, fonts, styles, the placeholders found
({{organisation}}, {{title}}, {{reference}}, {{date}}; {{body}} marks where the
body goes), and the styles and list definitions rolepack will add. A
letterhead rolepack cannot use is a one-line error and exit status 1.`,
		Example: `  rolepack brand check letterhead.docx`,
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.File = args[0]
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return runBrandCheck(cmd.Context(), opts)
		},
	}
	cmd.AddCommand(check)
	return cmd
}

func runBrandCheck(_ context.Context, opts *BrandCheckOptions) error {
	data, err := userfile.Read(opts.File, userfile.ReferenceDocument)
	if err != nil {
		return err
	}
	r, err := output.CheckLetterhead(opts.File, data)
	if err != nil {
		return err
	}
	out := opts.IO.Out
	list := func(s []string) string {
		if len(s) == 0 {
			return "none"
		}
		return strings.Join(s, ", ")
	}
	fmt.Fprintf(out, "page: %s; margins %s\n", r.PageSize, r.Margins)
	fmt.Fprintf(out, "headers: %s\n", list(r.Headers))
	fmt.Fprintf(out, "footers: %s\n", list(r.Footers))
	fmt.Fprintf(out, "pictures: %s\n", list(r.Images))
	fmt.Fprintf(out, "fonts: %s\n", list(r.Fonts))
	fmt.Fprintf(out, "theme fonts: %s\n", list(r.ThemeFonts))
	fmt.Fprintf(out, "styles (%d): %s\n", len(r.Styles), list(r.Styles))
	var ph []string
	for _, p := range r.Placeholders {
		s := "{{" + p.Key + "}} in " + p.Part
		if p.Runs > 1 {
			s += fmt.Sprintf(" (split over %d runs)", p.Runs)
		}
		ph = append(ph, s)
	}
	fmt.Fprintf(out, "placeholders: %s\n", list(ph))
	if r.BodyMarker {
		fmt.Fprintln(out, "body: rolepack's body goes where {{body}} is; the letterhead's other body text stays")
	} else {
		fmt.Fprintln(out, "body: no {{body}}: rolepack's body replaces the letterhead's body text")
	}
	fmt.Fprintf(out, "rolepack adds styles: %s\n", list(r.AddedStyles))
	if len(r.MappedStyles) > 0 {
		fmt.Fprintf(out, "rolepack uses the letterhead's styles: %s\n", list(r.MappedStyles))
	}
	if r.AddedLists {
		fmt.Fprintln(out, "rolepack adds list definitions: bullets, numbers")
	}
	// What the documents will not carry: external links Word would
	// fetch (an attached template, a linked picture) and DTDs.
	fmt.Fprintf(out, "removed: %s\n", list(r.Removed))
	return nil
}

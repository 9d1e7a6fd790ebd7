package main

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/rolepack/rolepack/doc"
	"github.com/rolepack/rolepack/internal/userfile"
	"github.com/rolepack/rolepack/output"
	"github.com/rolepack/rolepack/output/docx"
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
	r, err := docx.CheckReference(opts.File, data)
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
	return nil
}

// brandOf decides the run's brand from the config once: the letterhead
// DOCX writer (in place of the docx format's writer among formats) and the
// colours, logo alt text, header and typeface every document's Meta
// shares. It returns nil when the config sets no brand for PDF and HTML,
// and the contents of the files the brand draws on (for a pack's stamp).
func brandOf(l *loaded, formats []output.Format) (*doc.Brand, [][]byte, error) {
	var files [][]byte
	b := l.cfg.Brand
	if p := l.path("brand.referenceDoc", b.ReferenceDoc); p != "" {
		for i, f := range formats {
			if f.Name != "docx" {
				continue
			}
			data, err := userfile.Read(p, userfile.ReferenceDocument)
			if err != nil {
				return nil, nil, fmt.Errorf("%s: brand.referenceDoc: %w", l.cfg.At("brand", "referenceDoc"), err)
			}
			files = append(files, data)
			w, err := docx.NewWithReference(p, data)
			if err != nil {
				return nil, nil, fmt.Errorf("%s: brand.referenceDoc: %w", l.cfg.At("brand", "referenceDoc"), err)
			}
			formats[i].Writer = w
		}
	}
	if b.Primary == "" && b.Accent == "" && b.LogoAlt == "" && b.Header == "" && b.Font == "" && b.FontFiles.Regular == "" {
		return nil, files, nil
	}
	out := &doc.Brand{LogoAlt: strings.TrimSpace(b.LogoAlt), Header: strings.TrimSpace(b.Header)}
	for _, c := range []struct {
		key string
		v   string
		to  *doc.Colour
	}{{"primary", b.Primary, &out.Primary}, {"accent", b.Accent, &out.Accent}} {
		if c.v == "" {
			continue
		}
		col, err := doc.ParseColour(c.v)
		if err != nil {
			return nil, nil, fmt.Errorf("%s: brand.%s: %w", l.cfg.At("brand", c.key), c.key, err)
		}
		*c.to = col
	}
	if b.FontFiles.Regular != "" {
		faces := &doc.FontFiles{}
		for _, f := range []struct {
			key, path string
			to        *[]byte
		}{{"regular", b.FontFiles.Regular, &faces.Regular}, {"bold", b.FontFiles.Bold, &faces.Bold},
			{"italic", b.FontFiles.Italic, &faces.Italic}, {"boldItalic", b.FontFiles.BoldItalic, &faces.BoldItalic}} {
			p := l.path("brand.fontFiles."+f.key, f.path)
			if p == "" {
				continue
			}
			data, err := userfile.Read(p, userfile.Font)
			if err != nil {
				return nil, nil, fmt.Errorf("%s: brand.fontFiles.%s: %w", l.cfg.At("brand", "fontFiles", f.key), f.key, err)
			}
			*f.to = data
			files = append(files, data)
		}
		name := strings.TrimSpace(b.Font)
		if name == "" {
			name = strings.TrimSuffix(filepath.Base(b.FontFiles.Regular), filepath.Ext(b.FontFiles.Regular))
		}
		out.Font = &doc.Typeface{Name: name, Files: faces}
	} else if b.Font != "" {
		known := false
		for _, f := range doc.EmbeddedFamilies {
			known = known || strings.EqualFold(f, strings.Join(strings.Fields(b.Font), " "))
		}
		if !known {
			return nil, nil, fmt.Errorf("%s: brand.font %q is not embedded (embedded: %s; for your own TrueType family set brand.fontFiles.regular)", l.cfg.At("brand", "font"), b.Font, strings.Join(doc.EmbeddedFamilies, ", "))
		}
		out.Font = &doc.Typeface{Name: b.Font}
	}
	return out, files, nil
}

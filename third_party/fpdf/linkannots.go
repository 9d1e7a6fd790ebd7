package fpdf

import "fmt"

// This file lets a caller add entries to link annotations and refer to
// them from objects of its own, as a tagged PDF must: each link annotation
// carries /StructParent (its key in the structure tree's parent tree) and
// /Contents (a description of the link), and the Link structure element
// refers to the annotation with an object reference (OBJR).

// LinkAnnotationCount returns the number of link annotations put so far on
// page pageNum (one-based): those of Link and LinkString, and of
// CellFormat, Write and Image given a link. The annotations of a page are
// indexed from 0 in the order they were put.
func (f *Fpdf) LinkAnnotationCount(pageNum int) int {
	if pageNum < 1 || pageNum >= len(f.pageLinks) {
		return 0
	}
	return len(f.pageLinks[pageNum])
}

// SetLinkAnnotationEntries sets raw entries written into the dictionary of
// link annotation index (zero-based, see LinkAnnotationCount) of page
// pageNum, for example "/StructParent 3 /Contents (Home page)". A link
// annotation with entries is written as an indirect object after the pages
// rather than inline in the page's /Annots array, so that objects written
// while the document is closed can refer to it (see
// ObjectWriter.LinkAnnotationObject). An empty string removes what was set.
// It reports false, and does nothing, when there is no such annotation. An
// understanding of the PDF specification is needed to use this method
// correctly.
func (f *Fpdf) SetLinkAnnotationEntries(pageNum, index int, entries string) bool {
	if index < 0 || index >= f.LinkAnnotationCount(pageNum) {
		return false
	}
	f.pageLinks[pageNum][index].entries = entries
	return true
}

// LinkAnnotationObject returns the object number of link annotation index
// (zero-based) of page pageNum, or 0 when it is written inline in its page
// (it has no entries set by SetLinkAnnotationEntries) or does not exist.
func (w *ObjectWriter) LinkAnnotationObject(pageNum, index int) int {
	f := w.f
	if index < 0 || index >= f.LinkAnnotationCount(pageNum) {
		return 0
	}
	return f.pageLinks[pageNum][index].obj
}

// numberLinkAnnotations gives the link annotations with entries of their
// own consecutive object numbers after last, in page order, and returns how
// many there are.
func (f *Fpdf) numberLinkAnnotations(last int) int {
	count := 0
	for n := 1; n <= f.page && n < len(f.pageLinks); n++ {
		for i := range f.pageLinks[n] {
			pl := &f.pageLinks[n][i]
			pl.obj = 0
			if pl.entries != "" {
				count++
				pl.obj = last + count
			}
		}
	}
	return count
}

// putLinkAnnotations writes the link annotations numbered by
// numberLinkAnnotations as indirect objects.
func (f *Fpdf) putLinkAnnotations(count int, hPt float64) {
	if count == 0 {
		return
	}
	for n := 1; n <= f.page && n < len(f.pageLinks); n++ {
		for _, pl := range f.pageLinks[n] {
			if pl.obj == 0 {
				continue
			}
			f.newobj()
			if f.n != pl.obj {
				f.err = fmt.Errorf("fpdf: link annotation written as object %d, numbered %d", f.n, pl.obj)
				return
			}
			var annot fmtBuffer
			f.linkAnnotation(&annot, pl, hPt)
			f.out(annot.String())
			f.out("endobj")
		}
	}
}

// linkAnnotation writes the dictionary of link annotation pl; hPt is the
// height of a page without a size of its own.
func (f *Fpdf) linkAnnotation(annots *fmtBuffer, pl linkType, hPt float64) {
	annots.printf("<</Type /Annot /Subtype /Link /Rect [%.2f %.2f %.2f %.2f] /Border [0 0 0] ",
		pl.x, pl.y, pl.x+pl.wd, pl.y-pl.ht)
	if pl.entries != "" {
		annots.printf("%s ", pl.entries)
	}
	if pl.link == 0 {
		annots.printf("/A <</S /URI /URI %s>>>>", f.textstring(pl.linkStr))
		return
	}
	l := f.links[pl.link]
	h := hPt
	if sz, ok := f.pageSizes[l.page]; ok {
		h = sz.Ht
	}
	annots.printf("/Dest [%d 0 R /XYZ 0 %.2f null]>>", 1+2*l.page, h-l.y*f.k)
}

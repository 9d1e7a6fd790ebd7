package fpdf

import (
	"errors"
	"strconv"
)

// This file lets a caller add to the document what Fpdf itself does not
// write, such as the structure tree of a tagged PDF: entries in page
// dictionaries, indirect objects written while the document is closed, and
// entries in the document catalog that refer to them.

// SetPageDictionaryEntries sets raw entries written into the page
// dictionary of page pageNum (one-based), for example
// "/StructParents 0 /Tabs /S". entries must be valid PDF dictionary
// entries; an empty string removes what was set. An understanding of the
// PDF specification is needed to use this method correctly.
func (f *Fpdf) SetPageDictionaryEntries(pageNum int, entries string) {
	if f.pageEntries == nil {
		f.pageEntries = make(map[int]string)
	}
	if entries == "" {
		delete(f.pageEntries, pageNum)
		return
	}
	f.pageEntries[pageNum] = entries
}

// ExtraObjectsFunc writes objects of the caller's own with w while a
// document is closed and returns raw entries for the document catalog that
// refer to them (for example "/StructTreeRoot 40 0 R /MarkInfo
// <</Marked true>>"). An error stops the document with that error.
type ExtraObjectsFunc func(w *ObjectWriter) (catalogEntries string, err error)

// SetExtraObjects registers fn, called once when the document is closed
// (by Output, OutputFileAndClose or Close), after the pages, resources,
// bookmarks and XMP metadata have been written and before the document
// information dictionary and the catalog. nil removes it. Objects written
// this way are not encrypted, so it cannot be combined with SetProtection.
// An understanding of the PDF specification is needed to use this method
// correctly.
func (f *Fpdf) SetExtraObjects(fn ExtraObjectsFunc) {
	f.extraObjects = fn
}

// RaisePDFVersion raises the version written in the document's header to
// major.minor when it is lower, for a document that uses features of a
// later version than Fpdf itself chose (for example /Tabs in a page
// dictionary, PDF 1.5).
func (f *Fpdf) RaisePDFVersion(major, minor uint) {
	if v := pdfVersionFrom(major, minor); v > f.pdfVersion {
		f.pdfVersion = v
	}
}

// ObjectWriter writes indirect objects into a document being closed; see
// SetExtraObjects.
type ObjectWriter struct {
	f *Fpdf
}

// NextObject returns the number the next object written will have.
// Objects are numbered consecutively, so a caller can refer to objects it
// has yet to write.
func (w *ObjectWriter) NextObject() int { return w.f.n + 1 }

// PageObject returns the object number of the dictionary of page pageNum
// (one-based).
func (w *ObjectWriter) PageObject(pageNum int) int { return 1 + 2*pageNum }

// PageCount returns the number of pages of the document.
func (w *ObjectWriter) PageCount() int { return w.f.page }

// WriteObject writes an indirect object whose content is body (a
// dictionary, an array or any other PDF object, without "obj" and
// "endobj") and returns its number.
func (w *ObjectWriter) WriteObject(body []byte) int {
	f := w.f
	if f.state == 2 { // within a page: newobj and out write to it
		f.newobj()
		must(f.buffer.Write(body))
		f.out("\nendobj")
		return f.n
	}
	// What newobj, the body and out("\nendobj") write, as one write to
	// the document (patch 43).
	f.n++
	for j := len(f.offsets); j <= f.n; j++ {
		f.offsets = append(f.offsets, 0)
	}
	f.offsets[f.n] = f.buffer.Len()
	b := strconv.AppendInt(f.buffer.AvailableBuffer(), int64(f.n), 10)
	b = append(b, " 0 obj\n"...)
	b = append(b, body...)
	b = append(b, "\nendobj\n"...)
	must(f.buffer.Write(b))
	return f.n
}

// WriteStream writes a stream object with data and the dictionary entries
// dict (without << >>; /Length and /Filter are added) and returns its
// number. With compress the data is compressed with Flate.
func (w *ObjectWriter) WriteStream(dict string, data []byte, compress bool) int {
	f := w.f
	f.newobj()
	if compress {
		var release func()
		data, release = f.deflate(data)
		defer release()
		dict += " /Filter /FlateDecode"
	}
	f.out("<<" + dict + " /Length " + strconv.Itoa(len(data)) + ">>")
	f.putstream(data)
	f.out("endobj")
	return f.n
}

// errExtraObjectsEncrypted is the error of a protected document with extra
// objects, whose strings would be written unencrypted.
var errExtraObjectsEncrypted = errors.New("fpdf: extra objects cannot be written into an encrypted document")

// putExtraObjects calls the caller's ExtraObjectsFunc, if any.
func (f *Fpdf) putExtraObjects() {
	f.catalogEntries = ""
	if f.extraObjects == nil {
		return
	}
	if f.protect.encrypted {
		f.err = errExtraObjectsEncrypted
		return
	}
	entries, err := f.extraObjects(&ObjectWriter{f: f})
	if err != nil {
		f.err = err
		return
	}
	f.catalogEntries = entries
}

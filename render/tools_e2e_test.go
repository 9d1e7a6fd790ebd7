//go:build e2e

package render_test

// externalTools is whether tests may run external programs (pdftotext):
// only under the e2e build tag (make e2e), so that go test stays fast.
const externalTools = true

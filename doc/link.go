package doc

import (
	"net/url"
	"strings"
)

// LiveLink says whether a link target may be made a live link in a
// document, and returns it trimmed: http and https links with a host,
// mailto links with an address, and "#anchor" links within the document.
// Anything else (javascript:, file:, data:, a relative path) is shown as
// plain text in every format.
func LiveLink(link string) (string, bool) {
	link = strings.TrimSpace(link)
	if link == "" {
		return "", false
	}
	u, err := url.Parse(link)
	if err != nil {
		return "", false
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
		return link, u.Host != ""
	case "mailto":
		return link, u.Opaque != ""
	case "":
		return link, strings.HasPrefix(link, "#") && len(link) > 1
	}
	return "", false
}

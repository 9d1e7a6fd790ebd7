#!/bin/sh
# Run upstream fpdf's own test suite against this patched copy.
#
# Upstream's tests and their data (fonts, images, texts, ICC profile,
# reference PDFs) come from the Go module cache (`go mod download`), never
# from this repository. They are copied, with this directory's package
# sources (as they are in the working tree), into a temporary directory,
# and `go test` runs there. Reference PDFs that the patches change on
# purpose are replaced by the ones in upstream-ref/ (see its README.md,
# which says which patch changes which reference). After the tests, every
# generated PDF that has a reference must equal it byte for byte: upstream's
# ComparePDFFiles compares only the length the two files share.
#
#   upstream-test.sh           run the suite (make test does)
#   upstream-test.sh -update   write into upstream-ref/ every generated PDF
#                              that differs from upstream's reference (and
#                              remove ours that no longer differ); review the
#                              diff (git diff --text) before committing it
#
# GO names the go command (default: go).
set -eu

GO=${GO:-go}
version=v0.12.0
# Tests left out, with the reason (README.md in upstream-ref/ lists them too):
#   ExampleFpdf_RegisterImageReader: downloads an image from codeberg.org.
skip='^ExampleFpdf_RegisterImageReader$'

update=false
case ${1-} in
'') ;;
-update) update=true ;;
*) echo "usage: $0 [-update]" >&2; exit 2 ;;
esac

here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/fpdf-upstream.XXXXXX")
trap 'chmod -R u+w "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT INT TERM

# Where the module cache holds upstream (downloaded through the proxy when
# it is not there yet). Asked from outside any module: inside this one, the
# module path is the main module's own.
up=$(cd "$tmp" && GOWORK=off GOFLAGS=-mod=mod "$GO" mod download -json "codeberg.org/go-pdf/fpdf@$version" |
	sed -n 's/^[[:space:]]*"Dir": "\(.*\)",\{0,1\}$/\1/p')
if [ -z "$up" ] || [ ! -f "$up/fpdf_test.go" ]; then
	echo "upstream-test.sh: cannot get codeberg.org/go-pdf/fpdf@$version from the module cache or proxy" >&2
	exit 1
fi

# The directory must be named fpdf: upstream's internal/example finds the
# test data by walking up to it.
dst=$tmp/fpdf
mkdir "$dst"
for f in "$here"/*.go; do
	case $f in *_test.go) continue ;; esac
	cp "$f" "$dst/"
done
cp -R "$here/go.mod" "$here/LICENSE" "$here/font_embed" "$dst/"
cp "$up"/*_test.go "$dst/"
cp -R "$up/internal" "$up/font" "$up/image" "$up/text" "$up/icc" "$up/pdf" "$dst/"
chmod -R u+w "$dst"
if ! $update; then
	for f in "$here"/upstream-ref/*.pdf; do
		[ -e "$f" ] || continue
		[ -e "$dst/pdf/reference/${f##*/}" ] || {
			echo "upstream-test.sh: upstream-ref/${f##*/} replaces no upstream reference" >&2
			exit 1
		}
		cp "$f" "$dst/pdf/reference/"
	done
fi

# Not -trimpath: it would change the build cache's keys of the standard
# library too, and a cold run would compile all of it again (about 50 s);
# as it is, only this package and its tests are compiled (about 5 s).
status=0
(cd "$dst" && GOWORK=off GOFLAGS=-mod=mod "$GO" test -count=1 -v -skip "$skip" ./... >"$tmp/out" 2>&1) || status=$?
passed=$(grep -c -- '^--- PASS' "$tmp/out" || true)
failed=$(grep -c -- '^--- FAIL' "$tmp/out" || true)

if $update; then
	mkdir -p "$here/upstream-ref"
	for ref in "$up"/pdf/reference/*.pdf; do
		b=${ref##*/}
		if [ ! -f "$dst/pdf/$b" ]; then
			echo "upstream-test.sh: no pdf/$b was generated" >&2
			status=1
		elif cmp -s "$dst/pdf/$b" "$ref"; then
			rm -f "$here/upstream-ref/$b"
		else
			cp "$dst/pdf/$b" "$here/upstream-ref/$b"
		fi
	done
	chmod 644 "$here"/upstream-ref/*.pdf 2>/dev/null || true
	echo "upstream-ref/: $(ls "$here"/upstream-ref/*.pdf 2>/dev/null | wc -l | tr -d ' ') of $(ls "$up"/pdf/reference/*.pdf | wc -l | tr -d ' ') references differ from upstream's; review them (git diff --text) and upstream-ref/README.md, then run $0"
	exit 0
fi

for ref in "$dst"/pdf/reference/*.pdf; do
	b=${ref##*/}
	if ! cmp -s "$dst/pdf/$b" "$ref"; then
		echo "pdf/$b differs from its reference pdf/reference/$b (byte for byte)" >>"$tmp/cmp"
	fi
done
if [ "$status" -ne 0 ] || [ -s "$tmp/cmp" ]; then
	grep -v -e '^=== ' -e '^--- PASS' "$tmp/out" >&2 || true
	cat "$tmp/cmp" >&2 2>/dev/null || true
	echo "upstream fpdf $version tests against the patched copy: FAIL ($passed passed, $failed failed)" >&2
	exit 1
fi
echo "upstream fpdf $version tests against the patched copy: ok ($passed passed, 1 skipped: network; $(ls "$here"/upstream-ref/*.pdf 2>/dev/null | wc -l | tr -d ' ') references from upstream-ref/)"

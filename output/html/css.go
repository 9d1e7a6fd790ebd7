package html

// screenCSS is the page style: a plain, high-contrast document look in the
// manner of GOV.UK and NHS pages. Text is #0b0c0c on white (19:1), headings
// #1d4f91 as in the PDF and DOCX (8.5:1), links #1d70b8 (5.2:1), secondary
// text #505a5f (7:1); focus is the GOV.UK yellow highlight, visible on every
// focusable element. The typeface is Arial, or Liberation Sans (the PDF's
// face, with Arial's metrics) where Arial is missing.
const screenCSS = `:root { color-scheme: light; }
*, *::before, *::after { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body {
  margin: 0 auto; padding: 0 1rem 2rem; max-width: 48rem;
  font-family: Arial, "Liberation Sans", Helvetica, sans-serif;
  font-size: 1.1875rem; line-height: 1.5; color: #0b0c0c; background: #fff;
  overflow-wrap: break-word;
}
.skip-link { position: absolute; left: -9999px; top: 0; }
.skip-link:focus { position: static; display: inline-block; margin: .5rem 0; padding: .25rem .5rem; }
.doc-header {
  display: flex; flex-wrap: wrap; align-items: center; gap: .5rem 1.5rem;
  margin: 0 0 1.5rem; padding: 1rem 0 .75rem; border-bottom: 6px solid #1d70b8;
  font-size: 1rem; color: #505a5f;
}
.doc-header p { margin: 0; }
.doc-header .header-right { margin-left: auto; text-align: right; }
.doc-header .logo { display: block; height: 3rem; width: auto; }
h1, h2, h3, h4, h5, h6 { font-weight: 700; line-height: 1.25; margin: 2rem 0 1rem; color: #1d4f91; }
h1 { font-size: 2.25rem; margin-top: 1rem; }
h2 { font-size: 1.6rem; padding-top: .5rem; border-top: 1px solid #b1b4b6; }
h3 { font-size: 1.3rem; }
h4, h5, h6 { font-size: 1.1875rem; }
h1 + h2 { border-top: 0; }
p { margin: 0 0 1rem; }
ul, ol { margin: 0 0 1rem; padding-left: 1.5rem; }
li { margin-bottom: .35rem; }
li > ul, li > ol { margin: .35rem 0 0; }
code { font-family: "Courier New", "Liberation Mono", monospace; font-size: .9em; background: #f3f2f1; padding: 0 .2em; }
ins { text-decoration: none; font-weight: 700; }
hr { border: 0; border-top: 1px solid #b1b4b6; margin: 2rem 0; }
a { color: #1d70b8; text-decoration: underline; text-underline-offset: .15em; }
a:visited { color: #4c2c92; }
a:hover { color: #003078; text-decoration-thickness: 3px; }
a:focus-visible, .table-wrap:focus-visible, summary:focus-visible {
  outline: 3px solid #ffdd00; outline-offset: 0; background-color: #ffdd00;
  color: #0b0c0c; box-shadow: 0 -2px #ffdd00, 0 4px #0b0c0c; text-decoration: none;
}
.table-wrap { overflow-x: auto; margin: 0 0 1.5rem; }
.table-wrap:focus-visible { background-color: transparent; box-shadow: none; }
table { border-collapse: collapse; width: 100%; font-size: 1rem; }
th, td { border: 1px solid #b1b4b6; padding: .5rem .6rem; text-align: left; vertical-align: top; }
thead th, thead td { background: #e8e8e8; font-weight: 700; }
tbody tr:nth-child(even) { background: #f6f6f5; }
.align-left { text-align: left; }
.align-center { text-align: center; }
.align-right { text-align: right; }
figure.chart { margin: 0 0 1.5rem; }
figure.chart svg { display: block; max-width: 100%; height: auto; font-family: inherit; font-size: 14px; }
svg text { fill: #0b0c0c; }
svg .chart-title { font-size: 16px; font-weight: 700; }
svg .bar-label { font-weight: 600; }
svg .tick { fill: #505a5f; }
svg .grid { stroke: #d8d8d8; stroke-width: 1; }
svg .axis { stroke: #0b0c0c; stroke-width: 1; }
.chart-data summary { cursor: pointer; color: #1d70b8; text-decoration: underline; margin-bottom: .5rem; }
.chart-data[open] summary { margin-bottom: 1rem; }
.page-break { display: none; }
.doc-footer { margin-top: 3rem; padding-top: 1rem; border-top: 1px solid #b1b4b6; font-size: 1rem; color: #505a5f; }
.doc-footer p { margin: 0; }
`

// printCSS lays the page out for A4 paper: no screen-only furniture, header
// rows repeat on every page, rows and headings are not split or stranded.
const printCSS = `@media print {
  body { max-width: none; padding: 0; font-size: 11pt; }
  .skip-link, .chart-data summary { display: none; }
  .doc-header { border-bottom-width: 3px; }
  h1 { font-size: 20pt; } h2 { font-size: 15pt; } h3 { font-size: 13pt; } h4, h5, h6 { font-size: 11pt; }
  h1, h2, h3, h4, h5, h6 { break-after: avoid; page-break-after: avoid; break-inside: avoid; }
  p, li { orphans: 3; widows: 3; }
  a, a:visited { color: #0b0c0c; }
  a[href^="http"]::after, a[href^="mailto:"]::after { content: " (" attr(href) ")"; font-size: .9em; overflow-wrap: anywhere; }
  .table-wrap { overflow: visible; }
  table { font-size: 9.5pt; width: calc(100% - 2px); margin-left: 1px; }
  thead { display: table-header-group; }
  tr, th, td, figure.chart { break-inside: avoid; page-break-inside: avoid; }
  tbody tr:nth-child(even) { background: #f6f6f5; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  thead th, thead td, svg { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .page-break { display: block; break-before: page; page-break-before: always; height: 0; }
  .doc-footer { margin-top: 2rem; }
}
`

// wideCSS is the screen layout of a landscape document (the career map):
// its tables take up to the width of a landscape page, in ems of table
// text, so that a column holds its words as in print; running text keeps
// a readable measure.
const wideCSS = `@media screen {
  body { max-width: 80rem; }
  main > p, main > ul, main > ol { max-width: 48rem; }
}
`

// css returns the page's style sheet for the given paper orientation and
// margins (narrow: doc.Meta.NarrowMargins).
func css(landscape, narrow bool) string {
	size := "A4 portrait"
	wide := ""
	if landscape {
		size = "A4 landscape"
		wide = wideCSS
	}
	margin := "18mm 16mm"
	if narrow {
		margin = "14mm 12mm"
	}
	return screenCSS + tableCSS + wide + "@page { size: " + size + "; margin: " + margin + "; }\n" + printCSS
}

// parallelCSS lays out a bilingual document's parallel columns: two
// equal columns in the same type (equal prominence) on a page wide enough
// for them, one above the other (first language first) below 50rem and in
// print on narrow paper.
const parallelCSS = `body { max-width: 76rem; }
.parallel { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 0 2.5rem; align-items: start; }
.parallel-cell > :first-child { margin-top: 0; }
.parallel-cell > h2:first-child, .parallel-cell > h3:first-child { margin-top: 1.5rem; }
@media screen and (max-width: 50rem) { .parallel { grid-template-columns: minmax(0, 1fr); } }
`

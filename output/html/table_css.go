package html

// tableCSS sets tables as the tree decided: fixed column widths from each
// table's <colgroup> (the same relative widths as the PDF and DOCX),
// words broken only when one alone is wider than its column (each table
// is given a min-width at which its widest words fit, and scrolls in its
// region below it; hyphens: auto with the page's lang), row headers
// of key–value tables, and rows with room to write in by hand. Table text
// is a little smaller than body text, so that a column holds about as many
// characters as in print; on a narrow screen a table scrolls in its region
// rather than breaking words.
const tableCSS = `table { table-layout: fixed; font-size: .875rem; }
th, td { overflow-wrap: break-word; -webkit-hyphens: auto; hyphens: auto; }
tbody th[scope="row"] { background: #e8e8e8; font-weight: 700; }
table.write tbody tr { height: calc(var(--write-lines, 1) * 1.5em + 1rem); }
@media screen and (max-width: 40rem) {
  /* On a narrow screen a table of three columns or more keeps a width
     its columns can be read at and scrolls inside its own region
     (.table-wrap), rather than breaking words letter by letter (WCAG
     1.4.10 allows two-dimensional scrolling for data tables); a table of
     two (a label and its value) fits the screen, at no less than the
     width its words fit in (each table's own rule, which outranks this
     one). */
  table { min-width: 44rem; }
}
@media print {
  table.write tbody tr { height: calc(var(--write-lines, 1) * 1.38em + 2.6mm); }
  tbody th[scope="row"] { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`

// Peer: pdfkit with the core Helvetica fonts, nothing embedded.
"use strict";
const { args, bench } = require("./bench");
const { renderPDF } = require("./pdfkit-doc");

const a = args();
const fonts = { r: "Helvetica", b: "Helvetica-Bold", i: "Helvetica-Oblique", bi: "Helvetica-BoldOblique" };
bench("pdfkit-core", a, () => renderPDF(a.jd, fonts)).catch((e) => {
  console.error(e);
  process.exit(1);
});

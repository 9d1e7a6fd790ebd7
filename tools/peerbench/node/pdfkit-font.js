// Peer: pdfkit embedding Liberation Sans, the same TrueType files rolepack's
// PDF writer embeds (peerbench writes them beside jd.json). The files are
// read once; every document registers the four faces from those bytes, as
// fpdf's per-document floor does, and pdfkit subsets them.
"use strict";
const fs = require("fs");
const path = require("path");
const { args, bench } = require("./bench");
const { renderPDF } = require("./pdfkit-doc");

const a = args();
const files = {
  r: "LiberationSans-Regular.ttf",
  b: "LiberationSans-Bold.ttf",
  i: "LiberationSans-Italic.ttf",
  bi: "LiberationSans-BoldItalic.ttf",
};
const bytes = {};
for (const [k, f] of Object.entries(files)) bytes[k] = fs.readFileSync(path.join(a.dir, f));
const fonts = { r: "Sans", b: "Sans-Bold", i: "Sans-Italic", bi: "Sans-BoldItalic" };
const setup = (doc) => {
  for (const k of Object.keys(files)) doc.registerFont(fonts[k], bytes[k]);
};
bench("pdfkit-font", a, () => renderPDF(a.jd, fonts, setup)).catch((e) => {
  console.error(e);
  process.exit(1);
});

// Renders jd.json with pdfkit the way its documentation shows: A4, 20 mm
// margins, text() with `continued` for styled runs, lists as indented
// paragraphs, tables with the built-in doc.table(). fonts names the regular,
// bold, italic and bold-italic fonts, and setup (optional) registers them in
// a new document.
"use strict";
const PDFDocument = require("pdfkit");

const MM = 72 / 25.4;

function renderPDF(jd, fonts, setup) {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: "A4", margin: 20 * MM, info: { Title: jd.title, Creator: "rolepack peerbench peer" } });
    const chunks = [];
    doc.on("data", (c) => chunks.push(c));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
    if (setup) setup(doc);
    const face = (r) => (r.bold && r.italic ? fonts.bi : r.bold ? fonts.b : r.italic ? fonts.i : fonts.r);
    const runs = (rs, opts) => {
      if (rs.length === 0) rs = [{ text: "" }];
      rs.forEach((r, i) => {
        doc.font(face(r)).fontSize(10.5).text(r.text, { ...opts, continued: i < rs.length - 1 });
      });
    };
    const left = doc.page.margins.left;
    const sizes = { 1: 20, 2: 15, 3: 12.5 };
    for (const b of jd.blocks) {
      switch (b.type) {
        case "heading":
          doc.moveDown(0.4).font(fonts.b).fontSize(sizes[b.level] || 11).text(b.text, left).moveDown(0.2);
          break;
        case "paragraph":
          doc.x = left;
          runs(b.runs, {});
          doc.moveDown(0.4);
          break;
        case "list":
          b.items.forEach((it, i) => {
            const y = doc.y;
            doc.font(fonts.r).fontSize(10.5).text(b.ordered ? `${i + 1}.` : "-", left, y);
            doc.y = y;
            doc.x = left + 6 * MM;
            runs(it, { width: doc.page.width - doc.page.margins.right - left - 6 * MM });
            doc.moveDown(0.15);
          });
          doc.x = left;
          doc.moveDown(0.3);
          break;
        case "table": {
          const data = [];
          if (b.header.length) data.push(b.header.map((t) => ({ text: t, font: { src: fonts.b } })));
          for (const r of b.rows) data.push(r);
          doc.x = left;
          doc.font(fonts.r).fontSize(9.5).table({ data });
          doc.moveDown(0.5);
          break;
        }
      }
    }
    doc.end();
  });
}

module.exports = { renderPDF };

// Peer: docxtemplater filling a template DOCX with loops over the blocks.
// The template (content types, relationships and a document.xml whose
// loops make headings, paragraphs of styled runs, list items and tables)
// is built once with pizzip; every document then loads it, renders the
// data and zips the result, as a program serving many documents does.
"use strict";
const PizZip = require("pizzip");
const Docxtemplater = require("docxtemplater");
const { args, bench } = require("./bench");

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const tagPara = (tag) => `<w:p><w:r><w:t>{${tag}}</w:t></w:r></w:p>`;
const run = (bold, size, text) =>
  `<w:r><w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial"/>${bold ? "<w:b/>" : ""}<w:sz w:val="${size}"/></w:rPr><w:t xml:space="preserve">${text}</w:t></w:r>`;
const runs = (size) =>
  `<w:r><w:t>{#runs}{#bold}</w:t></w:r>${run(true, size, "{text}")}<w:r><w:t>{/bold}{^bold}</w:t></w:r>${run(false, size, "{text}")}<w:r><w:t>{/bold}{/runs}</w:t></w:r>`;

const body = [
  tagPara("#blocks"),
  ...[["h1", 40], ["h2", 30], ["h3", 25]].flatMap(([h, size]) => [
    tagPara("#" + h),
    `<w:p><w:pPr><w:keepNext/><w:spacing w:before="240" w:after="120"/></w:pPr>${run(true, size, "{text}")}</w:p>`,
    tagPara("/" + h),
  ]),
  tagPara("#paragraph"),
  `<w:p>${runs(21)}</w:p>`,
  tagPara("/paragraph"),
  tagPara("#list"),
  tagPara("#items"),
  `<w:p><w:pPr><w:ind w:left="360" w:hanging="360"/></w:pPr>${run(false, 21, "{marker}\t")}${runs(21)}</w:p>`,
  tagPara("/items"),
  tagPara("/list"),
  tagPara("#table"),
  `<w:tbl><w:tblPr><w:tblW w:w="5000" w:type="pct"/><w:tblBorders>` +
    ["top", "left", "bottom", "right", "insideH", "insideV"].map((s) => `<w:${s} w:val="single" w:sz="4" w:space="0" w:color="808080"/>`).join("") +
    `</w:tblBorders></w:tblPr><w:tblGrid><w:gridCol w:w="3000"/></w:tblGrid>` +
    `<w:tr><w:tc><w:p><w:r><w:t>{-w:tr rows}{-w:tc cells}</w:t></w:r>${runs(19)}<w:r><w:t>{/cells}{/rows}</w:t></w:r></w:p></w:tc></w:tr></w:tbl>`,
  tagPara("/table"),
  tagPara("/blocks"),
].join("");

function template() {
  const zip = new PizZip();
  zip.file(
    "[Content_Types].xml",
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
  );
  zip.file(
    "_rels/.rels",
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>'
  );
  zip.file(
    "word/document.xml",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ${W}><w:body>${body}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1134" w:header="567" w:footer="567" w:gutter="0"/></w:sectPr></w:body></w:document>`
  );
  return zip.generate({ type: "nodebuffer", compression: "DEFLATE" });
}

// data turns jd.json into the template's data: one flag per block type.
function data(jd) {
  const cell = (text, bold) => ({ runs: [{ text, bold }] });
  return {
    blocks: jd.blocks.map((b) => {
      switch (b.type) {
        case "heading":
          return { ["h" + Math.min(b.level, 3)]: { text: b.text } };
        case "paragraph":
          return { paragraph: { runs: b.runs } };
        case "list":
          return { list: { items: b.items.map((runs, i) => ({ marker: b.ordered ? `${i + 1}.` : "•", runs })) } };
        case "table":
          return {
            table: {
              rows: [
                ...(b.header.length ? [{ cells: b.header.map((t) => cell(t, true)) }] : []),
                ...b.rows.map((r) => ({ cells: r.map((t) => cell(t, false)) })),
              ],
            },
          };
        default:
          return {};
      }
    }),
  };
}

const a = args();
const tpl = template();
const d = data(a.jd);
bench("docxtemplater", a, async () => {
  const doc = new Docxtemplater(new PizZip(tpl), { paragraphLoop: true, linebreaks: false });
  doc.render(d);
  return doc.getZip().generate({ type: "nodebuffer", compression: "DEFLATE" });
}).catch((e) => {
  console.error(e.properties ? JSON.stringify(e.properties.errors || e.properties, null, 1) : e);
  process.exit(1);
});

// Reads a PDF with pdf.js and prints, as JSON, what pdf.js makes of its
// structure tree: the elements of each page in tree order with their
// role, depth, alternative text and the text of their marked content.
// Used by output/pdf/pdfjs_e2e_test.go: node structure.mjs FILE.pdf OUT.json
// (a file, since pdf.js prints its warnings on standard output).
import { readFile, writeFile } from "node:fs/promises";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";

const data = new Uint8Array(await readFile(process.argv[2]));
const pdf = await getDocument({ data, useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
const pages = [];
for (let n = 1; n <= pdf.numPages; n++) {
  const page = await pdf.getPage(n);
  const content = await page.getTextContent({ includeMarkedContent: true });
  const text = new Map();
  const open = [];
  for (const item of content.items) {
    if (item.type === "beginMarkedContentProps" || item.type === "beginMarkedContent") {
      open.push(item.id ?? null);
    } else if (item.type === "endMarkedContent") {
      open.pop();
    } else if (typeof item.str === "string") {
      const id = open.findLast((x) => x !== null);
      if (id) text.set(id, (text.get(id) ?? "") + item.str + (item.hasEOL ? " " : ""));
    }
  }
  const elements = [];
  const walk = (node, depth) => {
    if (node.type === "content") return text.get(node.id) ?? "";
    if (node.type === "annotation" || node.type === "object") return "";
    const el = { role: node.role, depth, alt: node.alt ?? "", text: "" };
    elements.push(el);
    let s = "";
    for (const kid of node.children ?? []) s += walk(kid, depth + 1);
    el.text = s;
    return s;
  };
  const tree = await page.getStructTree();
  if (tree) walk(tree, 0);
  pages.push({ elements });
}
await writeFile(process.argv[3], JSON.stringify({ pages }));

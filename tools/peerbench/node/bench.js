// Shared timing loop of the peer scripts: each script gives a function that
// renders jd.json into one file's bytes (a Promise of a Buffer); this makes
// `warmup` documents, then `n` timed ones, writes the last one to `out` and
// prints one line of JSON: {"tool", "ms" (median ms per document), "cpu_ms"
// (the process's user and system CPU over the timed documents, every thread
// (compiler, collector) included, per document), "n", "bytes"}.
//
// Usage of every script: node SCRIPT.js JD_JSON N WARMUP OUT_FILE
"use strict";
const fs = require("fs");
const path = require("path");

function args() {
  const [jdPath, n, warmup, out] = process.argv.slice(2);
  if (!jdPath || !out) {
    console.error("usage: node " + path.basename(process.argv[1]) + " JD_JSON N WARMUP OUT_FILE");
    process.exit(2);
  }
  const jd = JSON.parse(fs.readFileSync(jdPath, "utf8"));
  // jd.json leaves out empty fields (a key-value table has no header).
  for (const b of jd.blocks) {
    b.runs = b.runs || [];
    b.items = b.items || [];
    b.header = b.header || [];
    b.rows = b.rows || [];
  }
  return {
    jd,
    dir: path.dirname(jdPath),
    n: Number(n) || 50,
    warmup: Number(warmup) || 0,
    out,
  };
}

function median(v) {
  const s = [...v].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

async function bench(tool, a, render) {
  let last;
  for (let i = 0; i < a.warmup; i++) last = await render();
  if (global.gc) global.gc();
  const samples = [];
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < a.n; i++) {
    const t = process.hrtime.bigint();
    last = await render();
    samples.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  const cpu = process.cpuUsage(cpu0);
  const cpuMS = (cpu.user + cpu.system) / 1000 / a.n;
  fs.writeFileSync(a.out, last);
  console.log(JSON.stringify({ tool, ms: median(samples), cpu_ms: cpuMS, n: a.n, bytes: last.length }));
}

// runsText returns the plain text of runs.
function runsText(runs) {
  return runs.map((r) => r.text).join("");
}

module.exports = { args, bench, runsText };

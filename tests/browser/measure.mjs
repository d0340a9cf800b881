// Renders pantau's HTML outputs in headless Chromium the way their readers
// meet them -- a 390 px phone, a 1280 px screen, an A4 print -- and reports
// what does not fit. The integration tests (tests/integration/browser.rs)
// run it and assert on its JSON; the screenshots and PDFs it writes are for
// people to look at.
//
//   node tests/browser/measure.mjs OUT_DIR FILE.html...
//
// Prints one JSON object: { "<file name>": { phone, desktop, print } }.

import { createRequire } from "node:module";
import { basename, join } from "node:path";
import { mkdirSync, writeFileSync } from "node:fs";

const require = createRequire(import.meta.url);
const { chromium } = require("playwright-core");

const [out, ...files] = process.argv.slice(2);
mkdirSync(out, { recursive: true });

// A4 at 96 px per inch, less the 12 mm margins of the print style sheet.
const A4_WIDTH = Math.floor(((210 - 24) / 25.4) * 96);
const A4_HEIGHT = Math.floor(((297 - 24) / 25.4) * 96);

const browser = await chromium.launch({
  executablePath: process.env.PANTAU_CHROMIUM || "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
  ],
});

// Elements wider than the page, the widest first.
function overflow() {
  const width = document.documentElement.clientWidth;
  const wide = [];
  for (const el of document.body.querySelectorAll("*")) {
    const r = el.getBoundingClientRect();
    if (r.width > 0 && r.right > width + 1) {
      // Only the outermost: skip what lies inside an element already listed.
      if (wide.some((w) => w.el.contains(el))) continue;
      wide.push({ el, right: Math.round(r.right) });
    }
  }
  return {
    scrollWidth: document.documentElement.scrollWidth,
    width,
    wide: wide.slice(0, 10).map((w) => ({
      tag: w.el.tagName.toLowerCase(),
      cls: w.el.className && w.el.className.baseVal === undefined ? w.el.className : "",
      id: w.el.id,
      right: w.right,
    })),
  };
}

// Tables whose content is wider than the box they are shown in.
function clippedTables() {
  const clipped = [];
  for (const table of document.querySelectorAll("table")) {
    const box = table.parentElement;
    if (table.scrollWidth > box.clientWidth + 1) {
      const caption = table.querySelector("caption");
      clipped.push({
        caption: caption ? caption.textContent.trim().slice(0, 80) : "",
        table: table.scrollWidth,
        box: box.clientWidth,
      });
    }
  }
  return clipped;
}

// Chart text as drawn on the screen, in CSS pixels.
function chartText() {
  const sizes = [];
  for (const text of document.querySelectorAll("svg text")) {
    const r = text.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    const ctm = text.getScreenCTM();
    const size = parseFloat(getComputedStyle(text).fontSize) * (ctm ? Math.hypot(ctm.a, ctm.b) : 1);
    sizes.push({ size: Math.round(size * 10) / 10, text: text.textContent.trim().slice(0, 40) });
  }
  sizes.sort((a, b) => a.size - b.size);
  return { smallest: sizes.slice(0, 5), count: sizes.length };
}

// What must never be split by a page break: charts, figures, table rows,
// the notice's RW blocks' headings. Each must avoid breaks inside it and
// fit on a page; the notice's RW blocks start on a new page.
function printLayout(pageHeight) {
  const guarded = document.querySelectorAll(
    "figure, .figure-card, tr, .notice-rw-head, .signature, .summary-page",
  );
  const breakable = [];
  const tooTall = [];
  for (const el of guarded) {
    const style = getComputedStyle(el);
    const avoid =
      style.breakInside === "avoid" || style.breakInside === "avoid-page" || style.pageBreakInside === "avoid";
    const h = el.getBoundingClientRect().height;
    const label = `${el.tagName.toLowerCase()}.${el.className || ""}#${el.id || ""}`;
    if (!avoid && h > 0) breakable.push(label);
    if (h > pageHeight) tooTall.push({ label, height: Math.round(h) });
  }
  const rw = [...document.querySelectorAll(".notice-rw")];
  const rwBreaks = rw.filter((el, i) => {
    const style = getComputedStyle(el);
    return i === 0 || style.breakBefore === "page" || style.pageBreakBefore === "always";
  }).length;
  return { breakable: breakable.slice(0, 10), breakableCount: breakable.length, tooTall, rw: rw.length, rwBreaks };
}

const results = {};
for (const file of files) {
  const name = basename(file, ".html");
  const result = {};
  const page = await browser.newPage();
  const url = "file://" + file;

  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(url, { waitUntil: "load" });
  result.phone = { ...(await page.evaluate(overflow)), text: await page.evaluate(chartText) };
  await page.screenshot({ path: join(out, `${name}-390.png`), fullPage: true });

  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(url, { waitUntil: "load" });
  result.desktop = { ...(await page.evaluate(overflow)), clipped: await page.evaluate(clippedTables) };
  await page.screenshot({ path: join(out, `${name}-1280.png`), fullPage: false });

  await page.emulateMedia({ media: "print" });
  await page.setViewportSize({ width: A4_WIDTH, height: A4_HEIGHT });
  await page.goto(url, { waitUntil: "load" });
  result.print = await page.evaluate(printLayout, A4_HEIGHT);
  const pdf = await page.pdf({ format: "A4", printBackground: true, preferCSSPageSize: true });
  writeFileSync(join(out, `${name}.pdf`), pdf);
  result.print.pages = (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) || []).length;
  await page.close();
  results[basename(file)] = result;
}
await browser.close();
process.stdout.write(JSON.stringify(results, null, 1) + "\n");

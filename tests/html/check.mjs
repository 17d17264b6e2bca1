// Checks unconf's web pages in the system's Chromium and prints what it
// found as a JSON list, one result per file, on standard output:
//
//   node tests/html/check.mjs [--a4] FILE.html ... [--a3] POSTER.html ...
//
// --a4 (the default) and --a3 set the paper for the files after them.
// For a phone (390x844) and a desktop (1280x800): axe-core's WCAG 2.0, 2.1
// and 2.2 A and AA rules and its best practices; every request the page
// makes (anything but the file itself is refused and reported); sideways
// scrolling; one h1 and headings in order; the visible text. Then the page
// printed to PDF (A4 landscape for a write-up, A3 landscape for a poster),
// and printed again by the page's own @page sizes.
//
// Exits 0 when it could check, whatever it found (the Rust test judges the
// result), and 2 when it could not (no browser, no packages, no file).

import { readFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);

function fail(why) {
  process.stderr.write(`check.mjs: ${why}\n`);
  process.exit(2);
}

const files = [];
let paper = 'a4';
for (const arg of process.argv.slice(2)) {
  if (arg === '--a4' || arg === '--a3') paper = arg.slice(2);
  else if (arg.startsWith('--')) fail(`unknown option ${arg}`);
  else if (!existsSync(arg)) fail(`no such file: ${arg}`);
  else files.push({ file: arg, paper });
}
if (files.length === 0) fail('give at least one HTML file');
const browserPath = process.env.UNCONF_CHROMIUM || '/usr/bin/chromium';
if (!existsSync(browserPath)) fail(`no browser at ${browserPath}`);

let chromium, axeSource;
try {
  ({ chromium } = require('playwright-core'));
  axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
} catch (e) {
  fail(`the npm packages are missing (npm ci --prefix tests/html): ${e.message}`);
}

const VIEWPORTS = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'desktop', width: 1280, height: 800 },
];
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa', 'best-practice'];

const browser = await chromium.launch({
  executablePath: browserPath,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});

const results = [];
try {
  for (const { file, paper } of files) {
    results.push(await check(pathToFileURL(resolve(file)).href, paper));
  }
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(results, null, 2) + '\n');

async function check(url, paper) {
  const outside = new Set();
  const result = { file: url, outside_requests: [], viewports: {}, pdf: null };
  for (const viewport of VIEWPORTS) {
    const context = await browser.newContext({
      viewport: { width: viewport.width, height: viewport.height },
      javaScriptEnabled: true,
    });
    const page = await context.newPage();
    // Every request goes through here: the page itself is let through,
    // anything else is refused and reported.
    await page.route('**/*', (route) => {
      const requested = route.request().url();
      if (requested === url) return route.continue();
      outside.add(requested);
      return route.abort();
    });
    page.on('request', (request) => {
      if (request.url() !== url) outside.add(request.url());
    });
    await page.goto(url, { waitUntil: 'load' });
    const found = await page.evaluate(() => {
      const root = document.documentElement;
      const headings = [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].map((h) => ({
        level: Number(h.tagName[1]),
        text: h.textContent.trim(),
      }));
      const skips = [];
      headings.forEach((h, i) => {
        const before = i === 0 ? 0 : headings[i - 1].level;
        if (h.level > before + 1) skips.push(`h${before} then h${h.level}: ${h.text}`);
      });
      return {
        scroll_width: root.scrollWidth,
        client_width: root.clientWidth,
        h1_count: headings.filter((h) => h.level === 1).length,
        heading_skips: skips,
        lang: root.getAttribute('lang'),
        scripts: document.querySelectorAll('script').length,
        text: document.body.innerText,
        sections: [...document.querySelectorAll('main section')].map((s) => ({
          heading: (s.querySelector('h2') || { textContent: '' }).textContent.trim(),
          text: s.innerText,
        })),
      };
    });
    // axe-core is the check's own script, put in after the page has been
    // read, so that it is not counted against the page.
    await page.evaluate(axeSource);
    const axe = await page.evaluate(
      (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags } }),
      TAGS,
    );
    result.viewports[viewport.name] = {
      ...found,
      overflow: found.scroll_width > found.client_width,
      violations: axe.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.map((n) => n.target.join(' ')),
      })),
      passes: axe.passes.length,
      incomplete: axe.incomplete.map((v) => v.id),
    };
    if (viewport.name === 'desktop') {
      const pdf = await page.pdf({
        format: paper === 'a3' ? 'A3' : 'A4',
        landscape: true,
        printBackground: true,
      });
      const text = pdf.toString('latin1');
      const pages = (text.match(/\/Type\s*\/Page[^s]/g) || []).length;
      // And as the page's own @page rules lay it out: each page's size
      // in points, so that landscape pages can be told from portrait.
      const own = (await page.pdf({ preferCSSPageSize: true, printBackground: true })).toString('latin1');
      const sizes = [...own.matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)].map((m) => [
        Math.round(Number(m[1])),
        Math.round(Number(m[2])),
      ]);
      result.pdf = {
        paper,
        bytes: pdf.length,
        is_pdf: text.startsWith('%PDF-') && text.trimEnd().endsWith('%%EOF'),
        pages,
        own_page_sizes: sizes,
      };
    }
    await context.close();
  }
  result.outside_requests = [...outside].sort();
  return result;
}

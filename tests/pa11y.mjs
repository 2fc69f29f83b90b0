// HTML_CodeSniffer (pa11y's `htmlcs` runner, WCAG 2 AA) over pages of a served site, in one
// Debian Chromium (never a browser downloaded by puppeteer), a few pages at a time.
// Usage: node tests/pa11y.mjs ORIGIN CONCURRENCY PAGE... (a path under ORIGIN, or a whole
// address such as file:///…). Prints one JSON object
// {page: [issue, ...]} (errors only) and exits 0; a page that fails to load is an issue.
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const pa11y = require("pa11y");
const puppeteer = require("puppeteer");

const [origin, concurrency, ...pages] = process.argv.slice(2);
const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const results = {};
const queue = [...pages];

async function worker() {
  for (let path = queue.shift(); path !== undefined; path = queue.shift()) {
    const page = await browser.newPage();
    try {
      const url = /^[a-z]+:/.test(path) ? path : `${origin}/${path}`;
      const found = await pa11y(url, {
        browser, page, runners: ["htmlcs"], standard: "WCAG2AA", includeWarnings: false,
        includeNotices: false, timeout: 120000, log: { debug() {}, error() {}, info() {} },
      });
      results[path] = found.issues.map((i) => `${i.code}: ${i.message} — ${i.selector}`);
    } catch (error) {
      results[path] = [`pa11y: ${error.message}`];
    } finally {
      await page.close();
    }
  }
}

await Promise.all(Array.from({ length: Number(concurrency) || 1 }, worker));
await browser.close();
console.log(JSON.stringify(results));

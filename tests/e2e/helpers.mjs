// Shared set-up for the end-to-end tests: serve the release build like a static host (under a
// sub-path, deep links answered with the app), drive Debian's Chromium with playwright-core, collect
// console errors, and keep screenshots in test-results/.
import { spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import { createServer } from "node:net";
import { join, resolve } from "node:path";
import { after, before } from "node:test";
import { chromium } from "playwright-core";

export const ROOT = resolve(import.meta.dirname, "../..");
export const DIST = resolve(ROOT, process.env.E2E_DIST ?? "target/e2e-dist");
export const BASE = (process.env.E2E_BASE ?? "/crm/").replace(/\/?$/, "/");
export const RESULTS = resolve(ROOT, "test-results");
mkdirSync(RESULTS, { recursive: true });

const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

async function freePort() {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.on("error", fail);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });
}

/** Starts the static server (its pages allowing the sync server `connect`, if given);
 * resolves to { url, stop }. */
export async function startServer({ connect } = {}) {
  const port = await freePort();
  const extra = connect ? ["--connect", connect] : [];
  const child = spawn(
    process.execPath,
    [join(ROOT, "scripts/serve.mjs"), "--dir", DIST, "--port", String(port), "--base", BASE, "--quiet", ...extra],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  await new Promise((ok, fail) => {
    child.stdout.on("data", (d) => String(d).includes("Serving") && ok());
    child.on("exit", (code) => fail(new Error(`server exited with ${code}`)));
  });
  return { url: `http://127.0.0.1:${port}${BASE}`, stop: () => child.kill() };
}

/** Launches headless Chromium. */
export function launch() {
  return chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
}

/**
 * A fresh browser context (fresh IndexedDB and localStorage) and a page in it, with every
 * console error, page error and CSP violation recorded in `page.problems`.
 */
export async function openApp(browser, url, { lang = "zh-CN", width = 1280, height = 800, colorScheme = "light", path = "customers", timezoneId } = {}) {
  const context = await browser.newContext({ locale: lang, viewport: { width, height }, colorScheme, timezoneId });
  const page = await context.newPage();
  watch(page);
  await page.goto(url + path);
  await page.waitForSelector("main.main, [data-testid=boot-screen] [role=alert]", { timeout: 30_000 });
  return { context, page };
}

/** Records problems a page reports: console errors, page errors, CSP violations, dialogs. */
export function watch(page) {
  page.problems = [];
  page.on("console", (m) => {
    const text = m.text();
    if (m.type() === "error") page.problems.push(`console: ${text}`);
    if (/Content Security Policy|Refused to/.test(text)) page.problems.push(`csp: ${text}`);
  });
  page.on("pageerror", (e) => page.problems.push(`pageerror: ${e.message}`));
  page.on("dialog", (d) => {
    page.problems.push(`dialog: ${d.message()}`);
    d.dismiss();
  });
}

/** Saves a screenshot under test-results/. */
export async function shot(page, name, fullPage = false) {
  await page.screenshot({ path: join(RESULTS, `${name}.png`), fullPage });
}

/** Loads the sample data from the empty list and waits for the rows. */
export async function loadSample(page) {
  await page.getByTestId("load-sample").click();
  await page.getByTestId("customer-row").first().waitFor({ timeout: 60_000 });
}

/** Types into a field by its DOM id. */
export async function fill(page, id, value) {
  await page.locator(`#${id}`).fill(value);
}

/**
 * Registers the server and browser for a test file: `const app = useApp();` then `app.url`
 * and `app.browser` inside the tests.
 */
export function useApp() {
  const app = {};
  before(async () => {
    const server = await startServer();
    app.stopServer = server.stop;
    app.url = server.url;
    app.browser = await launch();
  });
  after(async () => {
    await app.browser?.close();
    app.stopServer?.();
  });
  return app;
}

/**
 * Opens a section of the customer page (timeline, complaints, contacts, analysis, loyalty,
 * file); the choice is remembered for the next customer page in the same browser context.
 */
export async function openSection(page, key) {
  await page.getByTestId(`section-${key}`).click();
  await page.getByTestId(`section-panel-${key}`).waitFor();
}

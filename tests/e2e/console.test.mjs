// Every route, opened as a deep link (a fresh page load at its URL, as from a bookmark), with
// the sample data: answered with 200, and nothing in the console — no error, no warning, no
// failed request.
import assert from "node:assert/strict";
import { test } from "node:test";
import { loadSample, openApp, useApp } from "./helpers.mjs";

const app = useApp();

test("every route opens from its own URL with a clean console", async () => {
  const { context, page } = await openApp(app.browser, app.url);
  await loadSample(page);
  await page.locator("[data-testid=customer-row] .row-link").first().click();
  await page.getByTestId("customer-detail").waitFor();
  const customer = new URL(page.url()).pathname.replace(/^.*\/customers\//, "");
  const routes = [
    "",
    "today",
    "customers",
    "customers/new",
    `customers/${customer}`,
    `customers/${customer}/edit`,
    "segments",
    "validation",
    "commitments",
    "complaints",
    "satisfaction",
    "retention",
    "import",
    "trash",
    "settings",
  ];
  const heard = [];
  page.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warning") heard.push(`${m.type()}: ${m.text()}`);
  });
  page.on("response", (r) => {
    if (r.status() >= 400) heard.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  for (const route of routes) {
    const response = await page.goto(app.url + route);
    assert.equal(response.status(), 200, `/${route} answered ${response.status()}`);
    await page.waitForSelector("main.main");
    // Let the page's own loading (lazily loaded code, reads, the analysis) finish.
    await page.waitForLoadState("networkidle");
    await page.waitForTimeout(300);
    assert.deepEqual(heard, [], `/${route}`);
  }
  assert.deepEqual(page.problems, []);
  await context.close();
});

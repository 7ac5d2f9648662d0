// Languages, hostile input, the Content-Security-Policy, storage failures and other tabs.
import assert from "node:assert/strict";
import { test } from "node:test";
import { fill, loadSample, openApp, shot, useApp, watch } from "./helpers.mjs";

const app = useApp();

test("switch to English and back; the choice survives a reload", async () => {
  const { context, page } = await openApp(app.browser, app.url, { lang: "zh-CN" });
  assert.equal(await page.locator("html").getAttribute("lang"), "zh-CN");
  assert.match(await page.locator("h1").first().innerText(), /客户/);
  await page.goto(app.url + "settings");
  await page.getByTestId("lang-en").check({ force: true });
  await page.waitForFunction(() => document.documentElement.lang === "en");
  assert.match(await page.locator("h1").first().innerText(), /Settings/);
  await page.reload();
  await page.waitForFunction(() => document.documentElement.lang === "en");
  assert.match(await page.locator("nav").innerText(), /Customers[\s\S]*Commitments[\s\S]*Trash[\s\S]*Settings/);
  await shot(page, "settings-en-desktop", true);
  // And back, through the command palette this time.
  await page.keyboard.press("Control+k");
  await page.getByTestId("palette").waitFor();
  await page.keyboard.type("Chinese");
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.documentElement.lang === "zh-CN");
  assert.match(await page.locator("h1").first().innerText(), /设置/);
  assert.deepEqual(page.problems, []);
  await context.close();
});

test("a browser set to English starts in English, with dates and money its way", async () => {
  const { context, page } = await openApp(app.browser, app.url, { lang: "en-US" });
  await page.waitForFunction(() => document.documentElement.lang === "en");
  await loadSample(page);
  const text = await page.getByTestId("customer-table").innerText();
  assert.match(text, /CN¥\d{1,3}(,\d{3})*\b/, "yuan amounts read CN¥ in English, grouped by thousands");
  assert.match(text, /yesterday|days? ago|months? ago|today/, "relative dates in English");
  assert.match(await page.getByTestId("customer-count").innerText(), /300 customers/);
  await shot(page, "list-en-desktop");
  assert.deepEqual(page.problems, []);
  await context.close();
});

test("a hostile name shows literally and runs nothing", async () => {
  const { context, page } = await openApp(app.browser, app.url);
  const hostile = `<img src=x onerror=alert(1)><script>alert(2)</script>"'&`;
  await page.evaluate(() => {
    window.__pwned = false;
  });
  await page.getByTestId("new-customer").click();
  await fill(page, "cf-name", hostile);
  await fill(page, "cf-notes", `<b onmouseover=alert(3)>notes</b>`);
  await page.getByTestId("save-customer").click();
  await page.getByTestId("customer-detail").waitFor();
  assert.equal(await page.getByTestId("customer-name").innerText(), hostile);
  assert.equal(await page.locator("img[src=x]").count(), 0, "no element was injected");
  assert.equal(await page.locator("main script").count(), 0);
  await page.getByRole("link", { name: "全部客户", exact: true }).click();
  await page.getByTestId("customer-row").first().waitFor();
  assert.equal(await page.locator("[data-testid=customer-row] .row-link").first().innerText(), hostile);
  await page.keyboard.press("Control+k");
  await page.keyboard.type("img");
  await page.waitForTimeout(200);
  assert.match(await page.getByTestId("palette").innerText(), /<img src=x onerror=alert\(1\)>/);
  assert.equal(await page.locator("img[src=x]").count(), 0);
  await page.keyboard.press("Escape");
  await shot(page, "hostile-name-zh-desktop");
  assert.deepEqual(page.problems, [], "no alert dialog, no error");
  await context.close();
});

test("the app runs under a strict Content-Security-Policy", async () => {
  const { context, page } = await openApp(app.browser, app.url);
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute("content");
  assert.match(csp, /default-src 'self'/);
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/);
  assert.doesNotMatch(csp, /'unsafe-eval'|'unsafe-inline'/);
  const inline = await page.evaluate(() =>
    [...document.querySelectorAll("script")].filter((s) => !s.src && s.textContent.trim()).length,
  );
  assert.equal(inline, 0, "no inline scripts");
  // Everything the page loaded came from its own origin.
  const origins = await page.evaluate(() =>
    [...new Set(performance.getEntriesByType("resource").map((e) => new URL(e.name).origin))],
  );
  assert.deepEqual(origins, [new URL(app.url).origin]);
  await loadSample(page);
  assert.deepEqual(page.problems, [], "no CSP violation while working");
  await context.close();
});

test("IndexedDB unavailable: a clear translated message instead of a broken page", async () => {
  const context = await app.browser.newContext({ locale: "zh-CN" });
  await context.addInitScript(() => {
    Object.defineProperty(window, "indexedDB", { get: () => undefined });
  });
  const page = await context.newPage();
  watch(page);
  await page.goto(app.url);
  const alert = page.getByTestId("storage-error");
  await alert.waitFor();
  assert.match(await alert.innerText(), /IndexedDB 不可用/);
  await shot(page, "storage-unavailable-zh");
  await context.close();
});

test("another tab upgrading the database closes this one safely and says so", async () => {
  const { context, page } = await openApp(app.browser, app.url);
  await loadSample(page);
  // A newer version of the app in another tab asks for the database.
  const other = await context.newPage();
  await other.goto(app.url + "settings");
  await other.waitForSelector("main.main");
  await other.evaluate(
    () =>
      new Promise((ok, fail) => {
        const req = indexedDB.open("zhike-crm", 99);
        req.onsuccess = () => {
          req.result.close();
          ok();
        };
        req.onerror = () => fail(req.error);
      }),
  );
  await page.getByTestId("closed-by-other-tab").waitFor();
  assert.match(await page.getByTestId("closed-by-other-tab").innerText(), /重新加载/);
  await shot(page, "closed-by-other-tab-zh");
  await context.close();
});

test("a change in one tab shows in the other", async () => {
  const { context, page } = await openApp(app.browser, app.url);
  const second = await context.newPage();
  watch(second);
  await second.goto(app.url + "customers");
  await second.getByTestId("empty-state").waitFor();
  await page.getByTestId("new-customer").click();
  await fill(page, "cf-name", "跨标签页客户");
  await page.locator("#cf-name").press("Enter");
  await page.getByTestId("customer-detail").waitFor();
  await second.getByText("跨标签页客户").waitFor({ timeout: 10_000 });
  assert.deepEqual([...page.problems, ...second.problems], []);
  await context.close();
});

test("storage full: a clear message, and nothing stored is lost or half-written", async () => {
  const { context, page } = await openApp(app.browser, app.url);
  // Leave this origin room for a customer or two but not for the sample data. (Chromium
  // applies the override to storage opened after it, so it is set before the first write.)
  const cdp = await context.newCDPSession(page);
  const origin = new URL(app.url).origin;
  const usage = await page.evaluate(async () => (await navigator.storage.estimate()).usage);
  await cdp.send("Storage.overrideQuotaForOrigin", { origin, quotaSize: usage + 200_000 });
  await page.getByTestId("new-customer").click();
  await fill(page, "cf-name", "配额测试客户");
  await page.locator("#cf-name").press("Enter");
  await page.getByTestId("customer-detail").waitFor();
  await page.goto(app.url + "settings");
  await page.getByTestId("settings-load-sample").click();
  await page.getByTestId("toasts").getByText("浏览器存储空间已满").waitFor({ timeout: 30_000 });
  await shot(page, "quota-exceeded-zh");
  // Nothing of the failed load is left, and the earlier customer is intact.
  await cdp.send("Storage.overrideQuotaForOrigin", { origin });
  await page.goto(app.url + "customers");
  await page.getByTestId("customer-row").first().waitFor();
  assert.equal(await page.getByTestId("customer-row").count(), 1);
  assert.match(await page.getByTestId("customer-count").innerText(), /共 1 位客户/);
  assert.deepEqual(page.problems, []);
  await context.close();
});

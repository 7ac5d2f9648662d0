// Refits run in the analysis thread (a Web Worker running the app's module): after an edit
// the classes arrive from it and follow the records; where the thread cannot start (its
// script blocked) the page analyses on its own.
import assert from "node:assert/strict";
import { test } from "node:test";
import { openApp, useApp } from "./helpers.mjs";

const app = useApp();

/** The count per importance class on the overview (the table's second column). */
async function importanceCounts(page) {
  await page.getByTestId("dash-importance").locator("tbody td").first().waitFor({ timeout: 60_000 });
  return page.getByTestId("dash-importance").locator("tbody td:nth-child(2)").allInnerTexts();
}

/** How many analyses the page applied from the thread's answers. */
const answers = (page) => page.evaluate(() => performance.getEntriesByName("crm:answer-received").length);

const isThread = (w) => /\/analysis-[0-9a-f]+\.js$/.test(w.url());

/**
 * A new customer with a first purchase, reached through the app's own navigation (the same
 * page load, so the same thread); resolves once the classes call them a new customer.
 */
async function newBuyer(page, name) {
  await page.getByRole("link", { name: "客户", exact: true }).first().click();
  await page.getByTestId("new-customer").click();
  await page.locator("#cf-name").fill(name);
  await page.locator("#cf-name").press("Enter");
  await page.getByTestId("classes-line").waitFor();
  await page.getByTestId("tab-purchase").click();
  await page.locator("#pn-amount").fill("8800");
  await page.getByTestId("save-purchase").click();
  await page.waitForFunction(() => document.querySelector("[data-testid=classes-line]")?.textContent.includes("新客户"));
}

test("after an edit the classes come from the analysis thread and follow the records", async () => {
  const { context, page } = await openApp(app.browser, app.url, { path: "" });
  const started = page.waitForEvent("worker", { predicate: isThread, timeout: 60_000 });
  await page.getByTestId("load-sample").click();
  const counts = await importanceCounts(page);
  assert.equal(counts.reduce((a, b) => a + Number(b), 0), 300);
  // The thread starts once the first analysis is applied (to keep it for the next visit) or,
  // at the latest, with the first edit's analysis: the edit below is analysed there.
  const before = await answers(page);
  await newBuyer(page, "线程测试客户");
  await started;
  assert.ok((await answers(page)) > before, "the new classes came from the thread");
  await page.goto(app.url);
  const after = await importanceCounts(page);
  assert.equal(after.reduce((a, b) => a + Number(b), 0), 301, "the overview counts the new buyer");
  assert.deepEqual(page.problems, []);
  await context.close();
});

test("without the thread the page analyses on its own", async () => {
  const { context, page } = await openApp(app.browser, app.url, { path: "" });
  await context.route(/\/analysis-[0-9a-f]+\.js$/, (route) => route.abort());
  await page.reload();
  await page.getByTestId("load-sample").click();
  const counts = await importanceCounts(page);
  assert.equal(counts.reduce((a, b) => a + Number(b), 0), 300);
  // Past the moment the thread would have started: edits are still reclassified.
  await page.waitForTimeout(2500);
  await newBuyer(page, "无线程客户");
  assert.equal(await answers(page), 0, "nothing came from a thread");
  // The blocked script is the only complaint.
  assert.deepEqual(page.problems.filter((p) => !/net::ERR_FAILED|Failed to load resource|analysis thread/.test(p)), []);
  await context.close();
});

/** Whether the analysis thread has kept a whole analysis (as of today and of the period's start). */
const keptWhole = (page) =>
  page.evaluate(
    () =>
      new Promise((resolve) => {
        const open = indexedDB.open("zhike-crm");
        open.onsuccess = () => {
          const db = open.result;
          const get = db.transaction("analyses").objectStore("analyses").get("both");
          get.onsuccess = () => {
            db.close();
            resolve(get.result?.data?.[0] === 1);
          };
          get.onerror = () => resolve(false);
        };
        open.onerror = () => resolve(false);
      }),
  );

const mark = (page, name) => page.evaluate((n) => performance.getEntriesByName(n).length, name);

test("a start-up shows the analysis kept from the last visit, and never one made before a change", async () => {
  const { context, page } = await openApp(app.browser, app.url, { path: "" });
  await page.getByTestId("load-sample").click();
  const counts = await importanceCounts(page);
  assert.equal(counts.reduce((a, b) => a + Number(b), 0), 300);
  for (let i = 0; !(await keptWhole(page)); i++) {
    assert.ok(i < 120, "the thread keeps the analysis within a minute");
    await page.waitForTimeout(500);
  }
  await page.reload();
  assert.deepEqual(await importanceCounts(page), counts, "the same classes");
  assert.equal(await mark(page, "crm:kept-read"), 1, "shown from what was kept");
  // Without the thread nothing new is kept: an edit, then a start-up must not show the
  // analysis kept before it.
  await context.route(/\/analysis-[0-9a-f]+\.js$/, (route) => route.abort());
  await page.reload();
  await importanceCounts(page);
  await newBuyer(page, "保存后的新客户");
  await page.goto(app.url);
  const after = await importanceCounts(page);
  assert.equal(after.reduce((a, b) => a + Number(b), 0), 301, "the new buyer is counted");
  assert.equal(await mark(page, "crm:kept-read"), 0, "the kept analysis describes other data");
  assert.deepEqual(page.problems.filter((p) => !/net::ERR_FAILED|Failed to load resource|analysis thread/.test(p)), []);
  await context.close();
});

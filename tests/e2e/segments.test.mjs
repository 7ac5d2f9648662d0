// Segmentation as a marketing manager uses it: the overview, a filter whose count follows every
// change, a saved segment, exports (the marketing one leaving out do-not-contact customers),
// and a customer's classes with their explanations.
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { test } from "node:test";
import { openApp, openSection, shot, useApp } from "./helpers.mjs";

const app = useApp();

/** Attribute positions in the "add condition" menu (Attribute::ALL). */
const IMPORTANCE = "8";
const DO_NOT_CONTACT = "16";

async function count(page) {
  const text = await page.getByTestId("segment-count").innerText();
  const [n, total] = text.match(/[\d,]+/g).map((x) => Number(x.replace(/,/g, "")));
  return { n, total };
}

async function exportFile(page, testid) {
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId(testid).click()]);
  return { name: download.suggestedFilename(), text: await readFile(await download.path(), "utf8") };
}

test("overview, segment builder, saved segment, exports and a customer's classes", async () => {
  const { context, page } = await openApp(app.browser, app.url, { path: "" });
  await page.getByTestId("load-sample").click();
  await page.getByTestId("dash-importance").waitFor({ timeout: 60_000 });
  // Every class table counts all 300 customers.
  for (const id of ["dash-importance", "dash-loyalty", "dash-lifecycle"]) {
    const cells = await page.getByTestId(id).locator("tbody td:nth-child(2)").allInnerTexts();
    assert.equal(cells.reduce((a, b) => a + Number(b), 0), 300, id);
  }
  // The models in plain words; the parameters folded away until asked for.
  assert.match(await page.getByTestId("model-purchase-plain").innerText(), /来自用 [\d,]+ 位客户的购买记录拟合的模型/);
  assert.match(await page.getByTestId("model-spend-plain").innerText(), /^消费预测/);
  assert.doesNotMatch(await page.getByTestId("models").innerText(), /γ/, "no parameters until asked for");
  await page.getByTestId("model-details").locator("summary").click();
  assert.match(await page.getByTestId("models").innerText(), /BG\/NBD[\s\S]*r\t[\d.]+\t[\d.]+[\s\S]*标准误/);
  await page.getByTestId("call-list").waitFor();
  await shot(page, "overview-zh-desktop", true);

  // Click a class: the explorer opens with that condition.
  await page.getByTestId("dash-importance").getByRole("link", { name: "贵宾型" }).click();
  await page.getByTestId("segment-count").waitFor();
  const vip = await count(page);
  assert.equal(vip.total, 300);
  assert.ok(vip.n > 0 && vip.n < 300, `VIPs: ${vip.n}`);
  assert.match(page.url(), /segments\?f=/, "the filter is in the URL");

  // Widen it to important customers too: the count follows at once.
  await page.locator(".chip", { hasText: "重要型" }).click();
  await page.waitForFunction((n) => {
    const m = document.querySelector("[data-testid=segment-count]").textContent.match(/[\d,]+/);
    return Number(m[0].replace(/,/g, "")) > n;
  }, vip.n);
  const wider = await count(page);

  // Save it; it survives a reload and loads back with the same count.
  await page.getByTestId("segment-name").fill("重点客户");
  await page.getByTestId("save-segment").click();
  await page.getByText("分群已保存").waitFor();
  await page.goto(app.url + "segments");
  await page.getByTestId("saved-segments").getByText("重点客户").click();
  await page.waitForFunction((n) => document.querySelector("[data-testid=segment-count]").textContent.includes(String(n)), wider.n);
  assert.equal((await count(page)).n, wider.n);
  await shot(page, "segments-zh-desktop", true);
  // Every match is listed (not only the first hundred), virtualised: few rows in the DOM, the
  // last one reached by scrolling; the columns fit the box at 1280 px.
  const results = page.getByTestId("segment-results").locator(".segment-scroll");
  assert.ok((await page.getByTestId("segment-row").count()) < 40, "only the rows in view are rendered");
  const fits = await results.evaluate((box) => box.scrollWidth <= box.clientWidth);
  assert.ok(fits, "the results table is wider than its box");
  await results.evaluate((box) => (box.scrollTop = box.scrollHeight));
  await page.waitForFunction(
    (n) => [...document.querySelectorAll("[data-testid=segment-row]")].some((r) => r.getAttribute("aria-rowindex") === String(n + 1)),
    wider.n,
  );

  // Export: UTF-8 with BOM, localised header, one line per customer.
  const csv = await exportFile(page, "export-csv");
  assert.match(csv.name, /^重点客户-\d{4}-\d{2}-\d{2}\.csv$/);
  assert.ok(csv.text.startsWith("\ufeff名称,所在单位,类型"));
  assert.equal(csv.text.trim().split("\r\n").length, wider.n + 1);

  // Do-not-contact customers: a marketing export leaves every one of them out, and says so.
  await page.getByRole("button", { name: "新建分群" }).click();
  await page.getByTestId("add-condition").selectOption(DO_NOT_CONTACT);
  await page.waitForTimeout(200);
  const dnc = await count(page);
  assert.ok(dnc.n > 0, "the sample has do-not-contact customers");
  const marketing = await exportFile(page, "export-marketing");
  assert.equal(marketing.text.trim().split("\r\n").length, 1, "only the header");
  await page.getByText(`已导出 0 位客户；${dnc.n} 位要求勿扰的客户未导出`).waitFor();
  const plain = await exportFile(page, "export-csv");
  assert.equal(plain.text.trim().split("\r\n").length, dnc.n + 1, "a plain export keeps them");

  // A customer's classes, with the figures behind them, a prediction and a history.
  await page.getByTestId("add-condition").selectOption(IMPORTANCE);
  await page.getByTestId("condition").last().locator(".chip", { hasText: "贵宾型" }).click();
  await page.getByTestId("condition").first().locator("select").selectOption("no");
  await page.locator("[data-testid=segment-row] a").first().click();
  await openSection(page, "analysis");
  await page.getByTestId("classes").waitFor();
  assert.match(await page.getByTestId("class-importance").innerText(), /贵宾型[\s\S]*排名第 \d+/);
  assert.match(await page.getByTestId("class-rfm").innerText(), /R\d F\d M\d/);
  assert.match(await page.getByTestId("prediction").innerText(), /%/);
  assert.equal(await page.getByTestId("class-history").locator("tbody tr").count(), 5, "now and four quarter ends");
  await shot(page, "detail-classes-zh-desktop", true);
  assert.deepEqual(page.problems, []);
  await context.close();
});

test("classes follow the records: a first purchase turns a prospect into a new customer", async () => {
  const { context, page } = await openApp(app.browser, app.url);
  await page.getByTestId("new-customer").click();
  await page.locator("#cf-name").fill("刚认识的客户");
  await page.locator("#cf-name").press("Enter");
  // The classes in one line at the top of the page, above every section.
  await page.getByTestId("classes-line").waitFor();
  await page.waitForFunction(() => document.querySelector("[data-testid=classes-line]")?.textContent.includes("潜在客户"));
  await page.getByTestId("tab-purchase").click();
  await page.locator("#pn-amount").fill("5000");
  await page.getByTestId("save-purchase").click();
  await page.waitForFunction(() => document.querySelector("[data-testid=classes-line]")?.textContent.includes("新客户"));
  assert.match(await page.getByTestId("classes-line").innerText(), /贵宾型/, "the only buyer holds all value");
  // The line opens the analysis, with the same classes and the figures behind them.
  await page.getByTestId("classes-line").click();
  await page.getByTestId("section-panel-analysis").waitFor();
  await page.waitForFunction(() => document.querySelector("[data-testid=class-loyalty]")?.textContent.includes("新客户"));
  assert.match(await page.getByTestId("class-importance").innerText(), /贵宾型/);
  assert.deepEqual(page.problems, []);
  await context.close();
});

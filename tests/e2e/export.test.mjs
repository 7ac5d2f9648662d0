// The customer list exported as it is filtered, with the columns chosen (and remembered):
// UTF-8 with a byte-order mark, localised headers, one line per customer shown, a hostile
// name neutralised against formula injection.
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { test } from "node:test";
import { loadSample, openApp, useApp } from "./helpers.mjs";

const app = useApp();

async function exportList(page) {
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("list-export-go").click()]);
  return { name: download.suggestedFilename(), text: await readFile(await download.path(), "utf8") };
}

test("the filtered list exports the chosen columns", async () => {
  const { context, page } = await openApp(app.browser, app.url);
  await loadSample(page);
  await page.getByTestId("new-customer").first().click();
  await page.locator("#cf-name").fill("=1+2 公式客户");
  await page.locator("#cf-name").press("Enter");
  await page.getByTestId("customer-detail").waitFor();
  await page.getByRole("link", { name: "客户", exact: true }).click();
  await page.getByTestId("customer-count").waitFor();

  // Only name, phones and importance.
  await page.getByTestId("list-export").locator("summary").click();
  for (const key of ["company", "kind", "region", "owner", "emails", "wechat", "tags", "rfm", "r", "f", "m", "loyalty", "lifecycle", "quadrant", "p_alive", "clv", "revenue", "last_purchase", "dnc", "complaint"]) {
    await page.getByTestId(`column-${key}`).uncheck();
  }
  await page.getByTestId("list-export-go").getByText(/导出 \d+ 位客户/).waitFor({ timeout: 30_000 });
  const all = await exportList(page);
  assert.match(all.name, /^customers-\d{4}-\d{2}-\d{2}\.csv$/);
  assert.ok(all.text.startsWith("\ufeff名称,电话,重要程度\r\n"), all.text.slice(0, 40));
  const total = Number((await page.getByTestId("customer-count").innerText()).replace(/\D/g, ""));
  assert.equal(all.text.trim().split("\r\n").length, total + 1);
  assert.match(all.text, /\r\n'=1\+2 公式客户,/, "formula neutralised");
  assert.match(all.text, /(贵宾型|重要型|普通型)/, "classes filled in");

  // Filtered by a search: only those rows. The choice of columns is remembered.
  await page.getByTestId("search").fill("公式");
  await page.getByTestId("customer-count").getByText("1 / ").waitFor();
  await page.reload();
  await page.getByTestId("list-export").locator("summary").click();
  await page.getByTestId("list-export-go").getByText("导出 1 位客户").waitFor({ timeout: 30_000 });
  const one = await exportList(page);
  assert.equal(one.text.trim().split("\r\n").length, 2);
  assert.ok(one.text.startsWith("\ufeff名称,电话,重要程度\r\n"));
  assert.deepEqual(page.problems, []);
  await context.close();
});

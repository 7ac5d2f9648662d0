// The price list from a file and back, and the price analysis: a price list imported through
// the wizard (mapped by its Chinese headings, a price with too many decimals refused on its
// line), the new products on the price list after a reload, the list exported and the import
// undone; then the realised prices of the sample's accepted quotes and the what-if of a price
// change, whose projection is checked against the formula worked by hand.
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { test } from "node:test";
import { loadSample, openApp, shot, useApp } from "./helpers.mjs";

const app = useApp();

const PRICE_LIST = [
  "物料编码,品名,英文名称,类别,单位,单价（元）,税率,成本,是否在售",
  "E2E-A,测试胶带,Test tape,辅料,卷,12.35,13%,8.20,是",
  "E2E-B,测试安装,Installation,服务,小时,180,6,,在售",
  "E2E-C,坏价格,,,个,12.345,13,,",
  "",
].join("\r\n");

test("a price list imported, found after a reload, exported and undone (zh-CN)", async () => {
  const { context, page } = await openApp(app.browser, app.url, { lang: "zh-CN", path: "import" });
  await page.getByTestId("import-file").setInputFiles({ name: "价目表.csv", mimeType: "text/csv", buffer: Buffer.from(PRICE_LIST) });
  await page.getByTestId("import-plan").waitFor();
  assert.equal(await page.getByTestId("import-kind-products").isChecked(), true, "a price list is recognised");
  assert.equal(await page.getByTestId("import-plan").innerText(), "新建 2 条，更新 0 条，跳过重复 0 条，1 行有错误（不导入）。");
  const errors = await page.getByTestId("import-errors").innerText();
  assert.match(errors, /4[\s\S]*单价（元）[\s\S]*12\.345[\s\S]*小数点后最多 2 位/);
  await page.getByTestId("import-go").click();
  await page.getByTestId("import-finished").waitFor();
  assert.equal(await page.getByTestId("import-created").innerText(), "2");
  await page.getByTestId("import-open-products").click();
  await page.getByTestId("product-row").first().waitFor();
  await page.reload();
  await page.getByTestId("product-row").first().waitFor();
  const rows = await page.getByTestId("product-table").innerText();
  assert.match(rows, /E2E-A[\s\S]*测试胶带[\s\S]*Test tape[\s\S]*辅料[\s\S]*卷[\s\S]*¥12\.35[\s\S]*13 %[\s\S]*33\.6 %/);
  assert.match(rows, /E2E-B[\s\S]*测试安装[\s\S]*小时[\s\S]*¥180\.00[\s\S]*6 %/);

  // Exported under the wizard's own headings.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-products").click()]);
  assert.equal(download.suggestedFilename(), "price-list.csv");
  const text = await readFile(await download.path(), "utf8");
  const [head, ...lines] = text.trim().split(/\r?\n/);
  assert.match(head, /产品编码,名称,英文名称,类别,单位,标准价,币种,税率（%）,单位成本,是否在售,备注/);
  assert.ok(lines.includes("E2E-A,测试胶带,Test tape,辅料,卷,12.35,CNY,13,8.2,是,"), lines.join("\n"));

  // Undone from the journal: the two products are gone.
  await page.goto(app.url + "import");
  await page.getByTestId("import-history").waitFor();
  await page.getByTestId("import-undo-row").click();
  await page.getByRole("button", { name: "撤销本次导入" }).click();
  await page.getByText("已撤销导入：删除 2 条记录，恢复 0 条").last().waitFor();
  await page.goto(app.url + "products");
  await page.getByTestId("products-page").waitFor();
  await page.getByText("还没有产品").or(page.getByTestId("product-row").first()).waitFor();
  assert.doesNotMatch(await page.getByTestId("products-page").innerText(), /E2E-A/);
  assert.deepEqual(page.problems, []);
  await context.close();
});

test("realised prices and a what-if on the sample (zh-CN and English)", async () => {
  const { context, page } = await openApp(app.browser, app.url, { lang: "zh-CN" });
  await loadSample(page);
  await page.goto(app.url + "products");
  await page.getByTestId("open-price-analysis").click();
  await page.getByTestId("price-analysis").waitFor();
  // The sample's accepted quotes: a realised share of list below 100 %, by category.
  await page.getByTestId("price-total").waitFor({ timeout: 60_000 });
  const share = await page.getByTestId("price-total").locator(".stat-value").first().innerText();
  const pct = Number(share.replace(/[^\d.]/g, ""));
  assert.ok(pct > 50 && pct <= 100, share);
  await page.getByTestId("price-categories").locator("[data-testid=price-row]").first().waitFor();
  // Choosing a category: its spread by class and rep, and its what-if.
  const category = page.getByTestId("price-categories").locator("[data-testid=price-row] button").first();
  const name = (await category.innerText()).trim();
  await category.click();
  await page.waitForFunction((n) => document.querySelector("#price-spread-title")?.textContent.includes(n), name);
  await page.getByTestId("what-if-table").waitFor({ timeout: 60_000 });
  // Unit elastic (the default) at +5 %: revenue stays level.
  const total = () => page.locator("[data-testid=what-if-row].total").innerText();
  assert.match(await total(), /全部客户[\s\S]*\+0\.0 %/);
  // +10 % at elasticity −2: revenue × 1.1⁻¹ = −9.1 %; margin × 1.1⁻² × (0.1 + m) / m.
  await page.locator("#what-if-change").fill("10");
  await page.locator("#what-if-elasticity").fill("-2");
  await page.waitForFunction(() => /-9\.1 %/.test(document.querySelector("[data-testid=what-if-row].total")?.textContent ?? ""));
  // An elasticity out of range is named, and nothing is projected from it.
  await page.locator("#what-if-elasticity").fill("3");
  assert.match(await page.getByTestId("what-if").innerText(), /必须是 -10 到 0 之间的数字/);
  await page.locator("#what-if-elasticity").fill("-2");
  await shot(page, "price-analysis-zh-desktop", true);
  await context.close();

  const en = await openApp(app.browser, app.url, { lang: "en-US", width: 390, height: 844, colorScheme: "dark" });
  await loadSample(en.page);
  await en.page.goto(app.url + "products/analysis");
  await en.page.getByTestId("price-total").waitFor({ timeout: 60_000 });
  assert.match(await en.page.getByTestId("price-analysis").innerText(), /Realised prices[\s\S]*By category/i);
  await shot(en.page, "price-analysis-en-phone-dark", true);
  await en.context.close();
});

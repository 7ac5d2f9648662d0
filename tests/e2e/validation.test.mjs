// Predictions a user can check: a shop's purchase export with repeated identical rows (two
// identical purchases of one customer on one day) is imported with the wizard's defaults and
// every row is stored; importing it again skips each row as a duplicate and names it. Then the
// model-validation page at a chosen calibration date: the verdict, both charts, the model
// tables, the per-customer table sorted and exported as CSV; in Chinese and in English, with
// axe-core finding nothing serious.
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { test } from "node:test";
import AxeBuilder from "@axe-core/playwright";
import { openApp, shot, useApp } from "./helpers.mjs";

const app = useApp();

/** A seeded generator (mulberry32), so the file is the same on every run. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DAY = 86_400_000;
const START = Date.UTC(2024, 0, 1);
const END = Date.UTC(2026, 10, 20);
const iso = (ms) => new Date(ms).toISOString().slice(0, 10);

/**
 * 240 customers, each joining in 2024 and buying at their own pace until they drop out, one
 * row per purchase; every seventh purchase is bought twice the same day (two identical rows).
 */
function shopExport() {
  const random = rng(20261202);
  const customers = ["客户编号,客户名称,手机"];
  const rows = ["单据日期,会员编号,数量,实付金额"];
  let n = 0;
  for (let i = 1; i <= 240; i++) {
    const id = `M${String(i).padStart(4, "0")}`;
    customers.push(`${id},会员${i},139${String(10000000 + i)}`);
    const gap = 15 + random() * 110;
    const dropout = 0.03 + random() * 0.2;
    let day = START + Math.floor(random() * 365) * DAY;
    while (day <= END) {
      const amount = (50 + Math.floor(random() * 900)).toFixed(2);
      const qty = 1 + Math.floor(random() * 3);
      const times = ++n % 7 === 0 ? 2 : 1;
      for (let k = 0; k < times; k++) rows.push(`${iso(day)},${id},${qty},${amount}`);
      if (random() < dropout) break;
      day += Math.max(1, Math.round(-Math.log(1 - random()) * gap)) * DAY;
    }
  }
  return { customers: customers.join("\n") + "\n", purchases: rows.join("\n") + "\n", rows: rows.length - 1 };
}

async function pick(page, name, text) {
  await page.getByTestId("import-file").setInputFiles({ name, mimeType: "text/csv", buffer: Buffer.from(text) });
}

async function planText(page) {
  const plan = page.getByTestId("import-plan");
  await plan.waitFor();
  return await plan.innerText();
}

async function serious(page) {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")}`);
}

test("repeated identical purchases are all imported, and the models are validated on them", async () => {
  const file = shopExport();
  const { context, page } = await openApp(app.browser, app.url, { path: "import" });
  await page.getByRole("heading", { name: "导入数据" }).waitFor();
  await pick(page, "会员.csv", file.customers);
  assert.match(await planText(page), /^新建 240 条/);
  await page.getByTestId("import-go").click();
  await page.getByTestId("import-finished").waitFor();
  await page.getByTestId("import-another").click();

  // Every row, identical ones included, is a purchase.
  await pick(page, "销售明细.csv", file.purchases);
  assert.equal(await page.getByTestId("import-kind-purchases").isChecked(), true);
  const count = file.rows.toLocaleString("en-US");
  assert.equal(await planText(page), `新建 ${count} 条，更新 0 条，跳过重复 0 条，0 行有错误（不导入）。`);
  await page.getByTestId("import-go").click();
  await page.getByTestId("import-finished").waitFor({ timeout: 60_000 });
  assert.equal(await page.getByTestId("import-created").innerText(), count);

  // The same file again: each row repeats one stored purchase, and each is listed.
  await page.getByTestId("import-another").click();
  await pick(page, "销售明细.csv", file.purchases);
  assert.equal(await planText(page), `新建 0 条，更新 0 条，跳过重复 ${count} 条，0 行有错误（不导入）。`);
  const skipped = page.getByTestId("import-skipped-rows");
  await skipped.locator("summary").click();
  assert.match(await skipped.innerText(), new RegExp(`将跳过的行（${count}）|将跳过的行 \\(${count}\\)`));
  assert.match(await skipped.innerText(), /2\s+与已有记录重复\s+会员\d+/);
  const [report] = await Promise.all([page.waitForEvent("download"), page.getByTestId("import-skipped-report").click()]);
  const reportText = await readFile(await report.path(), "utf8");
  assert.equal(reportText.trim().split(/\r?\n/).length, file.rows + 1);
  await shot(page, "import-skipped-zh");

  // The validation page, from the overview's model panel.
  await page.goto(app.url);
  await page.getByTestId("validation-link").click();
  await page.getByTestId("validation-page").waitFor();
  await page.getByTestId("validation-verdict-text").waitFor({ timeout: 30_000 });
  await page.getByTestId("validation-date").fill("2025-12-31");
  await page.getByTestId("validation-date").dispatchEvent("change");
  await page.getByText("校准期：2025年12月31日 及之前的购买").waitFor();
  // The date is in the address: a reload keeps it.
  assert.match(page.url(), /validation\?calibration=2025-12-31$/);
  const address = page.url();
  await page.reload();
  await page.getByText("校准期：2025年12月31日 及之前的购买").waitFor({ timeout: 30_000 });
  const verdict = await page.getByTestId("validation-verdict-text").innerText();
  assert.match(verdict, /误差在|高估|低估|太少/);
  assert.match(await page.getByTestId("validation-totals").innerText(), /检验期重复购买：实际 [\d,]+ 次，预期 [\d,.]+ 次/);
  assert.equal(await page.getByTestId("tracking-chart").locator("polyline").count(), 2);
  assert.ok((await page.getByTestId("by-x-chart").locator("rect.bar-actual").count()) >= 5);
  assert.match(await page.getByTestId("model-tables").first().innerText(), /标准误/);
  const rows = await page.getByTestId("validation-rows").innerText();
  const total = Number(rows.match(/共 ([\d,]+) 行/)[1].replace(/,/g, ""));
  assert.ok(total > 150 && total <= 240, rows);
  // Sorted by holdout purchases, most first.
  await page.getByTestId("validation-table").getByRole("button", { name: "检验期购买" }).click();
  await page.getByTestId("validation-table").getByRole("button", { name: "检验期购买" }).click();
  const firstRow = await page.getByTestId("validation-table").locator("tbody tr").first().locator("td").nth(5).innerText();
  const secondRow = await page.getByTestId("validation-table").locator("tbody tr").nth(1).locator("td").nth(5).innerText();
  assert.ok(Number(firstRow) >= Number(secondRow));
  const [csv] = await Promise.all([page.waitForEvent("download"), page.getByTestId("validation-export").click()]);
  const csvText = await readFile(await csv.path(), "utf8");
  const lines = csvText.replace(/^\uFEFF/, "").trim().split(/\r?\n/);
  assert.equal(lines[0], "客户,重复购买 x,最近购买 tₓ（周）,客户年龄 T（周）,平均重复消费（¥）,检验期购买,预期购买,检验期每次消费（¥）,预期每次消费（¥）");
  assert.equal(lines.length, total + 1);
  assert.deepEqual(await serious(page), []);
  await shot(page, "validation-zh-light-desktop", true);

  // In English, at phone width, in the dark theme.
  await page.goto(app.url + "settings");
  await page.getByTestId("lang-en").check({ force: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.emulateMedia({ colorScheme: "dark" });
  await page.goto(address);
  await page.getByText("Calibration: purchases up to 31 Dec 2025.").waitFor({ timeout: 30_000 });
  assert.match(await page.getByTestId("validation-verdict-text").innerText(), /tracks your customers|over-predicts|under-predicts|Too few/);
  assert.match(await page.getByTestId("validation-totals").innerText(), /Holdout repeat purchases: [\d,]+ actual/);
  assert.match(await page.getByTestId("validation-page").innerText(), /Standard error/);
  assert.deepEqual(await serious(page), []);
  await shot(page, "validation-en-dark-phone", true);
  assert.deepEqual(page.problems, []);
  await context.close();
});

test("with no purchases the page says what to do", async () => {
  const { context, page } = await openApp(app.browser, app.url, { lang: "en-US", path: "validation" });
  await page.getByTestId("validation-empty").getByText("There are no purchases to validate the models on yet.").waitFor();
  assert.deepEqual(await serious(page), []);
  assert.deepEqual(page.problems, []);
  await context.close();
});

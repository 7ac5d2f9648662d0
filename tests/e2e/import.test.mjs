// CSV import as a user does it: a GBK file saved by Excel with Chinese headers is recognised,
// mapped, adjusted, checked (duplicates and a bad phone reported on their lines), imported,
// survives a reload, and is undone in one click. Then purchases for those customers (a
// semicolon file in English), a cancelled import that leaves nothing, and refused files.
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { test } from "node:test";
import iconv from "iconv-lite";
import { openApp, openSection, shot, useApp } from "./helpers.mjs";

const app = useApp();

const CUSTOMERS = [
  "客户名称,手机,邮箱,所在城市,客户标签,附加说明",
  "杭州远景贸易,13812345678,sales@yuanjing.example,杭州,\"批发,华东\",老客户介绍",
  "宁波海通物流,0574-87654321,,宁波,,",
  "坏电话公司,12345,,上海,,",
  "苏州织造,13700001111,,苏州,,",
  "杭州远景贸易,13812345678,,杭州,,",
  "",
].join("\r\n");

async function pick(page, name, buffer) {
  await page.getByTestId("import-file").setInputFiles({ name, mimeType: "text/csv", buffer });
}

async function planText(page) {
  const plan = page.getByTestId("import-plan");
  await plan.waitFor();
  return await plan.innerText();
}

test("a GBK file with Chinese headers: map, preview, import, reload, undo", async () => {
  const { context, page } = await openApp(app.browser, app.url);
  await page.getByRole("link", { name: "导入 CSV" }).first().click();
  await page.getByRole("heading", { name: "导入数据" }).waitFor();
  await pick(page, "客户.csv", iconv.encode(CUSTOMERS, "gbk"));

  assert.equal(await page.getByTestId("import-file-info").innerText(), "客户.csv · GBK / GB18030 · 5 行");
  assert.equal(await page.getByTestId("import-kind-customers").isChecked(), true);
  // Mapped from the Chinese headers; the last column is not known and left out.
  const mapped = await page.getByTestId("import-mapping").locator("select").evaluateAll((s) => s.map((x) => x.value));
  assert.deepEqual(mapped, ["name", "phone", "email", "region", "tags", ""]);
  assert.equal(await planText(page), "新建 3 条，更新 0 条，跳过重复 1 条，1 行有错误（不导入）。");
  const errors = await page.getByTestId("import-errors").innerText();
  assert.match(errors, /4\s+手机\s+12345\s+无法识别的电话号码/);

  // The user maps the extra column to notes: checked again, shown in the stored record.
  await page.getByTestId("map-5").selectOption("notes");
  assert.equal(await planText(page), "新建 3 条，更新 0 条，跳过重复 1 条，1 行有错误（不导入）。");
  const preview = await page.getByTestId("import-preview").innerText();
  assert.match(preview, /2\s+新建\s+杭州远景贸易\s+13812345678\s+sales@yuanjing\.example\s+杭州\s+批发, 华东/);
  assert.match(preview, /6\s+跳过\s+杭州远景贸易/);
  await shot(page, "import-plan-zh", true);

  const [report] = await Promise.all([page.waitForEvent("download"), page.getByTestId("import-error-report").click()]);
  const text = await readFile(await report.path(), "utf8");
  assert.match(text, /^\uFEFF行,列,值,原因\r\n4,手机,12345,/);

  await page.getByTestId("import-go").click();
  await page.getByTestId("import-finished").waitFor();
  assert.equal(await page.getByTestId("import-created").innerText(), "3");
  assert.equal(await page.getByTestId("import-failed-count").innerText(), "1");
  await shot(page, "import-done-zh", true);

  await page.getByRole("link", { name: "客户", exact: true }).click();
  await page.getByTestId("customer-count").getByText("共 3 位客户").waitFor();
  await page.reload();
  await page.getByTestId("customer-count").getByText("共 3 位客户").waitFor();
  await page.getByRole("link", { name: "杭州远景贸易" }).click();
  await page.getByTestId("customer-detail").waitFor();
  // The imported note is in the customer file.
  await openSection(page, "file");
  assert.match(await page.getByTestId("customer-detail").innerText(), /老客户介绍/);

  // Undo from the journal.
  await page.goto(app.url + "import");
  const history = page.getByTestId("import-history");
  await history.waitFor();
  assert.match(await history.innerText(), /客户\.csv\s+客户\s+新建 3 · 更新 0 · 跳过 1 · 错误 1/);
  await page.getByTestId("import-undo-row").click();
  await page.getByRole("button", { name: "撤销本次导入" }).click();
  await page.getByText("已撤销导入：删除 3 条记录，恢复 0 条").last().waitFor();
  assert.match(await history.innerText(), /已撤销/);
  await page.getByRole("link", { name: "客户", exact: true }).click();
  await page.getByTestId("load-sample").waitFor();
  assert.deepEqual(page.problems, []);
  await context.close();
});

test("purchases in English from a semicolon file, a cancelled import, and refused files", async () => {
  // At phone width, in English.
  const { context, page } = await openApp(app.browser, app.url, { lang: "en-US", path: "import", width: 390, height: 844 });
  await page.getByRole("heading", { name: "Import", exact: true }).waitFor();
  await pick(page, "customers.csv", Buffer.from("\uFEFFCompany,Customer ID,E-mail\nAcme Ltd,C-1,buy@acme.example\nGlobex,C-2,\n"));
  assert.equal(await planText(page), "2 new, 0 updated, 0 skipped as duplicates, 0 rows with errors (not imported).");
  await page.getByTestId("import-go").click();
  await page.getByTestId("import-finished").waitFor();
  await page.getByTestId("import-another").click();

  // Purchases by customer number or name; amounts as spreadsheets write them.
  const purchases = "Customer;Order date;Amount;Product;Qty\nC-1;2026/10/5;\"1,250.00\";Valves;10\nGlobex;2026-10-20;$80;Gaskets;\nNobody;2026-10-21;5;X;\n";
  await pick(page, "orders.csv", Buffer.from(purchases));
  assert.equal(await page.getByTestId("import-kind-purchases").isChecked(), true);
  assert.equal(await planText(page), "2 new, 0 updated, 0 skipped as duplicates, 1 row with errors (not imported).");
  assert.match(await page.getByTestId("import-errors").innerText(), /4\s+Customer\s+Nobody\s+No customer is called “Nobody”\./);
  await shot(page, "import-purchases-en-phone", true);
  await page.getByTestId("import-go").click();
  await page.getByTestId("import-finished").waitFor();
  await page.goto(app.url + "customers");
  await page.getByRole("link", { name: "Acme Ltd" }).click();
  await page.getByTestId("customer-detail").waitFor();
  assert.match(await page.getByTestId("customer-detail").innerText(), /Valves/);

  // A large file: Cancel as soon as writing starts; nothing of it is stored.
  await page.goto(app.url + "import");
  let big = "Name,Phone\n";
  for (let i = 0; i < 30000; i++) big += `Bulk ${i},139${String(i).padStart(8, "0")}\n`;
  await pick(page, "bulk.csv", Buffer.from(big));
  assert.match(await planText(page), /^30,000 new/);
  await page.getByTestId("import-go").click();
  await page.getByTestId("import-cancel").click();
  await page.getByText("Import cancelled: nothing was stored.").last().waitFor();
  await page.goto(app.url + "customers");
  await page.getByTestId("customer-count").getByText("2 customers").waitFor();

  // Refused: a workbook saved as .xlsx, and a file with a header only.
  await page.goto(app.url + "import");
  await pick(page, "book.xlsx", Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00]));
  assert.match(await page.getByTestId("import-refused").innerText(), /not a CSV text file/);
  await pick(page, "empty.csv", Buffer.from("Name,Phone\n"));
  await page.getByTestId("import-refused").getByText("The file is empty").waitFor();
  assert.deepEqual(page.problems, []);
  await context.close();
});

// Customer satisfaction end to end: create a survey from a template and add the recommend
// question, enter responses on customers' pages and watch the satisfaction index and NPS change
// on the dashboard, import more from a CSV file (a bad row reported with its line, column and
// reason and left out), compare with a competitor, and find everything again after a reload.
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { test } from "node:test";
import iconv from "iconv-lite";
import { openApp, openSection, shot, useApp } from "./helpers.mjs";

const app = useApp();

async function newCustomer(page, name) {
  await page.getByRole("link", { name: "客户", exact: true }).click();
  await page.getByTestId("new-customer").first().click();
  await page.locator("#cf-name").fill(name);
  await page.locator("#cf-name").press("Enter");
  await openSection(page, "loyalty");
  await page.getByTestId("satisfaction-panel").waitFor();
}

async function goSatisfaction(page) {
  await page.getByRole("link", { name: "客户满意" }).click();
  await page.getByRole("heading", { name: "客户满意度", level: 1 }).waitFor();
}

/** Records a response on the open customer page: every question rated `rating`. */
async function respond(page, rating, recommend) {
  await page.getByTestId("record-response").click();
  const form = page.getByTestId("response-form");
  await form.waitFor();
  for (let i = 0; i < 5; i++) await page.locator(`#rs-p-${i}`).selectOption(rating);
  await page.locator("#rs-recommend").selectOption(recommend);
  await page.getByTestId("save-response").click();
  await page.getByText("答卷已保存").last().waitFor();
  await form.waitFor({ state: "detached" });
}

async function figure(page, testid, expected) {
  await page.waitForFunction(
    ([id, want]) => document.querySelector(`[data-testid=${id}]`)?.textContent === want,
    [testid, expected],
  );
}

test("responses entered and imported move the satisfaction index and NPS", async () => {
  const { context, page } = await openApp(app.browser, app.url);
  await newCustomer(page, "满意度甲公司");
  const aUrl = page.url();
  await newCustomer(page, "满意度乙公司");
  const bUrl = page.url();

  // A CSAT survey from its template, then the recommend question added in the editor.
  await goSatisfaction(page);
  await page.getByTestId("empty-state").waitFor();
  await page.getByTestId("new-survey").click();
  await page.getByTestId("create-survey").click();
  await page.getByText("调查已创建").last().waitFor();
  await page.getByTestId("no-responses").waitFor();
  await page.getByTestId("survey-details").locator("summary").click();
  await page.getByText("询问推荐意愿（NPS）").click();
  await page.getByTestId("save-survey").click();
  await page.getByText("调查已保存").last().waitFor();

  // A mistake in the form is named and nothing is saved.
  await page.goto(aUrl);
  await page.getByTestId("record-response").click();
  await page.getByTestId("save-response").click();
  await page.getByText("没有填写任何答案").waitFor();
  await page.getByRole("button", { name: "取消" }).last().click();

  // Customer A: all 5 (index 100), would recommend 10.
  await respond(page, "5", "10");
  await figure(page, "customer-index", "100");
  assert.match(await page.getByTestId("nps-group").innerText(), /推荐者/);
  await goSatisfaction(page);
  await figure(page, "csi", "100");
  await figure(page, "nps", "100");
  assert.match(await page.getByTestId("too-few").innerText(), /仅 1 份答卷/);

  // Customer B: all 1 (index 0), recommend 3 (a detractor). Index (100 + 0) / 2 = 50; NPS
  // 1 promoter − 1 detractor of 2 = 0.
  await page.goto(bUrl);
  await respond(page, "1", "3");
  await figure(page, "customer-index", "0");
  await goSatisfaction(page);
  await figure(page, "csi", "50");
  await figure(page, "nps", "0");
  await figure(page, "response-count", "2");

  // The template names the survey's columns.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("download-template").click()]);
  const template = await readFile(await download.path(), "utf8");
  assert.match(template, /^\uFEFF客户名称,日期,推荐意愿,P1 /);

  // Import: two good rows and one for a customer that does not exist.
  const csv = [
    "客户名称,日期,推荐意愿,P1,P2,P3,P4,P5,竞争对手,C1,C2",
    "满意度甲公司,2026-10-15,9,4,4,4,4,4,Acme,3,5",
    "满意度乙公司,2026-10-15,8,3,3,3,3,3,,,",
    "不存在的客户,2026-10-15,9,4,4,4,4,4,,,",
  ].join("\n");
  await page.getByTestId("import-file").setInputFiles({ name: "答卷.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.getByTestId("import-summary").waitFor();
  assert.equal(await page.getByTestId("import-summary").innerText(), "2 行可以导入，1 行有错误。");
  const error = await page.getByTestId("import-errors").locator("tbody tr").innerText();
  assert.match(error, /4\s+客户名称\s+没有名为“不存在的客户”的客户/);
  await page.getByTestId("import-commit").click();
  await page.getByText("已导入 2 份答卷").last().waitFor();

  // Index (100 + 0 + 75 + 50) / 4 = 56.25; NPS scores 10, 3, 9, 8: 2 promoters − 1 detractor
  // of 4 = 25.
  await figure(page, "csi", "56");
  await figure(page, "nps", "25");
  await figure(page, "response-count", "4");
  // Against Acme, on the first question: us 4, them 3.
  const versus = await page.getByTestId("versus-table").locator("tbody tr").first().innerText();
  assert.match(versus, /\+1\.0\s+4\.00 : 3\.00/);
  assert.match(await page.getByTestId("versus-table").locator("thead").innerText(), /Acme\s+1 份答卷/);
  await page.getByTestId("trend-chart").waitFor();
  assert.equal(await page.getByTestId("trend-table").locator("tbody tr").count(), 2, "October and November");
  // One scale, stated; months this small are pale and marked, with no whisker across the axis.
  const chart = page.getByTestId("trend-chart");
  assert.match(await chart.locator(".axis-label").textContent(), /满意度指数（0–100）/);
  assert.equal(await chart.locator("rect.bar-few").count(), 2);
  assert.equal(await chart.locator("line.whisker").count(), 0);
  assert.equal(await chart.locator(".few-mark").count(), 2);
  assert.match(await page.getByTestId("trend-legend").innerText(), /统一尺度/);
  await shot(page, "satisfaction-zh-desktop", true);

  // Customer A went from 75 (October) to 100 (today).
  await page.goto(aUrl);
  await figure(page, "customer-index", "100");
  assert.match(await page.getByTestId("customer-index-change").innerText(), /\+25/);

  // Everything is still there after a reload.
  await page.reload();
  await goSatisfaction(page);
  await figure(page, "csi", "56");
  await figure(page, "nps", "25");
  assert.deepEqual(page.problems, []);
  await context.close();
});

test("a GBK file is read; a file that is not CSV text is refused with the reason", async () => {
  const { context, page } = await openApp(app.browser, app.url, { lang: "en-US", path: "satisfaction" });
  await page.getByTestId("new-survey").click();
  await page.getByTestId("create-survey").click();
  // The page shows the new survey once the data has been read again.
  await page.getByTestId("no-responses").waitFor();
  // As Excel saves CSV in China: the customer's Chinese name comes through decoded.
  const gbk = iconv.encode("customer,date,P1\r\n张三,2026-11-01,4\r\n", "gbk");
  await page.getByTestId("import-file").setInputFiles({ name: "gbk.csv", mimeType: "text/csv", buffer: gbk });
  await page.getByTestId("import-summary").waitFor();
  assert.match(await page.getByTestId("import-errors").innerText(), /2\s+customer\s+No customer is called “张三”\./);
  // The start of a PNG image.
  await page.getByTestId("import-file").setInputFiles({ name: "photo.csv", mimeType: "text/csv", buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) });
  assert.match(await page.getByTestId("import-refused").innerText(), /not a CSV text file/);
  assert.deepEqual(page.problems, []);
  await context.close();
});

// Churn and win-back as an account manager uses them: retention rates from the records, the
// win-back list of valuable customers at risk, a customer recorded as lost (to a named
// competitor), a win-back plan that survives a reload and ends as won back.
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { test } from "node:test";
import { loadSample, openApp, openSection, shot, useApp } from "./helpers.mjs";

const app = useApp();

test("retention rates, the win-back list, recording churn and a win-back plan", async () => {
  const { context, page } = await openApp(app.browser, app.url);
  await loadSample(page);
  await page.locator(".nav-item", { hasText: "客户保持" }).first().click();
  await page.getByTestId("retention").waitFor();
  // The whole base over the last full quarter: a real base and a percentage.
  const lastFull = await page.getByTestId("retention").locator("tbody tr").nth(2).locator("td").allInnerTexts();
  assert.ok(Number(lastFull[1]) > 0, `base ${lastFull[1]}`);
  assert.match(lastFull[3], /^\d+%$/);
  assert.equal(Number(lastFull[2]) <= Number(lastFull[1]), true);

  await page.getByTestId("winback-row").first().waitFor({ timeout: 30_000 });
  const first = page.getByTestId("winback-row").first();
  assert.match(await first.innerText(), /高风险/);
  const name = await first.locator("a").first().innerText();
  await shot(page, "retention-zh-desktop", true);
  await first.locator("a").first().click();

  // The customer's risk, with its parts, in the analysis section.
  await openSection(page, "analysis");
  await page.getByTestId("risk-score").waitFor();
  assert.match(await page.getByTestId("churn-risk").innerText(), /仍活跃概率 \d+%：\+\d+/);
  assert.match(await page.getByTestId("risk-level").innerText(), /高风险/);

  // Lost to the competition: the competitor must be named.
  await page.getByTestId("record-churn").click();
  await page.getByTestId("save-churn").click();
  await page.locator("#ch-competitor[aria-invalid=true]").waitFor();
  await page.locator("#ch-competitor").fill("恒达科技");
  await page.getByTestId("save-churn").click();
  await page.getByTestId("churn-events").waitFor();
  assert.match(await page.getByTestId("churn-events").innerText(), /竞争流失[\s\S]*恒达科技/);

  await page.getByTestId("plan-winback").click();
  await page.getByTestId("save-winback").click();
  await page.locator("#wb-action[aria-invalid=true]").waitFor();
  await page.locator("#wb-action").fill("带新价格表上门拜访");
  await page.getByTestId("save-winback").click();
  await page.getByTestId("winback").waitFor();
  await page.reload();
  await page.getByTestId("winback").waitFor();
  assert.equal(await page.getByTestId("churn-events").locator("li").count(), 1);

  // On the retention page the customer is now listed as lost, with the plan.
  await page.goto(app.url + "retention");
  // (The sample may hold two customers of one name: the row with the plan is this one.)
  const row = page.getByTestId("winback-row").filter({ hasText: name }).filter({ hasText: "带新价格表上门拜访" });
  await row.waitFor();
  assert.match(await row.innerText(), /已流失[\s\S]*带新价格表上门拜访/);
  assert.match(await page.getByTestId("churn-kinds").innerText(), /竞争流失\s+1/);
  assert.match(await page.getByTestId("churn-causes").innerText(), /价格\s+1/);
  // The reasons panel exports both its tables as shown.
  const reasons = page.getByRole("region", { name: "流失记录：按类型和原因" });
  const [file] = await Promise.all([page.waitForEvent("download"), reasons.getByTestId("table-export").click()]);
  assert.equal(file.suggestedFilename(), "churn-reasons.csv");
  const csv = await readFile(await file.path(), "utf8");
  assert.match(csv, /^\uFEFF流失类型,客户数\r\n/);
  assert.match(csv, /\r\n竞争流失,1\r\n/);
  assert.match(csv, /\r\n\r\n流失原因,客户数\r\n/);
  assert.match(csv, /\r\n价格,1\r\n/);

  // The visit works: won back.
  await row.locator("a").first().click();
  await page.getByTestId("winback-won").click();
  await page.waitForFunction(() => document.querySelector("[data-testid=winback]")?.dataset.outcome === "won");
  await shot(page, "detail-churn-zh-desktop", true);
  assert.deepEqual(page.problems, []);
  await context.close();
});

test("retention page in English on a phone", async () => {
  const { context, page } = await openApp(app.browser, app.url, { lang: "en-US", width: 390, height: 844 });
  await loadSample(page);
  await page.goto(app.url + "retention");
  await page.getByTestId("retention").waitFor();
  await page.getByTestId("winback-list").waitFor({ timeout: 30_000 });
  assert.match(await page.locator("h1").innerText(), /Retention and win-back/);
  await shot(page, "retention-en-phone", true);
  assert.deepEqual(page.problems, []);
  await context.close();
});

// A complaint handled as the texts ask: taken on the customer's page, the customer flagged on
// every screen and left out of marketing, escalated once it passes its deadline, then followed
// up, resolved, confirmed by the customer and closed — after which the flag is gone.
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { test } from "node:test";
import { openApp, openSection, shot, useApp } from "./helpers.mjs";

const app = useApp();
const HOUR = 3_600_000;

async function exportFile(page, testid) {
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId(testid).click()]);
  return await readFile(await download.path(), "utf8");
}

async function step(page, button, text, check = false) {
  await page.getByTestId(button).click();
  if (text !== null) await page.getByTestId("complaint-step-text").fill(text);
  if (check) await page.getByTestId("complaint-step-check").check();
  await page.getByTestId("complaint-step-save").click();
}

test("a complaint flags the customer, escalates past its deadline, and is closed", async () => {
  const { context, page } = await openApp(app.browser, app.url);
  const start = Date.now();
  await page.clock.setFixedTime(start);

  await page.getByTestId("new-customer").click();
  await page.locator("#cf-name").fill("华星贸易");
  await page.locator("#cf-name").press("Enter");
  await openSection(page, "complaints");
  await page.getByTestId("complaints-panel").waitFor();

  // Intake: a critical delivery complaint (deadline 24 hours).
  await page.getByTestId("new-complaint").click();
  await page.getByTestId("save-complaint").click();
  await page.locator("#cp-description[aria-invalid=true]").waitFor();
  assert.match(await page.locator("#cp-description-msg").innerText(), /必填/);
  assert.equal(await page.getByTestId("complaint").count(), 0, "nothing saved from a half-filled form");
  await page.locator("#cp-category").selectOption("3");
  await page.locator("#cp-severity").selectOption("3");
  await page.locator("#cp-description").fill("第二批货晚到三天，产线停工");
  await page.getByTestId("save-complaint").click();
  await page.getByTestId("complaint").waitFor();
  assert.equal(await page.getByTestId("complaint-status").innerText(), "新建");
  assert.match(await page.getByTestId("complaint-deadline").innerText(), /须于 .* 前解决/);
  await page.getByTestId("complaint-banner").waitFor();
  await page.getByTestId("customer-detail").getByTestId("complaint-flag").waitFor();

  // Flagged in the list, and left out of a marketing export (which says so).
  await page.getByRole("link", { name: "客户", exact: true }).first().click();
  await page.getByTestId("customer-row").getByTestId("complaint-flag").waitFor();
  await page.getByRole("link", { name: "客户分群" }).first().click();
  await page.getByTestId("segment-count").waitFor();
  const marketing = await exportFile(page, "export-marketing");
  assert.ok(!marketing.includes("华星贸易"));
  await page.getByText("已导出 0 位客户；1 位投诉未结的客户未导出").waitFor();

  // Twenty-five hours later nobody has solved it: overdue, and escalated to the managers.
  await page.clock.setFixedTime(start + 25 * HOUR);
  await page.goto(app.url + "complaints");
  await page.getByTestId("complaint-figures").waitFor();
  assert.equal(await page.getByTestId("stat-overdue").innerText(), "1");
  assert.match(await page.getByTestId("complaint-escalated").innerText(), /已升级：超过处理期限/);
  assert.match(await page.getByTestId("complaint-deadline").innerText(), /已于 .* 超期/);
  assert.match(await page.locator(".nav-item", { hasText: "投诉" }).first().innerText(), /1/);
  await page.getByTestId("complaints-view-overdue").click();
  assert.equal(await page.getByTestId("complaint").count(), 1);
  await shot(page, "complaints-overdue-zh-desktop", true);

  // Handling: a follow-up acknowledges it; compensation offered and accepted; resolved.
  await step(page, "complaint-follow-up", "已致电道歉，明天补发");
  await page.waitForFunction(() => document.querySelector("[data-testid=complaint-status]")?.textContent === "已受理");
  await page.getByTestId("complaint-offer").click();
  await page.getByTestId("complaint-step-text").fill("免运费");
  await page.locator("#complaint-step-amount").fill("-5");
  await page.getByTestId("complaint-step-save").click();
  await page.getByRole("alert").filter({ hasText: "金额" }).waitFor();
  await page.locator("#complaint-step-amount").fill("300");
  await page.getByTestId("complaint-step-save").click();
  await page.getByTestId("offer-accepted").click();
  await page.getByText("客户已接受").waitFor();
  await step(page, "complaint-resolve", "补发到货，客户验收");
  await page.waitForFunction(() => document.querySelector("[data-testid=complaint-status]")?.textContent === "已解决");
  assert.equal(await page.getByTestId("complaint-escalated").count(), 0, "no longer with a manager");

  // Still open until the customer confirms: the customer stays flagged.
  await page.getByTestId("complaint").getByRole("link", { name: "华星贸易" }).click();
  await page.getByTestId("complaint-banner").waitFor();
  await step(page, "complaint-close", null, true);
  await page.waitForFunction(() => document.querySelector("[data-testid=complaint-status]")?.textContent === "已关闭");
  assert.equal(await page.getByTestId("complaint-banner").count(), 0);
  assert.match(await page.getByTestId("complaint").innerText(), /客户已确认/);

  // Figures: one resolved, not at first contact, 25 hours.
  await page.goto(app.url + "complaints");
  await page.getByTestId("complaints-view-all").click();
  assert.equal(await page.getByTestId("stat-open").innerText(), "0");
  assert.equal(await page.getByTestId("stat-first-contact").innerText(), "0%");
  assert.match(await page.getByTestId("complaint-figures").innerText(), /25\.0 小时/);

  // And marketing may reach the customer again.
  await page.goto(app.url + "segments");
  await page.getByTestId("segment-count").waitFor();
  assert.ok((await exportFile(page, "export-marketing")).includes("华星贸易"));
  assert.deepEqual(page.problems, []);
  await context.close();
});

test("complaints page in English on a phone", async () => {
  const { context, page } = await openApp(app.browser, app.url, { lang: "en-US", width: 390, height: 844 });
  await page.getByTestId("new-customer").click();
  await page.locator("#cf-name").fill("Acme Ltd");
  await page.locator("#cf-name").press("Enter");
  await openSection(page, "complaints");
  await page.getByTestId("new-complaint").click();
  await page.locator("#cp-description").fill("Invoice sent to the wrong address twice");
  await page.getByTestId("save-complaint").click();
  await page.getByTestId("complaint").waitFor();
  await shot(page, "detail-complaint-en-phone", true);
  await page.goto(app.url + "complaints");
  await page.getByTestId("complaint-figures").waitFor();
  assert.equal(await page.getByTestId("stat-open").innerText(), "1");
  await shot(page, "complaints-en-phone", true);
  assert.deepEqual(page.problems, []);
  await context.close();
});

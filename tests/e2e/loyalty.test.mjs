// The eight loyalty indicators on a customer's page: computed ones follow the purchases (a
// purchase at a discount lowers the full-price share), the owner's ratings set the attitude,
// the form of loyalty follows both, and the ratings survive a reload.
import assert from "node:assert/strict";
import { test } from "node:test";
import { openApp, openSection, shot, useApp } from "./helpers.mjs";

const app = useApp();

async function purchase(page, amount, discounted) {
  await page.getByTestId("tab-purchase").click();
  await page.locator("#pn-amount").fill(amount);
  if (discounted) await page.getByTestId("purchase-discounted").check();
  await page.getByTestId("save-purchase").click();
  await page.getByText("交易已保存").last().waitFor();
}

test("loyalty indicators follow the records and the owner's ratings", async () => {
  const { context, page } = await openApp(app.browser, app.url);
  await page.getByTestId("new-customer").click();
  await page.locator("#cf-name").fill("忠诚测试客户");
  await page.locator("#cf-name").press("Enter");
  await openSection(page, "loyalty");
  await page.getByTestId("loyalty").waitFor();
  assert.equal(await page.getByTestId("loyalty-score").innerText(), "—", "a prospect has no score");
  assert.match(await page.getByTestId("loyalty-form").innerText(), /尚未形成忠诚/);

  // Two purchases today, one at a discount: no repeat day yet (0) and half at full price (50).
  await openSection(page, "timeline");
  await purchase(page, "1000", false);
  await purchase(page, "800", true);
  await page.getByTestId("timeline-purchase").nth(1).waitFor();
  await openSection(page, "loyalty");
  await page.waitForFunction(() => document.querySelector("[data-testid=loyalty-behaviour]")?.textContent === "25");
  assert.match(await page.getByTestId("loyalty").innerText(), /2 笔交易中 1 笔按原价/);

  // The owner rates attitude: 5, 5, 5, 4 → (100 + 100 + 100 + 75) / 4 = 93.75.
  for (const [slot, value] of [[0, "5"], [1, "5"], [2, "5"], [3, "4"]]) {
    await page.getByTestId(`rating-${slot}`).selectOption(value);
    // Quick successive ratings: each is stored without overwriting the others.
  }
  await page.waitForFunction(() => document.querySelector("[data-testid=loyalty-attitude]")?.textContent === "94");
  // Score (25 + 93.75) / 2 = 59.4; attitude alone reaches 60: emotional loyalty.
  assert.equal(await page.getByTestId("loyalty-score").innerText(), "59");
  assert.match(await page.getByTestId("loyalty-form").innerText(), /精神忠诚/);
  await shot(page, "detail-loyalty-zh-desktop", true);

  await page.reload();
  await page.getByTestId("loyalty").waitFor();
  await page.waitForFunction(() => document.querySelector("[data-testid=loyalty-attitude]")?.textContent === "94");
  assert.equal(await page.getByTestId("rating-3").inputValue(), "4");
  assert.deepEqual(page.problems, []);
  await context.close();
});

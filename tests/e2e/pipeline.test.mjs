// The pipeline (商机): a deal added from its customer's page with its problems named, dragged
// along the board, lost to a competitor, found in the table and its CSV export, moved to the
// trash and restored; the team's stages edited in Settings — everything still there after a
// reload. (Keyboard moves, winning and the purchase it books: tests/e2e/leads.test.mjs.)
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { test } from "node:test";
import { fill, openApp, shot, useApp } from "./helpers.mjs";

const app = useApp();

const stageOf = (card) => card.evaluate((c) => c.closest("[data-testid=board-column]").dataset.stage);

test("a deal is added with its problems named, dragged along the board, lost to a competitor, exported, trashed and restored (en)", async () => {
  const { context, page } = await openApp(app.browser, app.url, { lang: "en-US" });
  await page.getByTestId("new-customer").click();
  await fill(page, "cf-name", "Blue Ocean Trading Ltd");
  await page.locator("#cf-name").press("Enter");
  await page.getByTestId("customer-detail").waitFor();
  assert.match(await page.getByTestId("customer-deals").innerText(), /No opportunity with this customer yet/);
  await page.getByTestId("customer-new-deal").click();
  await page.getByTestId("deal-form").waitFor();

  // Half filled: every problem is named at once, and nothing is saved.
  await fill(page, "of-amount", "12.345");
  await fill(page, "of-closedate", "");
  await fill(page, "of-probability", "120");
  await page.getByTestId("save-deal").click();
  const problems = await page.getByTestId("form-errors").innerText();
  assert.match(problems, /Name: Required/);
  assert.match(problems, /Amount/);
  assert.match(problems, /Expected close/);
  assert.match(problems, /Probability/);
  await fill(page, "of-name", "Annual paper supply");
  await fill(page, "of-amount", "48000");
  await fill(page, "of-closedate", "2027-01-31");
  await fill(page, "of-probability", "");
  await fill(page, "of-competitor-0", "Apex Industrial");
  await fill(page, "of-commitmenttext", "Send the formal quote");
  await fill(page, "of-commitmentdue", "2099-01-10");
  await page.getByTestId("save-deal").click();
  await page.getByTestId("deal-title").waitFor();
  assert.equal(await page.getByTestId("deal-title").innerText(), "Annual paper supply");
  assert.equal(await page.getByTestId("deal-amount").innerText(), "CN¥48,000.00");
  assert.equal(await page.locator("[data-testid=stage-step][aria-current=step]").getAttribute("data-stage"), "prospecting");

  // The next step is among everybody's promises, marked as a deal's.
  await page.locator("nav a[href$='/commitments']").first().click();
  await page.getByTestId("commitments").waitFor();
  assert.match(await page.getByTestId("commitments").innerText(), /Send the formal quote[\s\S]*Opportunity[\s\S]*Annual paper supply · Blue Ocean Trading Ltd/);

  // Dragged to the proposal column, kept after a reload.
  await page.locator("nav a[href$='/pipeline']").first().click();
  const card = page.locator("[data-testid=deal-card]", { hasText: "Annual paper supply" });
  await card.waitFor();
  assert.match(await page.getByTestId("pipeline-totals").innerText(), /1 opportunity · Open pipeline CN¥48,000 · Weighted CN¥4,800/);
  await card.dragTo(page.locator("[data-testid=board-column][data-stage=proposal]"));
  await page.waitForFunction(() => document.querySelector("[data-testid=board-column][data-stage=proposal] [data-testid=deal-card]"));
  await page.reload();
  await card.waitFor();
  assert.equal(await stageOf(card), "proposal");
  assert.match(await page.getByTestId("pipeline-totals").innerText(), /Weighted CN¥24,000/);
  await shot(page, "board-en-desktop");

  // The overview shows the open pipeline too, read after its own figures are painted.
  await page.goto(app.url);
  await page.getByTestId("pipeline-glance").waitFor();
  assert.equal(await page.getByTestId("pipeline-total").innerText(), "CN¥48,000");
  await page.locator("nav a[href$='/pipeline']").first().click();
  await card.waitFor();

  // Dropped on lost (the board scrolled to its last columns): the reason and the competitor
  // that won it, offered from the deal's.
  await page.getByTestId("board").evaluate((b) => (b.scrollLeft = b.scrollWidth));
  await card.dragTo(page.locator("[data-testid=board-column][data-stage=lost]"));
  await page.getByTestId("lose-form").waitFor();
  await page.locator("#lose-reason").selectOption({ label: "Lost to a competitor" });
  await page.getByTestId("lose-form").getByRole("button", { name: "Apex Industrial" }).click();
  await page.getByTestId("lose-confirm").click();
  await page.waitForFunction(() => document.querySelector("[data-testid=board-column][data-stage=lost] [data-testid=deal-card]"));
  await card.locator(".deal-name").click();
  await page.getByTestId("deal-closed").waitFor();
  assert.match(await page.getByTestId("deal-closed").innerText(), /Lost · Lost to a competitor · Apex Industrial/);
  // Its history: three stages, the time in each.
  assert.match(await page.getByTestId("deal-stays").innerText(), /First contact[\s\S]*Proposal and quote[\s\S]*Lost/);

  // In the table of lost deals, and in its CSV export with the exact amount.
  await page.goto(app.url + "pipeline?view=table&state=lost");
  await page.getByTestId("deal-row").first().waitFor();
  assert.equal(await page.getByTestId("deal-row").count(), 1);
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("deal-export").click()]);
  const csv = await readFile(await download.path(), "utf8");
  assert.match(csv, /^\uFEFFOpportunity,Customer,Amount,Currency,Probability/);
  assert.match(csv, /Annual paper supply,Blue Ocean Trading Ltd,48000\.00,CNY,0,0\.00,Lost,2027-01-31/);

  // To the trash and back.
  await page.getByTestId("deal-row").first().locator(".row-link").click();
  await page.getByTestId("trash-deal").click();
  await page.getByText("No opportunities yet").waitFor();
  await page.locator("nav a[href$='/trash']").first().click();
  await page.getByTestId("deal-trash-list").waitFor();
  assert.match(await page.getByTestId("deal-trash-list").innerText(), /Annual paper supply/);
  await page.getByTestId("restore-deal").click();
  await page.getByTestId("deal-trash-list").waitFor({ state: "detached" });
  await page.goto(app.url + "pipeline?view=table&state=all");
  await page.getByTestId("deal-row").first().waitFor();
  assert.equal(await page.getByTestId("deal-row").count(), 1);
  assert.deepEqual(page.problems, []);
  await context.close();
});

test("the team renames, adds and reorders stages; a stage with deals in it cannot be removed (zh-CN)", async () => {
  const { context, page } = await openApp(app.browser, app.url);
  await page.getByTestId("new-customer").click();
  await fill(page, "cf-name", "华星贸易有限公司");
  await page.locator("#cf-name").press("Enter");
  await page.getByTestId("customer-detail").waitFor();
  await page.getByTestId("customer-new-deal").click();
  await fill(page, "of-name", "年度包装材料");
  await fill(page, "of-amount", "120000.50");
  await page.locator("#of-name").press("Enter");
  await page.getByTestId("deal-title").waitFor();

  await page.goto(app.url + "settings");
  const section = page.getByTestId("stages-section");
  await section.waitFor();
  const rows = section.getByTestId("stage-row");
  assert.equal(await rows.count(), 4);
  // Removing the first stage, where the deal stands, is refused and says why.
  await rows.first().getByRole("button", { name: "删除" }).click();
  await page.getByTestId("save-stages").click();
  await section.getByRole("alert").waitFor();
  assert.match(await section.getByRole("alert").innerText(), /「初步接洽」中还有 1 个商机/);
  await page.reload();
  await section.waitFor();
  await page.waitForFunction(() => document.querySelectorAll("[data-testid=stage-row]").length === 4);
  // A new stage after the second, renamed, with its chance; a stale limit of 7 days.
  await page.getByTestId("add-stage").click();
  await rows.nth(4).locator("input").first().fill("样品测试");
  await rows.nth(4).locator("input").nth(1).fill("40");
  for (let i = 0; i < 2; i++) {
    const last = await rows.count();
    await rows.nth(last - 1 - i).getByRole("button", { name: "上移" }).click();
  }
  await page.getByTestId("stale-days").fill("7");
  await page.getByTestId("save-stages").click();
  await page.getByText("阶段已保存").waitFor();
  await page.goto(app.url + "pipeline");
  await page.getByTestId("deal-card").waitFor();
  const stages = await page.locator("[data-testid=board-column] h2").allInnerTexts();
  assert.deepEqual(stages.map((s) => s.replace(/\d+$/, "").trim()), ["初步接洽", "需求确认", "样品测试", "方案报价", "商务谈判", "赢单", "输单"]);
  assert.deepEqual(page.problems, []);
  await context.close();
});

// A rep between visits, on a phone (390 × 844): every page is reachable from the bottom bar
// (the daily ones on it, the rest under "More"), and a customer is one tap from a call.
import assert from "node:assert/strict";
import { test } from "node:test";
import { loadSample, openApp, shot, useApp } from "./helpers.mjs";

const app = useApp();

test("phone: every navigation entry is reachable, and rows and the customer page call with one tap", async () => {
  const { context, page } = await openApp(app.browser, app.url, { width: 390, height: 844 });
  await loadSample(page);
  const bar = page.locator("nav.nav");
  // The bar holds the daily pages and "More", all inside the screen's width.
  const shown = await bar.locator(".nav-item:visible").evaluateAll((items) =>
    items.map((i) => {
      const r = i.getBoundingClientRect();
      // The label alone (the commitments' and complaints' entries carry a count).
      return { text: i.querySelector(".nav-label").innerText.trim(), left: r.left, right: r.right };
    }),
  );
  assert.deepEqual(shown.map((s) => s.text), ["今日工作", "客户", "承诺", "投诉", "更多"]);
  for (const s of shown) assert.ok(s.left >= 0 && s.right <= 390, `${s.text} is off-screen`);
  await page.getByTestId("nav-more").click();
  const sheet = page.getByTestId("nav-more-sheet");
  await sheet.waitFor();
  await shot(page, "phone-nav-more");
  const more = await sheet
    .locator(".nav-item")
    .evaluateAll((items) => items.map((i) => i.querySelector(".nav-label").innerText.trim()));
  assert.deepEqual(more, ["概览", "线索", "商机", "报价", "产品价目", "客户分群", "模型验证", "客户满意", "客户保持", "回收站", "设置"]);
  await page.keyboard.press("Escape");
  await sheet.waitFor({ state: "hidden" });
  // Every entry, on the bar or in the sheet, opens its page (and the sheet closes).
  const targets = {
    今日工作: /\/today$/,
    概览: /\/crm\/$/,
    客户: /\/customers$/,
    承诺: /\/commitments$/,
    投诉: /\/complaints$/,
    线索: /\/leads$/,
    客户分群: /\/segments$/,
    模型验证: /\/validation/,
    客户满意: /\/satisfaction$/,
    客户保持: /\/retention$/,
    回收站: /\/trash$/,
    设置: /\/settings$/,
  };
  for (const [label, url] of Object.entries(targets)) {
    if (more.includes(label)) {
      await page.getByTestId("nav-more").click();
      await sheet.getByRole("link", { name: label }).click();
      await sheet.waitFor({ state: "hidden" });
    } else {
      await bar.getByRole("link", { name: label }).click();
    }
    await page.waitForURL(url);
    await page.waitForSelector("main.main h1");
  }
  // A row's call button: a tel: link a thumb can hit.
  await bar.getByRole("link", { name: "客户" }).click();
  const call = page.getByTestId("row-call").first();
  await call.waitFor();
  assert.match(await call.getAttribute("href"), /^tel:\+?\d{5,}$/);
  const box = await call.boundingBox();
  assert.ok(box.width >= 40 && box.height >= 40, `the call button is ${box.width}×${box.height}`);
  assert.ok(box.x + box.width <= 390);
  await shot(page, "phone-list");
  // Tapping it hands the number to the phone's dialler. Headless Chromium has none, so the
  // test catches the click on its way out (the app must not swallow it) and keeps the page.
  const handed = await call.evaluate(
    (a) =>
      new Promise((ok) => {
        window.addEventListener(
          "click",
          (e) => {
            ok({ href: a.href, prevented: e.defaultPrevented });
            e.preventDefault();
          },
          { once: true },
        );
        a.click();
      }),
  );
  assert.match(handed.href, /^tel:/);
  assert.equal(handed.prevented, false, "the app swallowed the call");
  // The customer page starts with how to reach them.
  await page.locator("[data-testid=customer-row]:has([data-testid=row-call]) .row-link").first().click();
  await page.getByTestId("customer-detail").waitFor();
  const reach = page.getByTestId("reach");
  await reach.waitFor();
  const first = await reach.getByTestId("reach-call").first().boundingBox();
  assert.ok(first.y + first.height <= 844, "the call button is on the first screen");
  assert.match(await reach.getByTestId("reach-call").first().getAttribute("href"), /^tel:/);
  // ...and what is open: the next-step card begins on the first screen too.
  const glance = await page.getByTestId("glance").boundingBox();
  assert.ok(glance.y < 844 - 80, `the next step starts at ${glance.y}px`);
  await shot(page, "phone-customer-top");
  assert.deepEqual(page.problems, []);
  await context.close();
});

test("phone: the filters fold into a sheet with removable chips, and the backup reminder is a chip that stays dismissed", async () => {
  const { context, page } = await openApp(app.browser, app.url, { width: 390, height: 844 });
  await loadSample(page);
  const total = await page.getByTestId("customer-count").innerText();
  // The reminder is one slim line, not a banner.
  const chip = await page.getByTestId("backup-reminder").boundingBox();
  assert.ok(chip.height <= 40, `the reminder is ${chip.height}px tall`);
  // The filters wait behind one button: the first row follows the search closely.
  assert.equal(await page.getByTestId("filter-kind").isVisible(), false);
  const firstRow = await page.getByTestId("customer-row").first().boundingBox();
  assert.ok(firstRow.y < 844 / 2, `the first row starts at ${firstRow.y}px`);
  await shot(page, "phone-list");
  await page.getByTestId("filter-toggle").click();
  await page.getByTestId("filter-kind").waitFor();
  await page.getByTestId("filter-kind").selectOption({ label: "企业购买者" });
  await page.getByTestId("filter-contact").selectOption("ok");
  await shot(page, "phone-filter-sheet");
  await page.getByTestId("filter-done").click();
  await page.getByTestId("filter-kind").waitFor({ state: "hidden" });
  const chips = page.getByTestId("filter-chip");
  assert.deepEqual(await chips.allInnerTexts(), ["企业购买者", "可联系客户"]);
  assert.match(await page.getByTestId("filter-toggle").innerText(), /2/);
  assert.match(await page.getByTestId("customer-count").innerText(), /^[\d,]+ \/ [\d,]+$/);
  // A tap on a chip removes that filter only; the last one brings the whole list back.
  await page.getByRole("button", { name: "移除筛选：企业购买者" }).click();
  await page.waitForFunction(() => document.querySelectorAll("[data-testid=filter-chip]").length === 1);
  await chips.first().click();
  await chips.first().waitFor({ state: "detached" });
  assert.equal(await page.getByTestId("customer-count").innerText(), total);
  // Escape closes the sheet.
  await page.getByTestId("filter-toggle").click();
  await page.getByTestId("filter-kind").waitFor();
  await page.keyboard.press("Escape");
  await page.getByTestId("filter-kind").waitFor({ state: "hidden" });

  // Dismissed, the reminder stays away after a reload (for the chosen seven days).
  await page.getByTestId("snooze-reminder").click();
  await page.getByTestId("backup-reminder").waitFor({ state: "detached" });
  await page.reload();
  await page.getByTestId("customer-row").first().waitFor();
  assert.equal(await page.getByTestId("backup-reminder").count(), 0);
  assert.deepEqual(page.problems, []);
  await context.close();
});

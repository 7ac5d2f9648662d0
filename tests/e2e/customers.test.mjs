// A person's everyday path: create a customer, log an interaction with a promise and a
// purchase, reload, and find everything still there; search by pinyin; jump with Ctrl+K.
import assert from "node:assert/strict";
import { test } from "node:test";
import { fill, loadSample, openApp, shot, useApp } from "./helpers.mjs";

const app = useApp();

test("create a customer, add an interaction and a purchase, reload: all still there", async () => {
  const { context, page } = await openApp(app.browser, app.url);
  await page.getByTestId("new-customer").click();
  await page.getByTestId("customer-form").waitFor();

  // Saving an empty form names what is wrong, in Chinese.
  await page.getByTestId("save-customer").click();
  await page.getByTestId("form-errors").waitFor();
  assert.match(await page.getByTestId("form-errors").innerText(), /名称：必填/);

  await fill(page, "cf-name", "杭州西湖茶业有限公司");
  await fill(page, "cf-phone-0", "0571-8888 6666");
  await fill(page, "cf-email-0", "not-an-email");
  await page.locator("#cf-name").press("Enter");
  await page.getByText("邮箱格式不正确").first().waitFor();

  await fill(page, "cf-email-0", "buyer@xihutea.cn");
  await fill(page, "cf-tags", "重点, 华东");
  // Enter while a Chinese IME is composing must not save...
  await page.locator("#cf-name").dispatchEvent("keydown", { key: "Enter", isComposing: true, bubbles: true });
  await page.waitForTimeout(300);
  assert.equal(await page.getByTestId("customer-detail").count(), 0, "composing Enter saved the form");
  // ...a plain Enter does.
  await page.locator("#cf-name").press("Enter");
  await page.getByTestId("customer-detail").waitFor();
  assert.equal(await page.getByTestId("customer-name").innerText(), "杭州西湖茶业有限公司");

  // Log a visit with a promise.
  await fill(page, "in-summary", "拜访采购部，介绍新品龙井");
  await fill(page, "in-commitmenttext", "周五前发报价");
  await fill(page, "in-commitmentdue", "2099-01-15");
  await page.getByTestId("save-interaction").click();
  await page.getByTestId("timeline-interaction").first().waitFor();
  await page.getByTestId("open-commitments").waitFor();

  // Record a purchase.
  await page.getByTestId("tab-purchase").click();
  await fill(page, "pn-amount", "12,800.50");
  await fill(page, "pn-product", "龙井茶礼盒");
  await page.getByTestId("save-purchase").click();
  await page.getByTestId("timeline-purchase").first().waitFor();
  await page.waitForFunction(() => document.querySelector("[data-testid=total-revenue]")?.textContent.includes("12,800.50"));

  const url = page.url();
  await page.reload();
  await page.getByTestId("customer-detail").waitFor();
  assert.equal(page.url(), url, "the deep link survives a reload under the sub-path");
  assert.equal(await page.getByTestId("customer-name").innerText(), "杭州西湖茶业有限公司");
  assert.match(await page.getByTestId("total-revenue").innerText(), /¥12,800\.50/);
  assert.equal(await page.getByTestId("total-purchases").innerText(), "1");
  assert.match(await page.getByTestId("timeline").innerText(), /拜访采购部，介绍新品龙井/);
  assert.match(await page.getByTestId("open-commitments").innerText(), /周五前发报价/);
  await shot(page, "detail-zh-desktop", true);

  // The promise is done: mark it and it leaves the open list.
  await page.getByTestId("toggle-commitment").click();
  await page.getByTestId("open-commitments").waitFor({ state: "detached" });

  // Back on the list the customer is there with its revenue (whole yuan in the overview).
  await page.getByRole("link", { name: "全部客户", exact: true }).click();
  await page.getByTestId("customer-row").first().waitFor();
  assert.match(await page.getByTestId("customer-row").first().innerText(), /杭州西湖茶业有限公司[\s\S]*¥12,801/);
  assert.deepEqual(page.problems, []);
  await context.close();
});

test("pinyin search, filters in the URL, and the command palette", async () => {
  const { context, page } = await openApp(app.browser, app.url);
  await loadSample(page);
  await shot(page, "list-zh-desktop");

  // Add 张三 by hand: `zs` and `zhangsan` must find him.
  await page.getByTestId("new-customer").click();
  await page.locator("label.segment").nth(1).click(); // a person
  await fill(page, "cf-name", "张三");
  await page.locator("#cf-name").press("Enter");
  await page.getByTestId("customer-detail").waitFor();
  await page.getByRole("link", { name: "全部客户", exact: true }).click();
  await page.getByTestId("customer-row").first().waitFor();

  const rows = page.getByTestId("customer-row");
  for (const query of ["zs", "zhangsan", "zhang san", "ZS"]) {
    await page.getByTestId("search").fill(query);
    await page.waitForFunction(
      (q) => new URL(location.href).searchParams.get("q") === q,
      query,
    );
    const names = await page.locator("[data-testid=customer-row] .row-link").allInnerTexts();
    assert.ok(names.includes("张三"), `${query} finds 张三 (got ${names.slice(0, 5)})`);
  }

  // Full pinyin of a city finds the companies named after it (as the customer's name or, for
  // a person, the company they work at), and only those.
  await page.getByTestId("search").fill("beijing");
  await page.waitForFunction(() => new URL(location.href).searchParams.get("q") === "beijing");
  assert.ok((await rows.count()) > 0, "full pinyin finds 北京 customers");
  for (const row of await rows.allInnerTexts()) {
    assert.match(row, /北京/);
  }

  // Reloading keeps the search: the URL holds it.
  await page.reload();
  await page.getByTestId("customer-row").first().waitFor();
  assert.equal(await page.getByTestId("search").inputValue(), "beijing");
  const filtered = await page.getByTestId("customer-count").innerText();

  // A link to the list without a search (the navigation's), followed while the list is open,
  // empties the box and shows everyone again; going back brings the search back into the box.
  await page.locator("nav a.nav-item", { hasText: "客户" }).first().click();
  await page.waitForFunction(() => document.querySelector("[data-testid=search]").value === "");
  assert.equal(new URL(page.url()).searchParams.get("q"), null);
  assert.notEqual(await page.getByTestId("customer-count").innerText(), filtered);
  await page.goBack();
  await page.waitForFunction(() => document.querySelector("[data-testid=search]").value === "beijing");
  assert.equal(await page.getByTestId("customer-count").innerText(), filtered);

  // Ctrl+K, type pinyin initials, Enter opens the customer.
  await page.getByTestId("clear-filters").click();
  await page.keyboard.press("Control+k");
  await page.getByTestId("palette").waitFor();
  await page.keyboard.type("zhangsan");
  await page.waitForTimeout(200);
  await shot(page, "palette-zh-desktop");
  await page.keyboard.press("Enter");
  await page.getByTestId("customer-detail").waitFor();
  assert.equal(await page.getByTestId("customer-name").innerText(), "张三");
  assert.deepEqual(page.problems, []);
  await context.close();
});

test("bulk actions: tag two customers, filter by the tag, move them to the trash and undo", async () => {
  const { context, page } = await openApp(app.browser, app.url);
  await loadSample(page);
  const boxes = page.locator("[data-testid=customer-row] input[type=checkbox]");
  await boxes.nth(0).check();
  await boxes.nth(1).check();
  await page.getByTestId("bulk-bar").waitFor();
  await page.getByTestId("bulk-tag").fill("展会跟进");
  await page.getByTestId("bulk-tag").press("Enter");
  await page.getByText("已为 2 位客户添加标签").waitFor();

  await page.getByTestId("filter-tag").selectOption("展会跟进");
  await page.waitForTimeout(300);
  assert.equal(await page.getByTestId("customer-row").count(), 2);
  assert.match(page.url(), /tag=/);

  await page.getByTestId("select-all").check();
  await page.getByTestId("bulk-delete").click();
  await page.getByText("已将 2 位客户移到回收站").waitFor();
  await page.getByTestId("empty-state").waitFor();
  await page.getByTestId("toast-action").click();
  await page.getByTestId("customer-row").first().waitFor();
  assert.equal(await page.getByTestId("customer-row").count(), 2, "Undo brought both back");

  // Trash one for good.
  await page.getByTestId("customer-row").first().locator("input[type=checkbox]").check();
  await page.getByTestId("bulk-delete").click();
  await page.getByText("已将 1 位客户移到回收站").waitFor();
  await page.goto(app.url + "trash");
  await page.getByTestId("trash-list").waitFor();
  await shot(page, "trash-zh-desktop");
  await page.getByTestId("purge").first().click();
  await page.getByTestId("confirm-yes").click();
  await page.getByText("已永久删除 1 位客户").waitFor();
  await page.getByTestId("empty-state").waitFor();
  assert.deepEqual(page.problems, []);
  await context.close();
});

test("amounts in other currencies: the list compares them in yuan and says at which rate", async () => {
  const { context, page } = await openApp(app.browser, app.url);
  await loadSample(page);
  // Foreign companies in the sample buy in their own currency.
  await page.getByTestId("search").fill("Ltd");
  const converted = page.getByTestId("row-converted").first();
  await converted.waitFor();
  assert.match(await converted.innerText(), /^≈ ¥[\d,]+$/);
  assert.match(await converted.getAttribute("title"), /^(£|US\$|€|HK\$|JP¥)[\d,]+ · 按 1 (GBP|USD|EUR|HKD|JPY) = ¥[\d.]+ 折算（汇率见“设置 → 分析”）$/);
  // The customer's page shows the amount as recorded, then the same conversion.
  await page.locator("[data-testid=customer-row]:has([data-testid=row-converted]) .row-link").first().click();
  await page.getByTestId("customer-detail").waitFor();
  assert.match(await page.getByTestId("total-revenue").innerText(), /(£|US\$|€|HK\$|JP¥)[\d,.]+/);
  assert.match(await page.getByTestId("total-converted").innerText(), /^≈ ¥[\d,]+ 按 1 [A-Z]{3} = ¥[\d.]+ 折算/);
  assert.deepEqual(page.problems, []);
  await context.close();
});

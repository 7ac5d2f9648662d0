// Leads (线索): a business card typed in, matched with the customer it already is, moved along
// the funnel, disqualified with a reason and reopened, edited, found by pinyin and filters,
// moved to the trash, restored and deleted for good — everything still there after a reload.
import assert from "node:assert/strict";
import { test } from "node:test";
import { fill, loadSample, openApp, openSection, shot, useApp } from "./helpers.mjs";

const app = useApp();

/** The number of leads the table lists (it draws only those in view): its row count. */
const LISTED = () => Number(document.querySelector("[data-testid=lead-table]")?.getAttribute("aria-rowcount") ?? 1) - 1;
const listed = (page) => page.evaluate(LISTED);

/** The number of leads listed once the list shows what its count says (a filter just changed). */
async function settledRows(page) {
  await page.waitForFunction((listedSource) => {
    const listed = eval(listedSource);
    const m = document.querySelector("[data-testid=lead-count]")?.textContent.match(/(?:显示 )?([\d,]+)/);
    const drawn = document.querySelectorAll("[data-testid=lead-row]").length;
    return m && Number(m[1].replace(/,/g, "")) === listed() && drawn <= listed() && (listed() === 0 || drawn > 0);
  }, `(${LISTED})`);
  return listed(page);
}

/** Scrolls the leads table down until a row matching `selector` is drawn. */
async function scrollTo(page, selector) {
  await page.waitForFunction((selector) => {
    if (document.querySelector(selector)) return true;
    const box = document.querySelector("[data-testid=lead-scroll]");
    box.scrollTop += box.clientHeight / 2;
    return false;
  }, selector, { polling: 50 });
}

const status = (page) => page.getByTestId("lead-status").first().innerText();

test("a lead is matched with the customer it already is, qualified, disqualified, reopened, edited, trashed and restored (zh-CN)", async () => {
  const { context, page } = await openApp(app.browser, app.url);
  // A customer already on file.
  await page.getByTestId("new-customer").click();
  await fill(page, "cf-name", "杭州西湖茶业有限公司");
  await fill(page, "cf-phone-0", "0571-8888 6666");
  await page.locator("#cf-name").press("Enter");
  await page.getByTestId("customer-detail").waitFor();

  await page.locator("nav a[href$='/leads']").first().click();
  await page.getByText("还没有线索").waitFor();
  await page.getByTestId("new-lead").first().click();
  await page.getByTestId("lead-form").waitFor();
  // A form with neither a name nor an organisation says what is missing; nothing is saved.
  await page.getByTestId("save-lead").click();
  assert.match(await page.getByTestId("form-errors").innerText(), /请填写姓名或单位/);
  // The business card: the same switchboard number, written another way.
  await fill(page, "lf-name", "王芳");
  await fill(page, "lf-company", "杭州西湖茶业");
  await fill(page, "lf-phone-0", "+86 571 8888 6666");
  await page.locator("#lf-source").selectOption({ label: "展会" });
  await fill(page, "lf-campaign", "2026 春季广交会");
  await page.locator("#lf-name").press("Enter");
  await page.getByTestId("lead-page").waitFor();
  await page.getByTestId("lead-matches").waitFor();
  assert.equal(await page.getByTestId("lead-name").innerText(), "王芳");
  assert.equal(await status(page), "新线索");
  assert.equal(await page.getByTestId("lead-match-count").innerText(), "1 个可能重复");
  const match = await page.getByTestId("lead-match").innerText();
  assert.match(match, /客户/);
  assert.match(match, /杭州西湖茶业有限公司/);
  assert.match(match, /电话相同/);
  assert.match(await page.getByTestId("lead-facts").innerText(), /2026 春季广交会/);

  // Along the funnel, then disqualified as a duplicate of the customer.
  await page.getByTestId("lead-to-contacted").click();
  await page.waitForFunction(() => document.querySelector("[data-testid=lead-status]")?.textContent === "已联系");
  await page.getByTestId("lead-to-qualified").click();
  await page.waitForFunction(() => document.querySelector("[data-testid=lead-status]")?.textContent === "已确认");
  await page.getByTestId("lead-reason-select").selectOption("duplicate");
  await page.getByTestId("lead-disqualify").click();
  await page.waitForFunction(() => document.querySelector("[data-testid=lead-status]")?.textContent === "无效");
  assert.match(await page.getByTestId("lead-reason").innerText(), /重复线索/);

  // A reload keeps the status, the reason and every step with its time.
  await page.reload();
  await page.getByTestId("lead-history").waitFor();
  assert.equal(await status(page), "无效");
  assert.equal(await page.getByTestId("lead-history").locator("li").count(), 4);
  assert.match(await page.getByTestId("lead-history").innerText(), /无效[\s\S]*已确认[\s\S]*已联系[\s\S]*新线索/);

  // Reopened, and edited.
  await page.getByTestId("lead-to-new").click();
  await page.waitForFunction(() => document.querySelector("[data-testid=lead-status]")?.textContent === "新线索");
  assert.equal(await page.getByTestId("lead-reason").count(), 0, "a reopened lead has no reason");
  await page.getByTestId("edit-lead").click();
  await fill(page, "lf-title", "采购经理");
  await page.locator("#lf-title").press("Enter");
  await page.getByText("采购经理").first().waitFor();
  await shot(page, "lead-zh-desktop", true);

  // The list finds it by pinyin initials and by phone digits; filters narrow it.
  await page.locator("nav a[href$='/leads']").first().click();
  await page.getByTestId("lead-row").first().waitFor();
  assert.equal(await page.getByTestId("lead-count").innerText(), "共 1 条线索");
  await page.getByTestId("lead-search").fill("wf");
  await page.getByTestId("lead-row").first().waitFor();
  assert.equal(await page.getByTestId("lead-row").count(), 1);
  await page.getByTestId("lead-search").fill("88886666");
  assert.equal(await page.getByTestId("lead-row").count(), 1);
  await page.getByTestId("lead-search").fill("李");
  await page.getByTestId("leads-no-match").waitFor();
  await page.getByTestId("lead-search").fill("");
  await page.getByTestId("lead-status-filter").selectOption({ label: "已确认" });
  await page.getByTestId("leads-no-match").waitFor();
  await page.getByTestId("lead-status-filter").selectOption({ label: "新线索" });
  await page.getByTestId("lead-row").first().waitFor();
  await page.getByTestId("lead-owner-filter").selectOption({ label: "未分配" });
  assert.equal(await page.getByTestId("lead-row").count(), 1, "no owner chosen: in the unassigned queue");

  // To the trash and back; then deleted for good.
  await page.getByTestId("lead-row").first().locator(".row-link").click();
  await page.getByTestId("trash-lead").click();
  await page.getByText("还没有线索").waitFor();
  await page.locator("nav a[href$='/trash']").first().click();
  await page.getByTestId("lead-trash-list").waitFor();
  assert.match(await page.getByTestId("lead-trash-list").innerText(), /王芳 · 杭州西湖茶业/);
  await page.getByTestId("restore-lead").click();
  await page.getByTestId("lead-trash-list").waitFor({ state: "detached" });
  await page.locator("nav a[href$='/leads']").first().click();
  await page.getByTestId("lead-row").first().waitFor();
  await page.getByTestId("lead-row").first().locator(".row-link").click();
  await page.getByTestId("trash-lead").click();
  await page.getByText("还没有线索").waitFor();
  await page.locator("nav a[href$='/trash']").first().click();
  await page.getByTestId("purge-lead").click();
  await page.getByTestId("confirm-yes").click();
  await page.getByTestId("lead-trash-list").waitFor({ state: "detached" });
  await page.reload();
  await page.locator("main.main h1").first().waitFor();
  assert.equal(await page.getByTestId("lead-trash-list").count(), 0);
  // The customer was never touched.
  await page.locator("nav a[href$='/customers']").first().click();
  await page.getByTestId("customer-row").first().waitFor();
  assert.equal(await page.getByTestId("customer-row").count(), 1);
  assert.deepEqual(page.problems, []);
  await context.close();
});

test("the sample's leads in English on a phone: matches with the sample customers, the unassigned queue", async () => {
  const { context, page } = await openApp(app.browser, app.url, { lang: "en-US", width: 390, height: 844, colorScheme: "dark" });
  await loadSample(page);
  await page.goto(app.url + "leads");
  await page.getByTestId("lead-row").first().waitFor();
  // The open leads are shown first, out of all of them.
  assert.match(await page.getByTestId("lead-count").innerText(), /^\d+ of 150 leads$/);
  const open = await listed(page);
  // Only the rows in view are drawn.
  const drawn = await page.getByTestId("lead-row").count();
  assert.ok(drawn > 5 && drawn < open, `${drawn} of ${open} rows drawn`);
  await page.getByTestId("lead-status-filter").selectOption({ label: "Every status" });
  await page.waitForFunction(([n, LISTED]) => eval(LISTED)() > n, [open, `(${LISTED})`]);
  assert.equal(await listed(page), 150, "a lead for every two sample customers");
  await page.getByTestId("lead-owner-filter").selectOption({ label: "Unassigned queue" });
  const unassigned = await settledRows(page);
  assert.ok(unassigned > 0 && unassigned < 150, `${unassigned} unassigned`);
  await shot(page, "leads-en-dark-phone");
  // Some sample leads are people the sample customers employ: the list flags them, and
  // their page says whom they match.
  await page.getByTestId("lead-owner-filter").selectOption({ label: "Every owner" });
  const flagged = page.locator("[data-testid=lead-row]", { has: page.getByTestId("lead-known") });
  await settledRows(page);
  await scrollTo(page, "[data-testid=lead-known]");
  const n = (await flagged.first().getByTestId("lead-known").innerText()).match(/^(\d+) possible match/);
  assert.ok(n, "the flag says how many");
  await flagged.first().locator(".row-link").click();
  await page.getByTestId("lead-matches").waitFor();
  assert.equal(await page.getByTestId("lead-match").count(), Number(n[1]));
  assert.match(await page.getByTestId("lead-matches").innerText(), /Contact person|Customer/);
  await shot(page, "lead-en-dark-phone", true);
  // The funnel of the sample's leads (all within the last year), by source.
  await page.goto(app.url + "leads/funnel");
  await page.getByTestId("funnel-table").waitFor();
  assert.match(await page.getByTestId("funnel-total").innerText(), /^Every source\s+150\b/);
  const sources = await page.getByTestId("funnel-row").count();
  assert.ok(sources >= 4 && sources <= 8, `${sources} sources`);
  await page.getByTestId("funnel-period").selectOption({ label: "the last 30 days" });
  await page.waitForFunction(() => document.querySelector("[data-testid=funnel-empty]") || !/^Every source\s+150\b/.test(document.querySelector("[data-testid=funnel-total]")?.innerText ?? ""));
  await shot(page, "funnel-en-dark-phone", true);
  assert.deepEqual(page.problems, []);
  await context.close();
});

test("assigning leads: the unassigned queue round robin over two members, then by a region rule (zh-CN)", async () => {
  const { context, page } = await openApp(app.browser, app.url);
  await loadSample(page);
  await page.goto(app.url + "leads");
  await page.getByTestId("lead-row").first().waitFor();
  await page.getByTestId("lead-owner-filter").selectOption({ label: "未分配" });
  const queue = await settledRows(page);
  assert.ok(queue > 0, "the sample has an unassigned queue");
  await page.getByTestId("assign-open").click();
  await page.getByTestId("assign-round-robin").check();
  // Nobody chosen yet: nothing to do.
  assert.ok(await page.getByTestId("assign-go").isDisabled());
  await page.getByTestId("assign-rr-member").nth(0).check();
  await page.getByTestId("assign-rr-member").nth(1).check();
  assert.equal(await page.getByTestId("assign-preview").innerText(), `将为 ${queue} 条线索分配负责人。`);
  await page.getByTestId("assign-go").click();
  await page.getByText(`已分配 ${queue} 条线索`).waitFor();
  await page.getByTestId("leads-no-match").waitFor();

  // Every open lead in 浙江 to one member, by a region rule; the others stay as they are.
  await page.getByTestId("lead-owner-filter").selectOption({ label: "全部负责人" });
  const shown = await settledRows(page);
  await page.getByTestId("lead-search").fill("浙江");
  await page.getByTestId("lead-row").first().waitFor();
  const zhejiang = await settledRows(page);
  await page.getByTestId("lead-search").fill("");
  await page.waitForFunction(([n, LISTED]) => eval(LISTED)() === n, [shown, `(${LISTED})`]);
  await page.getByTestId("assign-all-shown").check();
  await page.getByTestId("assign-region").check();
  await page.getByTestId("region-rule-add").click();
  await page.getByTestId("region-rule-region").fill("浙江");
  const member = await page.getByTestId("region-rule-member").locator("option:checked").innerText();
  assert.equal(
    await page.getByTestId("assign-preview").innerText(),
    `将为 ${zhejiang} 条线索分配负责人，${shown - zhejiang} 条保持不变。`,
  );
  await page.getByTestId("assign-go").click();
  await page.getByText(`已分配 ${zhejiang} 条线索`).waitFor();
  // After a reload: the 浙江 leads are the member's, and each lead's page shows the handover.
  await page.reload();
  await page.getByTestId("lead-row").first().waitFor();
  await page.getByTestId("lead-search").fill("浙江");
  await page.getByTestId("lead-owner-filter").selectOption({ label: member });
  await page.waitForFunction(([n, LISTED]) => eval(LISTED)() === n, [zhejiang, `(${LISTED})`]);
  await page.getByTestId("lead-row").first().locator(".row-link").click();
  await page.getByTestId("lead-owners").waitFor();
  assert.match(await page.getByTestId("lead-owners").locator("li").first().innerText(), new RegExp(`^${member}，自`));
  // A search typed and the page reloaded at once: the list opens as it was left.
  await page.goto(app.url + "leads");
  await page.getByTestId("lead-row").first().waitFor();
  await page.getByTestId("lead-search").fill("浙江");
  await page.reload();
  await page.getByTestId("lead-row").first().waitFor();
  assert.equal(await page.getByTestId("lead-search").inputValue(), "浙江");
  assert.equal(await settledRows(page), zhejiang);
  assert.deepEqual(page.problems, []);
  await context.close();
});

test("business cards from a vCard file become leads, a known one flagged; qualified and converted into the customer it matched (zh-CN)", async () => {
  const { context, page } = await openApp(app.browser, app.url);
  // The organisation is already a customer, with its switchboard number.
  await page.getByTestId("new-customer").click();
  await fill(page, "cf-name", "华星贸易有限公司");
  await fill(page, "cf-phone-0", "010-6552 1234");
  await page.locator("#cf-name").press("Enter");
  await page.getByTestId("customer-detail").waitFor();

  const cards = [
    "BEGIN:VCARD", "VERSION:3.0", "N:张;伟;;;", "ORG:华星贸易", "TITLE:采购经理", "TEL;TYPE=WORK:010 6552 1234", "EMAIL:zhang.wei@huaxing.example", "END:VCARD",
    "BEGIN:VCARD", "VERSION:3.0", "FN:李娜", "TEL;TYPE=CELL:139 0000 1111", "END:VCARD",
    "BEGIN:VCARD", "VERSION:2.1", "FN;CHARSET=BIG5:x", "END:VCARD",
    "",
  ].join("\r\n");
  await page.goto(app.url + "import");
  await page.getByTestId("import-file").setInputFiles({ name: "展会名片.vcf", mimeType: "text/vcard", buffer: Buffer.from(cards) });
  await page.getByTestId("import-plan").waitFor();
  assert.equal(await page.getByTestId("import-kind-leads").isChecked(), true, "cards are leads");
  assert.equal(await page.getByTestId("import-plan").innerText(), "新建 2 条，更新 0 条，跳过重复 0 条，1 行有错误（不导入）。");
  // The card of 张伟 may be the customer: flagged in the preview and listed, not merged.
  assert.match(await page.getByTestId("import-preview").innerText(), /客户 华星贸易有限公司（电话相同）/);
  assert.match(await page.getByTestId("import-matched").innerText(), /张伟 · 华星贸易[\s\S]*华星贸易有限公司/);
  // The Big5 card is reported on the line it starts on.
  const errors = await page.getByTestId("import-errors").innerText();
  assert.match(errors, /14/);
  assert.match(errors, /BIG5/);
  await shot(page, "import-cards-zh-desktop", true);
  await page.getByTestId("import-go").click();
  await page.getByTestId("import-finished").waitFor();
  assert.equal(await page.getByTestId("import-created").innerText(), "2");
  await page.getByTestId("import-open-leads").click();
  await page.getByTestId("lead-row").first().waitFor();
  assert.equal(await settledRows(page), 2);

  // 张伟: qualified, then converted into the customer, as its new contact person.
  await page.locator("[data-testid=lead-row]", { hasText: "张伟" }).locator(".row-link").click();
  await page.getByTestId("lead-matches").waitFor();
  assert.equal(await page.getByTestId("lead-match-count").innerText(), "1 个可能重复");
  await page.getByTestId("lead-to-qualified").click();
  await page.waitForFunction(() => document.querySelector("[data-testid=lead-status]")?.textContent === "已确认");
  // Nothing logged yet: no engagement points. A visit with a promise is logged on the lead.
  await page.getByTestId("lead-score").waitFor();
  assert.equal(await page.getByTestId("lead-score-engagement").innerText(), "0 / 50");
  await page.locator("#in-channel").selectOption({ label: "拜访" });
  await fill(page, "in-summary", "上门拜访，见到了采购负责人");
  await fill(page, "in-commitmenttext", "周五前发报价");
  await fill(page, "in-commitmentdue", "2099-01-15");
  await page.getByTestId("save-interaction").click();
  await page.getByTestId("lead-interaction").waitFor();
  // A visit today weighs 3: 50 × (1 − e^(−3/4)) = 26.4.
  await page.waitForFunction(() => document.querySelector("[data-testid=lead-score-engagement]")?.textContent === "26 / 50");
  assert.match(await page.getByTestId("lead-score-touches").innerText(), /1 次接触/);
  await shot(page, "lead-activity-zh-desktop", true);
  // The promise is among everybody's promises, marked as a lead's.
  await page.locator("nav a[href$='/commitments']").first().click();
  await page.getByTestId("commitments").waitFor();
  assert.match(await page.getByTestId("commitments").innerText(), /周五前发报价[\s\S]*线索[\s\S]*张伟/);
  await page.getByTestId("commitments").getByRole("link", { name: /张伟/ }).click();
  await page.getByTestId("lead-page").waitFor();
  await page.getByTestId("lead-convert").click();
  assert.match(await page.locator("label", { has: page.getByTestId("convert-new") }).innerText(), /新建客户：单位“华星贸易”，张伟为其联系人/);
  await page.getByTestId("convert-existing").check();
  // A qualified lead opens a deal with its conversion unless told otherwise.
  assert.equal(await page.getByTestId("convert-with-deal").isChecked(), true);
  await fill(page, "cv-deal-name", "华星贸易 年度采购");
  await fill(page, "cv-deal-amount", "86000");
  await shot(page, "lead-convert-zh-desktop");
  await page.getByTestId("convert-go").click();
  await page.getByTestId("customer-detail").waitFor();
  assert.equal(await page.getByTestId("customer-name").innerText(), "华星贸易有限公司");
  await page.getByText("已转为客户“华星贸易有限公司”").waitFor();
  assert.match(await page.getByTestId("customer-deal").innerText(), /华星贸易 年度采购[\s\S]*初步接洽[\s\S]*¥86,000\.00/);
  // The visit and its promise moved onto the customer's timeline.
  assert.match(await page.getByTestId("timeline").innerText(), /上门拜访，见到了采购负责人[\s\S]*周五前发报价/);
  await openSection(page, "contacts");
  assert.match(await page.getByTestId("contacts").innerText(), /张伟[\s\S]*采购经理/);

  // After a reload: still there; the lead says what it became and is no longer open.
  await page.reload();
  await page.getByTestId("contacts").waitFor();
  assert.match(await page.getByTestId("contacts").innerText(), /张伟/);
  await page.goto(app.url + "leads");
  await page.getByTestId("lead-row").first().waitFor();
  assert.equal(await settledRows(page), 1, "the open leads: only 李娜 is left");
  await page.getByTestId("lead-status-filter").selectOption({ label: "全部状态" });
  await page.waitForFunction(() => document.querySelectorAll("[data-testid=lead-row]").length === 2);
  await page.locator("[data-testid=lead-row]", { hasText: "张伟" }).locator(".row-link").click();
  await page.getByTestId("lead-page").waitFor();
  assert.equal(await status(page), "已转化");
  assert.match(await page.getByTestId("lead-converted").innerText(), /已转为[\s\S]*华星贸易有限公司/);
  assert.equal(await page.getByTestId("lead-convert").count(), 0);

  // 李娜 becomes a new individual customer.
  await page.goto(app.url + "leads");
  await page.locator("[data-testid=lead-row]", { hasText: "李娜" }).locator(".row-link").click();
  await page.getByTestId("lead-convert").click();
  assert.match(await page.locator("label", { has: page.getByTestId("convert-new") }).innerText(), /个人客户“李娜”/);
  await page.getByTestId("convert-go").click();
  await page.getByTestId("customer-detail").waitFor();
  assert.equal(await page.getByTestId("customer-name").innerText(), "李娜");
  await page.locator("nav a[href$='/customers']").first().click();
  await page.getByTestId("customer-row").first().waitFor();
  assert.equal(await page.getByTestId("customer-row").count(), 2);

  // The deal on the board: moved along with the keyboard, each move kept, then won — its
  // amount becomes a purchase of the customer, which the segmentation then counts.
  await page.locator("nav a[href$='/pipeline']").first().click();
  const card = page.locator("[data-testid=deal-card]", { hasText: "华星贸易 年度采购" });
  await card.waitFor();
  const column = () => card.evaluate((c) => c.closest("[data-testid=board-column]").dataset.stage);
  assert.equal(await column(), "prospecting");
  await card.focus();
  for (const [stage, name] of [["needs", "需求确认"], ["proposal", "方案报价"], ["negotiation", "商务谈判"]]) {
    await page.keyboard.press("Shift+ArrowRight");
    await page.waitForFunction((n) => document.querySelector("[data-testid=board-announce]")?.textContent === `已移到「${n}」`, name);
    await page.waitForFunction((s) => document.activeElement?.closest("[data-testid=board-column]")?.dataset.stage === s, stage);
  }
  assert.equal(await column(), "negotiation");
  await shot(page, "board-zh-desktop");
  await page.reload();
  await card.waitFor();
  assert.equal(await column(), "negotiation", "the moves were saved");
  // One more step is the won column: closing asks first.
  await card.focus();
  await page.keyboard.press("Shift+ArrowRight");
  await page.getByTestId("win-form").waitFor();
  assert.equal(await page.getByTestId("win-book").isChecked(), true);
  await page.getByTestId("win-confirm").click();
  await page.waitForFunction(() => [...document.querySelectorAll("[data-testid=board-column][data-stage=won] [data-testid=deal-card]")].some((c) => c.textContent.includes("华星贸易 年度采购")));
  await card.locator(".deal-name").click();
  await page.getByTestId("deal-closed").waitFor();
  assert.match(await page.getByTestId("deal-closed").innerText(), /已赢单[\s\S]*已记为交易/);
  await page.getByTestId("deal-customer-link").click();
  await page.getByTestId("customer-detail").waitFor();
  await page.waitForFunction(() => document.querySelector("[data-testid=total-purchases]")?.textContent === "1");
  assert.match(await page.getByTestId("total-revenue").innerText(), /¥86,000\.00/);
  // The segmentation sees the purchase: the customer has its value classes now.
  await page.waitForFunction(() => /RFM/.test(document.querySelector("[data-testid=classes-line]")?.textContent ?? ""));
  assert.match(await page.getByTestId("customer-deals").innerText(), /已赢单 1/);
  assert.deepEqual(page.problems, []);
  await context.close();
});

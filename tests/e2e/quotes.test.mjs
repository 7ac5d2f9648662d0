// Products, price agreements and quotes as a team uses them: a product added (a taken code
// refused), a customer's agreed price, rep A's quote priced by the agreement, rep B opening the
// same customer and seeing A's quote and prices, B's discount beyond a rep's authority waiting
// for the manager, the manager approving it, the customer accepting it — its lines are
// purchases on the customer — the print view in both languages; everything still there after a
// reload.
import assert from "node:assert/strict";
import { test } from "node:test";
import { fill, loadSample, openApp, shot, useApp } from "./helpers.mjs";

const app = useApp();

async function be(page, app, name) {
  await page.goto(app.url + "settings");
  await page.getByTestId("set-me").selectOption({ label: name });
}

/** Types into the first line's product chooser and picks the option `label`. */
async function chooseProduct(page, text, label) {
  await page.getByTestId("line-product").first().fill(text);
  await page.getByTestId("line-product-option").filter({ hasText: label }).first().click();
  await page.getByTestId("line-product-chosen").first().waitFor();
}

async function chooseCustomer(page, name) {
  await page.getByTestId("deal-customer").fill(name);
  await page.getByTestId("deal-customer-option").first().click();
  await page.getByTestId("deal-customer-chosen").waitFor();
}

test("a product, an agreed price, two reps' quotes, an approval and an acceptance (zh-CN)", async () => {
  const { context, page } = await openApp(app.browser, app.url, { lang: "zh-CN" });
  await loadSample(page);
  // The first sample customer in the list.
  const customer = (await page.getByTestId("customer-row").first().locator(".row-link").innerText()).trim();

  // The sample price list is there; a new product with a code already taken is refused.
  await page.goto(app.url + "products");
  await page.getByTestId("product-row").first().waitFor();
  const takenCode = (await page.getByTestId("product-row").first().locator("td").first().innerText()).trim();
  await page.getByTestId("new-product").click();
  await page.getByTestId("product-form").waitFor();
  await fill(page, "pf-code", takenCode.toLowerCase());
  await fill(page, "pf-name", "测试纸箱");
  await fill(page, "pf-category", "包装材料");
  await fill(page, "pf-listprice", "100.005");
  await page.getByTestId("save-product").click();
  const problems = await page.getByTestId("form-errors").innerText();
  assert.match(problems, /产品编码：已被其他产品使用/);
  assert.match(problems, /标准价：小数点后最多 2 位/);
  await fill(page, "pf-code", "E2E-01");
  await fill(page, "pf-listprice", "100");
  await fill(page, "pf-cost", "60");
  await page.getByTestId("save-product").click();
  await page.getByTestId("product-page").waitFor();
  await page.getByTestId("agreements").waitFor();

  // The customer's own price for it: ¥90 before tax.
  await page.getByTestId("new-agreement").click();
  await page.getByTestId("agreement-form").waitFor();
  await chooseCustomer(page, customer);
  await fill(page, "af-unitprice", "90");
  await fill(page, "af-notes", "2026 年度框架协议");
  await page.getByTestId("save-agreement").click();
  await page.waitForFunction(() => document.querySelector("[data-testid=agreement-table]")?.textContent.includes("¥90.00"));
  assert.match(await page.getByTestId("agreement-table").innerText(), /¥90\.00[\s\S]*生效中/);

  // Rep A (李强) quotes it: the agreed price including 13 % VAT, ¥101.70, fills in.
  await be(page, app, "李强");
  await page.goto(app.url + "quotes/new");
  await page.getByTestId("quote-form").waitFor();
  await chooseCustomer(page, customer);
  await chooseProduct(page, "E2E-01", "E2E-01 · 测试纸箱");
  assert.match(await page.getByTestId("quote-line").first().innerText(), /协议价 ¥101\.70/);
  await page.getByTestId("line-quantity").first().fill("10");
  await page.waitForFunction(() => document.querySelector("[data-testid=quote-total]")?.textContent === "¥1,017.00");
  await page.getByTestId("save-quote").click();
  await page.getByTestId("quote-page").waitFor();
  const numberA = (await page.locator("h1 .mono").innerText()).trim();
  await page.getByTestId("send-quote").click();
  await page.waitForFunction(() => document.querySelector("[data-testid=quote-standing]")?.textContent === "已发出");

  // Rep B (陈静) opens the same customer: A's quote and price are beside her quote, and her
  // lower price is flagged against A's open quote.
  await be(page, app, "陈静");
  await page.goto(app.url + "quotes/new");
  await chooseCustomer(page, customer);
  // The customer's quotes are read once they are chosen: the panel fills in a moment later.
  await page.getByTestId("earlier-prices").locator(".earlier-list li").first().waitFor();
  const earlier = await page.getByTestId("earlier-prices").innerText();
  assert.match(earlier, new RegExp(`测试纸箱[\\s\\S]*¥101\\.70[\\s\\S]*${numberA}[\\s\\S]*李强[\\s\\S]*已发出`));
  await chooseProduct(page, "E2E-01", "E2E-01 · 测试纸箱");
  await page.getByTestId("line-quantity").first().fill("10");
  await page.getByTestId("line-price").first().fill("95");
  await page.getByTestId("line-discount").first().fill("15");
  await page.getByTestId("quote-conflicts").waitFor();
  assert.match(await page.getByTestId("quote-conflicts").innerText(), new RegExp(`${numberA}（李强）`));
  // 10 × 95.00 less 15 % = 807.50 against 1,017.00: 20.6 % off, beyond a rep's 10 %.
  await page.getByTestId("depth-warning").waitFor();
  await page.getByTestId("save-quote").click();
  await page.getByTestId("quote-page").waitFor();
  await page.getByTestId("send-quote").click();
  await page.waitForFunction(() => document.querySelector("[data-testid=quote-standing]")?.textContent === "待审批");
  assert.equal(await page.getByTestId("approve-quote").isDisabled(), true, "a rep may not approve it");
  const quoteB = page.url();

  // The manager (王芳) approves it with a note; the customer accepts it.
  await be(page, app, "王芳");
  await page.goto(quoteB);
  await page.getByTestId("approval-panel").waitFor();
  await fill(page, "quote-approval-note", "老客户，同意");
  await page.getByTestId("approve-quote").click();
  await page.waitForFunction(() => document.querySelector("[data-testid=quote-standing]")?.textContent === "已发出");
  assert.match(await page.getByTestId("quote-approval").innerText(), /王芳[\s\S]*20\.6[\s\S]*老客户，同意/);
  await page.getByTestId("accept-quote").click();
  await page.waitForFunction(() => document.querySelector("[data-testid=quote-standing]")?.textContent === "已接受");

  // The print view, then both quotes and the purchase after a reload.
  await page.emulateMedia({ media: "print" });
  await shot(page, "quote-print-zh", true);
  await page.emulateMedia({ media: "screen" });
  await page.reload();
  await page.getByTestId("quote-page").waitFor();
  assert.equal(await page.getByTestId("quote-standing").innerText(), "已接受");
  const numberB = (await page.locator("h1 .mono").innerText()).trim();
  await page.locator("a[href*='/customers/']").first().click();
  await page.getByTestId("customer-quotes").waitFor();
  const quotes = await page.getByTestId("customer-quotes").innerText();
  assert.match(quotes, new RegExp(`${numberA}[\\s\\S]*已发出`));
  assert.match(quotes, new RegExp(`${numberB}[\\s\\S]*已接受`));
  assert.deepEqual(page.problems, []);
  await context.close();
});

test("the print view of a quote in English", async () => {
  const { context, page } = await openApp(app.browser, app.url, { lang: "en-US" });
  await loadSample(page);
  await page.goto(app.url + "quotes");
  await page.getByTestId("quote-standing-filter").selectOption({ label: "Every state" });
  await page.getByTestId("quote-row").first().locator("a").first().click();
  await page.getByTestId("quote-page").waitFor();
  assert.match(await page.getByTestId("quote-totals").innerText(), /Total[\s\S]*CN¥/);
  await page.emulateMedia({ media: "print" });
  await shot(page, "quote-print-en", true);
  assert.deepEqual(page.problems, []);
  await context.close();
});

/** The two numbers of the list's "n of total" line. */
async function listCount(page) {
  const text = await page.getByTestId("customer-count").innerText();
  const [n, total] = text.match(/[\d,]+/g).map((x) => Number(x.replace(/,/g, "")));
  return { n, total };
}

/** Waits until the list's filtered count is `n`. */
async function listShows(page, n) {
  await page.waitForFunction(
    (n) => Number(document.querySelector("[data-testid=customer-count]")?.textContent.match(/[\d,]+/)?.[0].replace(/,/g, "")) === n,
    n,
  );
}

/** Attribute positions in the segment builder's "add condition" menu (Attribute::ALL). */
const OPEN_QUOTE = "18";
const QUOTED_AMOUNT = "19";

test("open quotes filter the customer list and a segment, and follow a quote's life (English)", async () => {
  const { context, page } = await openApp(app.browser, app.url, { lang: "en-US" });
  await loadSample(page);
  const code = await (async () => {
    await page.goto(app.url + "products");
    await page.getByTestId("product-row").first().waitFor();
    return (await page.getByTestId("product-row").first().locator("td").first().innerText()).trim();
  })();

  // The sample's open quotes: some customers have one, most do not.
  await page.goto(app.url + "customers?quote=open");
  await page.getByTestId("customer-row").first().waitFor();
  const open = await listCount(page);
  assert.ok(open.n > 0 && open.n < open.total, `${open.n} of ${open.total} with an open quote`);
  assert.match(await page.locator(".filter-chips").innerText(), /With an open quote/);
  assert.equal(await page.getByTestId("filter-quote").inputValue(), "open");

  // The same customers in a segment; narrowed by the open quotes' amount.
  await page.goto(app.url + "segments");
  await page.getByRole("button", { name: "New segment" }).click();
  await page.getByTestId("add-condition").selectOption(OPEN_QUOTE);
  await page.waitForFunction(
    (n) => Number(document.querySelector("[data-testid=segment-count]")?.textContent.match(/[\d,]+/)?.[0].replace(/,/g, "")) === n,
    open.n,
  );
  await page.getByTestId("add-condition").selectOption(QUOTED_AMOUNT);
  await page.getByTestId("condition").last().getByTestId("range-min").fill("1000000000");
  await page.waitForFunction(() => document.querySelector("[data-testid=segment-count]")?.textContent.match(/[\d,]+/)?.[0] === "0");
  await page.getByTestId("condition").last().getByTestId("range-min").fill("1");
  await page.waitForFunction(
    (n) => Number(document.querySelector("[data-testid=segment-count]")?.textContent.match(/[\d,]+/)?.[0].replace(/,/g, "")) === n,
    open.n,
  );
  await shot(page, "segment-open-quotes-en-desktop", true);

  // A customer without one gets a draft: the list counts them at once, and after a reload.
  await page.goto(app.url + "customers?quote=none&sort=name");
  await page.getByTestId("customer-row").first().waitFor();
  const link = page.getByTestId("customer-row").first().locator(".row-link");
  const name = (await link.innerText()).trim();
  const id = (await link.getAttribute("href")).split("/").pop();
  await page.goto(app.url + `quotes/new?customer=${id}`);
  await page.getByTestId("quote-form").waitFor();
  await page.getByTestId("deal-customer-chosen").waitFor();
  // The sample price list is in yuan; the customer may be billed in another currency (the
  // chooser offers only products in the quote's).
  await page.locator("#qf-currency").selectOption({ label: "CNY" });
  await chooseProduct(page, code, code);
  await page.getByTestId("line-quantity").first().fill("2");
  await page.getByTestId("save-quote").click();
  await page.getByTestId("quote-page").waitFor();
  const quote = page.url();
  await page.goto(app.url + "customers?quote=open");
  await listShows(page, open.n + 1);
  await page.reload();
  await listShows(page, open.n + 1);
  await page.getByTestId("search").fill(name);
  await page.getByTestId("customer-row").filter({ hasText: name }).first().waitFor();

  // In the trash the quote is no longer open.
  await page.goto(quote);
  await page.getByTestId("trash-quote").click();
  await page.getByTestId("restore-quote").waitFor();
  await page.goto(app.url + "customers?quote=open");
  await listShows(page, open.n);
  assert.deepEqual(page.problems, []);
  await context.close();
});

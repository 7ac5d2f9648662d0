// Screenshots of the products and quotes pages (not a test): node tests/e2e/.shots-tmp.mjs OUTDIR
import { launch, startServer } from "./helpers.mjs";
const out = process.argv[2] ?? "/tmp/p2";
const server = await startServer();
const browser = await launch();
const combos = [
  ["zh-CN", "light", 1280, 800],
  ["en-US", "dark", 390, 844],
  ["en-US", "light", 1280, 800],
  ["zh-CN", "dark", 390, 844],
];
try {
  const ctx0 = await browser.newContext({ locale: "zh-CN" });
  for (const [lang, scheme, w, h] of combos) {
    const ctx = await browser.newContext({ locale: lang, viewport: { width: w, height: h }, colorScheme: scheme });
    const page = await ctx.newPage();
    const problems = [];
    page.on("console", (m) => m.type() === "error" && problems.push(m.text()));
    page.on("pageerror", (e) => problems.push(e.message));
    await page.goto(server.url + "customers");
    await page.getByTestId("load-sample").click();
    await page.getByTestId("customer-row").first().waitFor({ timeout: 60000 });
    const tag = `${lang}-${scheme}-${w}`;
    await page.goto(server.url + "products");
    await page.getByTestId("product-row").first().waitFor();
    await page.screenshot({ path: `${out}/products-${tag}.png` });
    await page.getByTestId("tab-agreements").click();
    await page.getByTestId("agreement-row").first().waitFor();
    await page.screenshot({ path: `${out}/agreements-${tag}.png` });
    await page.goto(server.url + "quotes");
    await page.getByTestId("quote-row").first().waitFor();
    await page.screenshot({ path: `${out}/quotes-${tag}.png` });
    await page.getByTestId("quote-row").first().locator("a").first().click();
    await page.getByTestId("quote-page").waitFor();
    await page.waitForTimeout(300);
    await page.screenshot({ path: `${out}/quote-${tag}.png`, fullPage: true });
    await page.goto(server.url + "quotes/new");
    await page.getByTestId("quote-form").waitFor();
    await page.getByTestId("deal-customer").fill("杭州");
    await page.getByTestId("deal-customer-option").first().click();
    await page.getByTestId("line-product").first().selectOption({ index: 1 });
    await page.getByTestId("line-quantity").first().fill("12");
    await page.getByTestId("add-line").click();
    await page.getByTestId("line-product").nth(1).selectOption({ index: 2 });
    await page.getByTestId("line-discount").nth(1).fill("25");
    await page.waitForTimeout(300);
    await page.screenshot({ path: `${out}/editor-${tag}.png`, fullPage: true });
    console.log(tag, problems.length ? problems : "no problems");
    await ctx.close();
  }
  await ctx0.close();
} finally {
  await browser.close();
  server.stop();
}

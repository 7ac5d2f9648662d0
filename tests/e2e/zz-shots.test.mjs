// Temporary: screenshots for review (not committed).
import { test } from "node:test";
import { loadSample, openApp, shot, useApp } from "./helpers.mjs";
const app = useApp();
const PRICE_LIST = ["物料编码,品名,英文名称,类别,单位,单价（元）,税率,成本,是否在售", "E2E-A,<script>alert(1)</script>,Test tape,辅料,卷,12.35,13%,8.20,是", "E2E-C,坏价格,,,个,12.345,13,,", ""].join("\r\n");
for (const [lang, width, height, scheme] of [["zh-CN", 1280, 800, "light"], ["en-US", 390, 844, "dark"], ["en-US", 1280, 800, "dark"], ["zh-CN", 390, 844, "light"]]) {
  test(`shots ${lang} ${width} ${scheme}`, async () => {
    const tag = `${lang}-${width}-${scheme}`;
    const { context, page } = await openApp(app.browser, app.url, { lang, width, height, colorScheme: scheme, path: "import" });
    await page.goto(app.url + "customers");
    await loadSample(page);
    await page.goto(app.url + "products");
    await page.getByTestId("product-row").first().waitFor();
    const code = (await page.getByTestId("product-row").first().locator("td").first().innerText()).trim();
    await page.goto(app.url + "quotes/new");
    await page.getByTestId("quote-form").waitFor();
    await page.getByTestId("line-product").first().fill(code.slice(0, 3));
    await page.getByTestId("line-product-option").first().waitFor();
    await shot(page, `zz-chooser-${tag}`);
    await context.close();
  });
}

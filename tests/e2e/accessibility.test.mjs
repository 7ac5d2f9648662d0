// axe-core on every page (list, 360 view, form, settings, overview, segments, commitments,
// complaints, retention, model validation, satisfaction, leads, a lead and its form, the lead funnel,
// the pipeline's board, table, a deal, its form and win dialog, a new deal, the forecast,
// the handover dialog, a member's page, import, the price list and agreements, a product,
// the quotes, a quote and a new quote), in both themes, at desktop and phone width;
// screenshots of each for people to look at.
import assert from "node:assert/strict";
import { test } from "node:test";
import AxeBuilder from "@axe-core/playwright";
import { loadSample, openApp, openSection, shot, useApp } from "./helpers.mjs";

const app = useApp();

async function serious(page) {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")}`);
}

for (const theme of ["light", "dark"]) {
  for (const [label, width, height] of [["desktop", 1280, 800], ["phone", 390, 844]]) {
    test(`no serious accessibility violations: ${theme} theme, ${label}`, async () => {
      const lang = theme === "light" ? "zh-CN" : "en-US";
      const { context, page } = await openApp(app.browser, app.url, { lang, width, height, colorScheme: theme });
      const found = {};
      found.empty = await serious(page);
      await loadSample(page);
      found.list = await serious(page);
      await shot(page, `list-${lang}-${theme}-${label}`);
      if (width < 760) {
        // The phone's filter sheet, open.
        await page.getByTestId("filter-toggle").click();
        await page.getByTestId("filter-kind").waitFor();
        found.filterSheet = await serious(page);
        await page.keyboard.press("Escape");
        await page.getByTestId("filter-kind").waitFor({ state: "hidden" });
      }
      await page.locator("[data-testid=customer-row] .row-link").first().click();
      await page.getByTestId("customer-detail").waitFor();
      found.detail = await serious(page);
      await shot(page, `detail-${lang}-${theme}-${label}`);
      // Every section of the customer page.
      for (const section of ["complaints", "contacts", "analysis", "loyalty", "file", "timeline"]) {
        await openSection(page, section);
        found[`detail-${section}`] = await serious(page);
      }
      await page.getByTestId("edit-customer").click();
      await page.getByTestId("customer-form").waitFor();
      found.form = await serious(page);
      await shot(page, `form-${lang}-${theme}-${label}`);
      await page.goto(app.url + "settings");
      await page.getByTestId("team").waitFor();
      found.settings = await serious(page);
      await shot(page, `settings-${lang}-${theme}-${label}`);
      // The handover dialog of the first member, with its preview.
      await page.getByTestId("handover-open").first().click();
      await page.locator("[data-testid=handover-preview], [data-testid=handover-nothing]").first().waitFor();
      found.handover = await serious(page);
      await shot(page, `handover-${lang}-${theme}-${label}`);
      await page.keyboard.press("Escape");
      await page.getByTestId("handover").waitFor({ state: "detached" });
      // The first member's page.
      await page.getByTestId("member-open").first().click();
      await page.getByTestId("member-held-customers").waitFor();
      found.member = await serious(page);
      await shot(page, `member-${lang}-${theme}-${label}`);
      await page.goto(app.url);
      await page.getByTestId("dash-importance").waitFor();
      found.overview = await serious(page);
      await shot(page, `overview-${lang}-${theme}-${label}`);
      await page.goto(app.url + "segments");
      await page.getByTestId("segment-count").waitFor();
      await page.getByTestId("add-condition").selectOption("8");
      found.segments = await serious(page);
      await shot(page, `segments-${lang}-${theme}-${label}`);
      await page.goto(app.url + "commitments");
      await page.waitForSelector("[data-testid=commitments], [data-testid=empty-state]");
      found.commitments = await serious(page);
      await shot(page, `commitments-${lang}-${theme}-${label}`);
      await page.goto(app.url + "complaints");
      await page.getByTestId("complaint-figures").waitFor();
      found.complaints = await serious(page);
      await shot(page, `complaints-${lang}-${theme}-${label}`);
      await page.goto(app.url + "retention");
      await page.getByTestId("winback-list").waitFor({ timeout: 30_000 });
      found.retention = await serious(page);
      await shot(page, `retention-${lang}-${theme}-${label}`);
      await page.goto(app.url + "validation");
      await page.getByTestId("validation-verdict-text").waitFor({ timeout: 30_000 });
      found.validation = await serious(page);
      await shot(page, `validation-${lang}-${theme}-${label}`);
      await page.goto(app.url + "satisfaction");
      await page.getByTestId("ipa-chart").waitFor({ timeout: 30_000 });
      await page.getByTestId("survey-details").locator("summary").click();
      found.satisfaction = await serious(page);
      await shot(page, `satisfaction-${lang}-${theme}-${label}`, true);
      // The leads (the sample's), one lead's page with its matches, and the lead form.
      await page.goto(app.url + "leads");
      await page.getByTestId("lead-row").first().waitFor();
      found.leads = await serious(page);
      await shot(page, `leads-${lang}-${theme}-${label}`);
      await page.getByTestId("lead-row").first().locator(".row-link").click();
      await page.getByTestId("lead-matches").waitFor();
      await page.getByTestId("lead-score").waitFor();
      found.lead = await serious(page);
      await shot(page, `lead-${lang}-${theme}-${label}`, true);
      await page.getByTestId("edit-lead").click();
      await page.getByTestId("lead-form").waitFor();
      found.leadForm = await serious(page);
      // The lead funnel.
      await page.goto(app.url + "leads/funnel");
      await page.getByTestId("funnel-table").waitFor();
      found.funnel = await serious(page);
      await shot(page, `funnel-${lang}-${theme}-${label}`, true);
      // The pipeline: board, table, a deal's page, its form and the win dialog.
      await page.goto(app.url + "pipeline");
      await page.getByTestId("deal-card").first().waitFor();
      found.board = await serious(page);
      await shot(page, `board-${lang}-${theme}-${label}`);
      await page.getByTestId("view-table").click();
      await page.getByTestId("deal-row").first().waitFor();
      found.dealTable = await serious(page);
      await shot(page, `deals-${lang}-${theme}-${label}`);
      await page.getByTestId("deal-row").first().locator(".row-link").click();
      await page.getByTestId("deal-title").waitFor();
      found.deal = await serious(page);
      await shot(page, `deal-${lang}-${theme}-${label}`, true);
      await page.getByTestId("deal-win").click();
      await page.getByTestId("win-form").waitFor();
      found.winDialog = await serious(page);
      await page.keyboard.press("Escape");
      await page.getByTestId("win-form").waitFor({ state: "detached" });
      await page.getByTestId("edit-deal").click();
      await page.getByTestId("deal-form").waitFor();
      found.dealForm = await serious(page);
      await page.goto(app.url + "pipeline/forecast");
      await page.getByTestId("forecast-months").waitFor();
      await page.getByTestId("rep-row").first().locator("button").click();
      found.forecast = await serious(page);
      await shot(page, `forecast-${lang}-${theme}-${label}`, true);
      await page.goto(app.url + "pipeline/new");
      await page.getByTestId("deal-customer").fill("a");
      await page.getByTestId("deal-customer-option").first().waitFor();
      found.newDeal = await serious(page);
      // The import wizard with a checked file: mapping, preview and an error row.
      await page.goto(app.url + "import");
      await page.getByTestId("import-file").setInputFiles({ name: "c.csv", mimeType: "text/csv", buffer: Buffer.from("名称,电话\n甲,12345\n乙,13800138000\n") });
      await page.getByTestId("import-plan").waitFor();
      found.import = await serious(page);
      await shot(page, `import-${lang}-${theme}-${label}`, true);
      // The price list, the agreements with their dialog, the quotes, a quote, a new quote.
      await page.goto(app.url + "products");
      await page.getByTestId("product-row").first().waitFor();
      found.products = await serious(page);
      await shot(page, `products-${lang}-${theme}-${label}`);
      await page.getByTestId("tab-agreements").click();
      await page.getByTestId("agreement-row").first().waitFor();
      found.agreements = await serious(page);
      await page.getByTestId("new-agreement").click();
      await page.getByTestId("agreement-form").waitFor();
      found.agreementForm = await serious(page);
      await page.keyboard.press("Escape");
      await page.getByTestId("agreement-form").waitFor({ state: "detached" });
      await page.locator("[data-testid=tab-products]").click();
      await page.locator("[data-testid=product-row] .row-link").first().click();
      await page.getByTestId("product-form").waitFor();
      found.product = await serious(page);
      // The price analysis with a category chosen: its spread and its what-if.
      await page.goto(app.url + "products/analysis");
      await page.getByTestId("price-categories").locator("[data-testid=price-row] button").first().click();
      await page.getByTestId("what-if-table").waitFor({ timeout: 60_000 });
      found.priceAnalysis = await serious(page);
      await shot(page, `price-analysis-${lang}-${theme}-${label}`, true);
      await page.goto(app.url + "quotes");
      await page.getByTestId("quote-row").first().waitFor();
      found.quotes = await serious(page);
      await shot(page, `quotes-${lang}-${theme}-${label}`);
      await page.locator("[data-testid=quote-row] .row-link").first().click();
      await page.getByTestId("quote-lines").waitFor();
      found.quote = await serious(page);
      await shot(page, `quote-${lang}-${theme}-${label}`, true);
      await page.goto(app.url + "quotes/new");
      await page.getByTestId("quote-form").waitFor();
      await page.getByTestId("deal-customer").fill("a");
      await page.getByTestId("deal-customer-option").first().click();
      // The chooser open on its matches, then one picked.
      await page.getByTestId("line-product").first().fill("P");
      await page.getByTestId("line-product-option").first().waitFor();
      found.productChooser = await serious(page);
      await page.getByTestId("line-product-option").first().click();
      await page.getByTestId("quote-totals").locator("dl").waitFor();
      found.quoteForm = await serious(page);
      await shot(page, `quote-form-${lang}-${theme}-${label}`, true);
      for (const [where, violations] of Object.entries(found)) {
        assert.deepEqual(violations, [], `${where}: ${violations.join("; ")}`);
      }
      assert.deepEqual(page.problems, []);
      await context.close();
    });
  }
}

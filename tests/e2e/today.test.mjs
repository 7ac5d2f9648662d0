// "My day": promises due today and overdue appear on the day's page, and marking one done
// takes it off; the page passes axe in both themes.
import assert from "node:assert/strict";
import { test } from "node:test";
import AxeBuilder from "@axe-core/playwright";
import { fill, openApp, shot, useApp } from "./helpers.mjs";

const app = useApp();

/** A local date `days` from today as YYYY-MM-DD, the way a date input takes it. */
const localDay = (page, days) =>
  page.evaluate((d) => {
    const t = new Date();
    t.setDate(t.getDate() + d);
    return t.toLocaleDateString("sv");
  }, days);

async function promise(page, summary, text, due) {
  await fill(page, "in-summary", summary);
  await fill(page, "in-commitmenttext", text);
  await fill(page, "in-commitmentdue", due);
  await page.getByTestId("save-interaction").click();
  await page.getByTestId("timeline").getByText(summary).waitFor();
}

for (const [lang, theme] of [["zh-CN", "light"], ["en-US", "dark"]]) {
  test(`my day lists what is due and overdue, and done takes it off (${lang}, ${theme})`, async () => {
    const { context, page } = await openApp(app.browser, app.url, { lang, colorScheme: theme });
    await page.getByTestId("new-customer").click();
    await fill(page, "cf-name", "今日客户");
    await page.getByTestId("save-customer").click();
    await page.getByTestId("customer-detail").waitFor();
    await promise(page, "电话沟通报价", "今天发报价", await localDay(page, 0));
    await promise(page, "上周拜访", "补寄样品", await localDay(page, -2));
    await promise(page, "展会见面", "下周回访", await localDay(page, 7));

    await page.goto(app.url + "today");
    const due = page.getByTestId("today-due");
    await due.waitFor();
    assert.match(await due.innerText(), /今天发报价[\s\S]*今日客户/);
    const overdue = page.getByTestId("today-overdue");
    assert.match(await overdue.innerText(), /补寄样品/);
    // Not yet due: not today's business.
    assert.doesNotMatch(await page.locator("main").innerText(), /下周回访/);
    const axe = await new AxeBuilder({ page }).analyze();
    const serious = axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    assert.deepEqual(serious.map((v) => `${v.id}: ${v.nodes[0].target}`), []);
    await shot(page, `today-${lang}-${theme}`);
    // Done: off the list, and off the customer's open commitments.
    await due.getByRole("button").click();
    await due.waitFor({ state: "detached" });
    assert.match(await overdue.innerText(), /补寄样品/);
    await page.reload();
    await page.getByTestId("today-overdue").waitFor();
    assert.equal(await page.getByTestId("today-due").count(), 0);
    assert.deepEqual(page.problems, []);
    await context.close();
  });
}

test("my day: notifications are off until switched on, then each item coming due is announced once", async () => {
  const { context, page } = await openApp(app.browser, app.url, { path: "settings" });
  // A stand-in for the browser's notifications that records what the app shows.
  await context.addInitScript(() => {
    window.__shown = [];
    // The permission lasts like the browser's: across reloads.
    window.Notification = class {
      static get permission() {
        return localStorage.getItem("test.permission") ?? "default";
      }
      static requestPermission() {
        localStorage.setItem("test.permission", "granted");
        return Promise.resolve("granted");
      }
      constructor(title, options) {
        window.__shown.push({ title, body: options?.body, tag: options?.tag });
      }
    };
  });
  await page.reload();
  await page.getByTestId("member-name").fill("王芳");
  await page.getByTestId("add-member").click();
  await page.getByTestId("set-me").selectOption({ label: "王芳" });
  await page.goto(app.url + "customers/new");
  await fill(page, "cf-name", "通知客户");
  await page.getByTestId("save-customer").click();
  await page.getByTestId("customer-detail").waitFor();
  await promise(page, "电话沟通", "今天寄合同", await localDay(page, 0));

  await page.goto(app.url + "today");
  await page.getByTestId("today-due").waitFor();
  const toggle = page.getByTestId("notify-due");
  assert.equal(await toggle.isChecked(), false, "off by default");
  assert.deepEqual(await page.evaluate(() => window.__shown), [], "nothing shown, nothing asked");
  await toggle.check();
  await page.waitForFunction(() => window.__shown.length === 1);
  const [shown] = await page.evaluate(() => window.__shown);
  assert.equal(shown.title, "今天到期的承诺");
  assert.equal(shown.body, "通知客户: 今天寄合同");
  // Off and on again (or a reload): the same item is not announced twice.
  await toggle.uncheck();
  await toggle.check();
  await page.waitForTimeout(1500);
  assert.equal(await page.evaluate(() => window.__shown.length), 1);
  await page.reload();
  await page.getByTestId("today-due").waitFor();
  assert.equal(await page.getByTestId("notify-due").isChecked(), true, "the choice is kept");
  assert.deepEqual(page.problems, []);
  await context.close();
});

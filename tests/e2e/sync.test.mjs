// Two members' browsers sharing one customer base through a CouchDB-protocol server (PouchDB
// Server in memory, started here on 127.0.0.1): a customer created on A appears on B without
// a reload; a purchase on B shows in A's figures; both edit one customer's phone while
// offline, the conflict is listed on both, resolved on one, and the resolution reaches the
// other; an address that is not https, a server that is down, are said in the user's words.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { RESULTS, fill, launch, openApp, shot, startServer } from "./helpers.mjs";
import { join } from "node:path";
import { start as startSync } from "../../scripts/sync-server.mjs";

const app = {};
before(async () => {
  app.sync = await startSync(5991);
  const site = await startServer({ connect: app.sync.url });
  app.stopSite = site.stop;
  app.url = site.url;
  app.browser = await launch();
});
after(async () => {
  await app.browser?.close();
  app.stopSite?.();
  await app.sync?.stop();
});

/** A screenshot of the sync section alone. */
async function shotSection(page, name) {
  await page.getByTestId("sync-section").screenshot({ path: join(RESULTS, `${name}.png`) });
}

/** A new, empty team database on the test server; its address. */
async function teamDatabase(name) {
  const url = `${app.sync.url}/${name}`;
  const r = await fetch(url, { method: "PUT" });
  assert.equal(r.status, 201, await r.text());
  return url;
}

/** Connects `page` to the database `url` from Settings and waits until it has synced. */
async function connect(page, url) {
  await page.goto(new URL("settings", app.url).href);
  await page.getByTestId("sync-section").waitFor();
  await page.getByTestId("sync-url").fill(url);
  await page.getByTestId("sync-connect").click();
  await waitForStatus(page, /已连接|Connected/);
}

async function waitForStatus(page, pattern, timeout = 20_000) {
  await page.waitForFunction(
    (source) => new RegExp(source).test(document.querySelector("[data-testid=sync-status]")?.textContent ?? ""),
    pattern.source,
    { timeout },
  );
}

/** Creates a customer in `page`; resolves to the path of its page. */
async function newCustomer(page, name, phone) {
  await page.goto(new URL("customers", app.url).href);
  await page.getByTestId("new-customer").click();
  await page.getByTestId("customer-form").waitFor();
  await fill(page, "cf-name", name);
  await fill(page, "cf-phone-0", phone);
  await page.getByTestId("save-customer").click();
  await page.getByTestId("customer-detail").waitFor();
  return new URL(page.url()).pathname;
}

/** Sets the first phone of the customer whose page `page` shows, navigating inside the app
 * (it may be offline). */
async function setPhone(page, phone) {
  await page.getByTestId("edit-customer").click();
  await page.getByTestId("customer-form").waitFor();
  await fill(page, "cf-phone-0", phone);
  await page.getByTestId("save-customer").click();
  await page.getByTestId("customer-detail").waitFor();
}

test("two members: a customer and a purchase travel without a reload; two offline edits become one conflict, resolved once for both", async () => {
  const db = await teamDatabase("team-e2e");
  const { context: ca, page: a } = await openApp(app.browser, app.url);
  const { context: cb, page: b } = await openApp(app.browser, app.url, { lang: "en-US" });
  await connect(a, db);
  await connect(b, db);
  await shotSection(a, "sync-settings-zh-desktop");
  await shotSection(b, "sync-settings-en-desktop");

  // Created on A; B, sitting on its customer list, sees it arrive.
  await b.goto(new URL("customers", app.url).href);
  const path = await newCustomer(a, "同步测试机械有限公司", "13800138000");
  await b.getByText("同步测试机械有限公司").first().waitFor({ timeout: 20_000 });

  // A purchase recorded on B shows in A's figures, A staying on the customer's page.
  await b.goto(new URL(path, app.url).href);
  await b.getByTestId("customer-detail").waitFor();
  await b.getByTestId("tab-purchase").click();
  await fill(b, "pn-amount", "8,000");
  await fill(b, "pn-product", "液压泵");
  await b.getByTestId("save-purchase").click();
  await b.getByTestId("timeline-purchase").first().waitFor();
  await a.goto(new URL(path, app.url).href);
  await a.waitForFunction(
    () => document.querySelector("[data-testid=total-purchases]")?.textContent === "1",
    null,
    { timeout: 20_000 },
  );
  assert.match(await a.getByTestId("total-revenue").innerText(), /8,000/);

  // Both go offline and change the phone; back online, the server keeps both versions.
  await b.goto(new URL(path, app.url).href);
  await b.getByTestId("customer-detail").waitFor();
  await ca.setOffline(true);
  await cb.setOffline(true);
  await setPhone(a, "13900000001");
  await setPhone(b, "13900000002");
  await ca.setOffline(false);
  await cb.setOffline(false);
  for (const p of [a, b]) {
    await p.goto(new URL("settings", app.url).href);
    await p.getByTestId("sync-section").waitFor();
  }
  for (const p of [a, b, a]) {
    await waitForStatus(p, /已连接|Connected/);
    await p.getByTestId("sync-now").click();
    await waitForStatus(p, /已连接|Connected/);
  }
  for (const p of [a, b]) {
    await p.getByTestId("sync-conflict").first().waitFor({ timeout: 20_000 });
    assert.equal(await p.getByTestId("sync-conflict").count(), 1);
  }
  // A compares: the phone differs, nothing else.
  await a.getByTestId("sync-conflict-open").click();
  await a.getByTestId("sync-resolver").waitFor();
  const fields = await a.getByTestId("conflict-row").evaluateAll((rows) => rows.map((r) => r.dataset.field));
  assert.ok(fields.includes("phones"), fields.join());
  await shotSection(a, "sync-conflict-zh-desktop");
  // A keeps the other version's phone.
  const row = a.locator("[data-testid=conflict-row][data-field=phones]");
  const other = (await row.locator("td").nth(1).innerText()).trim();
  await row.getByTestId("conflict-take-theirs").check();
  await a.getByTestId("sync-conflict-keep").click();
  await a.getByTestId("sync-no-conflicts").waitFor();
  // The resolution reaches B: no conflict left, the chosen phone on its page.
  await b.getByTestId("sync-no-conflicts").waitFor({ timeout: 20_000 });
  await b.goto(new URL(path, app.url).href);
  await b.getByTestId("customer-detail").waitFor();
  assert.match(await b.getByTestId("customer-detail").innerText(), new RegExp(other.replace(/\D/g, "").slice(-4)));
  await shot(b, "sync-resolved-en-desktop");
  for (const p of [a, b]) assert.deepEqual(p.problems.filter((x) => !/Failed to load resource|ERR_INTERNET_DISCONNECTED/.test(x)), []);
  await ca.close();
  await cb.close();
});

test("a wrong address, plain http to another host, and a server that is down are each said plainly, and nothing local is lost", async () => {
  const { context, page } = await openApp(app.browser, app.url, { lang: "en-US" });
  await page.goto(new URL("settings", app.url).href);
  await page.getByTestId("sync-section").waitFor();
  const attempt = async (url) => {
    await page.getByTestId("sync-url").fill(url);
    await page.getByTestId("sync-connect").click();
    await page.waitForFunction(() => document.querySelector("[data-testid=sync-error]")?.textContent.trim() !== "");
    return page.getByTestId("sync-error").innerText();
  };
  assert.match(await attempt("couch.example.com/team"), /not a database address/);
  assert.match(await attempt("http://couch.example.com/team"), /Use https/);
  assert.match(await attempt("http://user:secret@127.0.0.1:5991/team"), /not a database address/);
  // Nothing listens on this port.
  assert.match(await attempt("http://127.0.0.1:9/team"), /cannot be reached/);
  assert.match(await attempt(`${app.sync.url}/no-such-db`), /no such database/);
  await shotSection(page, "sync-error-en-desktop");
  assert.match(await page.getByTestId("sync-status").innerText(), /Not connected/);
  await context.close();
});

test("the section on a phone and in the dark theme, in both languages", async () => {
  const db = await teamDatabase("team-e2e-look");
  for (const [lang, scheme] of [["zh-CN", "dark"], ["en-US", "light"], ["en-US", "dark"]]) {
    const { context, page } = await openApp(app.browser, app.url, { lang, width: 390, height: 844, colorScheme: scheme });
    await connect(page, db);
    await shotSection(page, `sync-settings-${lang.slice(0, 2)}-mobile-${scheme}`);
    const wide = await page.evaluate(() =>
      [...document.querySelectorAll("body *")]
        .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1)
        .map((el) => `${el.tagName}.${el.className}`)
        .slice(0, 5),
    );
    assert.deepEqual(wide, [], "nothing reaches past the screen's right edge");
    await context.close();
  }
});

// Times in two time zones: an interaction recorded at a local wall-clock time shows that time
// after a reload, and is stored as the instant that time names there, daylight saving time
// included (New York is on UTC−4 in July and UTC−5 in December, when this test may run).
import assert from "node:assert/strict";
import { test } from "node:test";
import { fill, openApp, useApp } from "./helpers.mjs";

const app = useApp();

/** The stored instants (ms since the epoch) of the interactions, by summary, from IndexedDB. */
async function storedInstants(page) {
  return page.evaluate(
    () =>
      new Promise((ok, fail) => {
        const open = indexedDB.open("zhike-crm");
        open.onerror = () => fail(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const all = db.transaction("interactions").objectStore("interactions").getAll();
          all.onerror = () => fail(all.error);
          all.onsuccess = () => {
            db.close();
            ok(Object.fromEntries(all.result.map((i) => [i.summary, Number(i.at)])));
          };
        };
      }),
  );
}

const ZONES = [
  // zone, language, [local time typed, the UTC instant it names, the time shown]
  ["Asia/Shanghai", "zh-CN", [
    ["2026-07-15T09:30", Date.UTC(2026, 6, 15, 1, 30), "2026年7月15日 09:30"],
    ["2026-01-15T18:05", Date.UTC(2026, 0, 15, 10, 5), "2026年1月15日 18:05"],
  ]],
  ["America/New_York", "en-US", [
    ["2026-07-15T09:30", Date.UTC(2026, 6, 15, 13, 30), "15 Jul 2026, 09:30"],
    ["2026-01-15T18:05", Date.UTC(2026, 0, 15, 23, 5), "15 Jan 2026, 18:05"],
  ]],
];

for (const [timezoneId, lang, entries] of ZONES) {
  test(`an interaction's time survives a reload in ${timezoneId}`, async () => {
    const { context, page } = await openApp(app.browser, app.url, { lang, timezoneId });
    await page.getByTestId("new-customer").click();
    await fill(page, "cf-name", `Zone ${timezoneId}`);
    await page.getByTestId("save-customer").click();
    await page.getByTestId("customer-detail").waitFor();
    for (const [local, , ] of entries) {
      await fill(page, "in-when", local);
      await fill(page, "in-summary", `at ${local}`);
      await page.getByTestId("save-interaction").click();
      await page.getByTestId("timeline-interaction").filter({ hasText: `at ${local}` }).waitFor();
    }
    for (const reload of [false, true]) {
      if (reload) {
        await page.reload();
        await page.getByTestId("customer-detail").waitFor();
      }
      for (const [local, , shown] of entries) {
        const item = page.getByTestId("timeline-interaction").filter({ hasText: `at ${local}` });
        assert.match(await item.innerText(), new RegExp(shown), `${local} after ${reload ? "a reload" : "saving"}`);
      }
    }
    const stored = await storedInstants(page);
    for (const [local, instant] of entries) {
      assert.equal(stored[`at ${local}`], instant, `${local} in ${timezoneId}: ${new Date(stored[`at ${local}`]).toISOString()}`);
    }
    // The edit form gives back the same wall-clock time.
    const item = page.getByTestId("timeline-interaction").filter({ hasText: `at ${entries[0][0]}` });
    await item.getByRole("button", { name: lang === "en-US" ? "Edit" : "编辑", exact: true }).click();
    assert.equal(await page.locator("[id$=-when]").last().inputValue(), entries[0][0]);
    assert.deepEqual(page.problems, []);
    await context.close();
  });
}

// Two tabs of one browser editing the same record: the second save never silently overwrites
// the first. It shows what differs, field by field, and saves what the user chooses.
import { test } from "node:test";
import assert from "node:assert/strict";
import { fill, openApp, openSection, shot, useApp, watch } from "./helpers.mjs";

const app = useApp();

/** Creates a customer in `page` and resolves to the path of its page. */
async function newCustomer(page, name) {
  await page.getByTestId("new-customer").click();
  await page.getByTestId("customer-form").waitFor();
  await fill(page, "cf-name", name);
  await fill(page, "cf-region", "浙江 杭州");
  await page.getByTestId("save-customer").click();
  await page.getByTestId("customer-detail").waitFor();
  return new URL(page.url()).pathname;
}

test("a customer edited in two tabs: the second save shows the first's change and keeps both", async () => {
  const { context, page: a } = await openApp(app.browser, app.url);
  const path = await newCustomer(a, "两页测试贸易");
  const b = await context.newPage();
  watch(b);
  // Both tabs open the edit form on the same revision.
  for (const p of [a, b]) {
    await p.goto(new URL(`${path}/edit`, app.url).href);
    await p.getByTestId("customer-form").waitFor();
  }
  // Tab A changes the region and the name, and saves.
  await fill(a, "cf-region", "江苏 苏州");
  await fill(a, "cf-name", "两页测试贸易（苏州）");
  await a.getByTestId("save-customer").click();
  await a.getByTestId("customer-detail").waitFor();
  // Tab B still holds the old values; it hears of the change at once.
  await b.getByTestId("changed-elsewhere").waitFor();
  // B changes the notes and the name too, and saves: nothing is overwritten.
  await fill(b, "cf-notes", "B 页补充：年底集中采购");
  await fill(b, "cf-name", "两页测试贸易有限公司");
  await b.getByTestId("save-customer").click();
  const panel = b.getByTestId("conflict-panel");
  await panel.waitFor();
  await shot(b, "conflict-customer");
  const fields = await b.getByTestId("conflict-row").evaluateAll((rows) => rows.map((r) => r.dataset.field));
  assert.deepEqual(fields, ["name", "region", "notes"]);
  const row = (field) => b.locator(`[data-testid=conflict-row][data-field=${field}]`);
  // Preset as a three-way merge: A's region (B did not touch it), B's notes, and the name —
  // changed on both sides — B's until B says otherwise.
  assert.match(await row("region").innerText(), /浙江 杭州[\s\S]*江苏 苏州/);
  assert.equal(await row("region").getByTestId("conflict-take-theirs").isChecked(), true);
  assert.equal(await row("notes").getByTestId("conflict-keep-mine").isChecked(), true);
  assert.equal(await row("name").getByTestId("conflict-keep-mine").isChecked(), true);
  assert.match(await row("name").innerText(), /双方都改了/);
  assert.match(await b.getByTestId("conflict-when").innerText(), /第 2 版；您打开的是第 1 版/);
  // B takes A's name after all, and saves.
  await row("name").getByTestId("conflict-take-theirs").check();
  await b.getByTestId("conflict-save").click();
  await b.getByTestId("customer-detail").waitFor();
  // After a reload in either tab: A's name and region, B's notes.
  for (const p of [a, b]) {
    await p.reload();
    await p.getByTestId("customer-detail").waitFor();
    assert.equal(await p.getByTestId("customer-name").innerText(), "两页测试贸易（苏州）");
    const page = await p.getByTestId("customer-detail").innerText();
    assert.match(page, /江苏 苏州/);
    await openSection(p, "file");
    assert.match(await p.getByTestId("customer-file").innerText(), /B 页补充：年底集中采购/);
  }
  assert.deepEqual([...a.problems, ...b.problems], []);
  await context.close();
});

test("a contact edited in two tabs: the second save merges instead of overwriting", async () => {
  const { context, page: a } = await openApp(app.browser, app.url, { lang: "en-US" });
  const path = await newCustomer(a, "Two Tabs Ltd");
  await openSection(a, "contacts");
  await a.getByTestId("add-contact").click();
  await fill(a, "cp-name", "Wang Li");
  await fill(a, "cp-title", "Manager");
  await a.getByTestId("save-contact").click();
  await a.getByRole("button", { name: "Edit Wang Li" }).waitFor();

  const b = await context.newPage();
  watch(b);
  await b.goto(new URL(path, app.url).href);
  await b.getByTestId("customer-detail").waitFor();
  // Both open the contact's form.
  for (const p of [a, b]) {
    await p.getByRole("button", { name: "Edit Wang Li" }).click();
    await p.getByTestId("contact-form").waitFor();
  }
  // B starts typing a note; A changes the title and saves.
  await fill(b, "cp-notes", "Prefers WeChat after 6 pm");
  await fill(a, "cp-title", "Purchasing Director");
  await a.getByTestId("save-contact").click();
  await a.getByTestId("contact-form").waitFor({ state: "detached" });
  // B's form stays open with what B typed, and says the contact changed.
  await b.getByTestId("changed-elsewhere").waitFor();
  assert.equal(await b.locator("#cp-notes").inputValue(), "Prefers WeChat after 6 pm");
  assert.equal(await b.locator("#cp-title").inputValue(), "Manager");
  await b.getByTestId("save-contact").click();
  await b.getByTestId("conflict-panel").waitFor();
  await shot(b, "conflict-contact-en");
  const fields = await b.getByTestId("conflict-row").evaluateAll((rows) => rows.map((r) => r.dataset.field));
  assert.deepEqual(fields, ["title", "notes"]);
  assert.match(await b.getByTestId("conflict-when").innerText(), /revision 2; you opened revision 1/);
  await b.getByTestId("conflict-save").click();
  await b.getByTestId("contact-form").waitFor({ state: "detached" });
  for (const p of [a, b]) {
    await p.reload();
    await p.getByTestId("customer-detail").waitFor();
    const contacts = await p.getByTestId("contacts").innerText();
    assert.match(contacts, /Purchasing Director/);
    assert.match(contacts, /Prefers WeChat after 6 pm/);
    assert.doesNotMatch(contacts, /Manager\b/);
  }
  assert.deepEqual([...a.problems, ...b.problems], []);
  await context.close();
});

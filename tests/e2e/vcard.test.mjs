// vCard: import a file mixing 2.1 (quoted-printable Chinese), 3.0 and 4.0 cards, with a card
// in a legacy character set and a duplicate, both reported and left out; export everything as
// vCard 4.0; wipe; import the export and get the same people back; importing it again adds
// nothing.
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { test } from "node:test";
import { openApp, openSection, shot, useApp } from "./helpers.mjs";

const app = useApp();

const FILE = [
  "BEGIN:VCARD",
  "VERSION:2.1",
  "N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=E7=8E=8B;=E8=8A=B3;;;",
  "ORG;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=E8=BF=9C=E4=B8=9C=E6=9C=BA=E6=A2=B0",
  "TEL;CELL:13800138000",
  "END:VCARD",
  "BEGIN:VCARD",
  "VERSION:3.0",
  "FN:Li Lei",
  "EMAIL;TYPE=INTERNET:li@example.com",
  "TEL;TYPE=CELL:+44 20 7946 0000",
  "END:VCARD",
  "BEGIN:VCARD",
  "VERSION:4.0",
  "FN:张伟",
  "ORG:远东机械",
  "TITLE:采购经理",
  "TEL;VALUE=uri:tel:+86-139-0000-1111",
  "END:VCARD",
  "BEGIN:VCARD",
  "VERSION:2.1",
  "FN;CHARSET=GBK:xx",
  "END:VCARD",
  "BEGIN:VCARD",
  "VERSION:3.0",
  "FN:王芳（重复）",
  "TEL:138 0013 8000",
  "END:VCARD",
  "",
].join("\r\n");

async function importFile(page, text) {
  await page.getByTestId("vcard-file").setInputFiles({ name: "contacts.vcf", mimeType: "text/vcard", buffer: Buffer.from(text) });
  await page.getByTestId("vcard-plan").waitFor();
  return await page.getByTestId("vcard-plan").innerText();
}

test("vCard import with duplicates and bad cards reported, export, and the round trip", async () => {
  const { context, page } = await openApp(app.browser, app.url);
  assert.equal(await importFile(page, FILE), "将新增 2 位客户和 2 位联系人；2 张名片不导入。");
  const skipped = await page.getByTestId("vcard-skipped").innerText();
  assert.match(skipped, /4\s+使用 GBK 字符集/);
  assert.match(skipped, /5\s+已存在（138 0013 8000）/);
  await shot(page, "vcard-import-zh");
  await page.getByTestId("vcard-commit").click();
  await page.getByText("已导入 2 位客户和 2 位联系人").last().waitFor();
  await page.getByTestId("customer-count").getByText("共 2 位客户").waitFor();

  // The organisation has both contact persons.
  await page.getByRole("link", { name: "远东机械" }).click();
  await page.getByTestId("customer-detail").waitFor();
  await openSection(page, "contacts");
  const contacts = await page.getByTestId("contacts").innerText();
  assert.match(contacts, /王芳/);
  assert.match(contacts, /张伟/);
  assert.match(contacts, /采购经理/);

  // Export everything.
  await page.getByRole("link", { name: "客户", exact: true }).click();
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("vcard-export").click()]);
  assert.equal(download.suggestedFilename(), "contacts.vcf");
  const exported = await readFile(await download.path(), "utf8");
  assert.equal(exported.match(/BEGIN:VCARD/g).length, 4);
  assert.match(exported, /VERSION:4\.0\r\n/);
  assert.match(exported, /FN:王芳\r\nN:王;芳;;;/);
  assert.match(exported, /KIND:org/);

  // Wipe, then import the export: the same people.
  await page.goto(app.url + "settings");
  await page.getByTestId("delete-all").click();
  await page.getByTestId("delete-all-confirm").fill("删除");
  await page.getByTestId("delete-all-go").click();
  await page.getByRole("dialog").getByRole("button", { name: "删除" }).click();
  await page.getByText("已删除全部数据").last().waitFor();
  await page.goto(app.url + "customers");
  assert.equal(await importFile(page, exported), "将新增 2 位客户和 2 位联系人；0 张名片不导入。");
  await page.getByTestId("vcard-commit").click();
  await page.getByText("已导入 2 位客户和 2 位联系人").last().waitFor();
  await page.getByRole("link", { name: "远东机械" }).waitFor();
  await page.getByRole("link", { name: "Li Lei" }).waitFor();

  // The same file again adds nothing.
  assert.equal(await importFile(page, exported), "将新增 0 位客户和 0 位联系人；4 张名片不导入。");
  await page.getByText("没有需要导入的新内容").waitFor();
  assert.deepEqual(page.problems, []);
  await context.close();
});

// Backup and restore end to end: the reminder, a plain backup, wiping everything and
// restoring the same database, an encrypted backup that refuses a missing or wrong
// passphrase, a merge that keeps what was added since, and a damaged file refused.
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { test } from "node:test";
import { loadSample, openApp, shot, useApp } from "./helpers.mjs";

const app = useApp();

async function backup(page, passphrase = "") {
  await page.locator("#backup-pass").fill(passphrase);
  await page.locator("#backup-pass2").fill(passphrase);
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("make-backup").click()]);
  assert.match(download.suggestedFilename(), /^zhike-crm-\d{4}-\d\d-\d\d-\d{4}\.zkbackup$/);
  return await readFile(await download.path());
}

async function choose(page, bytes) {
  await page.getByTestId("restore-file").setInputFiles({ name: "b.zkbackup", mimeType: "application/octet-stream", buffer: bytes });
}

async function count(page) {
  await page.goto(app.url + "customers");
  await page.getByTestId("customer-count").waitFor();
  return await page.getByTestId("customer-count").innerText();
}

test("back up, wipe, restore: the same data; encrypted backups need their passphrase; merge keeps newer work", async () => {
  const { context, page } = await openApp(app.browser, app.url);
  await loadSample(page);
  await page.getByTestId("backup-reminder").waitFor();
  const before = await count(page);
  const firstName = await page.locator("[data-testid=customer-row] .row-link").first().innerText();

  await page.getByTestId("backup-reminder").getByRole("link").click();
  await page.getByTestId("backup").waitFor();
  assert.match(await page.getByTestId("last-backup").innerText(), /尚未备份/);
  const plain = await backup(page);
  assert.deepEqual([...plain.subarray(0, 2)], [0x1f, 0x8b], "gzip");
  await page.getByText("备份已下载").last().waitFor();
  assert.match(await page.getByTestId("last-backup").innerText(), /上次备份/);
  assert.equal(await page.getByTestId("backup-reminder").count(), 0, "no reminder right after a backup");

  // The passphrases must match.
  await page.locator("#backup-pass").fill("甲");
  await page.locator("#backup-pass2").fill("乙");
  await page.getByTestId("make-backup").click();
  await page.getByText("两次输入的密码不一致").waitFor();
  const secret = await backup(page, "正确的密码 horse");
  assert.equal(secret.subarray(0, 8).toString(), "ZKCRMENC");

  // Wipe everything.
  await page.getByTestId("delete-all").click();
  await page.getByTestId("delete-all-confirm").fill("删除");
  await page.getByTestId("delete-all-go").click();
  await page.getByRole("dialog").getByRole("button", { name: "删除" }).click();
  await page.getByText("已删除全部数据").last().waitFor();

  // Restore the plain backup, replacing everything.
  await page.goto(app.url + "settings");
  await choose(page, plain);
  await page.getByTestId("restore-open").click();
  await page.getByTestId("restore-contents").waitFor();
  await page.getByTestId("restore-replace").click();
  await page.getByRole("dialog").getByRole("button", { name: "替换全部数据" }).click();
  await page.getByText("备份已恢复").last().waitFor();
  assert.equal(await count(page), before);
  assert.equal(await page.locator("[data-testid=customer-row] .row-link").first().innerText(), firstName);

  // Work done after the backup: a new customer.
  await page.getByTestId("new-customer").first().click();
  await page.locator("#cf-name").fill("备份之后的客户");
  await page.locator("#cf-name").press("Enter");
  await page.getByTestId("customer-detail").waitFor();

  // The encrypted backup: no passphrase, then a wrong one, are refused; nothing changes.
  await page.goto(app.url + "settings");
  await choose(page, secret);
  await page.getByTestId("restore-passphrase").waitFor();
  await page.getByTestId("restore-open").click();
  assert.match(await page.getByTestId("restore-problem").innerText(), /该备份已加密，请输入密码/);
  await page.getByTestId("restore-passphrase").fill("错误的密码");
  await page.getByTestId("restore-open").click();
  await page.getByText("密码无法打开该备份").waitFor({ timeout: 30_000 });
  await page.getByTestId("restore-passphrase").fill("正确的密码 horse");
  await page.getByTestId("restore-open").click();
  await page.getByTestId("restore-contents").waitFor({ timeout: 30_000 });
  // Merged: nothing new in it, the new customer stays.
  await page.getByTestId("restore-merge").click();
  await page.getByTestId("merge-report").waitFor();
  assert.match(await page.getByTestId("merge-report").innerText(), /新增 0 条，更新 0 条，未变 \d+ 条，保留您的版本 0 条/);
  await shot(page, "backup-zh-desktop", true);
  const after = await count(page);
  const n = (s) => Number(s.replace(/\D/g, ""));
  assert.equal(n(after), n(before) + 1);

  // A damaged file is refused and changes nothing.
  await page.goto(app.url + "settings");
  const damaged = Buffer.from(plain);
  damaged[damaged.length - 20] ^= 0xff;
  await choose(page, damaged.subarray(0, damaged.length - 10));
  await page.getByTestId("restore-open").click();
  await page.getByTestId("restore-problem").waitFor();
  assert.equal(n(await count(page)), n(before) + 1);
  assert.deepEqual(page.problems, []);
  await context.close();
});

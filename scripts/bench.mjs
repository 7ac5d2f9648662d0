// The benchmark (not part of the test run; see scripts/bench.sh). In headless Chromium, on the
// release build: writes N sample customers (about ten purchases each) through the app's own
// storage layer, reloads and times the cold start until the list shows them all, a search
// keystroke, the full recompute of every class with the model fit, segment filter changes
// (median and 95th percentile), and the memory in use. One JSON line per figure.
//   node scripts/bench.mjs [--customers 100000] [--dist dist]
import { launch, startServer } from "../tests/e2e/helpers.mjs";

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const customers = Number(opt("customers", "100000"));
process.env.E2E_DIST ??= opt("dist", "dist");
process.env.E2E_BASE ??= "/";

const server = await startServer();
const browser = await launch();
const context = await browser.newContext({ locale: "zh-CN", viewport: { width: 1280, height: 800 } });
const page = await context.newPage();
const report = (name, value, unit) => console.log(JSON.stringify({ name, value, unit, customers }));

await page.goto(server.url + "customers");
await page.waitForSelector("main.main");
let t0 = Date.now();
const purchases = await page.evaluate((n) => window.wasmBindings.generate_sample(n, 42), customers);
report("write_customers_and_records", (Date.now() - t0) / 1000, "s");
report("purchases_written", purchases, "count");

for (let run = 1; run <= 3; run++) {
  t0 = Date.now();
  await page.goto(server.url + "customers");
  await page.waitForFunction(
    (n) => document.querySelector("[data-testid=customer-count]")?.textContent.replace(/\D/g, "") === String(n),
    customers,
    { timeout: 120_000, polling: 10 },
  );
  await page.getByTestId("customer-row").first().waitFor();
  report(`cold_start_to_list_run${run}`, Date.now() - t0, "ms");
}

// A search keystroke: from typing to the list showing the result (debounce included).
const times = [];
for (const q of ["z", "zh", "zha", "zhan", "zhang", "北", "北京", "138", "sales@", "wx_"]) {
  t0 = performance.now();
  await page.getByTestId("search").fill(q);
  await page.waitForFunction((q) => new URL(location.href).searchParams.get("q") === q, q, { polling: 1 });
  await page.waitForTimeout(0);
  times.push(performance.now() - t0);
}
times.sort((a, b) => a - b);
report("search_to_result_median", Math.round(times[Math.floor(times.length / 2)]), "ms");

const analysis = JSON.parse(await page.evaluate(() => window.wasmBindings.bench_analysis(5, 200)));
for (const [name, value] of Object.entries(analysis)) {
  report(name, typeof value === "number" ? Math.round(value * 100) / 100 : value, name.endsWith("_ms") ? "ms" : "count");
}

const metrics = await page.evaluate(() => ({
  heap: performance.memory?.usedJSHeapSize ?? null,
  wasm: window.wasmBindings?.wasm_memory_bytes?.() ?? null,
}));
report("js_heap_after_load", Math.round((metrics.heap ?? 0) / 1048576), "MB");
report("wasm_memory_after_load", Math.round((metrics.wasm ?? 0) / 1048576), "MB");
await browser.close();
server.stop();

// Trunk post-build hook.
// 0. Splits the wasm into a first download and lazily loaded pages (scripts/split-wasm.mjs).
// 1. Trunk injects its wasm loader as an inline <script type="module">. The app's
//    Content-Security-Policy (script-src 'self') forbids inline scripts, so the loader is moved
//    into its own file, named by a hash of its content so caches never serve a stale one.
// 2. Static hosts (GitHub Pages, Netlify, many CDNs) serve 404.html for unknown paths; making it
//    a copy of index.html lets deep links such as /customers/<id> open the app.
// Fails the build if any inline script would remain.
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { splitWasm } from "./split-wasm.mjs";

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error("post-build: TRUNK_STAGING_DIR is not set (run through trunk)");
  process.exit(1);
}
const publicUrl = process.env.TRUNK_PUBLIC_URL || "/";
const indexPath = join(dir, "index.html");
let html = readFileSync(indexPath, "utf8");

const started = Date.now();
let split;
try {
  split = await splitWasm({
    stagingDir: dir,
    sourceDir: process.env.TRUNK_SOURCE_DIR || process.cwd(),
    publicUrl,
    release: process.env.TRUNK_PROFILE === "release",
    html,
  });
} catch (e) {
  console.error(`post-build: splitting the wasm failed: ${e.message}`);
  process.exit(1);
}
html = split.html;
const kib = (n) => `${(n / 1024).toFixed(0)} KiB`;
const { main, groups } = split.sizes;
console.log(`post-build: split the wasm in ${((Date.now() - started) / 1000).toFixed(1)} s; ` +
  `main module ${kib(main.raw)}, gzip ${kib(main.gzip)}`);
for (const [group, s] of Object.entries(groups)) {
  console.log(`post-build:   with ${group}: ${s.files} files, ${kib(s.raw)}, gzip ${kib(s.gzip)}`);
}

const inline = /<script type="module"(?![^>]*\bsrc=)([^>]*)>([\s\S]*?)<\/script>/g;
let moved = 0;
html = html.replace(inline, (_match, _attrs, body) => {
  const hash = createHash("sha256").update(body).digest("hex").slice(0, 16);
  const name = `boot-${hash}.js`;
  writeFileSync(join(dir, name), body.trim() + "\n");
  moved += 1;
  return `<script type="module" src="${publicUrl}${name}"></script>`;
});
if (moved === 0) {
  console.error("post-build: Trunk's inline loader was not found; the page would not start");
  process.exit(1);
}
if (/<script(?![^>]*\bsrc=)[^>]*>[\s\S]*?\S[\s\S]*?<\/script>/.test(html)) {
  console.error("post-build: an inline script remains, which the CSP would block");
  process.exit(1);
}
writeFileSync(indexPath, html);
writeFileSync(join(dir, "404.html"), html);
console.log(`post-build: moved ${moved} inline loader(s) to files; wrote 404.html`);

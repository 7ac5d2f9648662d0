// A small static server that behaves like a CDN / static host: files from a directory, the app
// (index.html, status 200) for deep links to its pages and its 404.html for missing files, correct MIME types, optionally the whole
// site under a sub-path (as when a team hosts it at https://example.com/crm/), and the caching
// a static host should be configured with: files whose names carry Trunk's content hash
// (crm-1a2b…_bg.wasm) never change, so browsers keep them (and Chromium keeps the compiled
// wasm); pages are revalidated by ETag on every visit, so a new release is picked up at once.
//
// With --connect <origin>, the pages' Content-Security-Policy also allows that sync server (as
// scripts/allow-sync-server.mjs does to a deployed copy).
//
// Usage: node scripts/serve.mjs [--dir dist] [--port 8080] [--base /crm/] [--connect origin] [--quiet]
import { createServer } from "node:http";
import { allowIn, checkOrigin } from "./allow-sync-server.mjs";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve } from "node:path";

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const dir = resolve(opt("dir", "dist"));
const port = Number(opt("port", "8080"));
const base = opt("base", "/").replace(/\/?$/, "/");
const quiet = args.includes("--quiet");
const connect = opt("connect", null) && checkOrigin(opt("connect", null));

const types = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".json": "application/json",
  ".ico": "image/x-icon",
};

async function fileAt(path) {
  try {
    const s = await stat(path);
    if (s.isFile()) return path;
    if (s.isDirectory()) return fileAt(join(path, "index.html"));
  } catch {}
  return null;
}

const server = createServer(async (req, res) => {
  const url = new URL(req.url, "http://localhost");
  let path = decodeURIComponent(url.pathname);
  if (!path.startsWith(base)) {
    if (path === base.slice(0, -1)) {
      res.writeHead(301, { Location: base });
      return res.end();
    }
    res.writeHead(404, { "Content-Type": "text/plain" });
    return res.end("Not found");
  }
  const rel = normalize(path.slice(base.length)).replace(/^(\.\.[/\\])+/, "");
  // A path without an extension is one of the app's pages (a deep link): the app, with 200,
  // as a host's `try_files $uri /index.html` serves it. A missing file is a 404 (the app's
  // 404.html, which hosts without rewrites serve for deep links too).
  const page = extname(rel) === "";
  const found = (await fileAt(join(dir, rel))) ?? (page ? await fileAt(join(dir, "index.html")) : null);
  const file = found ?? join(dir, "404.html");
  try {
    const info = await stat(file);
    const etag = `"${info.size.toString(16)}-${Math.floor(info.mtimeMs).toString(16)}"`;
    const hashed = /-[0-9a-f]{16}(_bg)?\.[a-z]+$/.test(file);
    const headers = {
      "Content-Type": types[extname(file)] ?? "application/octet-stream",
      "Cache-Control": hashed ? "public, max-age=31536000, immutable" : "no-cache",
      ETag: etag,
    };
    if (found && req.headers["if-none-match"] === etag) {
      res.writeHead(304, headers);
      return res.end();
    }
    let body = await readFile(file);
    if (connect && extname(file) === ".html") body = Buffer.from(allowIn(String(body), connect));
    res.writeHead(found ? 200 : 404, headers);
    res.end(body);
    if (!quiet) console.log(`${found ? 200 : 404} ${req.method} ${url.pathname}`);
  } catch {
    res.writeHead(404, { "Content-Type": "text/plain" });
    res.end("Not found");
  }
});

server.listen(port, "127.0.0.1", () => {
  console.log(`Serving ${dir} at http://127.0.0.1:${port}${base}`);
});

#!/usr/bin/env node
// Lets a deployed copy of the app talk to the team's sync server: adds the server's origin to
// the Content-Security-Policy's connect-src in the site's HTML files, which otherwise allows
// the site's own origin only ('self'). Run it on the built site before uploading it:
//
//   node scripts/allow-sync-server.mjs dist https://couch.example.com
//
// Only an https origin (or http to this computer) is accepted, and only the origin — no path,
// user or password. A server reached through the site's own origin (a reverse proxy at
// /couch on the same host) needs nothing: 'self' already covers it.
import { readFile, readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The origin of `text`, checked; throws with the reason otherwise. */
export function checkOrigin(text) {
  let url;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`not an address: ${text}`);
  }
  const local = ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname);
  if (url.protocol !== "https:" && !(url.protocol === "http:" && local)) {
    throw new Error(`https required (http only for this computer): ${text}`);
  }
  if (url.username || url.password) throw new Error("no user name or password in the address");
  return url.origin;
}

/** `html` with `origin` added to its CSP's connect-src (once). */
export function allowIn(html, origin) {
  return html.replace(/connect-src ([^;"]*)/, (all, sources) =>
    sources.split(/\s+/).includes(origin) ? all : `connect-src ${sources} ${origin}`,
  );
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const [dir, text] = process.argv.slice(2);
  if (!dir || !text) {
    console.error("usage: node scripts/allow-sync-server.mjs <site directory> <server origin>");
    process.exit(2);
  }
  const origin = checkOrigin(text);
  let changed = 0;
  for (const name of await readdir(dir)) {
    if (!name.endsWith(".html")) continue;
    const path = join(dir, name);
    const html = await readFile(path, "utf8");
    const next = allowIn(html, origin);
    if (next !== html) {
      await writeFile(path, next);
      changed++;
    }
  }
  console.log(`connect-src now allows ${origin} in ${changed} file(s) of ${dir}`);
}

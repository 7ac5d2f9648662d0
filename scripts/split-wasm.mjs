// Splits the app's wasm into a first download and lazily loaded pages (called from the Trunk
// post-build hook, scripts/post-build.mjs).
//
// Trunk builds the wasm and runs wasm-bindgen over the whole of it; it cannot split. This step
// takes the linker's output that Trunk's cargo build left in target/ (linked with
// --emit-relocs, see build.rs) and:
//  1. splits it with wasm-split-cli (crate wasm_split_cli_support, installed by
//     scripts/install.sh) at every `#[wasm_split]` function (src/ui/pages.rs): a main module, one module
//     per page group, and shared pieces, plus __wasm_split.js, which loads a group and the pieces
//     it needs on first use;
//  2. runs wasm-bindgen over the main module, keeping the linker's exports (the function table
//     and memory the pieces link against);
//  3. in release builds, optimises every module for size with binaryen (the same passes as
//     `wasm-opt -Oz`), in two worker threads;
//  4. names every file by a hash of its content, as Trunk does, and puts them in place of Trunk's
//     unsplit output in the staging directory, with index.html pointing at the new main module;
//  5. writes the analysis thread's script (a module worker running the same module, see
//     src/worker.rs) and names it in index.html (<meta name="crm-analysis-worker">).
// It returns the sizes, which the hook prints: main module, and main plus each group with its
// pieces, raw and gzip.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  existsSync, mkdirSync, readFileSync, readdirSync, rmSync, unlinkSync, writeFileSync,
} from "node:fs";
import { availableParallelism } from "node:os";
import { basename, join } from "node:path";
import { Worker } from "node:worker_threads";
import { gzipSync } from "node:zlib";

const OPTIMISER = new URL("./wasm-optimise-worker.mjs", import.meta.url);

const sha = (algo, data) => createHash(algo).update(data);
const shortHash = (data) => sha("sha256", data).digest("hex").slice(0, 16);
const integrity = (data) => `sha384-${sha("sha384", data).digest("base64")}`;

function run(cmd, args) {
  try {
    execFileSync(cmd, args, { stdio: ["ignore", "pipe", "pipe"] });
  } catch (e) {
    const out = `${e.stdout ?? ""}${e.stderr ?? ""}`.trim();
    throw new Error(`${cmd} failed (${e.status ?? e.message})${out ? `:\n${out}` : ""}`);
  }
}

function cargoTargetDir(sourceDir) {
  if (process.env.CARGO_TARGET_DIR) return process.env.CARGO_TARGET_DIR;
  const meta = execFileSync(
    "cargo", ["metadata", "--no-deps", "--offline", "--format-version", "1"],
    { cwd: sourceDir, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"], maxBuffer: 1 << 26 },
  );
  return JSON.parse(meta).target_directory;
}

// Optimises each module in a small pool of worker threads (binaryen runs one module per
// thread; two cores here, more elsewhere).
async function optimiseAll(files) {
  const threads = Math.max(1, Math.min(availableParallelism(), 4, files.length));
  // Largest first, so the main module does not start last.
  const queue = [...files].sort((a, b) => b.size - a.size);
  const workers = Array.from({ length: threads }, () => new Worker(OPTIMISER));
  try {
    await Promise.all(workers.map((w) => new Promise((resolve, reject) => {
      const next = () => {
        const file = queue.shift();
        if (!file) return resolve();
        w.once("message", (msg) => {
          if (msg.error) return reject(new Error(`optimising ${basename(file.path)}: ${msg.error}`));
          writeFileSync(file.path, msg.bytes);
          next();
        });
        w.postMessage({ bytes: readFileSync(file.path) });
      };
      w.once("error", reject);
      next();
    })));
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

/**
 * @param {{ stagingDir: string, sourceDir: string, publicUrl: string, release: boolean,
 *           html: string, name?: string }} opts
 * @returns {{ html: string, sizes: object }}
 */
export async function splitWasm({ stagingDir, sourceDir, publicUrl, release, html, name = "crm" }) {
  // Trunk's unsplit output, named in index.html.
  const js = new RegExp(`${name}-[0-9a-f]+\\.js`).exec(html)?.[0];
  const wasm = new RegExp(`${name}-[0-9a-f]+_bg\\.wasm`).exec(html)?.[0];
  if (!js || !wasm) throw new Error(`index.html does not name Trunk's ${name}-<hash>.js and _bg.wasm`);

  const profile = release ? "release" : "debug";
  const targetDir = cargoTargetDir(sourceDir);
  const linked = join(targetDir, "wasm32-unknown-unknown", profile, `${name}.wasm`);
  if (!existsSync(linked)) throw new Error(`the linker's output ${linked} is missing`);

  const work = join(targetDir, "wasm-split", profile);
  rmSync(work, { recursive: true, force: true });
  mkdirSync(join(work, "bindgen"), { recursive: true });
  run("wasm-split-cli", [linked, work, "--out-name", name]);
  run("wasm-bindgen", [
    join(work, `${name}.wasm`), "--out-dir", join(work, "bindgen"), "--out-name", name,
    "--target", "web", "--keep-lld-exports", "--no-typescript",
  ]);

  const mainWasm = join(work, "bindgen", `${name}_bg.wasm`);
  const pieces = readdirSync(work).filter((f) => f.endsWith(".wasm") && f !== `${name}.wasm`);
  if (pieces.length === 0) throw new Error("wasm-split-cli found no split points");
  if (release) {
    const files = [mainWasm, ...pieces.map((f) => join(work, f))]
      .map((path) => ({ path, size: readFileSync(path).length }));
    await optimiseAll(files);
  }

  // Pieces are named by their own hash; the loader, the glue and the main module (which import
  // each other) by one hash over all of them.
  let loader = readFileSync(join(work, "__wasm_split.js"), "utf8");
  let glue = readFileSync(join(work, "bindgen", `${name}.js`), "utf8");
  const main = readFileSync(mainWasm);
  const renamed = new Map();
  for (const file of pieces) {
    const bytes = readFileSync(join(work, file));
    const stem = file.replace(/\.wasm$/, "").replace(/_\d+$/, "");
    renamed.set(file, `${stem}-${shortHash(bytes)}.wasm`);
  }
  const hash = shortHash(
    [loader, glue, shortHash(main), ...[...renamed.values()].sort()].join("\n"),
  );
  const names = {
    js: `${name}-${hash}.js`,
    wasm: `${name}-${hash}_bg.wasm`,
    loader: `__wasm_split-${hash}.js`,
  };
  for (const [from, to] of renamed) {
    const quoted = `"./${from}"`;
    if (!loader.includes(quoted)) throw new Error(`__wasm_split.js does not load ${from}`);
    loader = loader.replaceAll(quoted, `"./${to}"`);
  }
  if (!loader.includes(`"./${name}.js"`)) throw new Error(`__wasm_split.js does not import ./${name}.js`);
  loader = loader.replaceAll(`"./${name}.js"`, `"./${names.js}"`);
  // Only the import statements: the import object keeps the module name the wasm asks for.
  const imports = /(\bfrom\s*)"\.\/__wasm_split\.js"/g;
  if (!imports.test(glue)) throw new Error(`${name}.js does not import ./__wasm_split.js`);
  glue = glue.replace(imports, `$1"./${names.loader}"`);

  // Out with Trunk's unsplit output, in with the split one.
  for (const old of [js, wasm]) unlinkSync(join(stagingDir, old));
  writeFileSync(join(stagingDir, names.js), glue);
  writeFileSync(join(stagingDir, names.wasm), main);
  writeFileSync(join(stagingDir, names.loader), loader);
  for (const [from, to] of renamed) writeFileSync(join(stagingDir, to), readFileSync(join(work, from)));

  // The analysis thread (src/worker.rs): a module worker that loads the same glue and module
  // (from the browser's cache) and starts without the page. Messages that arrive while it
  // loads are kept for it. The app finds the script by the meta tag.
  const workerScript = [
    "// The analysis thread (src/worker.rs): this app's module, started without its page.",
    "const early = [];",
    "self.onmessage = (e) => early.push(e.data);",
    `const glue = await import("./${names.js}");`,
    `await glue.default({ module_or_path: new URL("./${names.wasm}", import.meta.url) });`,
    "self.wasmBindings = glue; // for measurements (scripts/bench.mjs), as the page's",
    "glue.analysis_worker_main(early);",
    "",
  ].join("\n");
  const workerName = `analysis-${shortHash(workerScript)}.js`;
  writeFileSync(join(stagingDir, workerName), workerScript);
  if (!html.includes("</head>")) throw new Error("index.html has no </head> for the worker's meta tag");
  html = html.replace(
    "</head>",
    `<meta name="crm-analysis-worker" content="${publicUrl}${workerName}" />\n  </head>`,
  );

  // index.html: the new names and integrity hashes; the loader is preloaded with the glue, as
  // the glue imports it.
  const swapIntegrity = (text, file, bytes) => text.replace(
    new RegExp(`(href="[^"]*${file.replace(/\./g, "\\.")}"[^>]*integrity=")[^"]*"`),
    `$1${integrity(bytes)}"`,
  );
  html = html.replaceAll(js, names.js).replaceAll(wasm, names.wasm);
  html = swapIntegrity(html, names.js, glue);
  html = swapIntegrity(html, names.wasm, main);
  html = html.replace(
    /(<link rel="modulepreload" href="[^"]*)/,
    `<link rel="modulepreload" href="${publicUrl}${names.loader}" crossorigin="anonymous" integrity="${integrity(loader)}">$1`,
  );
  // Chromium ignores (and warns about) integrity on a preload of the wasm (`as="fetch"`); the
  // glue's fetch of it carries no integrity either, so the attribute only made the warning.
  html = html.replace(/(<link rel="preload"[^>]*?) integrity="[^"]*"/g, "$1");

  return { html, sizes: sizesOf(stagingDir, names, loader) };
}

// Raw and gzip bytes of the main module, and of the main module plus each group and the pieces
// it loads (what a first visit to one of the group's pages downloads).
function sizesOf(dir, names, loader) {
  const size = (file) => {
    const bytes = readFileSync(join(dir, file));
    return { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
  };
  const main = size(names.wasm);
  const chunks = new Map();
  for (const m of loader.matchAll(/const (__chunk_\d+) = makeLoad\([\s\S]*?"\.\/([^"]+\.wasm)"/g)) {
    chunks.set(m[1], m[2]);
  }
  const groups = {};
  const split = /export const __wasm_split_load_(\w+) = [\s\S]*?"\.\/([^"]+\.wasm)"[\s\S]*?, \[([^\]]*)\]\)\)/g;
  for (const m of loader.matchAll(split)) {
    const files = [m[2], ...m[3].split(",").map((v) => v.trim()).filter(Boolean).map((v) => chunks.get(v))];
    const total = { files: files.length + 1, raw: main.raw, gzip: main.gzip };
    for (const f of files) {
      const s = size(f);
      total.raw += s.raw;
      total.gzip += s.gzip;
    }
    groups[m[1]] = total;
  }
  return { main, groups };
}

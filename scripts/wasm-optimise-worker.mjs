// A worker thread of scripts/split-wasm.mjs: optimises one wasm module per message for size
// with binaryen (the npm package pinned in package-lock.json), as `wasm-opt -Oz` does, and drops
// custom sections (names, relocations, producers: nothing the browser needs).
import binaryen from "binaryen";
import { parentPort } from "node:worker_threads";

// The features Rust's wasm32-unknown-unknown target emits by default (and every browser the
// app supports runs); the modules carry no target-features section to detect them from.
const F = binaryen.Features;
const FEATURES = F.MutableGlobals | F.NontrappingFPToInt | F.BulkMemory | F.BulkMemoryOpt |
  F.SignExt | F.ReferenceTypes | F.Multivalue | F.CallIndirectOverlong;

binaryen.setOptimizeLevel(2);
binaryen.setShrinkLevel(2);
// CRM_KEEP_NAMES=1 (a profiling build, never deployed): the functions keep their names, so a
// browser profile shows them.
const KEEP_NAMES = process.env.CRM_KEEP_NAMES === "1";
binaryen.setDebugInfo(KEEP_NAMES);

// The module without its custom sections (id 0). Sections are `id, size (LEB128), payload`
// after the 8-byte header.
export function withoutCustomSections(bytes) {
  const keep = [bytes.subarray(0, 8)];
  let at = 8;
  while (at < bytes.length) {
    const start = at;
    const id = bytes[at++];
    let size = 0;
    for (let shift = 0; ; shift += 7) {
      const b = bytes[at++];
      size += (b & 0x7f) * 2 ** shift;
      if (b < 0x80) break;
    }
    at += size;
    if (at > bytes.length) throw new Error("a section runs past the end of the module");
    if (id !== 0 || (KEEP_NAMES && isNameSection(bytes, start))) keep.push(bytes.subarray(start, at));
  }
  return Buffer.concat(keep);
}

// Whether the custom section at `start` is the name section (its name, after the size, is the
// 4-byte string "name").
function isNameSection(bytes, start) {
  let at = start + 1;
  while (bytes[at] >= 0x80) at++;
  at++;
  return bytes[at] === 4 && String.fromCharCode(...bytes.subarray(at + 1, at + 5)) === "name";
}

parentPort?.on("message", ({ bytes }) => {
  let module;
  try {
    module = binaryen.readBinary(withoutCustomSections(bytes));
    module.setFeatures(FEATURES);
    if (!module.validate()) throw new Error("the module does not validate");
    module.optimize();
    const out = module.emitBinary();
    parentPort.postMessage({ bytes: out }, [out.buffer]);
  } catch (e) {
    parentPort.postMessage({ error: String(e?.message ?? e) });
  } finally {
    module?.dispose();
  }
});

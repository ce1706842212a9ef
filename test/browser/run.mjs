// Runs every test/browser/*.browser.mjs under Node, one after another, and ends with one line
// `browser: N passed, N failed` (exit status 1 when anything failed); each step prints one
// `PASS: ...` or `FAIL: ...` line, which .ci/run counts. A browser test file exports
// `run(step)`: `await step("name", async () => { ... })` runs one step; once a step of a file has
// failed, its later steps are counted as failed without running, since each builds on the last.
import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv[2];
const files = readdirSync(here).filter((f) => f.endsWith(".browser.mjs") && (!only || f.includes(only))).sort();
let passed = 0;
let failed = 0;

for (const file of files) {
  console.log(`# ${file}`);
  let broken = false;
  const step = async (name, fn) => {
    if (broken) {
      failed++;
      console.log(`FAIL: ${name} (not run: an earlier step failed)`);
      return;
    }
    const started = Date.now();
    try {
      await fn();
      passed++;
      console.log(`PASS: ${name} (${Date.now() - started} ms)`);
    } catch (error) {
      failed++;
      broken = true;
      console.log(`FAIL: ${name}\n  ${String(error?.stack ?? error).split("\n").join("\n  ")}`);
    }
  };
  try {
    const mod = await import(pathToFileURL(join(here, file)).href);
    await mod.run(step);
  } catch (error) {
    failed++;
    console.log(`FAIL: ${file} could not run\n  ${String(error?.stack ?? error)}`);
  }
}

if (files.length === 0) {
  failed++;
  console.log("FAIL: no browser test files found");
}
console.log(`browser: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);

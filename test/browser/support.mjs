// What browser tests share: the real daemon on a temporary data directory (the built binary when
// TOCSIN_BIN names it, else `bun src/main.ts`), Debian's Chromium driven by playwright-core with
// a fresh profile, and where screenshots go.
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const ARTIFACTS = join(ROOT, "test", "artifacts");

/**
 * Starts `tocsin serve` on a free port; resolves once it listens, with what it printed.
 * `prepare(dataPath)` runs first, e.g. to seed the database the daemon will open.
 */
export async function startDaemon(env = {}, { prepare } = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), "tocsin-browser-"));
  if (prepare) await prepare(join(dataDir, "data"));
  const bin = process.env.TOCSIN_BIN;
  const [cmd, args] = bin ? [bin, []] : [join(ROOT, "node_modules", ".bin", "bun"), [join(ROOT, "src", "main.ts")]];
  const child = spawn(cmd, [...args, "serve", "--listen", "127.0.0.1:0", "--data-dir", join(dataDir, "data")], {
    cwd: dataDir,
    env: { PATH: process.env.PATH ?? "", HOME: dataDir, TOCSIN_LOG_FORMAT: "json", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d) => (stdout += d));
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the daemon did not start: ${stderr}`)), 15_000);
    child.stderr.on("data", (d) => {
      stderr += d;
      const m = /"msg":"listening".*?"url":"([^"]+)"/.exec(stderr);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.on("exit", (code) => reject(new Error(`the daemon exited with ${code}: ${stderr}`)));
  });
  return {
    url,
    dataDir,
    stdout: () => stdout,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve(child.exitCode);
        child.on("exit", resolve);
        child.kill("SIGTERM");
      }),
  };
}

/** Debian's Chromium with the flags that keep it off the network, on a fresh profile. */
export async function launchBrowser() {
  const profile = mkdtempSync(join(tmpdir(), "tocsin-chromium-"));
  return chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    viewport: { width: 1280, height: 900 },
  });
}

/** Where a screenshot goes: test/artifacts/, and docs/ too when UPDATE_DOCS_SCREENSHOTS=1. */
export async function screenshot(page, name, { docs, ...opts } = {}) {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true, ...opts });
  if (process.env.UPDATE_DOCS_SCREENSHOTS === "1" && docs) await page.screenshot({ path: join(ROOT, "docs", `${docs}.png`), fullPage: true, ...opts });
}

export function assert(condition, message) {
  if (!condition) throw new Error(message);
}

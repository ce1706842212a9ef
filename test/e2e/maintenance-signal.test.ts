// A daemon holding an alert under a window that never ends (a 30-day window opening every minute)
// still answers and stops on SIGTERM, and starts and stops again with that held alert stored.
import { expect, test } from "bun:test";
import { mkdtempSync } from "node:fs";
import { join } from "node:path";
import { openStore } from "../../src/store/store.ts";
import { startServe } from "../support/cli.ts";
import { directTx } from "../support/db.ts";

const API_KEY = "tcw_holdholdholdholdholdholdhold";

/** Exit status 0 is a clean stop: past its 4.5 s deadline serve exits 1, and a frozen loop never reaches the signal. */
async function stopsOnSigterm(proc: Awaited<ReturnType<typeof startServe>>["proc"]): Promise<void> {
  proc.kill("SIGTERM");
  expect(await proc.exited).toBe(0);
}

test("SIGTERM stops a daemon that holds an alert under a never-ending window, before and after a restart", async () => {
  const dir = mkdtempSync("/tmp/tocsin-hold-");
  const env = { TOCSIN_API_KEY: API_KEY };
  const first = await startServe(["--data-dir", dir, "--startup-grace", "0"], { env });
  const api = (path: string, body?: unknown) =>
    fetch(`${first.url}/api/v3${path}`, { method: body === undefined ? "GET" : "POST", headers: { "X-Api-Key": API_KEY }, body: body === undefined ? undefined : JSON.stringify(body) });
  expect((await api("/maintenance/", { cron: "* * * * *", duration: 2_592_000, slugs: ["*"] })).status).toBe(201);
  expect((await api("/channels/", { name: "hook", kind: "webhook", settings: { url: "http://127.0.0.1:9/hook" } })).status).toBe(201);
  const check = (await (await api("/checks/", { name: "job", channels: "*" })).json()) as { ping_url: string };
  expect(await (await fetch(`${check.ping_url.replace("http://127.0.0.1:8000", first.url)}/fail`)).text()).toBe("OK");
  // the notifier plans the held alert; the daemon answers all the while
  const store = openStore(join(dir, "tocsin.db"));
  const tx = directTx(store);
  for (let i = 0; i < 200 && !tx.tableRows("alert_states").some((r) => (r.next_eval_at as number) > Date.now()); i++) {
    expect(await (await fetch(`${first.url}/api/v3/status/`)).text()).toBe("OK");
    await Bun.sleep(25);
  }
  expect(tx.tableRows("alert_states").map((r) => r.told_status)).toEqual([null]);
  store.close();
  await stopsOnSigterm(first.proc);

  const again = await startServe(["--data-dir", dir, "--startup-grace", "0"], { env });
  for (let i = 0; i < 5; i++) expect(await (await fetch(`${again.url}/api/v3/status/`)).text()).toBe("OK");
  expect((await fetch(`${again.url}/api/v3/maintenance/`, { headers: { "X-Api-Key": API_KEY } })).status).toBe(200);
  await stopsOnSigterm(again.proc);
}, 30_000);

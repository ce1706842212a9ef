import { Database } from "bun:sqlite";
import { expect, test } from "bun:test";
import { mkdtempSync } from "node:fs";
import { join } from "node:path";
import { startServe } from "../support/cli.ts";

const PING_KEY = "crashcrashcrash0001";

test("every ping answered 2xx survives a kill -9 of the daemon under load", async () => {
  const dir = mkdtempSync("/tmp/tocsin-crash-");
  const env = { TOCSIN_PING_KEY: PING_KEY };
  const { proc, url } = await startServe(["--data-dir", dir, "--ping-log-limit", "1000000"], { env });
  expect((await fetch(`${url}/ping/${PING_KEY}/crash?create=1`)).status).toBe(201);

  const acknowledged: string[] = [];
  let stop = false;
  const worker = async (): Promise<void> => {
    while (!stop) {
      const rid = crypto.randomUUID();
      try {
        const res = await fetch(`${url}/ping/${PING_KEY}/crash?rid=${rid}`);
        if (res.status === 200) acknowledged.push(rid);
      } catch {
        return; // the daemon is gone
      }
    }
  };
  const workers = Array.from({ length: 32 }, worker);
  await Bun.sleep(1_500);
  proc.kill("SIGKILL");
  stop = true;
  await Promise.all(workers);
  expect(await proc.exited).not.toBe(0);
  expect(acknowledged.length).toBeGreaterThan(500);

  const db = new Database(join(dir, "tocsin.db"));
  expect(db.query("PRAGMA integrity_check").get()).toEqual({ integrity_check: "ok" });
  const stored = new Set((db.query("SELECT rid FROM pings WHERE rid IS NOT NULL").all() as { rid: string }[]).map((r) => r.rid));
  const lost = acknowledged.filter((rid) => !stored.has(rid));
  expect(lost).toEqual([]);
  const { n_pings } = db.query("SELECT n_pings FROM checks WHERE slug = 'crash'").get() as { n_pings: number };
  // the create ping has no rid; unanswered pings of the last batch may also have landed
  expect(n_pings).toBeGreaterThanOrEqual(acknowledged.length + 1);
  expect(n_pings).toBe((db.query("SELECT count(*) AS n FROM pings").get() as { n: number }).n);
  db.close();

  const again = await startServe(["--data-dir", dir], { env });
  expect(await (await fetch(`${again.url}/ping/${PING_KEY}/crash`)).text()).toBe("OK");
  again.proc.kill("SIGTERM");
  expect(await again.proc.exited).toBe(0);
}, 30_000);

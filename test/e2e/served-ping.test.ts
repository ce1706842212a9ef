import { Database } from "bun:sqlite";
import { expect, test } from "bun:test";
import { mkdtempSync } from "node:fs";
import { join } from "node:path";
import { startServe } from "../support/cli.ts";

const PING_KEY = "servedservedserved01";

test("the served ping path records the socket's address and answers HEAD without a body", async () => {
  const dir = mkdtempSync("/tmp/tocsin-served-");
  const { proc, url } = await startServe(["--data-dir", dir], { env: { TOCSIN_PING_KEY: PING_KEY } });
  try {
    expect((await fetch(`${url}/ping/${PING_KEY}/served?create=1`, { headers: { "X-Forwarded-For": "203.0.113.1" } })).status).toBe(201);
    const head = await fetch(`${url}/ping/${PING_KEY}/served`, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.headers.get("ping-body-limit")).toBe("100000");
    expect(await head.text()).toBe("");
    const big = await fetch(`${url}/ping/${PING_KEY}/served`, { method: "POST", body: new Uint8Array(10_000_001) });
    expect(big.status).toBe(413);
  } finally {
    proc.kill("SIGTERM");
    await proc.exited;
  }
  const db = new Database(join(dir, "tocsin.db"), { readonly: true });
  const rows = db.query("SELECT method, remote_addr FROM pings ORDER BY n").all();
  db.close();
  // without TOCSIN_TRUST_PROXY the forwarded header is ignored
  expect(rows).toEqual([
    { method: "GET", remote_addr: "127.0.0.1" },
    { method: "HEAD", remote_addr: "127.0.0.1" },
  ]);
});

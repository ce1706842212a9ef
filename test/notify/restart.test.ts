// At-least-once across a crash: a notifier killed (SIGKILL) between claiming an alert and
// recording its delivery leaves it to be delivered after a restart, then never again.
import { afterEach, expect, test } from "bun:test";
import { join } from "node:path";
import { migratedStore, tempDbPath } from "../support/db.ts";
import { aNotifier, aReceiver, anAlertWorld, type Receiver } from "./support.ts";

const S = 1000;
let receiver: Receiver;
afterEach(() => receiver?.stop());

test("a notifier killed between claim and send delivers the alert after a restart, and only once after success", async () => {
  receiver = aReceiver({ hold: true });
  const path = tempDbPath();
  const w = anAlertWorld({ store: migratedStore(path) });
  const check = w.addCheck({ name: "killed" });
  w.assign(check, w.addChannel("webhook", { url: `${receiver.url}/hook` }));
  await w.ping(check, "/fail");

  const child = Bun.spawn([process.execPath, join(import.meta.dir, "fixtures", "claim-and-hang.ts"), path, String(w.clock.now())], { stdout: "pipe", stderr: "pipe" });
  await receiver.until(1);
  child.kill("SIGKILL");
  await child.exited;
  expect(await new Response(child.stdout).text()).toBe("");
  // the claim is persisted: the flip is processed, its delivery leased, nothing recorded yet
  expect({ claimed: w.tx.listFlips(check.id).filter((f) => f.processed !== null).length }).toEqual({ claimed: 1 });
  expect(w.rows("deliveries").map((d) => ({ state: d.state, leased: d.lease_until !== null ? 1 : 0 }))).toEqual([{ state: "pending", leased: 1 }]);
  expect(w.attempts(check)).toHaveLength(0);

  receiver.release();
  const restarted = aNotifier(migratedStore(path), w.clock.now);
  // while the dead worker's lease lasts, nobody sends
  await restarted.runDue();
  expect(receiver.received).toHaveLength(1);
  w.clock.advance(31 * S);
  await restarted.runDue();
  expect(receiver.received).toHaveLength(2);
  expect(receiver.received[1]!.json).toMatchObject({ event: "down", check: { name: "killed" } });
  expect(w.attempts(check)).toMatchObject([{ attempt: 1, status: "ok" }]);

  w.clock.advance(3_600 * S);
  await restarted.runDue();
  expect(receiver.received).toHaveLength(2);
});

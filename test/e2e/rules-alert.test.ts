// Crontify's "silent failure", end to end: a check with a rule, created through the API; a job that
// reports success over Crontify's route but processed nothing; the alert that reaches a webhook
// receiver and a chat channel names the rule and the value seen.
import { afterEach, expect, test } from "bun:test";
import { anApi } from "../checks/api.ts";
import { aReceiver, type Receiver } from "../notify/support.ts";

let receiver: Receiver;
afterEach(() => receiver?.stop());

test("a Crontify success with meta.rows_processed = 0 fails the rule rows_processed < 1 and alerts with the rule in the message", async () => {
  receiver = aReceiver();
  const a = anApi();
  expect((await a.call("POST", "/api/v3/channels/", { name: "hook", kind: "webhook", settings: { url: `${receiver.url}/hook` } })).status).toBe(201);
  expect((await a.call("POST", "/api/v3/channels/", { name: "chat", kind: "slack", settings: { url: `${receiver.url}/slack` } })).status).toBe(201);
  const check = await a.create({ name: "nightly import", timeout: 86_400, channels: "*", rules: [{ metric: "rows_processed", op: "<", value: 1 }] });
  expect(check.rules).toEqual([{ metric: "rows_processed", op: "<", value: 1 }]);

  const send = (meta: Record<string, number>) =>
    a.request(`/api/v1/ping/${check.uuid}/success`, { method: "POST", headers: { "X-API-Key": "ck_live_anything", "Content-Type": "application/json" }, body: JSON.stringify({ meta }) });
  const answer = await send({ rows_processed: 0, emails_sent: 48 });
  // Crontify's client is told its success was received; the rule is Tocsin's business
  expect(((await answer.json()) as { data: unknown }).data).toMatchObject({ received: true, status: "success" });

  expect((await a.call("GET", `/api/v3/checks/${check.uuid}`)).json.status).toBe("down");
  expect((await a.call("GET", `/api/v3/checks/${check.uuid}/pings/`)).json.pings).toMatchObject([
    { type: "fail", msg: "rows_processed < 1: got 0", metrics: { rows_processed: 0, emails_sent: 48 } },
  ]);
  expect((await a.call("GET", `/api/v3/checks/${check.uuid}/flips/`)).json.flips).toMatchObject([{ old_status: "new", new_status: "down", reason: "rule" }]);

  expect((await a.services.notifier.runDue()).attempts).toBe(2);
  const hook = receiver.received.find((r) => r.path === "/hook")!;
  expect(hook.json).toMatchObject({ event: "down", reason: "rule", rule: "rows_processed < 1: got 0", check: { name: "nightly import", status: "down" } });
  const chat = receiver.received.find((r) => r.path === "/slack")!;
  expect(chat.json.attachments[0].fields).toContainEqual({ title: "Why", value: "a rule on the run's metrics matched: rows_processed < 1: got 0", short: false });

  // a run that did its work recovers the check
  a.clock.set(a.clock.now() + 120_000);
  await send({ rows_processed: 1523 });
  expect((await a.call("GET", `/api/v3/checks/${check.uuid}`)).json.status).toBe("up");
  await a.services.notifier.runDue();
  expect(receiver.received.filter((r) => r.path === "/hook").map((r) => [r.json.event, r.json.rule])).toEqual([["down", "rows_processed < 1: got 0"], ["up", null]]);
});

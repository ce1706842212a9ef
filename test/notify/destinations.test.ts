// TOCSIN_INTEGRATIONS_ALLOW_PRIVATE=false keeps channel requests off loopback, private and
// link-local addresses, checked at send time; error texts keep at most 200 characters of an answer.
import { afterEach, describe, expect, test } from "bun:test";
import { createDestinationGuard, type Resolver } from "../../src/notify/destination.ts";
import { aReceiver, anAlertWorld, type Receiver } from "./support.ts";

let receiver: Receiver | null = null;
afterEach(() => {
  receiver?.stop();
  receiver = null;
});

describe("private destinations", () => {
  test.each([
    { name: "an IP address", host: "127.0.0.1", error: "refused: 127.0.0.1 is a private, loopback or link-local address (TOCSIN_INTEGRATIONS_ALLOW_PRIVATE is false)" },
    { name: "a name that resolves to it", host: "localhost", error: "refused: localhost (127.0.0.1) is a private, loopback or link-local address (TOCSIN_INTEGRATIONS_ALLOW_PRIVATE is false)" },
  ])("refuses a loopback destination given as $name, permanently, without sending", async ({ host, error }) => {
    receiver = aReceiver();
    const w = anAlertWorld({ config: { integrationsAllowPrivate: false } });
    const check = w.addCheck();
    const hook = w.addChannel("webhook", { url: `http://${host}:${new URL(receiver.url).port}/hook` });
    w.assign(check, hook);
    await w.ping(check, "/fail");
    await w.notifier.runDue();
    expect(w.attempts(check)).toMatchObject([{ status: "permanent", error }]);
    expect(w.store.read((tx) => tx.getChannel(hook.id))!.lastError).toBe(error);
    const tested = await (await w.request(`/api/v3/channels/${hook.id}/test`, { method: "POST", headers: { "X-Api-Key": w.keys.apiKey } })).json();
    expect(tested).toMatchObject({ ok: false, status: "permanent", error });
    expect(receiver.received).toHaveLength(0);
  });

  test("sends to the LAN and loopback by default (a home server's ntfy or Gotify)", async () => {
    receiver = aReceiver();
    const w = anAlertWorld();
    const check = w.addCheck();
    w.assign(check, w.addChannel("ntfy", { url: receiver.url, topic: "alerts" }));
    await w.ping(check, "/fail");
    await w.notifier.runDue();
    expect(w.attempts(check)).toMatchObject([{ status: "ok" }]);
    expect(receiver.received).toHaveLength(1);
  });

  const resolver = (answers: Record<string, string[]>): Resolver => async (host) => {
    const list = answers[host];
    if (!list) throw Object.assign(new Error("not found"), { code: "ENOTFOUND" });
    return list.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
  };

  test.each([
    { url: "http://10.1.2.3/x", ok: false },
    { url: "http://172.20.0.1/x", ok: false },
    { url: "http://192.168.1.10:8080/x", ok: false },
    { url: "http://169.254.169.254/latest/meta-data", ok: false },
    { url: "http://100.64.0.1/x", ok: false },
    { url: "http://0.0.0.0/x", ok: false },
    { url: "http://2130706433/x", ok: false },
    { url: "http://[::1]/x", ok: false },
    { url: "http://[::ffff:127.0.0.1]/x", ok: false },
    { url: "http://[fe80::1]/x", ok: false },
    { url: "http://[fd00::5]/x", ok: false },
    { url: "https://mixed.test/x", ok: false },
    { url: "https://inside.test/x", ok: false },
    { url: "https://93.184.216.34/x", ok: true },
    { url: "https://[2606:4700::1111]/x", ok: true },
    { url: "https://public.test/x", ok: true },
  ])("$url is allowed: $ok", async ({ url, ok }) => {
    const guard = createDestinationGuard(resolver({ "mixed.test": ["93.184.216.34", "10.0.0.7"], "inside.test": ["fd12::1"], "public.test": ["93.184.216.34", "2606:4700::1111"] }));
    const verdict = await guard(url);
    expect(verdict.ok).toBe(ok);
    if (!verdict.ok) expect(verdict).toMatchObject({ permanent: true, error: expect.stringContaining("TOCSIN_INTEGRATIONS_ALLOW_PRIVATE is false") });
  });

  test("a name that does not resolve is a retryable error", async () => {
    const guard = createDestinationGuard(resolver({}));
    expect(await guard("https://gone.test/x")).toEqual({ ok: false, permanent: false, error: "cannot resolve gone.test: ENOTFOUND" });
  });
});

describe("error excerpts", () => {
  test("last_error, the delivery log and test-send answers keep at most 200 characters of a receiver's answer, whole characters only", async () => {
    // one ASCII letter first, so a cut after 200 UTF-16 units would split an emoji in half
    const answer = `a${"🔥".repeat(5_000)}`;
    receiver = aReceiverAnswering(400, answer);
    const w = anAlertWorld();
    const check = w.addCheck();
    const hook = w.addChannel("webhook", { url: receiver.url });
    w.assign(check, hook);
    await w.ping(check, "/fail");
    await w.notifier.runDue();
    const expected = `HTTP 400: ${[...answer].slice(0, 200).join("")}`;
    expect(w.attempts(check)).toMatchObject([{ status: "permanent", error: expected }]);
    expect(w.store.read((tx) => tx.getChannel(hook.id))!.lastError).toBe(expected);
    const tested = (await (await w.request(`/api/v3/channels/${hook.id}/test`, { method: "POST", headers: { "X-Api-Key": w.keys.apiKey } })).json()) as { error: string };
    expect(tested.error).toBe(expected);
    expect(tested.error.isWellFormed()).toBe(true);
  });
});

/** A receiver that answers every request with `status` and `body`. */
function aReceiverAnswering(status: number, body: string): Receiver {
  const server = Bun.serve({ hostname: "127.0.0.1", port: 0, fetch: () => new Response(body, { status }) });
  return { url: `http://127.0.0.1:${server.port}`, received: [], until: async () => {}, release: () => {}, stop: () => server.stop(true) };
}

// What alerts say (SPEC §8) and first-ping alerts (SPEC §4 alert_new), end to end: checks created
// through the API, real pings, the real scheduler and notifier, local receivers, a settable clock.
import { afterEach, describe, expect, test } from "bun:test";
import { aReceiver, anAlertWorld, type Receiver } from "./support.ts";

const S = 1000;
const MIN = 60 * S;
let receivers: Receiver[] = [];
afterEach(() => {
  for (const r of receivers) r.stop();
  receivers = [];
});

function aHook(): Receiver {
  const r = aReceiver();
  receivers.push(r);
  return r;
}

/** A world with a webhook channel (default JSON body) and a Gotify channel (plain text) on every new check. */
async function setup() {
  const w = anAlertWorld();
  const hook = aHook();
  const gotify = aHook();
  w.addChannel("webhook", { url: `${hook.url}/hook` }, { name: "hook" });
  w.addChannel("gotify", { url: gotify.url, token: "t" }, { name: "phone" });
  const create = async (fields: Record<string, unknown>) => {
    const res = await w.request("/api/v3/checks/", { method: "POST", headers: { "X-Api-Key": w.keys.apiKey, "Content-Type": "application/json" }, body: JSON.stringify({ channels: "*", ...fields }) });
    expect(res.status).toBe(201);
    return (await res.json()) as { uuid: string; alert_new: boolean; next_ping: string | null };
  };
  /** moves the clock on and lets the scheduler and the notifier do what is due */
  const after = async (ms: number): Promise<void> => {
    w.clock.advance(ms);
    w.services.scheduler.runDue();
    await w.notifier.runDue();
  };
  const texts = (): string[] => gotify.received.map((r) => String(r.json.message));
  return { ...w, hook, gotify, create, after, texts };
}

describe("a new check that never gets its first ping", () => {
  test("with timeout 2 s and grace 1 s alerts once, saying it never ran", async () => {
    const w = await setup();
    const c = await w.create({ name: "fresh job", timeout: 2, grace: 1 });
    expect(c.alert_new).toBe(true);
    expect(c.next_ping).toBe("2026-01-15T12:00:02+00:00");
    await w.after(2 * S);
    expect(w.hook.received).toHaveLength(0);
    await w.after(1 * S);
    expect(w.hook.received).toHaveLength(1);
    const alert = w.hook.received[0]!.json;
    expect(alert).toMatchObject({ event: "down", reason: "timeout", never_ran: true, text: '"fresh job" is DOWN: it never ran', since: "2026-01-15T12:00:03+00:00", expected_at: "2026-01-15T12:00:02+00:00", waiting_since: "2026-01-15T12:00:00+00:00" });
    expect(alert.why).toContain("it never ran: no ping arrived since it was created");
    expect(alert.check).toMatchObject({ name: "fresh job", status: "down", alert_new: true });
    expect(w.texts()[0]).toContain("Why: it never ran: no ping arrived since it was created (2026-01-15 12:00 UTC)");
    // once: nothing more while it stays down, and its first ping is a recovery
    await w.after(30 * MIN);
    expect(w.hook.received).toHaveLength(1);
    await w.request(`/ping/${c.uuid}`);
    await w.after(S);
    expect(w.hook.received.map((r) => r.json.event)).toEqual(["down", "up"]);
  });

  test("with alert_new false waits for its first ping forever, as in Healthchecks", async () => {
    const w = await setup();
    const c = await w.create({ name: "patient", timeout: 2, grace: 1, alert_new: false });
    expect(c).toMatchObject({ alert_new: false, next_ping: null });
    await w.after(30 * 86_400 * S);
    expect(w.hook.received).toHaveLength(0);
    expect(w.reload({ id: w.tx.getCheckByUuid(c.uuid)!.id }).status).toBe("new");
  });

  test("a resumed check waits as if pinged when it was resumed, and says so", async () => {
    const w = await setup();
    const c = await w.create({ name: "resumed", timeout: 60, grace: 60 });
    await w.request(`/ping/${c.uuid}`);
    const key = { "X-Api-Key": w.keys.apiKey };
    expect((await w.request(`/api/v3/checks/${c.uuid}/pause`, { method: "POST", headers: key })).status).toBe(200);
    await w.after(86_400 * S);
    expect((await w.request(`/api/v3/checks/${c.uuid}/resume`, { method: "POST", headers: key })).status).toBe(200);
    await w.after(119 * S);
    expect(w.hook.received).toHaveLength(0);
    await w.after(S);
    expect(w.hook.received[0]!.json).toMatchObject({ event: "down", never_ran: true, waiting_since: "2026-01-16T12:00:00+00:00" });
    expect(w.hook.received[0]!.json.why).toContain("no ping arrived since it was resumed");
  });

  test("a check created by ?create=1 alerts too when it then goes quiet", async () => {
    const w = await setup();
    const res = await w.request("/ping/pingkeypingkey0001/auto-made/log?create=1");
    expect(res.status).toBe(201);
    const check = w.tx.getCheckBySlug(w.project.id, "auto-made")!;
    expect(check).toMatchObject({ alertNew: true, status: "new", downAt: check.created + (86_400 + 3_600) * S });
  });
});

describe("alert content", () => {
  test("a Europe/Berlin cron check's alert shows Berlin times, its schedule in words and the next expected run", async () => {
    const w = await setup();
    const c = await w.create({ name: "nightly dump", desc: "pg_dump of the main database", schedule: "0 3 * * *", tz: "Europe/Berlin", grace: 600 });
    // 2026-01-15 12:00 UTC is 13:00 in Berlin (CET): the first run is due at 03:00 tomorrow
    await w.after(14 * 60 * MIN);
    await w.request(`/ping/${c.uuid}`, { method: "POST", body: "dumped 3 tables" });
    // the next night's run never comes: due 2026-01-17 03:00 Berlin, down at 03:10
    await w.after(24 * 60 * MIN + 9 * MIN);
    expect(w.hook.received).toHaveLength(0);
    await w.after(MIN);
    expect(w.gotify.received).toHaveLength(1);
    const text = w.texts()[0]!;
    expect(text).toContain("Down since: 2026-01-17 03:10 Europe/Berlin (02:10 UTC)");
    expect(text).toContain("Expected at: 2026-01-17 03:00 Europe/Berlin (02:00 UTC)");
    expect(text).toContain("Schedule: at 03:00 every day (0 3 * * *, Europe/Berlin), 10 min grace");
    expect(text).toContain("Next expected: 2026-01-18 03:00 Europe/Berlin (02:00 UTC)");
    expect(text).toContain("Description: pg_dump of the main database");
    expect(text).toContain("Last ping: 2026-01-16 03:00 Europe/Berlin (02:00 UTC) (success)");
    expect(text).toContain(`http://tocsin.test/app/checks/${c.uuid}`);
    expect(w.hook.received[0]!.json).toMatchObject({
      tz: "Europe/Berlin",
      since: "2026-01-17T02:10:00+00:00",
      since_local: "2026-01-17T03:10:00+01:00",
      next_expected: "2026-01-18T02:00:00+00:00",
      next_expected_local: "2026-01-18T03:00:00+01:00",
      schedule: "at 03:00 every day (0 3 * * *, Europe/Berlin), 10 min grace",
      description: "pg_dump of the main database",
      never_ran: false,
      held: null,
      last_ping: { at: "2026-01-16T02:00:00+00:00", kind: "success", exit_status: null, msg: null, body: "dumped 3 tables" },
      links: { dashboard: `http://tocsin.test/app/checks/${c.uuid}`, status_page: null },
    });
  });

  test("a public check links its status page", async () => {
    const w = await setup();
    const c = await w.create({ name: "site", slug: "site", public: true, timeout: 60, grace: 60 });
    await w.request(`/ping/${c.uuid}/fail`);
    await w.after(S);
    expect(w.hook.received[0]!.json.links).toEqual({ dashboard: `http://tocsin.test/app/checks/${c.uuid}`, status_page: "http://tocsin.test/status/default/site" });
    expect(w.texts()[0]).toContain("Status page: http://tocsin.test/status/default/site");
  });

  test("an alert held by a maintenance window says which one and until when", async () => {
    const w = await setup();
    const c = await w.create({ name: "db", slug: "db", timeout: 3600, grace: 60 });
    const t0 = w.clock.now() / 1000;
    const res = await w.request("/api/v3/maintenance/", { method: "POST", headers: { "X-Api-Key": w.keys.apiKey, "Content-Type": "application/json" }, body: JSON.stringify({ name: "upgrade", start: t0, end: t0 + 1800, slugs: ["db"] }) });
    expect(res.status).toBe(201);
    await w.request(`/ping/${c.uuid}/fail`);
    await w.after(29 * MIN);
    expect(w.hook.received).toHaveLength(0);
    await w.after(MIN);
    expect(w.hook.received[0]!.json.held).toEqual({ by: "maintenance", window: "upgrade", until: "2026-01-15T12:30:00+00:00", text: 'held by maintenance window "upgrade" until 2026-01-15 12:30 UTC' });
    expect(w.texts()[0]).toContain('Held: held by maintenance window "upgrade" until 2026-01-15 12:30 UTC');
  });

  test("an alert held by a mute says so", async () => {
    const w = await setup();
    const c = await w.create({ name: "noisy", timeout: 3600, grace: 60 });
    await w.request(`/ping/${c.uuid}/pause/1`);
    await w.request(`/ping/${c.uuid}/fail`);
    await w.after(59 * MIN);
    expect(w.hook.received).toHaveLength(0);
    await w.after(MIN);
    expect(w.hook.received[0]!.json.held).toMatchObject({ by: "mute", window: null, until: "2026-01-15T13:00:00+00:00" });
    expect(w.texts()[0]).toContain("Held: held while muted until 2026-01-15 13:00 UTC");
  });
});

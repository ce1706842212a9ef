// `tocsin channels ...` and `tocsin maintenance ...` through the real entry point against one
// served daemon; a local receiver stands in for the channels' services.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { aReceiver, type Receiver } from "../notify/support.ts";
import { runCli } from "../support/cli.ts";
import { API_KEY, type LiveDaemon, liveDaemon } from "./client-support.ts";
import { runClient } from "./client-in-process.ts";

let daemon: LiveDaemon;
let receiver: Receiver;
beforeAll(async () => {
  [daemon, receiver] = [await liveDaemon(), aReceiver({ statuses: [200, 500] })];
});
afterAll(async () => {
  receiver.stop();
  await daemon.stop();
});

const tocsin = (...args: string[]) => runCli(args, { env: { TOCSIN_URL: daemon.url, TOCSIN_API_KEY: API_KEY } });
const api = async (path: string): Promise<any> => (await fetch(`${daemon.url}${path}`, { headers: { "X-Api-Key": API_KEY } })).json();
const channelNamed = async (name: string): Promise<any> => (await api("/api/v3/channels/")).channels.find((c: { name: string }) => c.name === name);

describe("tocsin channels", () => {
  test("add creates a channel from --set values, text or JSON", async () => {
    const r = await tocsin("channels", "add", "ops-hook", "--kind", "webhook", "--set", `url=${receiver.url}/hook`, "--set", "on_up:=false", "--set", "secret=a-long-enough-hmac-secret");
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Created channel "ops-hook" \(webhook\) [0-9a-f-]{36}\n$/);
    expect((await channelNamed("ops-hook")).settings).toMatchObject({ url: `${receiver.url}/hook`, on_up: false, secret: "****cret" });
  });

  test("ls lists name, kind and destination; --json prints the server's JSON", async () => {
    await tocsin("channels", "add", "ops-mail", "--kind", "email", "--settings", '{"to": ["ops@example.com"]}');
    const r = await tocsin("channels", "ls");
    expect(r.status).toBe(0);
    expect(r.stdout.split("\n")).toEqual(["NAME      KIND     SENDS TO" + " ".repeat(receiver.url.length + 5 - "SENDS TO".length) + "  NOTE", `ops-hook  webhook  ${receiver.url}/hook  -`, `ops-mail  email    ${"ops@example.com".padEnd(receiver.url.length + 5)}  -`, ""]);
    const json = await tocsin("channels", "ls", "--json");
    expect(JSON.parse(json.stdout).channels.map((c: { name: string }) => c.name)).toEqual(["ops-hook", "ops-mail"]);
  });

  test("edit renames and changes one setting; the secret it leaves out keeps its value", async () => {
    const r = await tocsin("channels", "edit", "ops-hook", "--name", "ops-webhook", "--set", `url=${receiver.url}/v2`);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Updated channel "ops-webhook" \(webhook\)/);
    expect((await channelNamed("ops-webhook")).settings).toMatchObject({ url: `${receiver.url}/v2`, on_up: false, secret: "****cret" });
  });

  test("test sends a message and says how it went: exit 0, then 1 with the receiver's error", async () => {
    const sent = await tocsin("channels", "test", "OPS-WEBHOOK");
    expect(sent.status).toBe(0);
    expect(sent.stdout).toMatch(/^Test message sent through "ops-webhook" \(webhook\) in [\d.]+ s\n$/);
    expect(receiver.received.at(-1)!.path).toBe("/v2");
    expect(receiver.received.at(-1)!.headers.get("x-tocsin-signature")).toStartWith("sha256=");
    const failed = await tocsin("channels", "test", "ops-webhook");
    expect(failed.status).toBe(1);
    expect(failed.stderr).toMatch(/the test message through "ops-webhook" \(webhook\) failed \(error\) in [\d.]+ s: HTTP 500: status 500/);
  });

  test("a second channel with a name already used is refused by the server; a typo names the nearest", async () => {
    expect((await tocsin("channels", "add", "twin", "--kind", "slack", "--set", "url=https://slack.example/a")).status).toBe(0);
    const twin = await tocsin("channels", "add", "twin", "--kind", "slack", "--set", "url=https://slack.example/b");
    expect(twin.status).toBe(1);
    expect(twin.stderr).toContain("server answered 409");
    const typo = await tocsin("channels", "rm", "ops-mial");
    expect(typo.stderr).toContain('no channel with id or name "ops-mial" in this project; did you mean "ops-mail"?');
  });

  test("rm deletes a channel by name", async () => {
    const r = await tocsin("channels", "rm", "ops-mail");
    expect(r.status).toBe(0);
    expect(await channelNamed("ops-mail")).toBeUndefined();
  });

  test("the server's refusal is shown with its status", async () => {
    const r = await tocsin("channels", "add", "pigeon", "--kind", "carrier-pigeon");
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("server answered 400 Bad Request: json validation error: kind must be one of email, webhook");
  });
});

describe("tocsin maintenance", () => {
  test("add creates a one-off window from now for a duration, and a recurring one in a zone", async () => {
    const now = await tocsin("maintenance", "add", "upgrade", "--start", "now", "--for", "2h", "--slugs", "*");
    expect(now.status).toBe(0);
    // a whole 2 h left, or a little less: relative times count whole units
    expect(now.stdout).toMatch(/^Created maintenance window "upgrade" [0-9a-f-]{36}: \S+ \S+ to \S+ \S+, active, ends in [12]h\n$/);
    const weekly = await tocsin("maintenance", "add", "sunday", "--cron", "0 2 * * 0", "--tz", "Europe/Riga", "--duration", "1h30m", "--tags", "db,backups");
    expect(weekly.status).toBe(0);
    const windows = (await api("/api/v3/maintenance/")).maintenance;
    expect(windows).toMatchObject([
      { name: "upgrade", slugs: ["*"], active: true },
      { name: "sunday", cron: "0 2 * * 0", tz: "Europe/Riga", duration: 5400, tags: ["db", "backups"] },
    ]);
    expect(Date.parse(windows[0].end) - Date.parse(windows[0].start)).toBe(7_200_000);
  });

  test("ls shows when, which checks and the state; --json prints the server's JSON", async () => {
    const r = await tocsin("maintenance", "ls");
    expect(r.status).toBe(0);
    const [header, upgrade, sunday] = r.stdout.split("\n");
    expect(header).toMatch(/^NAME +WHEN +CHECKS +STATE$/);
    expect(upgrade).toMatch(/^upgrade +(now|\d+s ago) for 2h +slugs \* +active, ends in [12]h$/);
    expect(sunday).toMatch(/^sunday +0 2 \* \* 0 Europe\/Riga for 1h30m +tags db,backups +(next in \d+[smhd]|active, ends in \d+[smh])$/);
    expect(JSON.parse((await tocsin("maintenance", "ls", "--json")).stdout).maintenance).toHaveLength(2);
  });

  test("rm deletes a window by name", async () => {
    const r = await tocsin("maintenance", "rm", "upgrade");
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Deleted maintenance window "upgrade"/);
    expect((await api("/api/v3/maintenance/")).maintenance.map((w: { name: string }) => w.name)).toEqual(["sunday"]);
  });
});

describe("channels and maintenance usage errors exit 2", () => {
  test.each([
    ["channels: a misspelt sub-command", ["channels", "tset"], 'unknown sub-command "tset" (expected ls, add, edit, test or rm); did you mean "test"?'],
    ["channels add without --kind", ["channels", "add", "x", "--api-key", "k"], "missing --kind"],
    ["channels add with a bad --set", ["channels", "add", "x", "--kind", "slack", "--set", "url", "--api-key", "k"], '--set takes KEY=TEXT or KEY:=JSON; got "url"'],
    ["channels add with bad JSON", ["channels", "add", "x", "--kind", "email", "--set", "to:=[oops", "--api-key", "k"], "--set to:= needs a JSON value"],
    ["channels edit without a change", ["channels", "edit", "x", "--api-key", "k"], "nothing to change"],
    ["maintenance: a misspelt zone", ["maintenance", "add", "w", "--cron", "0 2 * * 0", "--duration", "1h", "--tz", "Europe/Rgia", "--tags", "db", "--api-key", "k"], '--tz "Europe/Rgia": not a known IANA time zone; did you mean "Europe/Riga"?'],
    ["maintenance: cron without duration", ["maintenance", "add", "w", "--cron", "0 2 * * 0", "--tags", "db", "--api-key", "k"], "--cron needs --duration"],
    ["maintenance: a bad duration", ["maintenance", "add", "w", "--start", "now", "--for", "2 hours", "--tags", "db", "--api-key", "k"], '--for "2 hours": must be a number of seconds or a duration like 90s, 5m, 1h30m, 2d, 1w'],
    ["maintenance: a start without offset", ["maintenance", "add", "w", "--start", "2026-01-01T00:00:00", "--for", "1h", "--tags", "db", "--api-key", "k"], "must be an ISO 8601 date-time with an offset, or now"],
    ["maintenance: both end and for", ["maintenance", "add", "w", "--start", "now", "--end", "now", "--for", "1h", "--tags", "db", "--api-key", "k"], "give one of --end WHEN or --for T"],
  ])("%s", async (_name, args, message) => {
    const r = await runClient(args);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(message);
  });
});

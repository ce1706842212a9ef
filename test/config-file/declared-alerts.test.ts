// [[channels]] and [[maintenance]] through the config-file loader: declared next to the checks that
// use them, validated by check-config, released or pruned, and held alerts released on reload.
import { afterEach, describe, expect, test } from "bun:test";
import { DECLARED_KEYS } from "../../src/config.ts";
import { validateDeclared } from "../../src/config-file/load.ts";
import { DECLARED_KINDS } from "../../src/config-file/kinds.ts";
import { aReceiver, type Receiver } from "../notify/support.ts";
import { aConfiguredWorld, tables } from "./support.ts";

let receiver: Receiver | null = null;
afterEach(() => {
  receiver?.stop();
  receiver = null;
});

const MIN = 60_000;

const HOOK_AND_CHECK = (url: string) => `
[[channels]]
name = "ops-hook"
kind = "webhook"
settings = { url = "${url}" }

[[channels]]
name = "pager"
kind = "shell"
settings = { argv = ["/bin/true"] }

[[checks]]
slug = "backup"
timeout = 3600
grace = 60
channels = ["ops-hook"]
`;

function channelNamesOf(w: ReturnType<typeof aConfiguredWorld>, slug: string): unknown[] {
  const check = w.rows("checks").find((c) => c.slug === slug);
  const ids = new Set(w.rows("check_channels").filter((cc) => cc.check_id === check?.id).map((cc) => cc.channel_id));
  return w
    .rows("channels")
    .filter((ch) => ids.has(ch.id))
    .map((ch) => ({ name: ch.name, managed: ch.managed }))
    .sort((a, b) => String(a.name).localeCompare(String(b.name)));
}

describe("every declared section", () => {
  test("has its kind in the loader", () => {
    expect(DECLARED_KINDS.map((k) => k.key).sort()).toEqual(DECLARED_KEYS.filter((k) => k !== "prune").sort());
  });
});

describe("declared channels", () => {
  test("a check names a channel declared in the same file", async () => {
    const w = aConfiguredWorld();
    const result = w.apply(HOOK_AND_CHECK("https://hooks.example.com/x"));
    expect(result).toEqual({ ok: true, warnings: [], declared: { projects: 0, channels: 2, checks: 1, maintenance: 0 } });
    expect(channelNamesOf(w, "backup")).toEqual([{ name: "ops-hook", managed: 1 }]);
    const channels = (await w.call("GET", "/api/v3/channels/")).json.channels;
    const hook = channels.find((c: { name: string }) => c.name === "ops-hook");
    expect((await w.checkBySlug("backup")).channels).toBe(hook.id);
    // a reload keeps the channel's id, so the assignment survives it
    expect(w.apply(HOOK_AND_CHECK("https://hooks.example.com/y")).ok).toBe(true);
    expect((await w.call("GET", `/api/v3/channels/${hook.id}`)).json.settings.url).toBe("https://hooks.example.com/y");
    expect(channelNamesOf(w, "backup")).toEqual([{ name: "ops-hook", managed: 1 }]);
  });

  test("the API refuses to delete a declared channel", async () => {
    const w = aConfiguredWorld();
    w.apply(HOOK_AND_CHECK("https://hooks.example.com/x"));
    const [hook] = (await w.call("GET", "/api/v3/channels/")).json.channels;
    const res = await w.call("DELETE", `/api/v3/channels/${hook.id}`);
    expect(res.status).toBe(409);
    expect(res.json).toEqual({ error: "managed by config file" });
  });

  test("a channel that leaves the file is released with a warning, and deleted with prune", async () => {
    const w = aConfiguredWorld();
    w.apply(HOOK_AND_CHECK("https://hooks.example.com/x"));
    const rest = `[[checks]]\nslug = "backup"\ntimeout = 3600\nchannels = ["ops-hook"]\n[[channels]]\nname = "ops-hook"\nkind = "webhook"\nsettings = { url = "https://hooks.example.com/x" }\n`;
    expect(w.apply(rest).ok).toBe(true);
    expect(w.warnings).toEqual(['channel "pager" left the config file and is no longer managed']);
    const names = async () => (await w.call("GET", "/api/v3/channels/")).json.channels.map((c: { name: string; managed: boolean }) => `${c.name}:${c.managed}`).sort();
    expect(await names()).toEqual(["ops-hook:true", "pager:false"]);
    // a released channel belongs to the API now: prune leaves it alone
    expect(w.apply(`prune = true\n${rest}`).ok).toBe(true);
    expect(await names()).toEqual(["ops-hook:true", "pager:false"]);
    expect(w.apply("prune = true\n[[checks]]\nslug = \"backup\"\ntimeout = 3600\n").ok).toBe(true);
    expect(await names()).toEqual(["pager:false"]);
    expect(channelNamesOf(w, "backup")).toEqual([]);
  });

  test("a check naming a channel the same file prunes is a listed error, and nothing changes", () => {
    const w = aConfiguredWorld();
    w.apply(HOOK_AND_CHECK("https://hooks.example.com/x"));
    const before = w.snapshot();
    const result = w.apply(`prune = true\n[[checks]]\nslug = "backup"\ntimeout = 3600\nchannels = ["ops-hook"]\n`);
    expect(result).toEqual({ ok: false, problems: ["tocsin.toml: checks[0].channels: invalid channel identifier: ops-hook"] });
    expect(w.snapshot()).toBe(before);
    expect(channelNamesOf(w, "backup")).toEqual([{ name: "ops-hook", managed: 1 }]);
  });

  test("a name taken by a channel created through the API is a listed error", async () => {
    const w = aConfiguredWorld();
    expect((await w.call("POST", "/api/v3/channels/", { name: "ops-hook", kind: "slack", settings: { url: "https://x.test" } })).status).toBe(201);
    const result = w.apply(HOOK_AND_CHECK("https://hooks.example.com/x"));
    expect(result).toEqual({ ok: false, problems: ['tocsin.toml: channels[0].name: "ops-hook" is already used by a channel created through the API'] });
  });
});

describe("check-config on [[channels]] and [[maintenance]]", () => {
  test("lists every problem without a database", () => {
    const problems = validateDeclared(
      tables(`
[[channels]]
name = "hook"
kind = "webhook"
settings = { url = "ftp://example.com/x" }
[[channels]]
name = "pigeon"
kind = "carrier-pigeon"
[[channels]]
name = "hook"
kind = "slack"
settings = { url = "https://hooks.slack.test/x" }
[[channels]]
name = "run"
kind = "shell"
settings = { argv = "page me" }
[[channels]]
kind = "email"
setings = {}
[[maintenance]]
name = "nightly"
cron = "0 25 * * *"
duration = 60
tags = ["db"]
[[maintenance]]
name = "move"
start = 2026-03-02T00:00:00Z
end = 2026-03-01T00:00:00Z
slugs = ["*"]
[[maintenance]]
name = "local"
start = 2026-03-01T22:00:00
end = "2026-03-01T23:00:00Z"
slugs = ["*"]
`),
      "tocsin.toml",
      Date.UTC(2026, 0, 1),
    );
    expect(problems).toEqual([
      'tocsin.toml: channels[1].kind = "carrier-pigeon": must be one of email, webhook, slack, mattermost, discord, msteams, telegram, ntfy, gotify, pushover, matrix, pagerduty, opsgenie, shell',
      'tocsin.toml: channels[4]: unknown key "setings"; did you mean "settings"?',
      "tocsin.toml: channels[4].name: is required",
      'tocsin.toml: maintenance[0].cron = "0 25 * * *": invalid cron expression: hour field: 25 is out of range 0-23',
      "tocsin.toml: maintenance[1]: end must be after start",
      'tocsin.toml: maintenance[2].start = "2026-03-01T22:00:00": must be a date-time with a time zone offset',
      "tocsin.toml: channels[0].settings.url: must be an http or https URL",
      'tocsin.toml: channels[2].name: "hook" is already declared by channels[0]',
      "tocsin.toml: channels[3].settings.argv: is not an array",
    ]);
  });

  test("accepts a shell channel, which only the config file may declare", () => {
    const ok = validateDeclared(
      tables(`[[channels]]\nname = "run"\nkind = "shell"\nsettings = { argv = ["/usr/local/bin/page"], timeout = 20 }\n[[maintenance]]\nname = "sunday"\ncron = "0 2 * * 0"\ntz = "Europe/Riga"\nduration = 7200\ntags = ["db"]\n`),
      "tocsin.toml",
      Date.UTC(2026, 0, 1),
    );
    expect(ok).toEqual([]);
  });
});

describe("declared maintenance windows", () => {
  const WINDOW = `
[[maintenance]]
name = "upgrade"
start = 2026-01-15T12:00:00Z
end = 2026-01-15T14:00:00Z
slugs = ["backup"]
`;

  test("hold the alerts of a declared check, and a window pruned from the file releases them at once", async () => {
    receiver = aReceiver();
    const w = aConfiguredWorld();
    const file = HOOK_AND_CHECK(`${receiver.url}/hook`);
    expect(w.apply(file + WINDOW).ok).toBe(true);
    const check = await w.checkBySlug("backup");
    await w.request(`/ping/${check.uuid}/fail`);
    await w.services.notifier.runDue();
    w.clock.advance(10 * MIN);
    await w.services.notifier.runDue();
    expect(receiver.received).toEqual([]);
    // released, a window would stay (and hold): only prune takes it away
    expect(w.apply(`prune = true\n${file}`).ok).toBe(true);
    await w.services.notifier.runDue();
    expect(receiver.received.map((r) => r.json.event)).toEqual(["down"]);
  });

  test("the API refuses to delete a declared window; with prune a window that left the file is deleted", async () => {
    const w = aConfiguredWorld();
    expect(w.apply(WINDOW).ok).toBe(true);
    const [win] = (await w.call("GET", "/api/v3/maintenance/")).json.maintenance;
    expect(win).toMatchObject({ name: "upgrade", managed: true, start: "2026-01-15T12:00:00+00:00" });
    expect((await w.call("DELETE", `/api/v3/maintenance/${win.id}`)).json).toEqual({ error: "managed by config file" });
    expect(w.apply("prune = true").ok).toBe(true);
    expect((await w.call("GET", "/api/v3/maintenance/")).json.maintenance).toEqual([]);
  });
});

import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { runCli } from "../support/cli.ts";
import { runClient } from "./client-in-process.ts";
import { API_KEY, type LiveDaemon, liveDaemon, READ_ONLY_KEY } from "./client-support.ts";

let daemon: LiveDaemon;
beforeAll(async () => {
  daemon = await liveDaemon();
});
afterAll(() => daemon.stop());

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;
const checks = (...args: string[]) => runCli(["checks", ...args], { env: { TOCSIN_URL: daemon.url, TOCSIN_API_KEY: API_KEY } });
/** The checks as the API lists them: the tests' own reading, not the client under test. */
const listed = async (...args: string[]): Promise<Record<string, unknown>[]> => {
  const query = new URLSearchParams(args.flatMap((a, i): [string, string][] => (a === "--tag" ? [["tag", args[i + 1]!]] : [])));
  const res = await fetch(`${daemon.url}/api/v3/checks/?${query}`, { headers: { "X-Api-Key": API_KEY } });
  expect(res.status).toBe(200);
  return ((await res.json()) as { checks: Record<string, unknown>[] }).checks;
};

describe("tocsin checks against a live daemon", () => {
  test("add creates a simple check and prints its uuid and ping URL", async () => {
    const r = await checks("add", "Nightly backup", "--slug", "backup", "--tags", "prod db", "--timeout", "1d", "--grace", "3600", "--desc", "pg_dump");
    expect(r.status).toBe(0);
    const uuid = UUID.exec(r.stdout)![0];
    expect(r.stdout).toContain('Created check "Nightly backup" (backup)');
    expect(r.stdout).toContain(`ping URL:  ${daemon.url}/ping/${uuid}`);
    const [check] = (await listed()).filter((c) => c.uuid === uuid);
    expect(check).toMatchObject({ name: "Nightly backup", slug: "backup", tags: "prod db", desc: "pg_dump", timeout: 86_400, grace: 3600, status: "new" });
  });

  test("add creates a cron check with its time zone", async () => {
    const r = await checks("add", "Reports", "--slug", "reports", "--schedule", "0 3 * * *", "--tz", "Europe/Riga", "--grace", "5m", "--tags", "prod");
    expect(r.status).toBe(0);
    const [check] = (await listed()).filter((c) => c.slug === "reports");
    expect(check).toMatchObject({ schedule: "0 3 * * *", tz: "Europe/Riga", grace: 300 });
  });

  test("add --unique finds the existing check instead of creating a second one", async () => {
    const first = await checks("add", "Once", "--slug", "once", "--unique", "name,slug");
    const second = await checks("add", "Once", "--slug", "once", "--unique", "name,slug", "--grace", "120");
    expect(first.status).toBe(0);
    expect(second.status).toBe(0);
    expect(second.stdout).toContain("Updated existing check");
    expect(UUID.exec(second.stdout)![0]).toBe(UUID.exec(first.stdout)![0]);
    expect((await listed()).filter((c) => c.slug === "once")).toHaveLength(1);
  });

  test("ls shows the schedule or period and the next expected ping, each row within 80 columns", async () => {
    const r = await checks("ls");
    expect(r.status).toBe(0);
    const [header, ...rows] = r.stdout.trimEnd().split("\n");
    expect(header).toMatch(/^NAME +SLUG +STATUS +SCHEDULE +LAST PING +NEXT$/);
    // a new check waits for its first ping one period after it was created (alert_new)
    expect(rows.find((l) => l.startsWith("Nightly backup"))).toMatch(/^Nightly backup +backup +new +every 1d +never +in 2[34]h$/);
    // a cron check that never ran expects its next fire
    expect(rows.find((l) => l.startsWith("Reports"))).toMatch(/^Reports +reports +new +0 3 \* \* \* Europe\/Riga +never +in \d+[smh]$/);
    for (const line of [header!, ...rows]) expect(line.length).toBeLessThanOrEqual(80);
  });

  test("ls --wide adds the uuid and absolute times", async () => {
    const r = await checks("ls", "--wide");
    expect(r.status).toBe(0);
    expect(r.stdout.split("\n")[0]).toMatch(/^NAME +SLUG +STATUS +SCHEDULE +LAST PING +NEXT +UUID$/);
    expect(r.stdout).toMatch(new RegExp(`Reports +reports +new +0 3 \\* \\* \\* Europe/Riga +never +\\d{4}-\\d\\d-\\d\\d \\d\\d:00:00Z +${UUID.source}`));
  });

  test("ls --tag keeps checks that have every tag given; --json prints the server's JSON", async () => {
    const prod = await checks("ls", "--tag", "prod", "--json");
    expect((JSON.parse(prod.stdout) as { checks: { slug: string }[] }).checks.map((c) => c.slug).sort()).toEqual(["backup", "reports"]);
    const both = await checks("ls", "--tag", "prod", "--tag", "db");
    expect(both.stdout.split("\n").slice(1).filter((l) => l !== "").map((l) => l.split(/ {2,}/)[1])).toEqual(["backup"]);
    const none = await checks("ls", "--tag", "nothing-has-this");
    expect(none.status).toBe(0);
    expect(none.stdout).toBe("");
  });

  test("pause and resume by slug or uuid; resuming a check that is not paused shows the server's 409", async () => {
    const paused = await checks("pause", "backup");
    expect(paused.status).toBe(0);
    expect(paused.stdout).toMatch(/^Paused check "Nightly backup"/);
    expect((await listed()).find((c) => c.slug === "backup")!.status).toBe("paused");
    const uuid = (await listed()).find((c) => c.slug === "backup")!.uuid as string;
    const resumed = await checks("resume", uuid);
    expect(resumed.status).toBe(0);
    expect((await listed()).find((c) => c.slug === "backup")!.status).toBe("new");
    const again = await checks("resume", "backup");
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/server answered 409/);
  });

  test("pause and rm take a check's name too", async () => {
    await checks("add", "Named only");
    expect((await checks("pause", "Named only")).stdout).toMatch(/^Paused check "Named only"/);
    expect((await checks("rm", "named ONLY")).stdout).toMatch(/^Deleted check "Named only"/);
  });

  test("rm deletes a check by slug", async () => {
    await checks("add", "Temporary", "--slug", "temporary");
    const r = await checks("rm", "temporary");
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Deleted check "Temporary"/);
    expect((await listed()).some((c) => c.slug === "temporary")).toBe(false);
  });

  test("an unknown check is a clear error with status 1 that names the nearest one", async () => {
    const none = await checks("pause", "no-such-check");
    expect(none.status).toBe(1);
    expect(none.stderr).toContain('no check with uuid, slug or name "no-such-check" in this project');
    const typo = await checks("show", "bakup");
    expect(typo.status).toBe(1);
    expect(typo.stderr).toContain('no check with uuid, slug or name "bakup" in this project; did you mean "backup"?');
  });

  test("the server's validation error is shown with its status", async () => {
    const r = await checks("add", "Bad cron", "--schedule", "61 * * * *");
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/server answered 400 Bad Request: .*schedule/);
  });

  test("a wrong API key: status 1 and the server's 401 message", async () => {
    const r = await runCli(["checks", "ls", "--url", daemon.url, "--api-key", "tcw_wrongwrongwrongwrongwrongwron"]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("server answered 401 Unauthorized: wrong api key");
  });
});

describe("tocsin checks show, pings and edit against a live daemon", () => {
  const uuidOf = async (slug: string): Promise<string> => (await listed()).find((c) => c.slug === slug)!.uuid as string;
  const ping = (uuid: string, suffix: string, body?: string | Uint8Array) => fetch(`${daemon.url}/ping/${uuid}${suffix}`, { method: "POST", body });

  test("show gives status, schedule in words, next fire times, settings, recent pings with messages and status changes", async () => {
    await checks("add", "Shown", "--slug", "shown", "--schedule", "30 2 * * 1-5", "--tz", "Europe/Riga", "--grace", "10m", "--desc", "line one\nline two", "--public", "--group", "Jobs");
    const uuid = await uuidOf("shown");
    await ping(uuid, "/start?rid=6f1c2d3e-4a5b-4c6d-8e7f-8091a2b3c4d5");
    await ping(uuid, "/0?rid=6f1c2d3e-4a5b-4c6d-8e7f-8091a2b3c4d5&msg=rows%3D12", "all done\n");
    const r = await checks("show", "shown");
    expect(r.status).toBe(0);
    const out = r.stdout;
    expect(out).toStartWith("Shown (shown)\n");
    expect(out).toMatch(/^ {2}status +up$/m);
    expect(out).toMatch(/^ {2}description +line one\n {21}line two$/m);
    expect(out).toMatch(/^ {2}schedule +30 2 \* \* 1-5 in Europe\/Riga\n {21}At 02:30, Monday through Friday$/m);
    expect(out).toMatch(/^ {2}grace +10 minutes \(10m\)$/m);
    expect(out).toMatch(/^ {2}next expected +in \d+[smhd] \(\d{4}-\d\d-\d\dT02:30:00\+0[23]:00\)$/m);
    // five fire times, in the zone, on weekdays
    const fires = [...out.matchAll(/(\d{4}-\d\d-\d\d)T02:30:00\+0[23]:00 {2}\(in/g)].map((m) => new Date(`${m[1]}T12:00:00Z`).getUTCDay());
    expect(fires).toHaveLength(5);
    for (const day of fires) expect(day).toBeGreaterThanOrEqual(1);
    for (const day of fires) expect(day).toBeLessThanOrEqual(5);
    expect(out).toMatch(/^ {2}status page +shown in group "Jobs"$/m);
    expect(out).toContain(`  ping URL           ${daemon.url}/ping/${uuid}`);
    expect(out).toMatch(/^ {2}2 +(now|\d+s ago) +success +http 127\.0\.0\.1 +[\d.]+s +0 +rows=12$/m);
    expect(out).toMatch(/^ {2}1 +(now|\d+s ago) +start +http 127\.0\.0\.1/m);
    expect(out).toMatch(/Status changes \(newest first\)\n {2}WHEN +AT +CHANGE +REASON\n {2}(now|\d+s ago) +\S+ +new → up/);
    // URLs are copied whole; every other line fits a terminal
    expect(out.split("\n").filter((l) => l.length > 80 && !/^ {2}\w+ URL /.test(l))).toEqual([]);
  });

  test("show finds a check by its name, ignoring case, and --json prints the server's JSON", async () => {
    const r = await checks("show", "SHOWN", "--json");
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ slug: "shown", schedule: "30 2 * * 1-5", tz: "Europe/Riga" });
  });

  test("show works with a read-only key, which sees no uuids and no pings", async () => {
    const r = await runCli(["checks", "show", "shown"], { env: { TOCSIN_URL: daemon.url, TOCSIN_API_KEY: READ_ONLY_KEY } });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^ {2}uuid +[0-9a-f]{40}$/m);
    expect(r.stdout).toContain("Recent pings (newest first)\n  (pings need a read-write API key)\n");
    expect(r.stdout).toMatch(/Status changes \(newest first\)\n {2}WHEN/);
    expect(r.stdout).not.toContain("ping URL");
  });

  test("a name two checks share is refused, listing both", async () => {
    await checks("add", "Twin", "--slug", "twin-a");
    await checks("add", "Twin", "--slug", "twin-b");
    const r = await checks("show", "Twin");
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/"Twin" matches 2 checks: "Twin" \(slug twin-a, [0-9a-f-]{36}\); "Twin" \(slug twin-b, [0-9a-f-]{36}\); give the uuid or slug of one/);
    expect((await checks("show", "twin-b")).status).toBe(0);
  });

  test("pings lists the log newest first and --body N prints the newest bodies, control characters escaped", async () => {
    const uuid = await uuidOf("shown");
    await ping(uuid, "/fail?msg=disk%20full", "\u001b[31mno space left\u001b[0m\n");
    await ping(uuid, "/log", new Uint8Array([0xff, 0xfe, 0x00, 0x01]));
    const r = await checks("pings", "shown", "--body", "2");
    expect(r.status).toBe(0);
    const [header, ...rest] = r.stdout.split("\n");
    expect(header).toMatch(/^# +WHEN +KIND +SOURCE +DURATION +EXIT +MESSAGE$/);
    expect(rest.slice(0, 4).map((l) => l.split(/ +/)[0])).toEqual(["4", "3", "2", "1"]);
    expect(rest[1]).toMatch(/^3 +(now|\d+s ago) +fail .* disk full$/);
    expect(r.stdout).toMatch(/--- body of ping #4 \(log, [^)]+\) ---\n\(4 bytes of binary data, not shown\)\n/);
    expect(r.stdout).toMatch(/--- body of ping #3 \(fail, [^)]+\) ---\n\\x1b\[31mno space left\\x1b\[0m\n/);
    expect(r.stdout).not.toContain("\u001b");
    expect(r.stdout).not.toContain("body of ping #2");
    const json = await checks("pings", "shown", "--json");
    expect((JSON.parse(json.stdout) as { pings: unknown[] }).pings).toHaveLength(4);
  });

  test("edit changes only the fields given, in the syntax people type, and says what changed", async () => {
    const before = (await listed()).find((c) => c.slug === "shown")!;
    const r = await checks("edit", "shown", "--grace", "1h30m", "--no-public", "--max-runtime", "20m", "--reminder-interval", "1h");
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Updated check "Shown"');
    expect(r.stdout).toContain("  grace: 600 → 5400\n");
    expect(r.stdout).toContain("  public: true → false\n");
    const after = (await listed()).find((c) => c.slug === "shown")!;
    expect(after).toMatchObject({ grace: 5400, public: false, max_runtime: 1200, reminder_interval: 3600 });
    expect({ ...after, grace: 0, public: 0, max_runtime: 0, reminder_interval: 0, uptime: 0 }).toEqual({ ...before, grace: 0, public: 0, max_runtime: 0, reminder_interval: 0, uptime: 0 });
  });

  test("edit shows the server's refusal with status 1", async () => {
    const r = await checks("edit", "shown", "--reminder-interval", "1m");
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("server answered 400 Bad Request: json validation error: reminder_interval must be 0 (off) or at least 300 seconds");
  });

  test("add has a flag for every check field", async () => {
    const r = await checks(
      ...["add", "Everything", "--slug", "everything", "--tags", "a b", "--desc", "d", "--timeout", "2d", "--grace", "90s", "--max-runtime", "1h"],
      ...["--failure-threshold", "3", "--manual-resume", "--methods", "POST", "--start-kw", "go", "--success-kw", "ok", "--failure-kw", "bad"],
      ...["--filter-subject", "--filter-body", "--filter-http-body", "--filter-default-fail", "--public", "--group", "G", "--reminder-interval", "10m"],
      ...["--channels", "", "--muted-until", "2h", "--push-token", "everything-token"],
    );
    expect(r.status).toBe(0);
    const check = (await listed()).find((c) => c.slug === "everything")!;
    expect(check).toMatchObject({
      name: "Everything", tags: "a b", desc: "d", timeout: 172_800, grace: 90, max_runtime: 3600, failure_threshold: 3, manual_resume: true, methods: "POST",
      start_kw: "go", success_kw: "ok", failure_kw: "bad", filter_subject: true, filter_body: true, filter_http_body: true, filter_default_fail: true,
      public: true, group: "G", reminder_interval: 600, channels: "", push_url: `${daemon.url}/api/push/everything-token`,
    });
    const muted = Date.parse(check.muted_until as string) - Date.now();
    expect(muted).toBeGreaterThan(7_000_000);
    expect(muted).toBeLessThanOrEqual(7_200_000);
  });
});

describe("tocsin checks usage errors exit 2", () => {
  test("through the real entry point: a misspelt sub-command names the nearest", async () => {
    const r = await runCli(["checks", "shwo"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('tocsin checks: unknown sub-command "shwo" (expected ls, show, pings, add, edit, pause, resume or rm); did you mean "show"?\n');
  });

  test.each([
    ["no API key", ["checks", "ls", "--url", "http://127.0.0.1:9"], "an API key is needed"],
    ["no sub-command", ["checks"], "usage: tocsin checks"],
    ["an unknown sub-command", ["checks", "frob"], 'unknown sub-command "frob"'],
    ["timeout and schedule together", ["checks", "add", "x", "--timeout", "60", "--schedule", "* * * * *", "--api-key", "k"], "exclude each other"],
    ["tz without schedule", ["checks", "add", "x", "--tz", "UTC", "--api-key", "k"], "--tz applies to --schedule only"],
    ["a bad duration", ["checks", "add", "x", "--grace", "soon", "--api-key", "k"], '--grace "soon": must be a number of seconds or a duration like 90s, 5m, 1h30m, 2d, 1w'],
    ["an overflowing duration", ["checks", "add", "x", "--timeout", "99999999999999w", "--api-key", "k"], '--timeout "99999999999999w": is too large'],
    ["a misspelt time zone", ["checks", "add", "x", "--schedule", "0 3 * * *", "--tz", "Europe/Berln", "--api-key", "k"], '--tz "Europe/Berln": not a known IANA time zone; did you mean "Europe/Berlin"?'],
    ["a switch and its negation", ["checks", "add", "x", "--public", "--no-public", "--api-key", "k"], "--public and --no-public exclude each other"],
    ["edit without a field", ["checks", "edit", "backup", "--api-key", "k"], "nothing to change"],
    ["a misspelt sub-command", ["checks", "shwo"], 'unknown sub-command "shwo" (expected ls, show, pings, add, edit, pause, resume or rm); did you mean "show"?'],
    ["a bad --unique field", ["checks", "add", "x", "--unique", "name,colour", "--api-key", "k"], '"colour"'],
    ["a bad --pings count", ["checks", "show", "x", "--pings", "many", "--api-key", "k"], '--pings must be a whole number from 0 to 1000; got "many"'],
    ["a URL that is not http", ["checks", "ls", "--url", "ftp://x", "--api-key", "k"], "must be an http"],
  ])("%s", async (_name, args, message) => {
    const r = await runClient(args);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(message);
  });

  test("a sub-command's --help shows its flags and an example", async () => {
    const r = await runCli(["checks", "show", "--help"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toStartWith("usage: tocsin checks show <ref>");
    expect(r.stdout).toContain("--pings N");
    expect(r.stdout).toContain("  tocsin checks show backup\n");
  });
});

describe("tocsin checks when the server cannot be reached", () => {
  test("ls reports the address and exits 1", async () => {
    const r = await runCli(["checks", "ls", "--url", "http://127.0.0.1:9", "--api-key", "k"]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("cannot reach http://127.0.0.1:9: connection refused");
  });
});

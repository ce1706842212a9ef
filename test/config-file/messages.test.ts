// What check-config and a refused start say about declared objects (SPEC §10): the key path with
// the bad value, every problem of an entry, the nearest key or zone, durations as people type them.
import { describe, expect, test } from "bun:test";
import { DECLARED_KINDS } from "../../src/config-file/kinds.ts";
import { validateDeclared } from "../../src/config-file/load.ts";
import { parseDeclared } from "../../src/config-file/parse.ts";
import { tables } from "./support.ts";

const NOW = Date.UTC(2026, 0, 1);
const problemsOf = (toml: string): string[] => validateDeclared(tables(toml), "tocsin.toml", NOW);

/** The entries of a section after validation, as apply would get them. */
function entriesOf(toml: string, key: string): Record<string, unknown>[] {
  const parsed = parseDeclared(tables(toml), DECLARED_KINDS, NOW);
  if (!parsed.ok) throw new Error(parsed.problems.map((p) => `${p.path}: ${p.message}`).join("\n"));
  return (parsed.file.sections.get(key) ?? []).map((e) => e.value as Record<string, unknown>);
}

describe("every problem of an entry is listed", () => {
  test("an unknown key hides none of the other problems of its entry", () => {
    const problems = problemsOf(`
[[checks]]
slug = "backup"
schedule = "0 25 * * *"
tz = "Europe/Berln"
grace = 0.5
reminder_interval = "1m"
timout = 60
`);
    expect(problems).toEqual([
      'tocsin.toml: checks[0]: unknown key "timout"; did you mean "timeout"?',
      "tocsin.toml: checks[0].grace = 0.5: must be a whole number of seconds",
      'tocsin.toml: checks[0].tz = "Europe/Berln": is not a valid timezone; did you mean "Europe/Berlin"?',
      'tocsin.toml: checks[0].reminder_interval = "1m": must be 0 (off) or at least 300 seconds',
      'tocsin.toml: checks[0].schedule = "0 25 * * *": is not a valid cron expression (hour field: 25 is out of range 0-23)',
    ]);
  });

  test("a value of the wrong type does not hide the other fields' problems", () => {
    expect(problemsOf(`[[checks]]\nslug = "x"\ntags = 5\ntimeout = 0\nfailure_threshold = 0\n`)).toEqual([
      "tocsin.toml: checks[0].tags = 5: is not a string",
      "tocsin.toml: checks[0].timeout = 0: must be an integer from 1 to 31536000 seconds",
      "tocsin.toml: checks[0].failure_threshold = 0: must be an integer from 1 to 1000",
    ]);
  });

  test("a missing slug does not hide a bad zone", () => {
    expect(problemsOf(`[[checks]]\nname = "no slug"\ntz = "berlin"\n`)).toEqual([
      "tocsin.toml: checks[0].slug: is required",
      'tocsin.toml: checks[0].tz = "berlin": is not a valid timezone; did you mean "Europe/Berlin"?',
    ]);
  });

  test("a maintenance window with a misspelt zone: the zone with its suggestion, and the window's own problem", () => {
    expect(problemsOf(`[[maintenance]]\nname = "w"\ncron = "0 3 * * *"\ntz = "Europe/Rgia"\nduration = "0s"\ntags = ["db"]\n`)).toEqual([
      'tocsin.toml: maintenance[0].tz = "Europe/Rgia": is not a valid timezone; did you mean "Europe/Riga"?',
      'tocsin.toml: maintenance[0]: duration must be 1-2592000 seconds',
    ]);
  });

  test("a maintenance window's bad zone does not hide its bad cron expression", () => {
    expect(problemsOf(`[[maintenance]]\nname = "w"\ncron = "0 25 * * *"\ntz = "Europe/Rgia"\nduration = "1h"\ntags = ["db"]\n`)).toEqual([
      'tocsin.toml: maintenance[0].tz = "Europe/Rgia": is not a valid timezone; did you mean "Europe/Riga"?',
      'tocsin.toml: maintenance[0].cron = "0 25 * * *": invalid cron expression: hour field: 25 is out of range 0-23',
    ]);
  });

  test("a value of no accepted type is echoed whole", () => {
    expect(problemsOf(`[[checks]]\nslug = "x"\nchannels = ["a", 5]\n`)).toEqual(['tocsin.toml: checks[0].channels = ["a",5]: has an unexpected type']);
  });
});

describe("values that may be secrets are never echoed", () => {
  test.each([
    { name: "a project's ping key", toml: `[[projects]]\nslug = "ops"\nping_key = "short"\n`, path: "projects[0].ping_key:", secret: "short" },
    { name: "a check's push token", toml: `[[checks]]\nslug = "x"\npush_token = "bad token!"\n`, path: "checks[0].push_token:", secret: "bad token!" },
    { name: "channel settings", toml: `[[channels]]\nname = "t"\nkind = "telegram"\nsettings = { bot_token = 12345, chat_id = "1" }\n`, path: "channels[0].settings.bot_token:", secret: "12345" },
  ])("$name", ({ toml, path, secret }) => {
    const [problem, ...rest] = problemsOf(toml);
    expect(rest).toEqual([]);
    expect(problem).toContain(`tocsin.toml: ${path} `);
    expect(problem).not.toContain(secret);
  });
});

describe("durations in the config file", () => {
  test("checks take seconds or 90s, 5m, 1h30m, 2d, 1w wherever a duration goes", () => {
    const [check] = entriesOf(`[[checks]]\nslug = "x"\ntimeout = "1d"\ngrace = "1h30m"\nmax_runtime = "10m"\nreminder_interval = "1w"\n`, "checks");
    expect(check).toMatchObject({ timeout: 86_400, grace: 5400, max_runtime: 600, reminder_interval: 604_800 });
    const [plain] = entriesOf(`[[checks]]\nslug = "x"\ntimeout = 300\ngrace = "90"\n`, "checks");
    expect(plain).toMatchObject({ timeout: 300, grace: 90 });
  });

  test("a maintenance window lasts a duration", () => {
    const [w] = entriesOf(`[[maintenance]]\nname = "w"\ncron = "0 2 * * 0"\nduration = "2h"\nslugs = ["*"]\n`, "maintenance");
    expect(w).toMatchObject({ duration: 7200 });
  });

  test.each([
    ["a word", '"soon"', 'timeout = "soon": must be a number of seconds or a duration like 90s, 5m, 1h30m, 2d, 1w'],
    ["spaces inside", '"5 minutes"', 'timeout = "5 minutes": must be a number of seconds or a duration like 90s, 5m, 1h30m, 2d, 1w'],
    ["a negative number", "-60", "timeout = -60: must not be negative"],
    ["an overflow", '"99999999999999999999s"', 'timeout = "99999999999999999999s": must be a number of seconds or a duration like 90s, 5m, 1h30m, 2d, 1w'],
    ["an overflow of weeks", '"9999999999999w"', 'timeout = "9999999999999w": is too large'],
    ["past the limit", '"400d"', 'timeout = "400d": must be an integer from 1 to 31536000 seconds'],
    ["a boolean", "true", "timeout = true: must be a number of seconds or a duration like 90s, 5m, 1h30m, 2d, 1w"],
  ])("refuses %s", (_name, value, message) => {
    expect(problemsOf(`[[checks]]\nslug = "x"\ntimeout = ${value}\n`)).toEqual([`tocsin.toml: checks[0].${message}`]);
  });
});

import { describe, expect, test } from "bun:test";
import { runScheduleCommand } from "../../src/cli/schedule.ts";

interface Run {
  readonly status: number;
  readonly out: string[];
  readonly err: string[];
}

// A settable clock: 2021-06-01T10:30:00Z, a Tuesday.
const NOW = Date.UTC(2021, 5, 1, 10, 30);

async function run(...args: string[]): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const status = await runScheduleCommand(args, (l) => out.push(l), (l) => err.push(l), () => NOW);
  return { status, out, err };
}

describe("tocsin schedule prints fire times", () => {
  const rows: { name: string; args: string[]; out: string[] }[] = [
    {
      name: "prints the next fires in the zone, across the spring gap",
      args: ["0 3 * * *", "--tz", "Europe/Riga", "--from", "2021-03-27T00:00:00+02:00", "--count", "2"],
      out: ["2021-03-27T03:00:00+02:00", "2021-03-28T04:00:00+03:00"],
    },
    {
      name: "defaults to five fires in UTC after now",
      args: ["@hourly"],
      out: ["11:00", "12:00", "13:00", "14:00", "15:00"].map((t) => `2021-06-01T${t}:00+00:00`),
    },
    {
      name: "accepts --from in UTC with Z and fractional seconds",
      args: ["*/30 * * * *", "--from", "2021-06-01T10:00:00.250Z", "--count", "2"],
      out: ["2021-06-01T10:30:00+00:00", "2021-06-01T11:00:00+00:00"],
    },
    {
      name: "starts strictly after --from",
      args: ["0 12 * * *", "--from", "2021-06-01T12:00:00+00:00", "--count", "1"],
      out: ["2021-06-02T12:00:00+00:00"],
    },
    {
      name: "accepts flags before the expression and --flag=value",
      args: ["--tz=Australia/Sydney", "--count=1", "30 2 * * *", "--from", "2021-10-02T12:00:00+10:00"],
      out: ["2021-10-03T03:00:00+11:00"],
    },
  ];
  test.each(rows)("$name", async (row) => {
    const result = await run(...row.args);
    expect(result).toEqual({ status: 0, out: row.out, err: [] });
  });

  test("prints up to 1000 fires", async () => {
    const result = await run("* * * * *", "--count", "1000");
    expect(result.status).toBe(0);
    expect(result.out).toHaveLength(1000);
    expect(result.out[999]).toBe("2021-06-02T03:10:00+00:00");
  });

  test("says so on stderr when a valid schedule never fires", async () => {
    const result = await run("0 0 30 2 *");
    expect(result.status).toBe(0);
    expect(result.out).toEqual([]);
    expect(result.err).toEqual(["tocsin schedule: no fire time within 50 years after 2021-06-01T10:30:00+00:00"]);
  });
});

describe("tocsin schedule --help", () => {
  test.each([{ name: "--help", flag: "--help" }, { name: "-h", flag: "-h" }])("$name prints usage and exits 0", async ({ flag }) => {
    const result = await run(flag);
    expect(result.status).toBe(0);
    expect(result.out[0]).toStartWith("usage: tocsin schedule");
    expect(result.err).toEqual([]);
  });
});

describe("tocsin schedule rejects bad input with status 2", () => {
  const rows: { name: string; args: string[]; error: string }[] = [
    { name: "a missing expression", args: [], error: "missing cron expression" },
    { name: "an unquoted expression", args: ["0", "3", "*", "*", "*"], error: "expected one cron expression, got 5 arguments: quote it" },
    { name: "an invalid expression, naming the field", args: ["0 25 * * *"], error: "invalid cron expression: hour field: 25 is out of range 0-23" },
    { name: "a year field", args: ["0 0 0 1 1 * 2030"], error: "a year field is not supported" },
    { name: "an unknown zone", args: ["0 3 * * *", "--tz", "Mars/Olympus"], error: "unknown time zone: Mars/Olympus" },
    { name: "a misspelt zone, naming the nearest", args: ["0 3 * * *", "--tz", "Europe/Berln"], error: 'unknown time zone: Europe/Berln; did you mean "Europe/Berlin"?' },
    { name: "--from without an offset", args: ["0 3 * * *", "--from", "2021-03-27T00:00:00"], error: "--from must be an ISO 8601 date-time with an offset" },
    { name: "--from that is not a date", args: ["0 3 * * *", "--from", "yesterday"], error: "--from must be an ISO 8601" },
    { name: "--from on 30 February", args: ["0 3 * * *", "--from", "2021-02-30T00:00:00Z"], error: "--from must be an ISO 8601" },
    { name: "--from with a 25th hour", args: ["0 3 * * *", "--from", "2021-02-03T25:00:00Z"], error: "--from must be an ISO 8601" },
    { name: "--from before the year 1000", args: ["0 3 * * *", "--from", "0999-12-31T00:00:00Z"], error: "--from must fall between the years 1000 and 8999" },
    { name: "--count of zero", args: ["0 3 * * *", "--count", "0"], error: "--count must be a whole number from 1 to 1000" },
    { name: "--count above 1000", args: ["0 3 * * *", "--count", "1001"], error: "--count must be a whole number from 1 to 1000" },
    { name: "--count that is not a number", args: ["0 3 * * *", "--count", "five"], error: "--count must be a whole number" },
    { name: "--count with a fraction", args: ["0 3 * * *", "--count", "2.5"], error: "--count must be a whole number" },
    { name: "an unknown flag", args: ["0 3 * * *", "--zone", "UTC"], error: "--zone" },
    { name: "a flag without its value", args: ["0 3 * * *", "--tz"], error: "--tz" },
    { name: "a negative --count, on one line", args: ["0 3 * * *", "--count", "-1"], error: "--count" },
  ];
  test.each(rows)("$name", async (row) => {
    const result = await run(...row.args);
    expect(result.status).toBe(2);
    expect(result.out).toEqual([]);
    expect(result.err).toHaveLength(1);
    expect(result.err[0]).toStartWith("tocsin schedule: ");
    expect(result.err[0]).toContain(row.error);
    expect(result.err[0]).not.toContain("\n");
  });
});

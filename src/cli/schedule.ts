// `tocsin schedule "<expr>" [--tz Zone] [--from ISO] [--count N]`: prints the next fire times of a
// cron expression (SPEC §10), so users can check a schedule before giving it to a check.

import { parseArgs } from "node:util";
import { cronErrorText, formatInZone, isValidTimeZone, nextFires, parseCron } from "../core/cron.ts";
import { didYouMean, nearestZone } from "../core/nearest.ts";
import { DAY_MS, daysFromCivil, daysInMonth } from "../core/cron-zone.ts";

const DEFAULT_COUNT = 5;
const MAX_COUNT = 1000;
// nextFire answers null outside these years (see core/cron.ts); say so instead of "no fire time".
const MIN_YEAR = 1000;
const MAX_YEAR = 8999;

interface Flags {
  readonly values: { readonly tz?: string; readonly from?: string; readonly count?: string; readonly help?: boolean };
  readonly positionals: readonly string[];
}

const USAGE = [
  'usage: tocsin schedule "<cron expression>" [--tz Zone] [--from ISO] [--count N]',
  "",
  "Prints the next N fire times strictly after --from, one per line, in the zone's local time.",
  "  --tz Zone     IANA time zone the schedule runs in (default UTC)",
  "  --from ISO    start instant with an offset, e.g. 2021-03-27T00:00:00+02:00 (default now)",
  `  --count N     how many fire times, 1-${MAX_COUNT} (default ${DEFAULT_COUNT})`,
  "  --help        show this help",
  "",
  'example (quote the expression): tocsin schedule "0 3 * * *" --tz Europe/Riga',
];

export async function runScheduleCommand(
  args: string[],
  out: (line: string) => void,
  err: (line: string) => void,
  now: () => number,
): Promise<number> {
  const fail = (message: string): number => {
    err(`tocsin schedule: ${message}`);
    return 2;
  };
  let parsed: Flags;
  try {
    parsed = parseFlags(args);
  } catch (e) {
    // parseArgs reports unknown flags and missing values by throwing; its message is user-facing
    // but may span lines, and the contract is one line.
    const message = (e instanceof Error ? e.message : String(e)).split("\n")[0] ?? "";
    return fail(`${message} (try --help)`);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    for (const line of USAGE) out(line);
    return 0;
  }
  if (positionals.length === 0) return fail('missing cron expression (try --help)');
  if (positionals.length > 1) {
    return fail(`expected one cron expression, got ${positionals.length} arguments: quote it, e.g. "0 3 * * *"`);
  }
  const tz = values.tz ?? "UTC";
  if (!isValidTimeZone(tz)) {
    const hint = didYouMean(nearestZone(tz, Intl.supportedValuesOf("timeZone")));
    return fail(`unknown time zone: ${tz}${hint ? `; ${hint}` : ""}`);
  }
  const count = values.count === undefined ? DEFAULT_COUNT : parseCount(values.count);
  if (count === null) return fail(`--count must be a whole number from 1 to ${MAX_COUNT}, got "${values.count}"`);
  const from = values.from === undefined ? now() : parseInstant(values.from);
  if (from === null) {
    return fail(`--from must be an ISO 8601 date-time with an offset, e.g. 2021-03-27T00:00:00+02:00, got "${values.from}"`);
  }
  if (from < daysFromCivil(MIN_YEAR, 1, 1) * DAY_MS || from >= daysFromCivil(MAX_YEAR + 1, 1, 1) * DAY_MS) {
    return fail(`--from must fall between the years ${MIN_YEAR} and ${MAX_YEAR}`);
  }
  const result = parseCron(positionals[0] ?? "", tz);
  if (!result.ok) return fail(cronErrorText(result.error));

  const fires = nextFires(result.cron, from, count);
  for (const fire of fires) out(formatInZone(fire, tz));
  if (fires.length < count) {
    // A valid expression that runs dry (30 February, or a leap day on a given weekday) is not a
    // usage error; say why the list is short.
    const last = fires.at(-1) ?? from;
    err(`tocsin schedule: no ${fires.length === 0 ? "" : "further "}fire time within 50 years after ${formatInZone(last, tz)}`);
  }
  return 0;
}

function parseFlags(args: string[]): Flags {
  return parseArgs({
    args,
    strict: true,
    allowPositionals: true,
    options: {
      tz: { type: "string" },
      from: { type: "string" },
      count: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
}

function parseCount(text: string): number | null {
  if (!/^\d{1,4}$/.test(text)) return null;
  const n = Number(text);
  return n >= 1 && n <= MAX_COUNT ? n : null;
}

// Date.parse would read a date-time without offset in the machine's zone and some engines roll
// 30 February over into March; insist on explicit, valid fields instead.
const ISO = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|([+-])(\d{2}):?(\d{2}))$/i;

/** Epoch ms of an ISO 8601 date-time with an offset or Z, or null. */
function parseInstant(text: string): number | null {
  const m = ISO.exec(text);
  if (!m) return null;
  const [year, month, day, hour, minute] = [m[1], m[2], m[3], m[4], m[5]].map(Number) as [number, number, number, number, number];
  const second = Number(m[6] ?? "0");
  const millis = Math.floor(Number(`0.${m[7] ?? "0"}`) * 1000);
  const offsetMinutes = m[8]?.toUpperCase() === "Z" ? 0 : (m[9] === "-" ? -1 : 1) * (Number(m[10]) * 60 + Number(m[11]));
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 59 || Number(m[11] ?? "0") > 59 || Math.abs(offsetMinutes) > 18 * 60) return null;
  const wall = daysFromCivil(year, month, day) * DAY_MS + ((hour * 60 + minute) * 60 + second) * 1000 + millis;
  return wall - offsetMinutes * 60_000;
}

// Parses a cron expression (SPEC §4) into lookup tables that the evaluator in cron-match.ts walks
// without re-parsing. Pure: no clock, no I/O. Every error names the field it comes from.
//
// Healthchecks evaluates schedules with cronsim, so its users' expressions must mean the same here.
// cronsim accepts more than Vixie cron in three places, and so does this parser: a step larger than
// the field (`*/100` in day-of-month is the 1st only), a step after a single value (`5/15` is
// `5-59/15`), and a step after `L`/`LW` in day-of-month (ignored: `L/2` is `L`).

/** The six fields, named as in error messages. */
export type CronField = "second" | "minute" | "hour" | "day-of-month" | "month" | "day-of-week";

/** What is wrong: one field, or the expression as a whole (empty, too long, field count, nickname). */
export interface PatternError {
  readonly field: CronField | "expression";
  /** one line, without the field's name ("61 is out of range 0-59") */
  readonly message: string;
}

/** Compiled form of an expression. Index = field value; "next" tables hold the smallest allowed
 *  value ≥ index, or -1 (their last slot is a -1 sentinel so callers may ask for max + 1); "prev"
 *  tables the largest allowed value ≤ index, or -1. */
export interface CronPattern {
  readonly nextSecond: Int8Array;
  readonly nextMinute: Int8Array;
  readonly nextHour: Int8Array;
  readonly prevSecond: Int8Array;
  readonly prevMinute: Int8Array;
  readonly prevHour: Int8Array;
  /** 1 at index 1..12 for allowed months */
  readonly months: Uint8Array;
  /** 1 at index 1..31 for plain day-of-month values */
  readonly domDays: Uint8Array;
  readonly domLast: boolean;
  readonly domLastWeekday: boolean;
  /** `<n>W` items: the weekday nearest to day n, inside the month */
  readonly domNearest: readonly number[];
  /** 1 at index 0..6 (Sunday = 0) for plain day-of-week values */
  readonly dowDays: Uint8Array;
  /** `<d>L`: 1 at index d for "last <d> of the month" */
  readonly dowLast: Uint8Array;
  /** `<d>#<n>`: bit n set at index d for "n-th <d> of the month" */
  readonly dowNth: Uint8Array;
  /** Vixie/Debian: a day field starting with `*` (or `?`) makes both day fields AND, else OR */
  readonly dayAnd: boolean;
  /** neither minute nor hour starts with `*`: a wall-clock job for DST purposes (SPEC §4) */
  readonly wallClock: boolean;
}

export type PatternResult =
  | { readonly ok: true; readonly pattern: CronPattern }
  | { readonly ok: false; readonly error: PatternError };

interface FieldSpec {
  readonly name: CronField;
  readonly min: number;
  readonly max: number;
  /** names in value order starting at `min` (JAN = 1, SUN = 0) */
  readonly names: readonly string[];
  /** `?` is a wildcard only in the two day fields, as in Quartz */
  readonly question: boolean;
}

const SECOND: FieldSpec = { name: "second", min: 0, max: 59, names: [], question: false };
const MINUTE: FieldSpec = { name: "minute", min: 0, max: 59, names: [], question: false };
const HOUR: FieldSpec = { name: "hour", min: 0, max: 23, names: [], question: false };
const DOM: FieldSpec = { name: "day-of-month", min: 1, max: 31, names: [], question: true };
const MONTH: FieldSpec = {
  name: "month", min: 1, max: 12, question: false,
  names: ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"],
};
// 7 is Sunday too (folded to 0 after parsing), so that `MON-SUN` / `1-7` work as users expect.
const DOW: FieldSpec = {
  name: "day-of-week", min: 0, max: 7, question: true,
  names: ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"],
};

const NICKNAMES: Readonly<Record<string, string>> = {
  "@yearly": "0 0 1 1 *",
  "@annually": "0 0 1 1 *",
  "@monthly": "0 0 1 * *",
  "@weekly": "0 0 * * 0",
  "@daily": "0 0 * * *",
  "@midnight": "0 0 * * *",
  "@hourly": "0 * * * *",
};

/** Field-level failure. Internal control flow only: parsePattern catches it and returns a result,
 *  so callers never see a throw. */
class FieldError {
  constructor(readonly message: string) {}
}

// Guards the daemon against absurd input; real expressions are far shorter.
const MAX_LENGTH = 1000;

export function parsePattern(expr: string): PatternResult {
  const fail = (message: string, field: PatternError["field"] = "expression"): PatternResult => ({ ok: false, error: { field, message } });
  if (typeof expr !== "string" || expr.trim() === "") return fail("empty expression");
  if (expr.length > MAX_LENGTH) return fail(`longer than ${MAX_LENGTH} characters`);
  let text = expr.trim();
  if (text.startsWith("@")) {
    const expanded = NICKNAMES[text.toLowerCase()];
    if (expanded === undefined) {
      return fail(`unknown nickname ${text} (use @hourly, @daily, @weekly, @monthly or @yearly)`);
    }
    text = expanded;
  }
  const parts = text.split(/\s+/);
  if (parts.length === 7) return fail("7 fields given; a year field is not supported (use 5 fields, or 6 with leading seconds)");
  if (parts.length !== 5 && parts.length !== 6) return fail(`expected 5 fields (or 6 with leading seconds), got ${parts.length}`);
  const [sec, min, hour, dom, month, dow] = (parts.length === 5 ? ["0", ...parts] : parts) as [string, string, string, string, string, string];
  let current = SECOND;
  try {
    current = SECOND; const seconds = parseNumeric(sec, SECOND);
    current = MINUTE; const minutes = parseNumeric(min, MINUTE);
    current = HOUR; const hours = parseNumeric(hour, HOUR);
    current = DOM; const days = parseDom(dom);
    current = MONTH; const months = parseNumeric(month, MONTH);
    current = DOW; const weekdays = parseDow(dow);
    const isStar = (f: string): boolean => f.startsWith("*") || f.startsWith("?");
    return {
      ok: true,
      pattern: {
        nextSecond: nextTable(seconds), nextMinute: nextTable(minutes), nextHour: nextTable(hours),
        prevSecond: prevTable(seconds), prevMinute: prevTable(minutes), prevHour: prevTable(hours),
        months, ...days, ...weekdays,
        dayAnd: isStar(dom) || isStar(dow),
        wallClock: !min.startsWith("*") && !hour.startsWith("*"),
      },
    };
  } catch (e) {
    if (e instanceof FieldError) return fail(e.message, current.name);
    throw e;
  }
}

/** Plain numeric field (ranges, lists, steps, names) as a 0/1 table indexed by value. */
function parseNumeric(field: string, spec: FieldSpec): Uint8Array {
  const bits = new Uint8Array(spec.max + 1);
  for (const item of splitList(field)) addItem(item, spec, bits);
  return bits;
}

function splitList(field: string): string[] {
  const items = field.split(",");
  if (items.some((i) => i === "")) throw new FieldError(`empty list item in "${field}"`);
  return items;
}

function addItem(item: string, spec: FieldSpec, bits: Uint8Array): void {
  const slash = item.split("/");
  if (slash.length > 2) throw new FieldError(`"${item}" has more than one /`);
  const [base = "", stepText] = slash;
  let lo: number;
  let hi: number;
  if (base === "*" || (base === "?" && spec.question)) {
    lo = spec.min;
    hi = spec.max;
  } else if (base.includes("-")) {
    const ends = base.split("-");
    if (ends.length !== 2) throw new FieldError(`"${base}" is not a valid range`);
    lo = parseValue(ends[0] ?? "", spec);
    hi = parseValue(ends[1] ?? "", spec);
    if (lo > hi) throw new FieldError(`range ${base} is backwards`);
  } else {
    lo = parseValue(base, spec);
    // `5/15` runs from 5 to the end of the field, as in cronsim, Quartz and croner (Vixie refuses it).
    hi = stepText === undefined ? lo : spec.max;
  }
  const step = stepText === undefined ? 1 : parseStep(stepText);
  for (let v = lo; v <= hi; v += step) bits[v] = 1;
}

/** Any whole number from 1: a step past the end of the range keeps only its first value. */
function parseStep(text: string): number {
  if (!/^\d+$/.test(text)) throw new FieldError(`step /${text} is not a whole number`);
  const step = Number(text);
  if (step < 1) throw new FieldError(`step /${text} must be 1 or more`);
  return step;
}

function parseValue(text: string, spec: FieldSpec): number {
  if (/^\d+$/.test(text)) {
    const v = Number(text);
    if (v < spec.min || v > spec.max) throw new FieldError(`${text} is out of range ${spec.min}-${spec.max}`);
    return v;
  }
  const index = spec.names.indexOf(text.toUpperCase());
  if (index >= 0) return index + spec.min;
  if (text === "") throw new FieldError("missing value");
  throw new FieldError(`"${text}" is not a valid value`);
}

type DomParts = Pick<CronPattern, "domDays" | "domLast" | "domLastWeekday" | "domNearest">;

function parseDom(field: string): DomParts {
  const domDays = new Uint8Array(32);
  let domLast = false;
  let domLastWeekday = false;
  const domNearest: number[] = [];
  for (const item of splitList(field)) {
    const nearest = /^(\d+)W$/i.exec(item);
    const upper = lastWithStep(item);
    if (upper === "L") domLast = true;
    else if (upper === "LW") domLastWeekday = true;
    else if (nearest) domNearest.push(parseValue(nearest[1] ?? "", DOM));
    else addItem(item, DOM, domDays);
  }
  return { domDays, domLast, domLastWeekday, domNearest };
}

/** `L/2` and `LW/3` are `L` and `LW`: cronsim ignores a step after them, so imports keep working. */
function lastWithStep(item: string): string {
  const m = /^(LW?)\/(.*)$/i.exec(item);
  if (!m) return item.toUpperCase();
  parseStep(m[2] ?? "");
  return (m[1] ?? "").toUpperCase();
}

type DowParts = Pick<CronPattern, "dowDays" | "dowLast" | "dowNth">;

function parseDow(field: string): DowParts {
  const raw = new Uint8Array(8);
  const dowLast = new Uint8Array(7);
  const dowNth = new Uint8Array(7);
  for (const item of splitList(field)) {
    const last = /^(\w+)L$/i.exec(item);
    const nth = /^(\w+)#(\w*)$/.exec(item);
    if (item.toUpperCase() === "L") throw new FieldError(`L needs a weekday, e.g. 5L for the last Friday`);
    if (last) {
      dowLast[parseValue(last[1] ?? "", DOW) % 7] = 1;
    } else if (nth) {
      const n = nth[2] ?? "";
      if (!/^[1-5]$/.test(n)) throw new FieldError(`"${item}": the week number after # must be 1-5`);
      const day = parseValue(nth[1] ?? "", DOW) % 7;
      dowNth[day] = (dowNth[day] ?? 0) | (1 << Number(n));
    } else {
      addItem(item, DOW, raw);
    }
  }
  const dowDays = raw.slice(0, 7);
  if (raw[7]) dowDays[0] = 1;
  return { dowDays, dowLast, dowNth };
}

/** next[i] = smallest allowed value ≥ i, -1 if none; one extra -1 slot for i = max + 1. */
function nextTable(bits: Uint8Array): Int8Array {
  const next = new Int8Array(bits.length + 1).fill(-1);
  for (let i = bits.length - 1; i >= 0; i--) next[i] = bits[i] ? i : next[i + 1]!;
  return next;
}

/** prev[i] = largest allowed value ≤ i, -1 if none. */
function prevTable(bits: Uint8Array): Int8Array {
  const prev = new Int8Array(bits.length).fill(-1);
  for (let i = 0; i < bits.length; i++) prev[i] = bits[i] ? i : i > 0 ? prev[i - 1]! : -1;
  return prev;
}

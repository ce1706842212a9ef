// Durations as people type them (SPEC §10), the same in command-line flags and in the config
// file: a whole number of seconds, or components like `90s`, `5m`, `1h30m`, `2d`, `1w` written
// from the largest unit down, each unit at most once. The JSON API keeps integer seconds.

export type DurationResult = { readonly ok: true; readonly seconds: number } | { readonly ok: false; readonly error: string };

export const DURATION_HINT = "must be a number of seconds or a duration like 90s, 5m, 1h30m, 2d, 1w";

/** Seconds per unit, largest first: the order components must follow. */
const UNITS = [
  ["w", 604_800],
  ["d", 86_400],
  ["h", 3_600],
  ["m", 60],
  ["s", 1],
] as const;

type Unit = (typeof UNITS)[number][0];

const UNIT_SECONDS: Readonly<Record<Unit, number>> = Object.fromEntries(UNITS) as Record<Unit, number>;
const RANK: Readonly<Record<Unit, number>> = Object.fromEntries(UNITS.map(([u], i) => [u, i])) as Record<Unit, number>;

// 15 digits keep every component exact in a double; longer texts are refused before any work.
const COMPONENT = /(\d{1,15})([wdhms])/gy;
const MAX_TEXT = 64;

/** Whole seconds from a number (TOML, JSON) or a text ("3600", "90s", "1h30m", "2w"). */
export function parseDuration(input: unknown): DurationResult {
  if (typeof input === "number") return fromNumber(input);
  if (typeof input !== "string") return { ok: false, error: DURATION_HINT };
  const text = input.trim();
  if (text.length > MAX_TEXT) return { ok: false, error: "is too long" };
  if (/^\d+$/.test(text)) return fromNumber(Number(text));
  return fromComponents(text);
}

function fromNumber(n: number): DurationResult {
  if (!Number.isFinite(n)) return { ok: false, error: DURATION_HINT };
  if (n < 0) return { ok: false, error: "must not be negative" };
  if (!Number.isInteger(n)) return { ok: false, error: "must be a whole number of seconds" };
  if (!Number.isSafeInteger(n)) return { ok: false, error: "is too large" };
  return { ok: true, seconds: n };
}

function fromComponents(text: string): DurationResult {
  COMPONENT.lastIndex = 0;
  let total = 0;
  let lastRank = -1;
  let end = 0;
  for (let m = COMPONENT.exec(text); m !== null; m = COMPONENT.exec(text)) {
    const unit = m[2] as Unit;
    if (RANK[unit] <= lastRank) return { ok: false, error: `${DURATION_HINT} (units from the largest down, each once)` };
    lastRank = RANK[unit];
    total += Number(m[1]) * UNIT_SECONDS[unit];
    end = COMPONENT.lastIndex;
  }
  // "" and leftovers ("5 m", "1.5h", "3x") match no component up to the end
  if (end !== text.length || lastRank < 0) return { ok: false, error: DURATION_HINT };
  return Number.isSafeInteger(total) ? { ok: true, seconds: total } : { ok: false, error: "is too large" };
}

/** The shortest text parseDuration reads back as `seconds`: 5400 → "1h30m", 0 → "0s". */
export function formatDuration(seconds: number): string {
  if (seconds === 0) return "0s";
  let rest = Math.round(Math.abs(seconds));
  let out = seconds < 0 ? "-" : "";
  for (const [unit, size] of UNITS) {
    const n = Math.floor(rest / size);
    if (n > 0) out += `${n}${unit}`;
    rest -= n * size;
  }
  return out;
}

const WORDS: Readonly<Record<Unit, string>> = { w: "week", d: "day", h: "hour", m: "minute", s: "second" };

/** 5400 → "1 hour 30 minutes", 86400 → "1 day". */
export function durationInWords(seconds: number): string {
  if (seconds === 0) return "0 seconds";
  const parts: string[] = [];
  let rest = Math.round(Math.abs(seconds));
  for (const [unit, size] of UNITS) {
    const n = Math.floor(rest / size);
    if (n > 0) parts.push(`${n} ${WORDS[unit]}${n === 1 ? "" : "s"}`);
    rest -= n * size;
  }
  return parts.join(" ");
}

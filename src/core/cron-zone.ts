// Time-zone offsets and calendar arithmetic for the cron evaluator. Offsets come from Intl (the
// runtime's IANA database) but asking Intl costs ~1.5 µs per instant, far too slow for 100 000
// nextFire calls, so each zone's transitions are found once per 365-day bucket and kept. Pure in the
// sense that matters: deterministic functions of their arguments; the memo never reads the clock.

export const SECOND_MS = 1000;
export const DAY_MS = 86_400_000;
const BUCKET_MS = 365 * DAY_MS;
// The sampler looks every 12 h and bisects to the second where the offset changed, so it assumes
// a zone never changes offset and back within 12 h (real zones change a few times a year at most).
const SAMPLE_MS = 12 * 3_600_000;

export interface ZoneRules {
  readonly name: string;
  /** wall-clock minus UTC at `ms`, in ms (whole seconds) */
  offsetAt(ms: number): number;
  /** first instant > ms and ≤ limit where the offset changes, or null */
  nextTransition(ms: number, limit: number): number | null;
  /** last instant ≤ ms and ≥ limit where the offset changes (the first with the new offset), or null */
  prevTransition(ms: number, limit: number): number | null;
}

interface Bucket {
  readonly startOffset: number;
  /** `at` is the first instant with the new offset; sorted */
  readonly transitions: readonly { readonly at: number; readonly offset: number }[];
}

// Memo of immutable zone data, keyed by canonical zone name. Module-level on purpose: 100 000
// schedules in a handful of zones must share one table per zone, and the data cannot go stale
// within a process (the runtime's tz database is fixed at start). "europe/berlin" and
// "EUROPE/BERLIN" name Europe/Berlin: names are canonicalised first (cheap), so each spelling does
// not build its own tables (~100 ms of Intl calls each). Both maps are bounded, whatever names
// clients send: past the bound a name is still answered, only no longer remembered.
const MAX_ZONES = 1_000;
const MAX_SPELLINGS = 2_000;
/**
 * UTC has one offset for ever: it needs no zone data, so checks, windows and pages in UTC (the
 * default) never load the runtime's time-zone tables (ICU's code and data: megabytes of memory).
 */
const UTC: ZoneRules = { name: "UTC", offsetAt: () => 0, nextTransition: () => null, prevTransition: () => null };
const zones = new Map<string, ZoneRules>([[UTC.name, UTC]]);
/** name as given → canonical name, or null for a name the runtime does not know */
const spellings = new Map<string, string | null>();

/** true when tz is a known IANA zone name (not a bare offset such as "+03:00"). */
export function isValidTimeZone(tz: string): boolean {
  return canonicalTimeZone(tz) !== null;
}

/** The IANA name in its canonical letter case ("europe/berlin" → "Europe/Berlin"), or null when unknown. */
export function canonicalTimeZone(tz: string): string | null {
  if (zones.has(tz)) return tz;
  const known = spellings.get(tz);
  if (known !== undefined) return known;
  const canonical = resolveZoneName(tz);
  if (spellings.size < MAX_SPELLINGS) spellings.set(tz, canonical);
  return canonical;
}

function resolveZoneName(tz: string): string | null {
  // Intl also accepts offsets like "+03:00"; SPEC §0 wants IANA names only.
  if (typeof tz !== "string" || !/^[A-Za-z]/.test(tz)) return null;
  try {
    return new Intl.DateTimeFormat("en-US", { timeZone: tz }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

/** The rules of an IANA zone (any letter case), or null when the runtime does not know it. */
export function zoneRules(tz: string): ZoneRules | null {
  const known = zones.get(tz);
  if (known) return known;
  const name = canonicalTimeZone(tz);
  if (name === null) return null;
  const cached = zones.get(name);
  if (cached) return cached;
  const format = new Intl.DateTimeFormat("en-US", {
    timeZone: name, hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric",
    hour: "numeric", minute: "numeric", second: "numeric",
  });
  const rules = buildRules(name, format);
  if (zones.size < MAX_ZONES) zones.set(name, rules);
  return rules;
}

/** How many zone tables and spellings are remembered (tests check the bounds). */
export function zoneMemoSizes(): { readonly zones: number; readonly spellings: number } {
  return { zones: zones.size, spellings: spellings.size };
}

function buildRules(name: string, format: Intl.DateTimeFormat): ZoneRules {
  const buckets = new Map<number, Bucket>();
  const bucket = (k: number): Bucket => {
    let b = buckets.get(k);
    if (!b) {
      b = scanBucket(format, k * BUCKET_MS);
      buckets.set(k, b);
    }
    return b;
  };
  return {
    name,
    offsetAt(ms: number): number {
      const b = bucket(Math.floor(ms / BUCKET_MS));
      let offset = b.startOffset;
      for (const t of b.transitions) {
        if (t.at > ms) break;
        offset = t.offset;
      }
      return offset;
    },
    nextTransition(ms: number, limit: number): number | null {
      for (let k = Math.floor(ms / BUCKET_MS); k * BUCKET_MS <= limit; k++) {
        for (const t of bucket(k).transitions) {
          if (t.at > ms) return t.at <= limit ? t.at : null;
        }
      }
      return null;
    },
    prevTransition(ms: number, limit: number): number | null {
      for (let k = Math.floor(ms / BUCKET_MS); (k + 1) * BUCKET_MS > limit; k--) {
        const ts = bucket(k).transitions;
        for (let i = ts.length - 1; i >= 0; i--) {
          const at = ts[i]!.at;
          if (at <= ms) return at >= limit ? at : null;
        }
      }
      return null;
    },
  };
}

function scanBucket(format: Intl.DateTimeFormat, start: number): Bucket {
  const end = start + BUCKET_MS;
  const startOffset = intlOffset(format, start);
  const transitions: { at: number; offset: number }[] = [];
  let prevTime = start;
  let prevOffset = startOffset;
  for (let t = start + SAMPLE_MS; t <= end; t += SAMPLE_MS) {
    const offset = intlOffset(format, t);
    if (offset !== prevOffset) {
      // Bisect (prevTime, t] down to the second at which the new offset starts.
      let lo = prevTime;
      let hi = t;
      while (hi - lo > SECOND_MS) {
        const mid = lo + Math.floor((hi - lo) / 2 / SECOND_MS) * SECOND_MS;
        if (intlOffset(format, mid) === prevOffset) lo = mid;
        else hi = mid;
      }
      if (hi < end) transitions.push({ at: hi, offset: intlOffset(format, hi) });
    }
    prevTime = t;
    prevOffset = offset;
  }
  return { startOffset, transitions };
}

function intlOffset(format: Intl.DateTimeFormat, ms: number): number {
  let y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
  for (const p of format.formatToParts(ms)) {
    switch (p.type) {
      case "year": y = Number(p.value); break;
      case "month": mo = Number(p.value); break;
      case "day": d = Number(p.value); break;
      case "hour": h = Number(p.value) % 24; break; // some engines print midnight as 24
      case "minute": mi = Number(p.value); break;
      case "second": s = Number(p.value); break;
      default: break;
    }
  }
  const wall = daysFromCivil(y, mo, d) * DAY_MS + ((h * 60 + mi) * 60 + s) * SECOND_MS;
  return wall - Math.floor(ms / SECOND_MS) * SECOND_MS;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm; any year). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * ((month + 9) % 12) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

export interface CivilDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/** Inverse of daysFromCivil. */
export function civilFromDays(days: number): CivilDate {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day: doy - Math.floor((153 * mp + 2) / 5) + 1 };
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** 0 = Sunday for a day count from daysFromCivil (1970-01-01 was a Thursday). */
export function weekday(days: number): number {
  return (((days + 4) % 7) + 7) % 7;
}

// The arithmetic of one maintenance window (SPEC §8): which occurrence covers an instant, where
// the chain of overlapping or touching occurrences through it ends, which stretches cover a range.
//
// A cron window opens an occurrence [f, f + length) at every fire f, all of the same length, so
// the occurrence covering t (if any) is the one of the latest fire at or before t — one reverse
// search, never a walk forward from t - length. A chain is followed by jumping to the latest fire
// inside the chain's current end: every fire before it is already inside, so one evaluator call
// moves the end by up to a whole length. Each call is counted on a WorkMeter; a chain still
// going when the meter runs out (or past a caller's horizon) is reported open: "at least until".
import { type CronSchedule, latestFireAtOrBefore, nextFire, parseCron } from "./cron.ts";
import type { Interval } from "./interval.ts";
import type { WindowInput } from "./maintenance.ts";

/** Evaluator calls made for one question, and how many it may make before answering a bound. */
export interface WorkMeter {
  calls: number;
  readonly limit: number;
}

export function workMeter(limit: number): WorkMeter {
  return { calls: 0, limit };
}

/** A window ready for arithmetic: its cron parsed once per question, not once per fire. */
export type CompiledWindow =
  | { readonly kind: "once"; readonly start: number; readonly end: number }
  | { readonly kind: "cron"; readonly cron: CronSchedule; readonly lengthMs: number }
  /** a stored window whose cron no longer parses, or without a length, never opens */
  | { readonly kind: "never" };

/** A chain's end; `open` when the chain may go on past it (the meter or the horizon stopped it). */
export interface ChainEnd {
  readonly end: number;
  readonly open: boolean;
}

/** What a range question could answer: exact over [start, until); until < end only when cut short. */
export interface Cover {
  readonly intervals: Interval[];
  readonly until: number;
}

export function compileWindow(w: Pick<WindowInput, "start" | "end" | "cron" | "tz" | "duration">): CompiledWindow {
  if (w.cron === null) return w.start !== null && w.end !== null && w.start < w.end ? { kind: "once", start: w.start, end: w.end } : { kind: "never" };
  if (w.duration === null || !(w.duration > 0)) return { kind: "never" };
  const parsed = parseCron(w.cron, w.tz);
  return parsed.ok ? { kind: "cron", cron: parsed.cron, lengthMs: w.duration * 1000 } : { kind: "never" };
}

/** The occurrence with start ≤ t < end (the latest-opened one for cron windows), or null. */
export function occurrenceCovering(w: CompiledWindow, t: number, meter: WorkMeter): Interval | null {
  switch (w.kind) {
    case "once":
      return w.start <= t && t < w.end ? { start: w.start, end: w.end } : null;
    case "cron": {
      meter.calls += 1;
      // only a fire after t - length can still cover t; the bound keeps the reverse search short
      const fire = latestFireAtOrBefore(w.cron, t, t - w.lengthMs + 1);
      return fire === null ? null : { start: fire, end: fire + w.lengthMs };
    }
    case "never":
      return null;
    default: {
      const unreachable: never = w;
      throw new Error(`unknown window kind ${String(unreachable)}`);
    }
  }
}

/** The first occurrence opening at or after t, or null when none will. */
export function occurrenceFrom(w: CompiledWindow, t: number, meter: WorkMeter): Interval | null {
  switch (w.kind) {
    case "once":
      return w.start >= t ? { start: w.start, end: w.end } : null;
    case "cron": {
      meter.calls += 1;
      // fires are whole seconds and t whole ms, so "after t - 1" is "at or after t"
      const fire = nextFire(w.cron, t - 1);
      return fire === null ? null : { start: fire, end: fire + w.lengthMs };
    }
    case "never":
      return null;
    default: {
      const unreachable: never = w;
      throw new Error(`unknown window kind ${String(unreachable)}`);
    }
  }
}

/**
 * Where the chain of this window's occurrences through `occ` ends: an occurrence opening at or
 * before the current end (touching counts) carries it on. Stops, open, at `horizon` or when the
 * meter is spent.
 */
export function chainEnd(w: CompiledWindow, occ: Interval, horizon: number, meter: WorkMeter): ChainEnd {
  if (w.kind !== "cron") return { end: occ.end, open: false };
  let fire = occ.start;
  let end = occ.end;
  while (end < horizon) {
    if (meter.calls >= meter.limit) return { end, open: true };
    meter.calls += 1;
    const latest = latestFireAtOrBefore(w.cron, end, fire + 1);
    if (latest === null) return { end, open: false };
    fire = latest;
    end = latest + w.lengthMs;
  }
  return { end, open: true };
}

/**
 * The stretches of one window (its occurrences with overlapping or touching ones merged) that
 * overlap [start, end), unclipped. Exact up to `until`, which is `end` unless the meter ran out.
 */
export function windowCover(w: CompiledWindow, start: number, end: number, meter: WorkMeter): Cover {
  const intervals: Interval[] = [];
  let occ = occurrenceCovering(w, start, meter) ?? occurrenceFrom(w, start, meter);
  while (occ !== null && occ.start < end) {
    const chain = chainEnd(w, occ, end, meter);
    intervals.push({ start: occ.start, end: chain.end });
    if (chain.end >= end) break;
    if (chain.open || meter.calls >= meter.limit) return { intervals, until: chain.end };
    // the chain is closed, so no fire at its end: the next one opens strictly later
    occ = occurrenceFrom(w, chain.end, meter);
  }
  return { intervals, until: end };
}

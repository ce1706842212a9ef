// Uptime read-path benchmark (SPEC §9, §11): what one check page or API answer costs once uptime
// comes from 15-minute buckets instead of raw flips. Prints the median of R runs per operation.
//
//   bun bench/uptime.ts [--runs 50]
import { parseArgs } from "node:util";
import { dailyBars } from "../src/core/daily-bars.ts";
import { coalesce, type FlipRow, applyMerge } from "../src/core/flip-coalesce.ts";
import { incidents } from "../src/core/incidents.ts";
import type { Flip } from "../src/core/types.ts";
import { segmentDeltas, sumDeltas, type UptimeBucket } from "../src/core/uptime-buckets.ts";
import { uptimeFromBuckets, uptimeWindows } from "../src/core/uptime.ts";

const { values } = parseArgs({ options: { runs: { type: "string", default: "50" } } });
const RUNS = Number(values.runs);
const M = 60_000;
const D = 86_400_000;
const now = Date.UTC(2025, 5, 1, 12, 7);

function median(label: string, fn: () => unknown): void {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  console.log(`${label.padEnd(64)} ${times[Math.floor(times.length / 2)]!.toFixed(3)} ms`);
}

// 90 days of a check flapping once a minute, stored as raw flips and as buckets
const flips: Flip[] = [];
for (let t = now - 90 * D, i = 0; t < now; t += M, i++) {
  flips.push({ created: t, oldStatus: i % 2 ? "down" : "up", newStatus: i % 2 ? "up" : "down", reason: i % 2 ? "" : "fail", silent: false });
}
const buckets: UptimeBucket[] = sumDeltas(flips.slice(0, -1).flatMap((f, i) => segmentDeltas({ from: f.created, to: flips[i + 1]!.created, status: f.newStatus }, [])));
const open = { from: flips.at(-1)!.created, status: flips.at(-1)!.newStatus, maintenance: [] };
console.log(`${flips.length} flips, ${buckets.length} buckets`);

median("uptimeFromBuckets, 4 windows over 8 640 buckets", () => uptimeFromBuckets(buckets, open, now));
median("dailyBars, 90 days in Europe/Berlin over 8 640 buckets", () => dailyBars(buckets, open, "Europe/Berlin", 90, now));
median("segmentDeltas, a status held 90 days (8 640 buckets)", () => segmentDeltas({ from: now - 90 * D, to: now, status: "up" }, []));
median("segmentDeltas, a status held 5 years (capped to 400 days)", () => segmentDeltas({ from: now - 5 * 365 * D, to: now, status: "up" }, []));
median("uptimeWindows replaying 129 600 raw flips (the old read path)", () => uptimeWindows({ since: 0, status: open.status, flips }, now));

// the same history coalesced: one row per minute at most
const rows: FlipRow[] = [];
for (const f of flips) {
  const d = coalesce(rows.at(-1) ?? null, f, f.created);
  if (d.type === "insert") rows.push(d.row);
  else rows[rows.length - 1] = applyMerge(rows.at(-1)!, d.into);
}
median(`incidents, newest 50 of ${rows.length} rows`, () => incidents(rows, now, 50));

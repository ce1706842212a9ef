// The per-check part of /metrics: five 0/1 gauges per check and the totals by displayed status,
// fed a page of rows at a time. Each gauge family's lines stay together, as the exposition
// format wants, however many pages they came in.
import { uniqueKey } from "../../checks/check-json.ts";
import type { CronCache } from "../../core/cron-cache.ts";
import { expectedAt } from "../../core/deadline.ts";
import { displayStatus, type DisplayStatus } from "../../core/status.ts";
import type { CheckMetricsRow } from "../../store/store.ts";

const CHECK_GAUGES = ["up", "grace", "down", "paused", "started"] as const;
type CheckGauge = (typeof CHECK_GAUGES)[number];
const GAUGE_HELP: Record<CheckGauge, string> = {
  up: "1 when the check is up and on time",
  grace: "1 when the check is late but within its grace time",
  down: "1 when the check is down",
  paused: "1 when the check is paused",
  started: "1 while a run of the check is open",
};

export class CheckSeries {
  private readonly gauges: Record<CheckGauge, string[]> = { up: [], grace: [], down: [], paused: [], started: [] };
  private readonly totals = new Map<DisplayStatus, number>();
  private count = 0;

  /** `perCheck` false keeps only the totals (?checks=0). */
  constructor(
    private readonly crons: CronCache,
    private readonly now: number,
    private readonly perCheck: boolean,
  ) {}

  add(rows: readonly CheckMetricsRow[]): void {
    const now = this.now;
    for (const row of rows) {
      this.count++;
      const cron = this.crons.forCheck(row);
      const shown = displayStatus(row, now, cron);
      this.totals.set(shown, (this.totals.get(shown) ?? 0) + 1);
      if (!this.perCheck) continue;
      const down = shown === "down";
      const late = !down && row.status === "up" && isLate(row, now, cron);
      const values: Record<CheckGauge, boolean> = {
        up: !down && row.status === "up" && !late,
        grace: late,
        down,
        paused: shown === "paused",
        started: !down && row.lastStart !== null,
      };
      const labels = `{project="${esc(row.project)}",name="${esc(row.name)}",slug="${esc(row.slug)}",tags="${esc(row.tags)}",unique_key="${uniqueKey(row.uuid)}"}`;
      for (const g of CHECK_GAUGES) this.gauges[g].push(`tocsin_check_${g}${labels} ${values[g] ? 1 : 0}`);
    }
  }

  /** The gauge families, one text block each (a block is large: 100 000 checks make ~14 MB). */
  gaugeBlocks(): string[] {
    if (!this.perCheck) return [];
    return CHECK_GAUGES.map((g) => [`# HELP tocsin_check_${g} ${GAUGE_HELP[g]}`, `# TYPE tocsin_check_${g} gauge`, ...this.gauges[g]].join("\n") + "\n");
  }

  totalLines(): string[] {
    const out = ["# HELP tocsin_checks Checks by displayed status", "# TYPE tocsin_checks gauge"];
    for (const s of ["new", "up", "grace", "down", "paused", "started"] as const) out.push(`tocsin_checks{status="${s}"} ${this.totals.get(s) ?? 0}`);
    out.push("# HELP tocsin_checks_total Checks the scrape covers (one project, or all)", "# TYPE tocsin_checks_total gauge", `tocsin_checks_total ${this.count}`);
    return out;
  }
}

function isLate(row: CheckMetricsRow, now: number, cron: Parameters<typeof expectedAt>[1]): boolean {
  const d = expectedAt(row, cron);
  return d !== null && now >= d;
}

/** Label values escape backslash, double quote and line feed (exposition format). */
export function esc(value: string): string {
  // most values need nothing: skip the three replacements (100 000 checks × 4 labels per scrape)
  if (!NEEDS_ESCAPE.test(value)) return value;
  return value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
}

const NEEDS_ESCAPE = /[\\"\n]/;

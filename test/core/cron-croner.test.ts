// Differential test: where croner and SPEC §4 mean the same thing (UTC, so no DST; the day-field
// rule expressed through croner's domAndDow), our evaluator must agree with croner fire for fire.
import { describe, expect, test } from "bun:test";
import { Cron } from "croner";
import { nextFires, parseCron } from "../../src/core/cron.ts";

let seed = 20_240_229;
const rand = (n: number): number => {
  seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
  return seed % n;
};
const pick = <T>(xs: readonly T[]): T => xs[rand(xs.length)]!;

function field(min: number, max: number): string {
  const a = min + rand(max - min + 1);
  const b = a + rand(max - a + 1);
  return pick([
    "*",
    String(a),
    `${a}-${b}`,
    `${a},${b}`,
    `*/${1 + rand(Math.max(1, Math.floor((max - min) / 2)))}`,
    `${a}-${b}/${1 + rand(3)}`,
  ]);
}

function expression(): string {
  const dom = rand(6) === 0 ? pick(["L", "LW", "15W"]) : field(1, 28);
  const dow = rand(6) === 0 ? pick(["5L", "1#2", "MON-FRI", "sun"]) : field(0, 6);
  return [field(0, 59), field(0, 23), dom, field(1, 12), dow].join(" ");
}

const rows = Array.from({ length: 300 }, () => ({
  expr: expression(),
  from: Date.UTC(2020 + rand(10), rand(12), 1 + rand(28), rand(24), rand(60)),
}));

describe("agreement with croner in UTC", () => {
  test.each(rows.map((r) => [r.expr, new Date(r.from).toISOString(), r.from] as const))("%s after %s", (expr, _label, from) => {
    const ours = parseCron(expr, "UTC");
    if (!ours.ok) throw new Error(ours.error.message);
    const [, , dom, , dow] = expr.split(" ");
    // SPEC §4: a day field starting with * makes both fields required; croner needs telling
    const domAndDow = dom!.startsWith("*") || dow!.startsWith("*");
    const theirs = new Cron(expr, { timezone: "UTC", domAndDow });
    const expected = theirs.nextRuns(5, new Date(from)).map((d) => d.getTime());
    expect(nextFires(ours.cron, from, 5)).toEqual(expected);
  });
});

import { describe, expect, test } from "bun:test";
import { rulesSchema } from "../../src/checks/rule-schema.ts";
import { evaluateRules, formatNumber, MAX_RULES, type Rule, type RuleFacts } from "../../src/core/rules.ts";

const rule = (metric: string, op: Rule["op"], value: number): Rule => ({ metric, op, value });
const facts = (o: Partial<RuleFacts> = {}): RuleFacts => ({ duration: null, metrics: null, ...o });

describe("rulesSchema", () => {
  test.each([
    { name: "an empty list", input: [] },
    { name: "a rule on a metric", input: [{ metric: "rows_processed", op: "<", value: 1 }] },
    { name: "a rule on the duration", input: [{ metric: "duration", op: "<=", value: 2.5 }] },
    { name: "every operator", input: ["<", "<=", ">", ">=", "==", "!="].map((op) => ({ metric: "a.b-c_D9", op, value: -3 })) },
    { name: "a 100-character metric name", input: [{ metric: "m".repeat(100), op: ">", value: 0 }] },
    { name: `${MAX_RULES} rules`, input: Array.from({ length: MAX_RULES }, () => ({ metric: "n", op: ">", value: 0 })) },
  ])("accepts $name", ({ input }) => {
    expect(rulesSchema.safeParse(input).success).toBe(true);
  });

  test("drops unknown fields, as the API does", () => {
    expect(rulesSchema.parse([{ metric: "n", op: ">", value: 0, note: "x" }])).toEqual([{ metric: "n", op: ">", value: 0 }]);
  });

  test.each([
    { name: "not a list", input: { metric: "n", op: "<", value: 1 }, path: "" },
    { name: "more than the maximum", input: Array.from({ length: MAX_RULES + 1 }, () => ({ metric: "n", op: ">", value: 0 })), path: "" },
    { name: "an empty metric name", input: [{ metric: "", op: "<", value: 1 }], path: "0.metric" },
    { name: "a metric name with a space", input: [{ metric: "rows processed", op: "<", value: 1 }], path: "0.metric" },
    { name: "a metric name with markup", input: [{ metric: "<b>", op: "<", value: 1 }], path: "0.metric" },
    { name: "a 101-character metric name", input: [{ metric: "m".repeat(101), op: "<", value: 1 }], path: "0.metric" },
    { name: "an unknown operator", input: [{ metric: "n", op: "=>", value: 1 }], path: "0.op" },
    { name: "a number as a string", input: [{ metric: "n", op: "<", value: "1" }], path: "0.value" },
    { name: "a null value", input: [{ metric: "n", op: "<", value: null }], path: "0.value" },
    { name: "an infinite value (1e999 in JSON)", input: [{ metric: "n", op: "<", value: JSON.parse("1e999") }], path: "0.value" },
    { name: "NaN", input: [{ metric: "n", op: "<", value: Number.NaN }], path: "0.value" },
    { name: "a missing field", input: [{ metric: "n", op: "<" }], path: "0.value" },
  ])("refuses $name, naming the field", ({ input, path }) => {
    const result = rulesSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path.join(".")).toBe(path);
  });
});

describe("evaluateRules", () => {
  test.each([
    { name: "rows_processed = 0 fails rows_processed < 1", rules: [rule("rows_processed", "<", 1)], facts: facts({ metrics: { rows_processed: 0 } }), message: "rows_processed < 1: got 0" },
    { name: "rows_processed = 5 passes rows_processed < 1", rules: [rule("rows_processed", "<", 1)], facts: facts({ metrics: { rows_processed: 5 } }), message: null },
    { name: "a run of 1 s fails duration < 2", rules: [rule("duration", "<", 2)], facts: facts({ duration: 1 }), message: "duration < 2: got 1" },
    { name: "a run of 1.5 s fails duration < 2", rules: [rule("duration", "<", 2)], facts: facts({ duration: 1.5 }), message: "duration < 2: got 1.5" },
    { name: "an unknown duration matches no duration rule", rules: [rule("duration", "<", 2)], facts: facts(), message: null },
    { name: "a metric the ping does not carry matches nothing", rules: [rule("rows", "<", 1), rule("rows", "==", 0)], facts: facts({ metrics: { other: 0 } }), message: null },
    { name: "a ping without metrics matches no metric rule", rules: [rule("rows", "!=", 7)], facts: facts(), message: null },
    { name: "a metric called duration is not the run's duration", rules: [rule("duration", ">", 10)], facts: facts({ metrics: { duration: 99 } }), message: null },
    { name: "the first matching rule wins", rules: [rule("a", ">", 100), rule("b", ">=", 3), rule("a", "<", 5)], facts: facts({ metrics: { a: 4, b: 3 } }), message: "b >= 3: got 3" },
    { name: "equality is exact", rules: [rule("x", "==", 0.3)], facts: facts({ metrics: { x: 0.1 + 0.2 } }), message: null },
    { name: "!= matches another value", rules: [rule("exit", "!=", 0)], facts: facts({ metrics: { exit: 2 } }), message: "exit != 0: got 2" },
    { name: "<= and >= include the bound", rules: [rule("a", "<=", 1), rule("b", ">=", 1)], facts: facts({ metrics: { a: 1, b: 1 } }), message: "a <= 1: got 1" },
    { name: "> excludes the bound", rules: [rule("a", ">", 1)], facts: facts({ metrics: { a: 1 } }), message: null },
    { name: "a rule on an inherited property name reads nothing", rules: [rule("constructor", "!=", 0), rule("toString", "!=", 0)], facts: facts({ metrics: {} }), message: null },
    { name: "long fractions are shortened in the message", rules: [rule("ratio", "<", 0.25)], facts: facts({ metrics: { ratio: 0.123456789 } }), message: "ratio < 0.25: got 0.123457" },
  ])("$name", ({ rules, facts: given, message }) => {
    expect(evaluateRules(rules, given)?.message ?? null).toBe(message);
  });

  test("names the rule and the value seen", () => {
    const r = rule("rows_processed", "<", 1);
    expect(evaluateRules([r], facts({ metrics: { rows_processed: 0 } }))).toEqual({ rule: r, seen: 0, message: "rows_processed < 1: got 0" });
  });

  test.each([
    [0, "0"], [-0, "0"], [1500, "1500"], [-3, "-3"], [1.5, "1.5"], [0.000123, "0.000123"],
    [3.14159265, "3.14159"], [2 / 3, "0.666667"], [1e21, "1e+21"], [123456.789, "123457"],
  ])("formats %p as %p", (n, expected) => {
    expect(formatNumber(n)).toBe(expected);
  });
});

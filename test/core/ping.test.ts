import { describe, expect, test } from "bun:test";
import { classifyPing, type Filters, type PingAction } from "../../src/core/ping.ts";

function filters(over: Partial<Filters> = {}): Filters {
  return { status: "up", manualResume: false, methods: "", startKw: "", successKw: "", failureKw: "", filterHttpBody: false, filterSubject: false, filterBody: false, filterDefaultFail: false, ...over };
}

function classify(f: Filters, action: PingAction, extra: { method?: string; exit?: number | null; body?: string } = {}) {
  return classifyPing(f, { action, method: extra.method ?? "GET", queryExitStatus: extra.exit ?? null, bodyText: () => extra.body ?? "", rid: null });
}

describe("ping classification", () => {
  test.each([
    { name: "a bare ping is a success", action: { type: "auto" }, kind: "success", event: "success" },
    { name: "start opens a run", action: { type: "start" }, kind: "start", event: "start" },
    { name: "fail is a failure", action: { type: "fail" }, kind: "fail", event: "fail" },
    { name: "log changes nothing", action: { type: "log" }, kind: "log", event: null },
    { name: "exit status 0 is a success", action: { type: "exit", status: 0 }, kind: "success", event: "success" },
    { name: "exit status 3 is a failure", action: { type: "exit", status: 3 }, kind: "fail", event: "fail" },
    { name: "ok is stored as success and resets the check", action: { type: "ok" }, kind: "success", event: "ok" },
    { name: "mute is stored as a log entry", action: { type: "mute", hours: 1 }, kind: "log", event: null },
  ] as const)("$name", (row) => {
    const c = classify(filters(), row.action);
    expect(c.kind).toBe(row.kind);
    expect(c.event?.type ?? null).toBe(row.event);
  });

  test("a query exit status classifies a bare ping but not a named event", () => {
    expect(classify(filters(), { type: "auto" }, { exit: 1 })).toMatchObject({ kind: "fail", exitStatus: 1 });
    expect(classify(filters(), { type: "start" }, { exit: 1 })).toMatchObject({ kind: "start", exitStatus: null });
  });

  test("a paused check with manual resume ignores every ping", () => {
    expect(classify(filters({ status: "paused", manualResume: true }), { type: "fail" })).toMatchObject({ kind: "ign", event: null });
  });

  test("a POST-only check ignores other methods", () => {
    expect(classify(filters({ methods: "POST" }), { type: "auto" }, { method: "GET" }).kind).toBe("ign");
    expect(classify(filters({ methods: "POST" }), { type: "auto" }, { method: "POST" }).kind).toBe("success");
  });

  test.each([
    { body: "job FAILED badly", kind: "fail" },
    { body: "all good, done", kind: "success" },
    { body: "starting now", kind: "start" },
    { body: "unrelated", kind: "ign" },
  ])("keyword filters classify '$body' as $kind", ({ body, kind }) => {
    const f = filters({ filterHttpBody: true, failureKw: "failed,error", successKw: "done", startKw: "starting" });
    expect(classify(f, { type: "auto" }, { body }).kind).toBe(kind);
  });

  test("a success carries the ping's series, metrics and reported duration to the state machine; a start and a fail their series", () => {
    const facts = { method: "GET", queryExitStatus: null, bodyText: () => "", rid: null, series: "s1", metrics: { rows: 0 }, duration: 1.5 };
    expect(classifyPing(filters(), { ...facts, action: { type: "success" } }).event).toEqual({ type: "success", rid: null, series: "s1", metrics: { rows: 0 }, duration: 1.5 });
    expect(classifyPing(filters(), { ...facts, action: { type: "start" } }).event).toEqual({ type: "start", rid: null, series: "s1" });
    expect(classifyPing(filters(), { ...facts, action: { type: "fail" } }).event).toEqual({ type: "fail", rid: null, series: "s1" });
  });

  test("keyword filters leave explicit events alone", () => {
    const f = filters({ filterHttpBody: true, failureKw: "error" });
    expect(classify(f, { type: "success" }, { body: "error" }).kind).toBe("success");
  });
});

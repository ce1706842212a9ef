// Rules (SPEC §4) through the API and the ping path: stored with the check, read on every success.
import { describe, expect, test } from "bun:test";
import { anApi } from "../checks/api.ts";

const S = 1000;

describe("rules in the check API", () => {
  test("are set on create, replaced on update, cleared with [] and shown in the check", async () => {
    const a = anApi();
    const check = await a.create({ name: "import", rules: [{ metric: "rows", op: "<", value: 1 }] });
    expect(check.rules).toEqual([{ metric: "rows", op: "<", value: 1 }]);
    const updated = await a.call("POST", `/api/v3/checks/${check.uuid}`, { rules: [{ metric: "duration", op: ">", value: 3600 }] });
    expect(updated.json.rules).toEqual([{ metric: "duration", op: ">", value: 3600 }]);
    expect((await a.call("POST", `/api/v3/checks/${check.uuid}`, { name: "renamed" })).json.rules).toEqual([{ metric: "duration", op: ">", value: 3600 }]);
    expect((await a.call("POST", `/api/v3/checks/${check.uuid}`, { rules: [] })).json.rules).toEqual([]);
    expect(a.tx.getCheckByUuid(check.uuid)?.rules).toEqual([]);
  });

  test.each([
    { name: "an unknown operator", rules: [{ metric: "rows", op: "=~", value: 1 }] },
    { name: "a value that is not a number", rules: [{ metric: "rows", op: "<", value: "1" }] },
    { name: "a metric name with spaces", rules: [{ metric: "rows done", op: "<", value: 1 }] },
    { name: "a missing value", rules: [{ metric: "rows", op: "<" }] },
    { name: "more than 20 rules", rules: Array.from({ length: 21 }, () => ({ metric: "rows", op: "<", value: 1 })) },
    { name: "rules that are not a list", rules: { metric: "rows", op: "<", value: 1 } },
  ])("refuse $name with 400 json validation error and store nothing", async ({ rules }) => {
    const a = anApi();
    const res = await a.call("POST", "/api/v3/checks/", { name: "import", rules });
    expect(res.status).toBe(400);
    expect(res.json.error).toStartWith("json validation error: ");
    expect(res.json.error).toContain("rules");
    expect(a.count("checks")).toBe(0);
  });
});

describe("rules on pings", () => {
  test("too fast and too slow are rules on duration, paired or reported", async () => {
    const a = anApi();
    const check = await a.create({ name: "backup", rules: [{ metric: "duration", op: "<", value: 2 }, { metric: "duration", op: ">", value: 600 }], failure_threshold: 10 });
    const rid = crypto.randomUUID();
    await a.request(`/ping/${check.uuid}/start?rid=${rid}`);
    a.clock.set(a.clock.now() + 1 * S);
    await a.request(`/ping/${check.uuid}?rid=${rid}`);
    await a.request(`/ping/${check.uuid}?duration=900`);
    await a.request(`/ping/${check.uuid}?duration=60`);
    const pings = (await a.call("GET", `/api/v3/checks/${check.uuid}/pings/`)).json.pings.reverse();
    expect(pings.map((p: { type: string; msg?: string }) => [p.type, p.msg ?? null])).toEqual([
      ["start", null],
      ["fail", "duration < 2: got 1"],
      ["fail", "duration > 600: got 900"],
      ["success", null],
    ]);
  });

  test("a Cronitor metric fails its rule, the job's own message kept beside the rule's", async () => {
    const a = anApi();
    const check = await a.create({ name: "mailer", slug: "mailer", rules: [{ metric: "sent", op: "==", value: 0 }] });
    await a.request(`/ping/pingkeypingkey0001/mailer?state=complete&metric=sent:0&message=queue%20empty`);
    expect(a.pings(a.tx.getCheckByUuid(check.uuid)!).map((p) => [p.kind, p.msg])).toEqual([["fail", "sent == 0: got 0 (queue empty)"]]);
    expect(a.flips(a.tx.getCheckByUuid(check.uuid)!)).toMatchObject([{ new_status: "down", reason: "rule" }]);
  });

  test("a metric the ping does not carry matches no rule", async () => {
    const a = anApi();
    const check = await a.create({ name: "import", rules: [{ metric: "rows", op: "<", value: 1 }] });
    await a.request(`/ping/${check.uuid}`);
    expect((await a.call("GET", `/api/v3/checks/${check.uuid}`)).json.status).toBe("up");
  });
});

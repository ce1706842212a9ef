import { describe, expect, test } from "bun:test";
import { anApi } from "../checks/api.ts";

const LIST = "/api/v3/checks/";
const existing = { name: "backup", slug: "backup", tags: "prod db", timeout: 3600, grace: 300 };

describe("unique upsert", () => {
  test.each([
    ["name matches", { name: "backup", unique: ["name"] }, 200],
    ["name differs", { name: "restore", unique: ["name"] }, 201],
    ["slug matches", { slug: "backup", unique: ["slug"] }, 200],
    ["tags match exactly", { tags: "prod db", unique: ["tags"] }, 200],
    ["tags in another order", { tags: "db prod", unique: ["tags"] }, 201],
    ["timeout matches", { timeout: 3600, unique: ["timeout"] }, 200],
    ["grace matches", { grace: 300, unique: ["grace"] }, 200],
    ["name and tags match", { name: "backup", tags: "prod db", unique: ["name", "tags"] }, 200],
    ["name matches but tags differ", { name: "backup", tags: "prod", unique: ["name", "tags"] }, 201],
    ["a listed field is missing from the request", { tags: "prod db", unique: ["name", "tags"] }, 201],
    ["unique is empty", { name: "backup", unique: [] }, 201],
    ["no unique", { name: "backup" }, 201],
  ] as const)("%s → %d", async (_label, body, status) => {
    const a = anApi();
    const first = await a.create(existing);
    const res = await a.call("POST", LIST, { desc: "from upsert", ...body });
    expect(res.status).toBe(status);
    const count = a.count("checks");
    if (status === 200) {
      expect(count).toBe(1);
      expect(res.json.uuid).toBe(first.uuid);
      expect(res.json.desc).toBe("from upsert");
    } else {
      expect(count).toBe(2);
      expect(res.json.uuid).not.toBe(first.uuid);
    }
  });

  test("updates the oldest of several matches", async () => {
    const a = anApi();
    const oldest = await a.create({ name: "dup", slug: "one" });
    await a.create({ name: "dup", slug: "two" });
    const res = await a.call("POST", LIST, { name: "dup", desc: "x", unique: ["name"] });
    expect(res.status).toBe(200);
    expect(res.json.uuid).toBe(oldest.uuid);
  });

  test("an upsert that would take another check's slug is 409 and changes nothing", async () => {
    const a = anApi();
    await a.create({ name: "a", slug: "a" });
    await a.create({ name: "b", slug: "b" });
    const before = a.snapshot();
    const res = await a.call("POST", LIST, { name: "b", slug: "a", unique: ["name"] });
    expect(res.status).toBe(409);
    expect(a.snapshot()).toBe(before);
  });

  test("an upsert is validated like an update", async () => {
    const a = anApi();
    await a.create(existing);
    const before = a.snapshot();
    expect((await a.call("POST", LIST, { name: "backup", schedule: "bad", unique: ["name"] })).status).toBe(400);
    expect(a.snapshot()).toBe(before);
  });

  test("the upsert does not count against the check limit", async () => {
    const a = anApi();
    await a.create(existing);
    a.setProject({ checkLimit: 1 });
    expect((await a.call("POST", LIST, { name: "backup", unique: ["name"] })).status).toBe(200);
  });

  test("creating with the uuid of an existing check of the project updates it (re-run imports)", async () => {
    const a = anApi();
    const uuid = crypto.randomUUID();
    expect((await a.call("POST", LIST, { uuid, name: "first" })).status).toBe(201);
    const again = await a.call("POST", LIST, { uuid: uuid.toUpperCase(), name: "second" });
    expect(again.status).toBe(200);
    expect(again.json.name).toBe("second");
    expect({ n: a.count("checks") }).toEqual({ n: 1 });
  });
});

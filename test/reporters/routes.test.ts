import { describe, expect, test } from "bun:test";
import { aReporterWorld } from "./support.ts";

const GOOD = { replica_id: "10.0.0.1", interval: 60, load: { cpu: 0.42, ram: 0.31 } };

describe("reporter routes", () => {
  test.each(["/v1/report/default/api/", "/v1/report/default/api", "/reporter/default/api", "/reporter/default/api/"])(
    "POST %s answers exactly 200 {\"ok\":true} and records the replica",
    async (path) => {
      const w = aReporterWorld();
      const res = await w.report(GOOD, { path });
      expect(res.status).toBe(200);
      expect(await res.text()).toBe('{"ok":true}');
      expect(w.rows("replicas")).toMatchObject([{ replica_id: "10.0.0.1", interval: 60, load_cpu: 0.42, load_ram: 0.31, last_report: w.clock.now() }]);
      expect(w.pings(w.reporter)).toMatchObject([{ kind: "success", method: "POST", host: "10.0.0.1" }]);
      expect(w.reload(w.reporter).status).toBe("up");
    },
  );

  test("takes Crisp's documented form with numbers as strings", async () => {
    const w = aReporterWorld();
    const res = await w.report({ replica_id: "192.168.1.5", interval: "60", load: { cpu: "1.25", ram: "0.50" } });
    expect(res.status).toBe(200);
    expect(w.rows("replicas")).toMatchObject([{ replica_id: "192.168.1.5", interval: 60, load_cpu: 1.25, load_ram: 0.5 }]);
  });

  test.each([
    { name: "no Authorization header", auth: null },
    { name: "a wrong token", auth: "wrong" },
    { name: "the project's API key instead of its token", auth: "api" },
    { name: "a Bearer header", auth: "bearer" },
    { name: "Basic without a colon", auth: "nocolon" },
  ])("answers 401 to $name and stores nothing", async ({ auth }) => {
    const w = aReporterWorld();
    const header =
      auth === null ? null
      : auth === "wrong" ? w.basic("not-the-token")
      : auth === "api" ? w.basic(w.keys.apiKey)
      : auth === "bearer" ? `Bearer ${w.token}`
      : `Basic ${Buffer.from(w.token).toString("base64")}`;
    const res = await w.report(GOOD, { auth: header });
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toContain("Basic");
    expect(await res.json()).toEqual({ ok: false, error: "wrong reporter token" });
    expect(w.count("replicas")).toBe(0);
    expect(w.pings(w.reporter)).toEqual([]);
  });

  test("asks for the token before it says whether a check exists", async () => {
    const w = aReporterWorld();
    expect((await w.report(GOOD, { path: "/reporter/default/nosuchcheck", auth: w.basic("guess") })).status).toBe(401);
  });

  test.each([
    { name: "an unknown project", path: "/reporter/nosuchproject/api" },
    { name: "an unknown check", path: "/reporter/default/nosuchcheck" },
    { name: "a check that is not a reporter", path: "/reporter/default/backup" },
    { name: "a path with an invalid slug", path: "/reporter/default/API" },
    { name: "a path with more segments", path: "/v1/report/default/api/extra/" },
  ])("answers 404 to $name", async ({ path }) => {
    const w = aReporterWorld();
    w.addCheck({ slug: "backup", timeout: 60 });
    const res = await w.report(GOOD, { path });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ ok: false, error: "not found" });
    expect(w.count("replicas")).toBe(0);
  });

  test.each([
    { name: "broken JSON", body: "{not json", field: "body" },
    { name: "an empty body", body: "", field: "body" },
    { name: "a JSON array", body: "[]", field: "body" },
    { name: "no replica_id", body: { interval: 60 }, field: "replica_id" },
    { name: "an empty replica_id", body: { replica_id: "", interval: 60 }, field: "replica_id" },
    { name: "a replica_id over 100 characters", body: { replica_id: "r".repeat(101), interval: 60 }, field: "replica_id" },
    { name: "no interval", body: { replica_id: "a" }, field: "interval" },
    { name: "an interval below 10 s", body: { replica_id: "a", interval: 9 }, field: "interval" },
    { name: "an interval above a day", body: { replica_id: "a", interval: 86_401 }, field: "interval" },
    { name: "a non-numeric interval", body: { replica_id: "a", interval: "soon" }, field: "interval" },
    { name: "a boolean interval", body: { replica_id: "a", interval: true }, field: "interval" },
    { name: "load that is not an object", body: { replica_id: "a", interval: 60, load: 3 }, field: "load" },
    { name: "a negative cpu load", body: { replica_id: "a", interval: 60, load: { cpu: -1, ram: 0 } }, field: "load.cpu" },
    { name: "ram above 1", body: { replica_id: "a", interval: 60, load: { cpu: 0, ram: 1.5 } }, field: "load.ram" },
  ])("answers 400 naming the field for $name", async ({ body, field }) => {
    const w = aReporterWorld();
    const res = await w.report(body);
    expect(res.status).toBe(400);
    const answer = (await res.json()) as { ok: boolean; error: string };
    expect(answer.ok).toBe(false);
    expect(answer.error.startsWith(`${field}: `)).toBe(true);
    expect(w.count("replicas")).toBe(0);
  });

  test("refuses bodies over 1 MB with 413 before reading them", async () => {
    const w = aReporterWorld();
    const res = await w.report(JSON.stringify({ ...GOOD, pad: "x".repeat(1_000_001) }));
    expect(res.status).toBe(413);
    expect(w.count("replicas")).toBe(0);
  });

  test("answers 405 to other methods and 204 to a preflight", async () => {
    const w = aReporterWorld();
    const get = await w.report(undefined as unknown as string, { method: "GET" });
    expect(get.status).toBe(405);
    expect(get.headers.get("allow")).toBe("POST, OPTIONS");
    expect((await w.request("/reporter/default/api", { method: "OPTIONS" })).status).toBe(204);
  });

  test("keeps at most 100 replicas per check; a new one beyond is 400 naming replica_id, known ones still report", async () => {
    const w = aReporterWorld();
    for (let i = 0; i < 100; i++) expect((await w.replica(`node-${i}`)).status).toBe(200);
    const extra = await w.replica("node-100");
    expect(extra.status).toBe(400);
    expect(((await extra.json()) as { error: string }).error).toStartWith("replica_id: ");
    expect((await w.replica("node-7")).status).toBe(200);
    expect(w.count("replicas")).toBe(100);
  });

  test("ignores the user name of the Basic credentials", async () => {
    const w = aReporterWorld();
    expect((await w.report(GOOD, { auth: w.basic(w.token, "anyone") })).status).toBe(200);
  });
});

describe("reporter tokens", () => {
  test("rotating the project's keys replaces the token at once", async () => {
    const w = aReporterWorld();
    const rotated = w.tx.rotateProjectKeys(w.project.id);
    expect(rotated.reporterToken).not.toBe(w.token);
    expect((await w.report(GOOD)).status).toBe(401);
    expect((await w.report(GOOD, { auth: w.basic(rotated.reporterToken) })).status).toBe(200);
  });

  test("a pinned token (TOCSIN_REPORTER_TOKEN) replaces the default project's at every start", async () => {
    const w = aReporterWorld();
    w.store.write((tx) => tx.ensureDefaultProject(w.clock.now(), { reporterToken: "pinned-reporter-token-0001" }));
    expect((await w.report(GOOD)).status).toBe(401);
    expect((await w.report(GOOD, { auth: w.basic("pinned-reporter-token-0001") })).status).toBe(200);
  });

  test("is stored only as a digest", () => {
    const w = aReporterWorld();
    const stored = JSON.stringify(w.rows("projects"));
    expect(stored).not.toContain(w.token);
    expect(stored).toContain(new Bun.CryptoHasher("sha256").update(w.token).digest("hex"));
  });
});

// Where links point (SPEC §2): TOCSIN_BASE_URL, the listen address, or — listening on every
// address — the request's Host for answers and the machine's host name for alerts.
import { describe, expect, test } from "bun:test";
import { silentLogger } from "../../src/log.ts";
import { isWildcardHost, publicBase, type PublicBaseOptions } from "../../src/http/public-base.ts";
import { createServices } from "../../src/services.ts";
import { migratedStore, settableClock } from "../support/db.ts";
import { T0 } from "../support/world.ts";

const options = (o: Partial<PublicBaseOptions> = {}): PublicBaseOptions => ({ configured: undefined, listenHost: "0.0.0.0", port: () => 8000, machineHost: "pi", trustProxy: false, ...o });

function asked(url: string, headers: Record<string, string> = {}): [Request, URL] {
  const req = new Request(url, { headers });
  return [req, new URL(req.url)];
}

describe("the public base URL", () => {
  // every request asks for http://nas.lan:8000
  test.each([
    { name: "TOCSIN_BASE_URL wins for answers and alerts alike", o: { configured: "https://mon.example.org/" }, answers: "https://mon.example.org", alerts: "https://mon.example.org" },
    { name: "a base URL keeps its path", o: { configured: "https://example.org/tocsin/" }, answers: "https://example.org/tocsin", alerts: "https://example.org/tocsin" },
    { name: "one listen address is where links point", o: { listenHost: "192.168.1.20" }, answers: "http://192.168.1.20:8000", alerts: "http://192.168.1.20:8000" },
    { name: "an IPv6 listen address is bracketed", o: { listenHost: "fd00::5" }, answers: "http://[fd00::5]:8000", alerts: "http://[fd00::5]:8000" },
    { name: "a wildcard listen answers with the request's host and alerts with the machine's", o: {}, answers: "http://nas.lan:8000", alerts: "http://pi:8000" },
    { name: "an IPv6 wildcard does the same", o: { listenHost: "::" }, answers: "http://nas.lan:8000", alerts: "http://pi:8000" },
  ])("$name", ({ o, answers, alerts }) => {
    const base = publicBase(options(o));
    expect(base.forRequest(...asked("http://nas.lan:8000/api/v3/checks/"))).toBe(answers);
    expect(base.outside()).toBe(alerts);
  });

  test.each([
    { name: "X-Forwarded-* are ignored unless the proxy is trusted", trust: false, headers: { "X-Forwarded-Host": "evil.example", "X-Forwarded-Proto": "https" }, base: "http://nas.lan:8000" },
    { name: "a trusted proxy's host and scheme are used", trust: true, headers: { "X-Forwarded-Host": "Mon.Example.org", "X-Forwarded-Proto": "https" }, base: "https://mon.example.org" },
    { name: "the first of several forwarded values counts", trust: true, headers: { "X-Forwarded-Host": "a.example:8443, b.example", "X-Forwarded-Proto": "https, http" }, base: "https://a.example:8443" },
    { name: "a forwarded host with a path or user part is ignored", trust: true, headers: { "X-Forwarded-Host": "evil.example/x?y" }, base: "http://nas.lan:8000" },
    { name: "a forwarded host with credentials is ignored", trust: true, headers: { "X-Forwarded-Host": "user@evil.example" }, base: "http://nas.lan:8000" },
    { name: "a forwarded host too long is ignored", trust: true, headers: { "X-Forwarded-Host": `${"a".repeat(300)}.example` }, base: "http://nas.lan:8000" },
    { name: "a forwarded port out of range is ignored", trust: true, headers: { "X-Forwarded-Host": "a.example:99999" }, base: "http://nas.lan:8000" },
    { name: "a scheme other than http(s) is ignored", trust: true, headers: { "X-Forwarded-Proto": "javascript" }, base: "http://nas.lan:8000" },
  ])("$name", ({ trust, headers, base }) => {
    expect(publicBase(options({ trustProxy: trust })).forRequest(...asked("http://nas.lan:8000/", headers as Record<string, string>))).toBe(base);
  });

  test.each([
    ["0.0.0.0", true],
    ["::", true],
    ["[::]", true],
    ["127.0.0.1", false],
    ["::1", false],
    ["tocsin.lan", false],
  ] as const)("%s is a wildcard listen address: %p", (host, wildcard) => {
    expect(isWildcardHost(host)).toBe(wildcard);
  });
});

describe("answers of a Tocsin listening on every address", () => {
  const aWildcardTocsin = () => {
    const store = migratedStore();
    const clock = settableClock(T0);
    const keys = store.write((tx) => tx.createProject("default", "Default", clock.now(), { pingKey: "pingkeypingkey0001" }));
    const base = publicBase(options());
    const config = { pingBodyLimit: 100_000, pingLogLimit: 100, trustProxy: false, statusAtRoot: false };
    const services = createServices({ store, config, log: silentLogger, now: clock.now, batch: { maxBatch: 64, maxDelayMs: 1 }, baseUrl: base.outside, requestBaseUrl: base.forRequest });
    const call = (host: string, path: string, init: RequestInit = {}) => services.fetch(new Request(`http://${host}${path}`, { ...init, headers: { "X-Api-Key": keys.apiKey, "Content-Type": "application/json", ...(init.headers as Record<string, string>) } }));
    return { call };
  };

  test("build every URL of a check from the host the client asked", async () => {
    const t = aWildcardTocsin();
    const created = await t.call("192.168.1.20:8000", "/api/v3/checks/", { method: "POST", body: JSON.stringify({ name: "n", slug: "n" }) });
    expect(created.status).toBe(201);
    const c = (await created.json()) as Record<string, string>;
    expect(c.ping_url).toBe(`http://192.168.1.20:8000/ping/${c.uuid}`);
    const listed = (await (await t.call("nas.lan:8000", "/api/v3/checks/")).json()) as { checks: Record<string, string>[] };
    expect(listed.checks[0]).toMatchObject({ ping_url: `http://nas.lan:8000/ping/${c.uuid}`, update_url: `http://nas.lan:8000/api/v3/checks/${c.uuid}`, slug_url: "http://nas.lan:8000/ping/pingkeypingkey0001/n" });
    const doc = (await (await t.call("nas.lan:8000", "/api/v3/openapi.json")).json()) as { servers: { url: string }[] };
    expect(doc.servers[0]!.url).toBe("http://nas.lan:8000");
  });
});

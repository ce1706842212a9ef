// HTTP hygiene on a served socket (SPEC §2): requests no client library would send get a 400 with
// a JSON error, never a development error page, and routing never depends on the Host's length.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdtempSync } from "node:fs";
import { startServe } from "../support/cli.ts";
import { rawRequest } from "../support/raw-http.ts";

const API_KEY = "tcw_hostilehostilehostilehostile";
const PING_KEY = "hostilehostile0001";
let daemon: Awaited<ReturnType<typeof startServe>>;
let uuid = "";

beforeAll(async () => {
  daemon = await startServe(["--data-dir", mkdtempSync("/tmp/tocsin-hostile-")], { env: { TOCSIN_API_KEY: API_KEY, TOCSIN_PING_KEY: PING_KEY } });
  const created = await fetch(`${daemon.url}/api/v3/checks/`, { method: "POST", headers: { "X-Api-Key": API_KEY }, body: JSON.stringify({ name: "short", slug: "short", public: true }) });
  uuid = /\/ping\/([0-9a-f-]{36})/.exec(((await created.json()) as { ping_url: string }).ping_url)![1]!;
});

afterAll(async () => {
  daemon.proc.kill("SIGTERM");
  await daemon.proc.exited;
});

const get = (path: string, headerLines: string, version = "1.1"): string => `GET ${path} HTTP/${version}\r\n${headerLines}Connection: close\r\n\r\n`;

describe("a request whose URL cannot be built gets a 400 with a JSON error", () => {
  test.each([
    { name: "no Host (HTTP/1.0) on an API route", request: () => get("/api/v3/status/", "", "1.0") },
    { name: "no Host (HTTP/1.0) on a ping route", request: () => get(`/ping/${uuid}`, "", "1.0") },
    { name: "an empty Host", request: () => get("/api/v3/checks/", "Host: \r\n") },
    { name: "a Host with a space", request: () => get("/status", "Host: a b\r\n") },
    { name: "a Host with an unclosed IPv6 bracket on a ping route", request: () => get(`/ping/${uuid}`, "Host: [::zz\r\n") },
    { name: "a Host with a space on a slug ping route", request: () => get(`/ping/${PING_KEY}/short`, "Host: x y\r\n") },
  ])("$name", async ({ request }) => {
    const answer = await rawRequest(daemon.url, request());
    expect(answer.status).toBe(400);
    expect(answer.headers.get("content-type")).toStartWith("application/json");
    expect(JSON.parse(answer.body)).toEqual({ error: "malformed request URL or Host header" });
  });

  test("a malformed request line is refused by the server with a 400 and no page", async () => {
    for (const request of ["GARBAGE\r\n\r\n", "GET * HTTP/1.1\r\nHost: a\r\n\r\n"]) {
      const answer = await rawRequest(daemon.url, request);
      expect(answer.status).toBe(400);
      expect(answer.body).not.toContain("<");
    }
  });
});

describe("a short Host routes like any other", () => {
  const apiKey = `X-Api-Key: ${API_KEY}\r\n`;
  test.each(["web", "ab", "a", "web:8000"])("Host: %s", async (host) => {
    const h = `Host: ${host}\r\n`;
    const checks = await rawRequest(daemon.url, get("/api/v3/checks/", h + apiKey));
    expect(checks.status).toBe(200);
    expect(JSON.parse(checks.body).checks.map((c: { slug: string }) => c.slug)).toEqual(["short"]);
    const page = await rawRequest(daemon.url, get("/status", h));
    expect(page.status).toBe(200);
    expect(page.body).toContain("short");
    const metrics = await rawRequest(daemon.url, get("/metrics", h + apiKey));
    expect(metrics.status).toBe(200);
    expect(metrics.body).toContain('slug="short"');
    const ping = await rawRequest(daemon.url, get(`/ping/${uuid}`, h));
    expect([ping.status, ping.body]).toEqual([200, "OK"]);
    const slugPing = await rawRequest(daemon.url, get(`/ping/${PING_KEY}/short`, h));
    expect([slugPing.status, slugPing.body]).toEqual([200, "OK"]);
  });
});

test("every line the daemon wrote to stderr is one JSON object", async () => {
  await rawRequest(daemon.url, get("/api/v3/status/", "", "1.0"));
  daemon.proc.kill("SIGTERM");
  await daemon.proc.exited;
  const log = daemon.startupLog + (await readRest(daemon.proc.stderr));
  const lines = log.split("\n").filter((l) => l !== "");
  expect(lines.length).toBeGreaterThan(2);
  for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
});

/** The rest of a stream whose reader was released after start-up. */
async function readRest(stream: ReadableStream<Uint8Array>): Promise<string> {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  let text = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return text + decoder.decode();
    text += decoder.decode(value, { stream: true });
  }
}

// Request bodies stay bounded in memory whatever clients send (SPEC §2): management bodies over
// 1 MB are refused without being buffered, ping bodies keep only what is stored.
import { describe, expect, test } from "bun:test";
import { readPingBody } from "../../src/http/ping-body.ts";
import { aWorld } from "../support/world.ts";

const MB = 1_000_000;

/** A streamed body (no Content-Length) of `chunks` chunks of `size` bytes; counts what was pulled. */
function streamed(chunks: number, size = 64_000, fill = 0x78) {
  const chunk = new Uint8Array(size).fill(fill);
  let sent = 0;
  const pulled = { bytes: 0 };
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent++ >= chunks) return controller.close();
      pulled.bytes += chunk.length;
      controller.enqueue(chunk);
    },
  });
  return { body, pulled };
}

const post = (url: string, body: ReadableStream<Uint8Array>, headers: Record<string, string> = {}): Request =>
  new Request(`http://tocsin.test${url}`, { method: "POST", body, headers, duplex: "half" } as RequestInit);

describe("management API bodies", () => {
  test("a streamed body over 1 MB with the key only in the body is refused with 413 after at most 1 MB is read", async () => {
    const w = aWorld();
    const { body, pulled } = streamed(120 * 16); // 120 MB if it were all read
    const res = await w.services.fetch(post("/api/v3/checks/", body, { "Content-Type": "application/json" }));
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ error: "request body too large" });
    expect(pulled.bytes).toBeLessThanOrEqual(MB + 2 * 64_000);
    expect(w.count("checks")).toBe(0);
  });

  test("a body with a wrong key in a header is refused with 401 before it is read", async () => {
    const w = aWorld();
    const { body, pulled } = streamed(120 * 16);
    const res = await w.services.fetch(post("/api/v3/checks/", body, { "X-Api-Key": "tcw_wrongwrongwrongwrongwrongwrong" }));
    expect(res.status).toBe(401);
    expect(pulled.bytes).toBeLessThanOrEqual(2 * 64_000);
  });

  test("a body declared over 1 MB is refused with 413 before it is read, even with a good key", async () => {
    const w = aWorld();
    const { body, pulled } = streamed(120 * 16);
    const res = await w.services.fetch(post("/api/v3/checks/", body, { "X-Api-Key": w.keys.apiKey, "Content-Length": String(120 * MB) }));
    expect(res.status).toBe(413);
    expect(pulled.bytes).toBeLessThanOrEqual(2 * 64_000);
  });
});

describe("ping bodies", () => {
  test("a streamed body is read only as far as the stored bytes go, and the rest is left unread", async () => {
    const { body, pulled } = streamed(1_000, 64_000); // 64 MB if it were all read
    const read = await readPingBody(post("/ping/x", body), 100_000);
    if (!read.ok) throw new Error("refused");
    expect(read.whole).toBe(false);
    expect(read.bytes!.byteLength).toBe(100_000);
    // the chunk that crosses the limit is the last one read
    expect(pulled.bytes).toBeLessThanOrEqual(100_000 + 2 * 64_000);
  });

  test("what is kept of a chunk is a copy, not a view holding on to the whole chunk", async () => {
    const { body } = streamed(10, 1_000_000);
    const read = await readPingBody(post("/ping/x", body), 1_000);
    if (!read.ok) throw new Error("refused");
    expect(read.bytes!.byteLength).toBe(1_000);
    expect(read.bytes!.buffer.byteLength).toBeLessThan(1_000_000);
  });

  test("a body that fits is whole", async () => {
    const { body } = streamed(3, 1_000);
    const read = await readPingBody(post("/ping/x", body), 3_000);
    expect(read).toEqual({ ok: true, bytes: new Uint8Array(3_000).fill(0x78), whole: true });
  });

  test("a ping with a 9 MB streamed body is stored cut to the body limit", async () => {
    const w = aWorld({ config: { pingBodyLimit: 5_000 } });
    const check = w.addCheck();
    const { body } = streamed(140, 64_000, 0x61);
    const res = await w.services.fetch(post(`/ping/${check.uuid}`, body));
    expect(res.status).toBe(200);
    expect(w.pings(check)[0]!.body).toEqual(new Uint8Array(5_000).fill(0x61));
  });

  test("a JSON body is understood on the Crontify route only, and only up to 1 MB", async () => {
    const w = aWorld();
    const check = w.addCheck();
    const crontify = JSON.stringify({ errorMessage: "boom", logOutput: "trace" });
    const json = { "Content-Type": "application/json" };
    await w.request(`/api/v1/ping/${check.uuid}/fail`, { method: "POST", headers: json, body: crontify });
    await w.request(`/ping/${check.uuid}/fail`, { method: "POST", headers: json, body: crontify });
    const large = JSON.stringify({ errorMessage: "too big to parse", logOutput: "y".repeat(MB) });
    await w.request(`/api/v1/ping/${check.uuid}/fail`, { method: "POST", headers: json, body: large });
    const [first, second, third] = w.pings(check);
    expect([first!.msg, new TextDecoder().decode(first!.body!)]).toEqual(["boom", "trace"]);
    expect([second!.msg, new TextDecoder().decode(second!.body!)]).toEqual([null, crontify]);
    expect(third!.msg).toBeNull();
    expect(new TextDecoder().decode(third!.body!)).toBe(large.slice(0, 100_000));
  });
});

// Bun.serve's own answers (SPEC §2): a crash that escapes the handlers is a JSON 500 and one JSON
// log line, never the development error page with source lines and paths.
import { afterEach, expect, test } from "bun:test";
import { createLogger } from "../../src/log.ts";
import { MAX_PING_BODY } from "../../src/http/ping-body.ts";
import { serverOptions } from "../../src/http/server-options.ts";

let server: ReturnType<typeof Bun.serve> | null = null;
afterEach(() => server?.stop(true));

test("a handler that throws is answered with a JSON 500 and logged as one JSON line", async () => {
  const lines: string[] = [];
  const options = serverOptions(createLogger("json", (l) => lines.push(l)));
  expect(options.development).toBe(false);
  server = Bun.serve({
    ...options,
    port: 0,
    fetch: () => {
      throw new Error("a bug at /srv/tocsin/src/secret.ts:12");
    },
  });
  const res = await fetch(`http://127.0.0.1:${server.port}/anything`);
  expect(res.status).toBe(500);
  expect(await res.json()).toEqual({ error: "internal error" });
  expect(lines).toHaveLength(1);
  expect(JSON.parse(lines[0]!)).toMatchObject({ level: "error", msg: "request failed" });
});

test("the server refuses bodies larger than any route accepts", async () => {
  const options = serverOptions(createLogger("json", () => {}));
  expect(options.maxRequestBodySize).toBe(MAX_PING_BODY);
  server = Bun.serve({ ...options, port: 0, fetch: async (req) => new Response(String((await req.arrayBuffer()).byteLength)) });
  const res = await fetch(`http://127.0.0.1:${server.port}/`, { method: "POST", body: new Uint8Array(MAX_PING_BODY + 1) });
  expect(res.status).toBe(413);
});

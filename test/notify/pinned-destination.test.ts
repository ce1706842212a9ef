// With TOCSIN_INTEGRATIONS_ALLOW_PRIVATE=false a channel request connects to the address the guard
// vetted, not to whatever a second lookup would answer (DNS rebinding), keeping the URL's name for
// the Host header and for the TLS certificate check. The names used here resolve nowhere: a
// request that arrives went to the pinned address. The certificates in fixtures/ are self-signed
// test certificates for hooks.test and other.test (100 years), trusted only by the child process
// that NODE_EXTRA_CA_CERTS is given to.
import { afterEach, describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createDestinationGuard } from "../../src/notify/destination.ts";
import { httpSend, pin } from "../../src/notify/http.ts";
import { aReceiver, type Receiver } from "./support.ts";

const FIXTURES = join(import.meta.dir, "fixtures");
const fixture = (name: string): string => readFileSync(join(FIXTURES, name), "utf8");

let receiver: Receiver | null = null;
let tlsServer: ReturnType<typeof Bun.serve> | null = null;
afterEach(() => {
  receiver?.stop();
  receiver = null;
  tlsServer?.stop(true);
  tlsServer = null;
});

describe("a request the private-address guard allowed", () => {
  test("the guard names the address it vetted for a name, and none for an IP literal", async () => {
    const guard = createDestinationGuard(async () => [{ address: "93.184.216.34", family: 4 }]);
    expect(await guard("https://public.test/x")).toEqual({ ok: true, address: "93.184.216.34" });
    expect(await guard("https://93.184.216.34/x")).toEqual({ ok: true, address: null });
  });

  test.each([
    { name: "an IPv4 address over http", url: "http://hooks.test:8080/hook?a=1", address: "203.0.113.9", pinned: "http://203.0.113.9:8080/hook?a=1", host: "hooks.test:8080", serverName: null },
    { name: "an IPv6 address over https", url: "https://hooks.test/services/x", address: "2001:db8::7", pinned: "https://[2001:db8::7]/services/x", host: "hooks.test", serverName: "hooks.test" },
  ])("is sent to $name, with the name for Host and TLS", ({ url, address, pinned, host, serverName }) => {
    expect(pin(url, address)).toEqual({ url: pinned, host, serverName });
  });

  test("goes over http to the vetted address, with the URL's host and port in its Host header", async () => {
    receiver = aReceiver();
    const port = new URL(receiver.url).port;
    const result = await httpSend({ url: `http://hooks.test:${port}/hook?x=1`, body: "{}" }, { timeoutMs: 5_000, destination: async () => ({ ok: true, address: "127.0.0.1" }) });
    expect(result).toEqual({ ok: true });
    expect(receiver.received).toHaveLength(1);
    expect(receiver.received[0]!.path).toBe("/hook");
    expect(receiver.received[0]!.headers.get("host")).toBe(`hooks.test:${port}`);
  });

  test("keeps a Host header the channel's own headers set", async () => {
    receiver = aReceiver();
    const port = new URL(receiver.url).port;
    const result = await httpSend({ url: `http://hooks.test:${port}/hook`, headers: { host: "intranet.example" }, body: "{}" }, { timeoutMs: 5_000, destination: async () => ({ ok: true, address: "127.0.0.1" }) });
    expect(result).toEqual({ ok: true });
    expect(receiver.received[0]!.headers.get("host")).toBe("intranet.example");
  });

  /** Runs one pinned send in a child that trusts `ca`; answers its result and the Host headers the server saw. */
  async function sendOverTls(cert: string, ca: string, path: string): Promise<{ result: { ok: boolean; permanent?: boolean; error?: string }; hosts: string[] }> {
    const hosts: string[] = [];
    tlsServer = Bun.serve({
      hostname: "127.0.0.1",
      port: 0,
      tls: { cert: fixture(`${cert}.crt`), key: fixture(`${cert}.key`) },
      fetch: (req) => {
        hosts.push(req.headers.get("host") ?? "");
        return new Response("ok");
      },
    });
    const child = Bun.spawn([process.execPath, join(FIXTURES, "send-pinned.ts"), `https://hooks.test:${tlsServer.port}${path}`, "127.0.0.1"], {
      env: { ...process.env, NODE_EXTRA_CA_CERTS: join(FIXTURES, `${ca}.crt`) },
      stdout: "pipe",
      stderr: "inherit",
    });
    const out = await new Response(child.stdout).text();
    expect(await child.exited).toBe(0);
    return { result: JSON.parse(out), hosts };
  }

  test("goes over https to the vetted address and checks the certificate against the URL's name", async () => {
    const { result, hosts } = await sendOverTls("hooks.test", "hooks.test", "/hook");
    expect(result).toEqual({ ok: true });
    expect(hosts).toEqual([`hooks.test:${tlsServer!.port}`]);
  });

  test("fails over https when the certificate is for another name, with an error that does not carry the URL (its path may be the secret)", async () => {
    const { result, hosts } = await sendOverTls("other.test", "other.test", "/services/T000/B000/SECRETPATH");
    expect(result).toEqual({ ok: false, permanent: false, error: "connection failed: ERR_TLS_CERT_ALTNAME_INVALID" });
    expect(hosts).toEqual([]);
  });
});

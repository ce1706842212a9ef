import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { runCli } from "../support/cli.ts";
import { type LiveDaemon, liveDaemon, PING_KEY } from "./client-support.ts";

const CHECK = "3b1f6a0e-7c2d-4e8f-9a1b-2c3d4e5f6a7b";
let daemon: LiveDaemon;
beforeAll(async () => {
  daemon = await liveDaemon([{ uuid: CHECK, name: "cron job", slug: "cron-job" }]);
});
afterAll(() => daemon.stop());

const ping = (...args: string[]) => runCli(["ping", ...args, "--url", daemon.url]);
const last = () => daemon.pings(CHECK).at(-1);

describe("tocsin ping against a live daemon", () => {
  test.each([
    ["success by default", [], { kind: "success", exitStatus: null }],
    ["--start", ["--start"], { kind: "start" }],
    ["--fail", ["--fail"], { kind: "fail" }],
    ["--log", ["--log"], { kind: "log" }],
    ["--exit 0", ["--exit", "0"], { kind: "success", exitStatus: 0 }],
    ["--exit 7", ["--exit", "7"], { kind: "fail", exitStatus: 7 }],
  ])("%s", async (_name, flags, expected) => {
    const r = await ping(CHECK, ...flags);
    expect(r).toEqual({ status: 0, stdout: "", stderr: "" });
    expect(last()).toMatchObject(expected);
  });

  test("-m sends a message and --rid a run id", async () => {
    const rid = "0f0e0d0c-0b0a-4909-8807-060504030201";
    expect((await ping(CHECK, "--start", "--rid", rid, "-m", "backup started")).status).toBe(0);
    expect(last()).toMatchObject({ kind: "start", msg: "backup started", rid });
  });

  test("a uuid in upper case works", async () => {
    expect((await ping(CHECK.toUpperCase(), "--log")).status).toBe(0);
    expect(last()!.kind).toBe("log");
  });

  test("a slug is pinged with the ping key from --ping-key or TOCSIN_PING_KEY", async () => {
    expect((await ping("cron-job", "--fail", "--ping-key", PING_KEY)).status).toBe(0);
    expect(last()!.kind).toBe("fail");
    const r = await runCli(["ping", "cron-job", "--url", daemon.url], { env: { TOCSIN_PING_KEY: PING_KEY } });
    expect(r.status).toBe(0);
    expect(last()!.kind).toBe("success");
  });

  test("--create makes a new slug in the project", async () => {
    expect(daemon.slugs()).not.toContain("made-by-ping");
    const r = await ping("made-by-ping", "--create", "--ping-key", PING_KEY);
    expect(r.status).toBe(0);
    expect(daemon.slugs()).toContain("made-by-ping");
  });

  test("an unknown check: status 1 and the server's answer", async () => {
    const r = await ping("99999999-8888-4777-8666-555555555555");
    expect(r.status).toBe(1);
    expect(r.stderr).toBe("tocsin ping: server answered 404 Not Found: not found\n");
  });
});

describe("tocsin ping usage errors exit 2", () => {
  test.each([
    ["two events", [CHECK, "--start", "--fail"], "choose one of"],
    ["an exit status above 255", [CHECK, "--exit", "256"], "--exit must be an exit status from 0 to 255"],
    ["a slug without a ping key", ["cron-job"], "ping key"],
    ["--create with a uuid", [CHECK, "--create"], "--create applies to slugs only"],
    ["a bad run id", [CHECK, "--rid", "nope"], "--rid must be a UUID"],
    ["no check", [], "missing the check"],
  ])("%s", async (_name, args, message) => {
    const r = await runCli(["ping", ...args]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(message);
  });

  test("--help", async () => {
    const r = await runCli(["ping", "--help"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("--exit N");
  });
});

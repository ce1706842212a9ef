import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { MAIN, runCli } from "../support/cli.ts";
import { closedPortUrl, type LiveDaemon, liveDaemon, PING_KEY } from "./client-support.ts";

const JOB = "6c1a7e2e-4a31-4f4e-9d5e-1f3f7c0b9a01";
const SLUGGED = "0d6f3e9a-2b7c-4c1d-8e5f-9a8b7c6d5e4f";
const RID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

let daemon: LiveDaemon;
beforeAll(async () => {
  daemon = await liveDaemon([
    { uuid: JOB, name: "job", slug: "job" },
    { uuid: SLUGGED, name: "nightly", slug: "nightly" },
  ]);
});
afterAll(() => daemon.stop());

const lastPings = (uuid: string, n: number) => daemon.pings(uuid).slice(-n);

describe("tocsin run against a live daemon", () => {
  test("records a start and an exit-3 failure with the output, the run id and a duration", async () => {
    const r = await runCli(["run", JOB, "--url", daemon.url, "--", "sh", "-c", "echo hi; exit 3"]);
    expect(r.status).toBe(3);
    expect(r.stdout).toBe("hi\n");
    expect(r.stderr).toBe("");
    const [start, end] = lastPings(JOB, 2);
    expect(start).toMatchObject({ kind: "start", exitStatus: null });
    expect(start!.rid).toMatch(RID);
    expect(end).toMatchObject({ kind: "fail", exitStatus: 3, rid: start!.rid, body: "hi\n" });
    expect(end!.duration).toBeGreaterThanOrEqual(0);
    expect(end!.duration).toBeLessThan(10);
  });

  test("a successful command sends exit status 0 and each run gets a fresh run id", async () => {
    const a = await runCli(["run", JOB, "--url", daemon.url, "--", "true"]);
    const b = await runCli(["run", JOB, "--url", daemon.url, "--", "true"]);
    expect([a.status, b.status]).toEqual([0, 0]);
    const [startA, endA, startB, endB] = lastPings(JOB, 4);
    expect([startA!.kind, endA!.kind, startB!.kind, endB!.kind]).toEqual(["start", "success", "start", "success"]);
    expect(endA!.exitStatus).toBe(0);
    expect(endA!.rid).toBe(startA!.rid);
    expect(endB!.rid).toBe(startB!.rid);
    expect(startA!.rid).not.toBe(startB!.rid);
  });

  test("stdout and stderr pass through and the ping keeps the last 10 000 bytes of both", async () => {
    // 30 000 bytes on stdout, then a marker on stderr: the tail must end with the marker
    const script = "head -c 30000 /dev/zero | tr '\\0' x; echo; echo tail-marker >&2";
    const r = await runCli(["run", JOB, "--url", daemon.url, "--", "sh", "-c", script]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(`${"x".repeat(30_000)}\n`);
    expect(r.stderr).toBe("tail-marker\n");
    const body = lastPings(JOB, 1)[0]!.body!;
    expect(body.length).toBe(10_000);
    expect(body.endsWith("x\ntail-marker\n")).toBe(true);
  });

  test("stdin reaches the command", async () => {
    const proc = Bun.spawn([process.execPath, MAIN, "run", JOB, "--url", daemon.url, "--", "sh", "-c", "read line; echo got:$line"], {
      env: { PATH: process.env.PATH ?? "" },
      stdin: new TextEncoder().encode("hello\n"),
      stdout: "pipe",
      stderr: "pipe",
    });
    expect(await new Response(proc.stdout).text()).toBe("got:hello\n");
    expect(await proc.exited).toBe(0);
    expect(lastPings(JOB, 1)[0]!.body).toBe("got:hello\n");
  });

  test("a command killed by a signal exits 128+n and reports that status", async () => {
    const r = await runCli(["run", JOB, "--url", daemon.url, "--", "sh", "-c", "kill -TERM $$"]);
    expect(r.status).toBe(143);
    expect(lastPings(JOB, 1)[0]).toMatchObject({ kind: "fail", exitStatus: 143 });
  });

  test("SIGTERM to the wrapper is passed on to the command, whose own exit status is reported", async () => {
    const script = 'trap "echo got-term; exit 7" TERM; echo ready; while :; do sleep 0.05; done';
    const proc = Bun.spawn([process.execPath, MAIN, "run", JOB, "--url", daemon.url, "--", "sh", "-c", script], {
      env: { PATH: process.env.PATH ?? "" },
      stdout: "pipe",
      stderr: "pipe",
    });
    const reader = proc.stdout.getReader();
    let out = "";
    while (!out.includes("ready")) out += new TextDecoder().decode((await reader.read()).value);
    proc.kill("SIGTERM");
    while (!out.includes("got-term")) {
      const { value, done } = await reader.read();
      if (done) break;
      out += new TextDecoder().decode(value);
    }
    expect(await proc.exited).toBe(7);
    expect(out).toBe("ready\ngot-term\n");
    expect(lastPings(JOB, 1)[0]).toMatchObject({ kind: "fail", exitStatus: 7, body: "ready\ngot-term\n" });
  });

  test("a command that cannot be started reports a failure with the error and exits 127", async () => {
    const r = await runCli(["run", JOB, "--url", daemon.url, "--", "/nonexistent/tocsin-job"]);
    expect(r.status).toBe(127);
    expect(r.stderr).toContain('cannot run "/nonexistent/tocsin-job"');
    const end = lastPings(JOB, 1)[0]!;
    expect(end.kind).toBe("fail");
    expect(end.body).toContain("/nonexistent/tocsin-job");
  });

  test("a slug is pinged through the project's ping key", async () => {
    const r = await runCli(["run", "nightly", "--url", daemon.url, "--", "sh", "-c", "echo ok"], { env: { TOCSIN_PING_KEY: PING_KEY } });
    expect(r.status).toBe(0);
    expect(lastPings(SLUGGED, 2).map((p) => p.kind)).toEqual(["start", "success"]);
  });

  test("TOCSIN_URL is the default server", async () => {
    const r = await runCli(["run", JOB, "--", "true"], { env: { TOCSIN_URL: daemon.url } });
    expect(r.status).toBe(0);
    expect(lastPings(JOB, 1)[0]!.kind).toBe("success");
  });

  test("a check the server does not know: the job still runs and its status is kept", async () => {
    const r = await runCli(["run", "11111111-2222-4333-8444-555555555555", "--url", daemon.url, "--", "sh", "-c", "echo ran; exit 4"]);
    expect(r.status).toBe(4);
    expect(r.stdout).toBe("ran\n");
    expect(r.stderr).toContain("404");
  });
});

describe("tocsin run when the server cannot be reached", () => {
  // Both cases run at once: each takes a few seconds of retries by design.
  test("the command runs at once, its output passes through, its status is kept, the wrapper gives up in seconds", async () => {
    const silent = Bun.serve({ hostname: "127.0.0.1", port: 0, fetch: () => new Promise<Response>(() => {}) });
    const timed = async (url: string) => {
      const t0 = Date.now();
      // the command prints when it started (ms since the epoch), then fails with 3
      const r = await runCli(["run", JOB, "--url", url, "--", "sh", "-c", "date +%s%3N; echo hi; exit 3"]);
      const [startedAt, ...rest] = r.stdout.split("\n");
      return { ...r, rest: rest.join("\n"), startDelay: (Number(startedAt) - t0) / 1000, total: (Date.now() - t0) / 1000 };
    };
    try {
      const [refused, unanswered] = await Promise.all([timed(closedPortUrl()), timed(`http://127.0.0.1:${silent.port}`)]);
      for (const r of [refused, unanswered]) {
        expect(r.status).toBe(3);
        expect(r.rest).toBe("hi\n");
        expect(r.stderr).toContain("ping not delivered");
        // generous bounds: the wrapper waits 1 s for the start ping and 4 s for the end ping at most
        expect(r.startDelay).toBeLessThan(2.5);
        expect(r.total).toBeLessThan(9);
      }
      expect(unanswered.stderr).toContain("no answer within");
    } finally {
      silent.stop(true);
    }
  }, 20_000);
});

describe("tocsin run usage errors exit 2 without running anything", () => {
  test.each([
    ["no -- before the command", ["run", JOB, "echo", "hi"], "put -- before the command"],
    ["no command", ["run", JOB, "--"], "missing the command"],
    ["no check", ["run"], "missing the check"],
    ["a slug without a ping key", ["run", "nightly", "--", "echo", "hi"], "ping key"],
    ["an uppercase slug", ["run", "Nightly", "--", "echo", "hi"], "expected a check's uuid or slug"],
    ["an unknown flag", ["run", JOB, "--frobnicate", "--", "echo", "hi"], "--frobnicate"],
  ])("%s", async (_name, args, message) => {
    const r = await runCli(args);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(message);
  });

  test("--help describes the wrapper", async () => {
    const r = await runCli(["run", "--help"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("tocsin run <uuid|slug>");
  });
});

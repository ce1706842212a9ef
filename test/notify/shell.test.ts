// The shell channel: an argv array (never a shell string), alert in env vars, a timeout.
import { describe, expect, test } from "bun:test";
import { mkdtempSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { anAlertWorld } from "./support.ts";

describe("shell channel", () => {
  test("runs the argv with templates expanded as plain arguments and the alert in the environment", async () => {
    const out = join(mkdtempSync("/tmp/tocsin-shell-"), "out.txt");
    const w = anAlertWorld();
    const check = w.addCheck({ name: "x; touch /tmp/should-not-exist-$RANDOM", slug: "evil" });
    const script = 'printf "%s|%s|%s|%s" "$1" "$TOCSIN_STATUS" "$TOCSIN_SLUG" "$EXTRA" > "$2"';
    w.assign(check, w.addChannel("shell", { argv: ["sh", "-c", script, "sh", "$NAME", out], env: { EXTRA: "from-config" } }));
    await w.ping(check, "/fail");
    await w.notifier.runDue();
    expect(w.attempts(check)).toMatchObject([{ status: "ok" }]);
    expect(readFileSync(out, "utf8")).toBe("x; touch /tmp/should-not-exist-$RANDOM|down|evil|from-config");
  });

  test("a non-zero exit status is a retryable error carrying stderr", async () => {
    const w = anAlertWorld();
    const check = w.addCheck();
    w.assign(check, w.addChannel("shell", { argv: ["sh", "-c", "echo boom >&2; exit 3"] }));
    await w.ping(check, "/fail");
    await w.notifier.runDue();
    expect(w.attempts(check)).toMatchObject([{ status: "error", error: "exit status 3: boom" }]);
  });

  test("a command that outlives its timeout is killed", async () => {
    const w = anAlertWorld();
    const check = w.addCheck();
    w.assign(check, w.addChannel("shell", { argv: ["sleep", "30"], timeout: 1 }));
    await w.ping(check, "/fail");
    const t0 = performance.now();
    await w.notifier.runDue();
    expect(performance.now() - t0).toBeLessThan(5_000);
    expect(w.attempts(check)).toMatchObject([{ status: "error", error: "timed out after 1 s" }]);
  });

  test("skips recoveries when on_up is off", async () => {
    const w = anAlertWorld();
    const check = w.addCheck();
    w.assign(check, w.addChannel("shell", { argv: ["true"], on_up: false }));
    await w.ping(check, "/fail");
    await w.notifier.runDue();
    w.clock.advance(600_000);
    await w.ping(check);
    await w.notifier.runDue();
    expect(w.attempts(check)).toHaveLength(1);
  });
});

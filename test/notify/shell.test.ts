// The shell channel: an argv array (never a shell string), alert in env vars, a timeout.
import { describe, expect, test } from "bun:test";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { maskedSettings, parseSettings } from "../../src/notify/registry.ts";
import { validateDeclared } from "../../src/config-file/load.ts";
import { anAlertWorld } from "./support.ts";

/** A check name that runs a command wherever it is spliced into a shell script. */
const INJECTION = 'x"; touch pwned; echo "';

describe("shell channel", () => {
  test("gives the command the alert only as environment variables, so a hostile check name stays data", async () => {
    const dir = mkdtempSync("/tmp/tocsin-shell-");
    const out = join(dir, "out.txt");
    const w = anAlertWorld();
    const check = w.addCheck({ name: INJECTION, slug: "evil" });
    const script = 'cd "$1" && printf "%s|%s|%s|%s|%s" "$TOCSIN_NAME" "$TOCSIN_STATUS" "$TOCSIN_SLUG" "$TOCSIN_CODE" "$EXTRA" > out.txt';
    w.assign(check, w.addChannel("shell", { argv: ["/bin/sh", "-c", script, "sh", dir], env: { EXTRA: "from-config" } }));
    await w.ping(check, "/fail");
    await w.notifier.runDue();
    expect(w.attempts(check)).toMatchObject([{ status: "ok" }]);
    expect(readFileSync(out, "utf8")).toBe(`${INJECTION}|down|evil|${check.uuid}|from-config`);
    expect(existsSync(join(dir, "pwned"))).toBe(false);
  });

  test.each([
    { name: "$NAME inside a shell script", argv: ["/bin/sh", "-c", 'echo "$NAME"'], argvUp: null, message: "settings.argv.2 must not contain $NAME" },
    { name: "${BODY} as an argument", argv: ["/usr/local/bin/page", "${BODY}"], argvUp: null, message: "settings.argv.1 must not contain $BODY" },
    { name: "$STATUS in argv_up", argv: ["/bin/true"], argvUp: ["$STATUS"], message: "settings.argv_up.0 must not contain $STATUS" },
  ])("refuses a template in argv ($name) and says to read the environment variable", ({ argv, argvUp, message }) => {
    const parsed = parseSettings("shell", { argv, ...(argvUp ? { argv_up: argvUp } : {}) });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.error).toStartWith(message);
    expect(parsed.error).toContain("TOCSIN_");
  });

  test("check-config refuses a $NAME template in a declared shell channel, naming the variable to use", () => {
    const problems = validateDeclared({ channels: [{ name: "page", kind: "shell", settings: { argv: ["/bin/sh", "-c", 'echo "$NAME"'] } }] }, "tocsin.toml", 0);
    expect(problems).toEqual([expect.stringContaining('tocsin.toml: channels[0].settings.argv.2: must not contain $NAME')]);
    expect(problems[0]).toContain('"echo \\"$TOCSIN_NAME\\""');
  });

  test("a stored channel that still splices $NAME into a shell script never runs it", async () => {
    const dir = mkdtempSync("/tmp/tocsin-shell-");
    const w = anAlertWorld();
    const check = w.addCheck({ name: INJECTION });
    // as an older Tocsin stored it, past today's settings schema
    const channel = w.store.write((tx) =>
      tx.insertChannel({ id: crypto.randomUUID(), projectId: w.project.id, name: "old", kind: "shell", settings: { argv: ["/bin/sh", "-c", `cd ${dir} && echo "$NAME"`] }, managed: true, created: w.clock.now() }),
    );
    w.assign(check, channel);
    await w.ping(check, "/fail");
    await w.notifier.runDue();
    expect(w.attempts(check)).toMatchObject([{ status: "permanent" }]);
    expect(existsSync(join(dir, "pwned"))).toBe(false);
  });

  test("API answers show the program but hide its arguments and env values", () => {
    const parsed = parseSettings("shell", { argv: ["/usr/local/bin/page", "--token", "s3cr3t-t0ken"], argv_up: ["/usr/local/bin/ok", "s3cr3t"], env: { PAGER_TOKEN: "abc" } });
    if (!parsed.ok) throw new Error(parsed.error);
    const shown = maskedSettings("shell", parsed.settings);
    expect(shown).toMatchObject({ argv: ["/usr/local/bin/page", "****", "****"], argv_up: ["/usr/local/bin/ok", "****"], env: { PAGER_TOKEN: "****" } });
    expect(JSON.stringify(shown)).not.toContain("s3cr3t");
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

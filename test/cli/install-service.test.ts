// `tocsin install-service --print` and contrib/tocsin.service: the unit a Raspberry Pi or any
// systemd host runs Tocsin under.
import { describe, expect, test } from "bun:test";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { execWord } from "../../src/cli/service-unit.ts";
import { MAIN, runCli } from "../support/cli.ts";

const CONTRIB = join(import.meta.dir, "..", "..", "contrib", "tocsin.service");
const systemdAnalyze = Bun.which("systemd-analyze");

/** The unit's settings as key → values (a key may repeat), comments and sections left out. */
function settingsOf(unit: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const line of unit.split("\n")) {
    const m = /^([A-Za-z]+)=(.*)$/.exec(line);
    if (m) out.set(m[1]!, [...(out.get(m[1]!) ?? []), m[2]!]);
  }
  return out;
}

describe("tocsin install-service --print", () => {
  test("with the default paths is exactly contrib/tocsin.service", async () => {
    const r = await runCli(["install-service", "--print", "--bin", "/usr/local/bin/tocsin"]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(readFileSync(CONTRIB, "utf8"));
  });

  test("runs the executable that printed it", async () => {
    const r = await runCli(["install-service", "--print"]);
    expect(r.status).toBe(0);
    // from source, the runtime runs this script; a compiled binary names itself alone
    expect(settingsOf(r.stdout).get("ExecStart")).toEqual([`${process.execPath} ${MAIN} serve`]);
  });

  test("the unit has a dedicated user, a private data directory, restarts and a sandbox", () => {
    const s = settingsOf(readFileSync(CONTRIB, "utf8"));
    const expected: Record<string, string[]> = {
      User: ["tocsin"],
      Group: ["tocsin"],
      ExecStart: ["/usr/local/bin/tocsin serve"],
      ExecReload: ["/bin/kill -HUP $MAINPID"],
      Environment: ["TOCSIN_DATA_DIR=/var/lib/tocsin", "TOCSIN_LISTEN=0.0.0.0:8000"],
      EnvironmentFile: ["-/etc/tocsin/tocsin.env"],
      StateDirectory: ["tocsin"],
      StateDirectoryMode: ["0700"],
      UMask: ["0077"],
      Restart: ["on-failure"],
      RestartPreventExitStatus: ["2"],
      NoNewPrivileges: ["yes"],
      PrivateTmp: ["yes"],
      ProtectSystem: ["strict"],
      ProtectHome: ["yes"],
      ReadWritePaths: ["/var/lib/tocsin"],
      CapabilityBoundingSet: [""],
      WantedBy: ["multi-user.target"],
    };
    for (const [key, values] of Object.entries(expected)) expect({ key, values: s.get(key) }).toEqual({ key, values });
    // the JavaScript engine writes the code it compiles: this would kill the daemon at start
    expect(s.has("MemoryDenyWriteExecute")).toBe(false);
  });

  test("a data directory outside /var/lib is made writable and left for the user to create", async () => {
    const r = await runCli(["install-service", "--print", "--bin", "/opt/tocsin/tocsin", "--user", "monitor", "--data-dir", "/srv/tocsin/", "--listen", "192.168.1.20:8080", "--env-file", "/etc/default/tocsin"]);
    expect(r.status).toBe(0);
    const s = settingsOf(r.stdout);
    expect(s.get("StateDirectory")).toBeUndefined();
    expect(s.get("ReadWritePaths")).toEqual(["/srv/tocsin"]);
    expect(s.get("User")).toEqual(["monitor"]);
    expect(s.get("Environment")).toEqual(["TOCSIN_DATA_DIR=/srv/tocsin", "TOCSIN_LISTEN=192.168.1.20:8080"]);
    expect(s.get("EnvironmentFile")).toEqual(["-/etc/default/tocsin"]);
    expect(r.stdout).toContain("install -d -o monitor -g monitor -m 0700 /srv/tocsin");
  });

  test.each([
    { name: "without --print", args: [], message: "--print is required" },
    { name: "a user name with a space", args: ["--print", "--user", "to csin"], message: "not a valid user name" },
    { name: "a relative data directory", args: ["--print", "--data-dir", "data"], message: "must be an absolute path" },
    { name: "a data directory with a specifier", args: ["--print", "--data-dir", "/var/lib/%i"], message: "must be an absolute path" },
    { name: "a data directory that is /var/lib itself", args: ["--print", "--data-dir", "/var/lib/"], message: "must be a directory of its own" },
    { name: "a listen address without a port", args: ["--print", "--listen", "0.0.0.0"], message: "must be host:port" },
    { name: "a relative executable", args: ["--print", "--bin", "tocsin"], message: "must be an absolute path" },
    { name: "an unknown flag", args: ["--print", "--write"], message: "Unknown option" },
  ])("refuses $name with status 2", async ({ args, message }) => {
    const r = await runCli(["install-service", ...args]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stdout).toBe("");
  });

  test.each([
    { word: "/usr/local/bin/tocsin", quoted: "/usr/local/bin/tocsin" },
    { word: "/opt/my tocsin/tocsin", quoted: '"/opt/my tocsin/tocsin"' },
    { word: "/opt/100%/tocsin", quoted: "/opt/100%%/tocsin" },
    { word: "/opt/$HOME/tocsin", quoted: "/opt/$$HOME/tocsin" },
    { word: '/opt/a"b\\c', quoted: '"/opt/a\\"b\\\\c"' },
  ])("writes $word in ExecStart as $quoted", ({ word, quoted }) => {
    expect(execWord(word)).toBe(quoted);
  });
});

describe("systemd-analyze verify", () => {
  test.skipIf(systemdAnalyze === null)("accepts the unit without a warning (skipped where systemd is not installed)", async () => {
    const dir = mkdtempSync("/tmp/tocsin-unit-");
    // verify checks that ExecStart names an executable: point it at one that exists here
    const unit = readFileSync(CONTRIB, "utf8").replace("ExecStart=/usr/local/bin/tocsin serve", `ExecStart=${process.execPath} serve`);
    writeFileSync(join(dir, "tocsin.service"), unit);
    const proc = Bun.spawn([systemdAnalyze!, "verify", "--man=no", join(dir, "tocsin.service")], { stdout: "pipe", stderr: "pipe" });
    const [stdout, stderr, status] = await Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text(), proc.exited]);
    // systemd-analyze exits 0 on settings it ignores; their warnings go to stderr
    expect({ status, stdout, stderr }).toEqual({ status: 0, stdout: "", stderr: "" });
  });
});

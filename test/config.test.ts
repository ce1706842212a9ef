import { describe, expect, test } from "bun:test";
import { type ConfigSources, loadConfig } from "../src/config.ts";

function sources(over: Partial<ConfigSources> & { file?: string } = {}): ConfigSources {
  return {
    flags: over.flags ?? {},
    env: over.env ?? {},
    readFile: over.readFile ?? ((path) => {
      if (over.file === undefined) throw Object.assign(new Error("missing"), { code: "ENOENT" });
      return over.file;
    }),
  };
}

function ok(src: ConfigSources) {
  const result = loadConfig(src);
  if (!result.ok) throw new Error(result.errors.join("\n"));
  return result.config;
}

function errors(src: ConfigSources): string[] {
  const result = loadConfig(src);
  if (result.ok) throw new Error("expected configuration errors");
  return result.errors;
}

describe("configuration", () => {
  test("uses embedded defaults when nothing is given", () => {
    const c = ok(sources());
    expect(c.listen).toBe("127.0.0.1:8000");
    expect(c.dataDir).toBe("./tocsin-data");
    expect(c.pingBodyLimit).toBe(100_000);
    expect(c.pingLogLimit).toBe(100);
    expect(c.startupGrace).toBe(300);
    expect(c.logFormat).toBe("json");
  });

  test("flags win over the environment, which wins over the file, which wins over defaults", () => {
    const file = 'listen = "127.0.0.1:1001"\ndata_dir = "/from-file"\nping_log_limit = 7\nstartup_grace = 10\n';
    const env = { TOCSIN_LISTEN: "127.0.0.1:1002", TOCSIN_DATA_DIR: "/from-env" };
    const flags = { config: "tocsin.toml", listen: "127.0.0.1:1003" };
    const c = ok(sources({ file, env, flags }));
    expect(c.listen).toBe("127.0.0.1:1003");
    expect(c.dataDir).toBe("/from-env");
    expect(c.pingLogLimit).toBe(7);
    expect(c.startupGrace).toBe(10);
    expect(c.configFile).toBe("tocsin.toml");
  });

  test("reads the file named by TOCSIN_CONFIG", () => {
    expect(ok(sources({ env: { TOCSIN_CONFIG: "x.toml" }, file: "ping_body_limit = 5" })).pingBodyLimit).toBe(5);
  });

  test("treats an empty environment variable as unset", () => {
    expect(ok(sources({ env: { TOCSIN_LISTEN: "" } })).listen).toBe("127.0.0.1:8000");
  });

  test("lists every invalid value in one result, naming where it came from and echoing it", () => {
    const errs = errors(sources({ flags: { listen: "127.0.0.1:70000", "ping-log-limit": "0" }, env: { TOCSIN_LOG_FORMAT: "xml" } }));
    expect(errs).toEqual([
      '--listen = "127.0.0.1:70000": port must be 0-65535',
      'TOCSIN_LOG_FORMAT = "xml": must be json or pretty',
      '--ping-log-limit = "0": must be at least 1',
    ]);
  });

  test("rejects unknown keys in the file because they are usually typos, and names the nearest key", () => {
    const errs = errors(sources({ flags: { config: "t.toml" }, file: 'listen = "127.0.0.1:8000"\ndata_dri = "x"\nchecsk = []\ncolour = "blue"\n' }));
    expect(errs).toEqual(['t.toml: unknown key "data_dri"; did you mean "data_dir"?', 't.toml: unknown key "checsk"; did you mean "checks"?', 't.toml: unknown key "colour"']);
  });

  test("an unknown key does not hide the problems of the other keys", () => {
    const errs = errors(sources({ flags: { config: "t.toml" }, file: 'sycn = "full"\nsync = "fast"\nping_body_limit = 1.5\n' }));
    expect(errs).toEqual(['t.toml: unknown key "sycn"; did you mean "sync"?', 't.toml: sync = "fast": must be normal or full', "t.toml: ping_body_limit = 1.5: must be a whole number"]);
  });

  test("the startup grace takes a duration as everywhere else", () => {
    expect(ok(sources({ flags: { "startup-grace": "5m" } })).startupGrace).toBe(300);
    expect(ok(sources({ flags: { config: "t.toml" }, file: 'startup_grace = "1m30s"' })).startupGrace).toBe(90);
    expect(ok(sources({ env: { TOCSIN_STARTUP_GRACE: "120" } })).startupGrace).toBe(120);
    expect(errors(sources({ env: { TOCSIN_STARTUP_GRACE: "soon" } }))).toEqual(['TOCSIN_STARTUP_GRACE = "soon": must be a number of seconds or a duration like 90s, 5m, 1h30m, 2d, 1w']);
    expect(errors(sources({ env: { TOCSIN_STARTUP_GRACE: "2d" } }))).toEqual(['TOCSIN_STARTUP_GRACE = "2d": must be at most 1d (86400 seconds)']);
  });

  test("secrets are named but never echoed", () => {
    const errs = errors(sources({ env: { TOCSIN_API_KEY: "tcw_short-but-secret", TOCSIN_SMTP_URL: "http://user:hunter2@mail" } }));
    expect(errs).toEqual(["TOCSIN_API_KEY: must be at least 32 characters", "TOCSIN_SMTP_URL: must be an smtp:// or smtps:// URL"]);
  });

  test("reports the line of a TOML syntax error", () => {
    const errs = errors(sources({ flags: { config: "t.toml" }, file: 'listen = "127.0.0.1:8000"\n\nping_log_limit = =\n' }));
    expect(errs).toHaveLength(1);
    expect(errs[0]).toStartWith("t.toml: line 3:");
  });

  test("finds the failing line after a multi-line array", () => {
    const file = 'x = [\n  1,\n  2,\n]\nlisten = "unterminated\n';
    expect(errors(sources({ flags: { config: "t.toml" }, file }))[0]).toStartWith("t.toml: line 5:");
  });

  test("says when the config file cannot be read", () => {
    expect(errors(sources({ flags: { config: "/nope.toml" } }))[0]).toContain("/nope.toml: cannot read config file (ENOENT)");
  });

  test("checks the type of file values", () => {
    expect(errors(sources({ flags: { config: "t.toml" }, file: 'ping_log_limit = "many"' }))).toEqual(['t.toml: ping_log_limit = "many": must be a number']);
    expect(errors(sources({ flags: { config: "t.toml" }, file: "listen = 8000" }))).toEqual(["t.toml: listen = 8000: must be a text, host:port"]);
  });

  test("requires a pinned API key of at least 32 characters", () => {
    expect(errors(sources({ env: { TOCSIN_API_KEY: "short" } }))[0]).toContain("TOCSIN_API_KEY: must be at least 32 characters");
  });

  test("parses boolean environment values", () => {
    expect(ok(sources({ env: { TOCSIN_TRUST_PROXY: "1" } })).trustProxy).toBe(true);
    expect(ok(sources({ env: { TOCSIN_TRUST_PROXY: "false" } })).trustProxy).toBe(false);
  });

  test("channels may reach private addresses unless TOCSIN_INTEGRATIONS_ALLOW_PRIVATE is false", () => {
    expect(ok(sources()).integrationsAllowPrivate).toBe(true);
    expect(ok(sources({ env: { TOCSIN_INTEGRATIONS_ALLOW_PRIVATE: "false" } })).integrationsAllowPrivate).toBe(false);
    expect(ok(sources({ file: "integrations_allow_private = false\n", flags: { config: "t.toml" } })).integrationsAllowPrivate).toBe(false);
  });
});

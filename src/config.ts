// Configuration: flags > TOCSIN_* env > TOML file (--config) > defaults (SPEC §2).
// One table of settings drives parsing, validation, `--help` and the README's table, so the
// four sources can never disagree about a name.
// zod/mini: the settings are parsed at every start, and the daemon's idle memory (SPEC §11) has
// no room for zod's method-chaining classes; the API and the config file's objects, loaded later,
// use the full zod.
import * as z from "zod/mini";
import { echoValue, keyHint, tomlDuration } from "./core/field-values.ts";

// Every schema here carries its own words: they follow the key path in a message, and the bad
// value is echoed before them (SPEC §10), e.g. `TOCSIN_SYNC = "fast": must be normal or full`.
// port 0 asks the system for a free port (tests, benchmarks)
const port = z.pipe(z.coerce.number(), z.int().check(z.minimum(0), z.maximum(65535)));
const hostPort = z.string({ error: "must be a text, host:port" }).check(
  z.regex(/^(\[[0-9a-fA-F:]+\]|[^:\s]+):\d+$/, "must be host:port, e.g. 127.0.0.1:8000"),
  z.refine((v) => port.safeParse(v.slice(v.lastIndexOf(":") + 1)).success, "port must be 0-65535"),
);
const count = (min: number, max: number) =>
  z.pipe(z.coerce.number({ error: "must be a number" }), z.int("must be a whole number").check(z.minimum(min, `must be at least ${min}`), z.maximum(max, `must be at most ${max}`)));
/** seconds, or a duration as everywhere else: 90s, 5m, 1h30m */
const seconds = z.pipe(tomlDuration, z.number().check(z.maximum(86_400, "must be at most 1d (86400 seconds)")));
const bool = z.pipe(
  z.union([z.boolean(), z.enum(["1", "0", "true", "false", "yes", "no", ""])], { error: "must be true or false (or 1, 0, yes, no)" }),
  z.transform((v) => v === true || v === "1" || v === "true" || v === "yes"),
);
const oneOf = <const T extends readonly [string, ...string[]]>(values: T) => z.enum(values, { error: `must be ${values.slice(0, -1).join(", ")} or ${values.at(-1)}` });
const url = (protocol: RegExp, words: string) => z.url({ protocol, error: `must be ${words}` });
const text = () => z.string({ error: "must be a text" });
const optionalText = z.optional(text().check(z.minLength(1, "must not be empty")));
const DOMAIN = /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/;
// a comma-separated list in flags and env, a string or an array of strings in the file
const domainList = z.pipe(
  z.pipe(
    z.union([z.string(), z.array(z.string())], { error: "must be domain names separated by commas" }),
    z.transform((v) => (typeof v === "string" ? v.split(",") : v).map((d) => d.trim().toLowerCase()).filter((d) => d !== "")),
  ),
  z.array(z.string().check(z.regex(DOMAIN, "must be domain names separated by commas, e.g. ping.example.org"))),
);

interface Setting {
  /** flag name without dashes; absent for env/file-only secrets */
  readonly flag?: string;
  readonly env: string;
  readonly toml: string;
  readonly schema: z.ZodMiniType;
  /** the --help text and the README table's "meaning" (a test keeps them equal) */
  readonly help: string;
  readonly defaultText: string;
  /** a credential: named in messages, its value never echoed */
  readonly secret?: true;
}

export const settings = {
  listen: { flag: "listen", env: "TOCSIN_LISTEN", toml: "listen", schema: z._default(hostPort, "127.0.0.1:8000"), help: "HTTP address (host:port; port 0 picks a free one)", defaultText: "127.0.0.1:8000" },
  dataDir: { flag: "data-dir", env: "TOCSIN_DATA_DIR", toml: "data_dir", schema: z._default(text().check(z.minLength(1, "must not be empty")), "./tocsin-data"), help: "directory of tocsin.db (created if missing)", defaultText: "./tocsin-data" },
  baseUrl: { flag: "base-url", env: "TOCSIN_BASE_URL", toml: "base_url", schema: z.optional(url(/^https?$/, "an http:// or https:// URL")), help: "public base URL of every link (may carry a path); unset with a 0.0.0.0/:: listen, answers use the request's host and alerts this machine's name", defaultText: "http://<listen>" },
  logFormat: { flag: "log-format", env: "TOCSIN_LOG_FORMAT", toml: "log_format", schema: z._default(oneOf(["json", "pretty"]), "json"), help: "json (one object per line on stderr) or pretty", defaultText: "json" },
  sync: { flag: "sync", env: "TOCSIN_SYNC", toml: "sync", schema: z._default(oneOf(["normal", "full"]), "normal"), help: "normal survives a crash of the process; full also power loss", defaultText: "normal" },
  startupGrace: { flag: "startup-grace", env: "TOCSIN_STARTUP_GRACE", toml: "startup_grace", schema: z._default(seconds, 300), help: "time after a start before checks that came due while Tocsin was down go down (seconds, or 90s, 5m, 1h)", defaultText: "300" },
  pingBodyLimit: { flag: "ping-body-limit", env: "TOCSIN_PING_BODY_LIMIT", toml: "ping_body_limit", schema: z._default(count(0, 10_000_000), 100_000), help: "bytes of a ping body kept", defaultText: "100000" },
  pingLogLimit: { flag: "ping-log-limit", env: "TOCSIN_PING_LOG_LIMIT", toml: "ping_log_limit", schema: z._default(count(1, 1_000_000), 100), help: "newest pings kept per check", defaultText: "100" },
  smtpListen: { flag: "smtp-listen", env: "TOCSIN_SMTP_LISTEN", toml: "smtp_listen", schema: z.optional(hostPort), help: "SMTP listener for email pings, e.g. 0.0.0.0:2525", defaultText: "off" },
  emailDomains: { env: "TOCSIN_EMAIL_DOMAIN", toml: "email_domain", schema: z._default(domainList, []), help: "domains of ping addresses, comma-separated; required with --smtp-listen", defaultText: "" },
  smtpTlsCert: { env: "TOCSIN_SMTP_TLS_CERT", toml: "smtp_tls_cert", schema: optionalText, help: "PEM certificate file; with the key, the listener offers STARTTLS", defaultText: "" },
  smtpTlsKey: { env: "TOCSIN_SMTP_TLS_KEY", toml: "smtp_tls_key", schema: optionalText, help: "PEM private key file of the SMTP certificate", defaultText: "" },
  trustProxy: { env: "TOCSIN_TRUST_PROXY", toml: "trust_proxy", schema: z._default(bool, false), help: "believe X-Forwarded-For / X-Real-IP for the client address, and X-Forwarded-Host/-Proto for links when no base URL is set (only behind a proxy you run)", defaultText: "false" },
  apiKey: { env: "TOCSIN_API_KEY", toml: "api_key", schema: z.optional(text().check(z.minLength(32, "must be at least 32 characters"), z.maxLength(200, "must be at most 200 characters"))), help: "pins the default project's read-write API key (32+ characters) at every start", defaultText: "generated", secret: true },
  pingKey: { env: "TOCSIN_PING_KEY", toml: "ping_key", schema: z.optional(text().check(z.regex(/^[A-Za-z0-9_-]{16,64}$/, "must be 16-64 characters of A-Z a-z 0-9 _ -"))), help: "pins the default project's ping key (16-64 of A-Za-z0-9_-)", defaultText: "generated", secret: true },
  reporterToken: { env: "TOCSIN_REPORTER_TOKEN", toml: "reporter_token", schema: z.optional(text().check(z.minLength(16, "must be at least 16 characters"), z.maxLength(200, "must be at most 200 characters"))), help: "pins the default project's reporter token (push reporters' password)", defaultText: "generated", secret: true },
  adminPassword: { env: "TOCSIN_ADMIN_PASSWORD", toml: "admin_password", schema: z.optional(text().check(z.minLength(8, "must be at least 8 characters"), z.maxLength(1000, "must be at most 1000 characters"))), help: "pins the dashboard's admin password (8+ characters) at every start", defaultText: "generated, printed at start", secret: true },
  smtpUrl: { env: "TOCSIN_SMTP_URL", toml: "smtp_url", schema: z.optional(url(/^smtps?$/, "an smtp:// or smtps:// URL")), help: "outbound mail server, smtp://user:pass@host:587 or smtps://...", defaultText: "", secret: true },
  emailFrom: { env: "TOCSIN_EMAIL_FROM", toml: "email_from", schema: optionalText, help: "sender address of alert emails", defaultText: "" },
  selfPingUrl: { env: "TOCSIN_SELF_PING_URL", toml: "self_ping_url", schema: z.optional(url(/^https?$/, "an http:// or https:// URL")), help: "a URL Tocsin pings every minute, so someone notices if it dies", defaultText: "" },
  metricsToken: { env: "TOCSIN_METRICS_TOKEN", toml: "metrics_token", schema: optionalText, help: "bearer token with which /metrics shows every project", defaultText: "", secret: true },
  metricsPublic: { env: "TOCSIN_METRICS_PUBLIC", toml: "metrics_public", schema: z._default(bool, false), help: "serve /metrics without a key (exposes every check's name)", defaultText: "false" },
  integrationsAllowPrivate: { env: "TOCSIN_INTEGRATIONS_ALLOW_PRIVATE", toml: "integrations_allow_private", schema: z._default(bool, true), help: "false: channels may not send to loopback, private or link-local addresses", defaultText: "true" },
  statusAtRoot: { env: "TOCSIN_STATUS_AT_ROOT", toml: "status_at_root", schema: z._default(bool, false), help: "also serve the status page at /", defaultText: "false" },
} as const satisfies Record<string, Setting>;

export type SettingKey = keyof typeof settings;

/**
 * Top-level keys of the file that declare objects ("monitoring as code", SPEC §2) rather than
 * settings: arrays of tables, plus `prune`. They are validated by src/config-file/.
 */
export const DECLARED_KEYS = ["projects", "checks", "channels", "maintenance", "prune"] as const;
export type DeclaredKey = (typeof DECLARED_KEYS)[number];
export type DeclaredTables = Readonly<Partial<Record<DeclaredKey, unknown>>>;

export type Config = { -readonly [K in SettingKey]: z.output<(typeof settings)[K]["schema"]> } & {
  /** the file the values came from, if any */
  configFile: string | null;
  /** the file's declared objects, not yet validated */
  declared: DeclaredTables;
};

export type ConfigResult =
  | { readonly ok: true; readonly config: Config }
  /** `declared`: the file's declared objects, so that their problems can be listed with these */
  | { readonly ok: false; readonly errors: string[]; readonly configFile: string | null; readonly declared: DeclaredTables };

export interface ConfigSources {
  /** flag values by flag name (as parsed by node:util parseArgs) */
  readonly flags: Readonly<Record<string, string | boolean | undefined>>;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** reads the TOML file; throws like fs.readFileSync */
  readonly readFile: (path: string) => string;
}

/** Flags every server-side sub-command accepts, for node:util parseArgs. */
export function flagOptions(): Record<string, { type: "string" }> {
  const options: Record<string, { type: "string" }> = { config: { type: "string" } };
  for (const s of Object.values(settings) as Setting[]) if (s.flag) options[s.flag] = { type: "string" };
  return options;
}

export function loadConfig(sources: ConfigSources): ConfigResult {
  const errors: string[] = [];
  const configFile = pick(sources.flags.config) ?? sources.env.TOCSIN_CONFIG ?? null;
  let file: Record<string, unknown> = {};
  if (configFile !== null) {
    const parsed = readToml(configFile, sources.readFile);
    if (!parsed.ok) return { ok: false, errors: [parsed.error], configFile, declared: {} };
    file = parsed.table;
    const known = new Set<string>([...Object.values(settings).map((s: Setting) => s.toml), ...DECLARED_KEYS]);
    for (const key of Object.keys(file)) {
      if (known.has(key)) continue;
      const hint = keyHint(key, known);
      errors.push(`${configFile}: unknown key "${key}"${hint ? `; ${hint}` : ""}`);
    }
  }
  const out: Record<string, unknown> = { configFile, declared: declaredTables(file) };
  for (const [key, s] of Object.entries(settings) as [SettingKey, Setting][]) {
    const [raw, where] = lookup(s, sources, file, configFile);
    const result = s.schema.safeParse(raw);
    if (result.success) out[key] = result.data;
    else errors.push(`${where}${s.secret ? "" : ` = ${echoValue(raw)}`}: ${result.error.issues.map((i) => i.message).join("; ")}`);
  }
  errors.push(...smtpProblems(out as Partial<Config>));
  return errors.length > 0 ? { ok: false, errors, configFile, declared: out.declared as DeclaredTables } : { ok: true, config: out as Config };
}

/** Settings of the SMTP listener that only make sense together. */
function smtpProblems(c: Partial<Config>): string[] {
  const problems: string[] = [];
  // a domain list that did not parse has its own error already
  if (c.smtpListen !== undefined && c.emailDomains?.length === 0) {
    problems.push("TOCSIN_EMAIL_DOMAIN (email_domain): required when the SMTP listener is on (--smtp-listen); the domains ping addresses end in");
  }
  if ((c.smtpTlsCert === undefined) !== (c.smtpTlsKey === undefined)) {
    problems.push("TOCSIN_SMTP_TLS_CERT and TOCSIN_SMTP_TLS_KEY (smtp_tls_cert, smtp_tls_key): set both to offer STARTTLS, or neither");
  }
  return problems;
}

function lookup(s: Setting, src: ConfigSources, file: Record<string, unknown>, configFile: string | null): [unknown, string] {
  const flag = s.flag ? pick(src.flags[s.flag]) : undefined;
  if (flag !== undefined) return [flag, `--${s.flag}`];
  const env = src.env[s.env];
  if (env !== undefined && env !== "") return [env, s.env];
  if (s.toml in file) return [file[s.toml], `${configFile}: ${s.toml}`];
  return [undefined, s.toml];
}

function pick(v: string | boolean | undefined): string | undefined {
  return typeof v === "string" ? v : undefined;
}

/** The declared-object part of a parsed file. */
export function declaredTables(file: Readonly<Record<string, unknown>>): DeclaredTables {
  const out: Partial<Record<DeclaredKey, unknown>> = {};
  for (const key of DECLARED_KEYS) if (key in file) out[key] = file[key];
  return out;
}

type TomlResult = { ok: true; table: Record<string, unknown> } | { ok: false; error: string };

/** Reads and parses the TOML file again (SIGHUP reloads its declared objects). */
export function readConfigFile(path: string, readFile: (path: string) => string): TomlResult {
  return readToml(path, readFile);
}

function readToml(path: string, readFile: (path: string) => string): TomlResult {
  let text: string;
  try {
    text = readFile(path);
  } catch (e) {
    return { ok: false, error: `${path}: cannot read config file (${(e as NodeJS.ErrnoException).code ?? String(e)})` };
  }
  try {
    return { ok: true, table: Bun.TOML.parse(text) as Record<string, unknown> };
  } catch (e) {
    return { ok: false, error: `${path}: ${tomlErrorText(e, text)}` };
  }
}

/**
 * Bun's TOML errors carry no position in the file, so find the line by parsing growing prefixes:
 * the first prefix that fails with the same message holds the error (a prefix cut inside a
 * multi-line array fails too, but with another message).
 */
function tomlErrorText(e: unknown, text: string): string {
  const message = errorMessage(e);
  const lines = text.split("\n");
  for (let n = 1; n <= lines.length; n++) {
    try {
      Bun.TOML.parse(lines.slice(0, n).join("\n") + "\n");
    } catch (prefixError) {
      if (errorMessage(prefixError) === message) return `line ${n}: ${message}`;
    }
  }
  return message;
}

function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message.replace(/^TOML Parse error: /, "") : String(e);
}

/**
 * The settings whose values differ between the running configuration and a fresh parse, by
 * their config-file names. None of them changes without a restart (SPEC §2): SIGHUP re-applies
 * only the declared objects, and names these so that an edit is never silently ignored.
 */
export function changedSettings(running: Config, fresh: Config): string[] {
  return (Object.entries(settings) as [SettingKey, Setting][])
    .filter(([key]) => JSON.stringify(running[key]) !== JSON.stringify(fresh[key]))
    .map(([, s]) => s.toml);
}

/** One row per setting, --config first: what --help prints and the README's table holds. */
export interface SettingRow {
  readonly flag: string;
  readonly env: string;
  readonly toml: string;
  readonly defaultText: string;
  readonly help: string;
}

export function settingRows(): SettingRow[] {
  const config: SettingRow = { flag: "--config", env: "TOCSIN_CONFIG", toml: "", defaultText: "", help: "TOML file with the settings below (snake_case keys)" };
  return [config, ...(Object.values(settings) as Setting[]).map((s) => ({ flag: s.flag ? `--${s.flag}` : "", env: s.env, toml: s.toml, defaultText: s.defaultText, help: s.help }))];
}

/** The `Options` part of --help, generated from the settings table. */
export function optionsHelp(): string {
  const rows = settingRows().map((r) => {
    const name = r.flag === "" ? "" : `${r.flag} ${r.flag === "--config" ? "<file>" : "<v>"}`;
    return `  ${name.padEnd(24)} ${r.env.padEnd(24)} ${r.help}${r.defaultText ? ` (default: ${r.defaultText})` : ""}`;
  });
  return rows.join("\n");
}

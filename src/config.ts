// Configuration: flags > TOCSIN_* env > TOML file (--config) > defaults (SPEC §2).
// One table of settings drives parsing, validation, `--help` and the README's table, so the
// four sources can never disagree about a name.
import { z } from "zod";

// port 0 asks the system for a free port (tests, benchmarks)
const port = z.coerce.number().int().min(0).max(65535);
const hostPort = z
  .string()
  .regex(/^(\[[0-9a-fA-F:]+\]|[^:\s]+):\d+$/, "expected host:port, e.g. 127.0.0.1:8000")
  .refine((v) => port.safeParse(v.slice(v.lastIndexOf(":") + 1)).success, "port must be 0-65535");
const seconds = z.coerce.number().int().min(0).max(86_400);
const bool = z.union([z.boolean(), z.enum(["1", "0", "true", "false", "yes", "no", ""])]).transform(
  (v) => v === true || v === "1" || v === "true" || v === "yes",
);
const optionalText = z.string().min(1).optional();

interface Setting {
  /** flag name without dashes; absent for env/file-only secrets */
  readonly flag?: string;
  readonly env: string;
  readonly toml: string;
  readonly schema: z.ZodType;
  readonly help: string;
  readonly defaultText: string;
}

export const settings = {
  listen: { flag: "listen", env: "TOCSIN_LISTEN", toml: "listen", schema: hostPort.default("127.0.0.1:8000"), help: "HTTP listen address", defaultText: "127.0.0.1:8000" },
  dataDir: { flag: "data-dir", env: "TOCSIN_DATA_DIR", toml: "data_dir", schema: z.string().min(1).default("./tocsin-data"), help: "directory of tocsin.db", defaultText: "./tocsin-data" },
  baseUrl: { flag: "base-url", env: "TOCSIN_BASE_URL", toml: "base_url", schema: z.url({ protocol: /^https?$/ }).optional(), help: "public base URL used in ping URLs", defaultText: "http://<listen>" },
  logFormat: { flag: "log-format", env: "TOCSIN_LOG_FORMAT", toml: "log_format", schema: z.enum(["json", "pretty"]).default("json"), help: "log lines on stderr: json or pretty", defaultText: "json" },
  sync: { flag: "sync", env: "TOCSIN_SYNC", toml: "sync", schema: z.enum(["normal", "full"]).default("normal"), help: "SQLite synchronous mode; full survives power loss", defaultText: "normal" },
  startupGrace: { flag: "startup-grace", env: "TOCSIN_STARTUP_GRACE", toml: "startup_grace", schema: seconds.default(300), help: "seconds after start before checks that came due while Tocsin was down go down", defaultText: "300" },
  pingBodyLimit: { flag: "ping-body-limit", env: "TOCSIN_PING_BODY_LIMIT", toml: "ping_body_limit", schema: z.coerce.number().int().min(0).max(10_000_000).default(100_000), help: "bytes of a ping body stored; the rest is cut", defaultText: "100000" },
  pingLogLimit: { flag: "ping-log-limit", env: "TOCSIN_PING_LOG_LIMIT", toml: "ping_log_limit", schema: z.coerce.number().int().min(1).max(1_000_000).default(100), help: "newest pings kept per check", defaultText: "100" },
  trustProxy: { env: "TOCSIN_TRUST_PROXY", toml: "trust_proxy", schema: bool.default(false), help: "take the client address from X-Forwarded-For / X-Real-IP", defaultText: "false" },
  apiKey: { env: "TOCSIN_API_KEY", toml: "api_key", schema: z.string().min(32, "must be at least 32 characters").max(200).optional(), help: "pins the default project's read-write API key", defaultText: "generated" },
  pingKey: { env: "TOCSIN_PING_KEY", toml: "ping_key", schema: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, "must be 16-64 characters of A-Z a-z 0-9 _ -").optional(), help: "pins the default project's ping key", defaultText: "generated" },
  adminPassword: { env: "TOCSIN_ADMIN_PASSWORD", toml: "admin_password", schema: z.string().min(8, "must be at least 8 characters").max(1000).optional(), help: "pins the dashboard's admin password", defaultText: "generated, printed at start" },
  smtpUrl: { env: "TOCSIN_SMTP_URL", toml: "smtp_url", schema: z.url({ protocol: /^smtps?$/ }).optional(), help: "outbound mail server, smtp://user:pass@host:587", defaultText: "" },
  emailFrom: { env: "TOCSIN_EMAIL_FROM", toml: "email_from", schema: optionalText, help: "sender of alert emails", defaultText: "" },
  selfPingUrl: { env: "TOCSIN_SELF_PING_URL", toml: "self_ping_url", schema: z.url({ protocol: /^https?$/ }).optional(), help: "URL Tocsin pings every minute", defaultText: "" },
  metricsToken: { env: "TOCSIN_METRICS_TOKEN", toml: "metrics_token", schema: optionalText, help: "bearer token required by /metrics", defaultText: "" },
  statusAtRoot: { env: "TOCSIN_STATUS_AT_ROOT", toml: "status_at_root", schema: bool.default(false), help: "serve the status page at / too", defaultText: "false" },
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

export type ConfigResult = { readonly ok: true; readonly config: Config } | { readonly ok: false; readonly errors: string[] };

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
    if (!parsed.ok) return { ok: false, errors: [parsed.error] };
    file = parsed.table;
    const known = new Set<string>([...Object.values(settings).map((s: Setting) => s.toml), ...DECLARED_KEYS]);
    for (const key of Object.keys(file)) if (!known.has(key)) errors.push(`${configFile}: unknown key "${key}"`);
  }
  const out: Record<string, unknown> = { configFile, declared: declaredTables(file) };
  for (const [key, s] of Object.entries(settings) as [SettingKey, Setting][]) {
    const [raw, where] = lookup(s, sources, file, configFile);
    const result = s.schema.safeParse(raw);
    if (result.success) out[key] = result.data;
    else errors.push(`${where}: ${result.error.issues.map((i) => i.message).join("; ")}`);
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, config: out as Config };
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

/** The `Options` part of --help, generated from the settings table. */
export function optionsHelp(): string {
  const rows = (Object.values(settings) as Setting[]).map((s) => {
    const name = s.flag ? `--${s.flag} <v>` : "";
    return `  ${name.padEnd(24)} ${s.env.padEnd(24)} ${s.help}${s.defaultText ? ` (default: ${s.defaultText})` : ""}`;
  });
  return [`  ${"--config <file>".padEnd(24)} ${"TOCSIN_CONFIG".padEnd(24)} TOML file with the settings below (snake_case keys)`, ...rows].join("\n");
}

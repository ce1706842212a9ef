// Structured logs: one JSON object per line on stderr, or a readable line with --log-format pretty.
// Callers never pass secrets; fields are data, the message is a fixed sentence.

export type LogLevel = "debug" | "info" | "warn" | "error";
export type LogFields = Readonly<Record<string, unknown>>;

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
}

/**
 * Lines go out through console.error: Bun writes it straight to the descriptor, synchronously,
 * while process.stderr's stream machinery costs about 5 MB of a daemon's memory (SPEC §11).
 */
export const writeStderr = (text: string): void => console.error(text.endsWith("\n") ? text.slice(0, -1) : text);

export function createLogger(format: "json" | "pretty", write: (line: string) => void = writeStderr): Logger {
  const emit = (level: LogLevel, msg: string, fields: LogFields = {}): void => {
    const time = new Date().toISOString();
    if (format === "json") {
      write(JSON.stringify({ time, level, msg, ...fields }, errorReplacer) + "\n");
      return;
    }
    const rest = Object.entries(fields)
      .map(([k, v]) => `${k}=${typeof v === "string" ? v : JSON.stringify(v, errorReplacer)}`)
      .join(" ");
    write(`${time} ${level.toUpperCase().padEnd(5)} ${msg}${rest ? " " + rest : ""}\n`);
  };
  return {
    debug: (m, f) => emit("debug", m, f),
    info: (m, f) => emit("info", m, f),
    warn: (m, f) => emit("warn", m, f),
    error: (m, f) => emit("error", m, f),
  };
}

function errorReplacer(_key: string, value: unknown): unknown {
  return value instanceof Error ? { name: value.name, message: value.message } : value;
}

/** A logger that drops everything, for tests that do not read logs. */
export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };

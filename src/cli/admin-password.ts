// `tocsin admin set-password` (SPEC §10, §12): sets the dashboard's admin password in the local
// database and ends every dashboard session. The password comes from standard input (one line,
// for scripts: `echo "$PW" | tocsin admin set-password`) or, on a terminal, from a prompt that
// does not echo. Works on an existing installation only: it never creates a database.
import { setAdminPassword } from "../sessions/admin-password.ts";
import { PASSWORD_MAX } from "../sessions/password.ts";
import { type CommandIo, EXIT_USAGE } from "./io.ts";
import { openDataDir } from "../daemon.ts";
import { parseServerCommand } from "./server-config.ts";

const USAGE = `Usage: tocsin admin set-password [options]

Sets the dashboard's admin password and logs every browser out. Reads the password from
standard input (the first line), or asks for it twice when standard input is a terminal.
Works on the local database (--data-dir); a running daemon uses the new password at once.

example: echo "$NEW_PASSWORD" | tocsin admin set-password --data-dir /var/lib/tocsin`;

export interface PasswordSource {
  readonly interactive: boolean;
  /** the first line of standard input (without its line ending), null at end of input */
  readLine(prompt: string): Promise<string | null>;
}

export async function runAdmin(io: CommandIo, source: PasswordSource = stdinSource()): Promise<number> {
  const parsed = parseServerCommand(io, USAGE);
  if (parsed.kind === "exit") return parsed.status;
  const [sub, ...extra] = parsed.positionals;
  if (sub !== "set-password" || extra.length > 0) {
    io.err(sub === undefined || sub === "set-password" ? USAGE : `tocsin admin: unknown sub-command "${sub}"\n\n${USAGE}`);
    return EXIT_USAGE;
  }
  // opened before asking, so a wrong --data-dir is said before anyone types a password
  const opened = openDataDir(parsed.config, { create: false });
  if (!opened.ok) {
    io.err(`tocsin admin: ${opened.error}`);
    return EXIT_USAGE;
  }
  const password = await readPassword(source);
  if (password === null) {
    opened.store.close();
    io.err("tocsin admin: no password given (standard input was empty), or the two entries differ");
    return EXIT_USAGE;
  }
  try {
    const set = await setAdminPassword(opened.store, password);
    if (!set.ok) {
      io.err(`tocsin admin: ${set.error}`);
      return EXIT_USAGE;
    }
    io.out(`Admin password set. ${set.sessionsEnded === 1 ? "1 dashboard session was" : `${set.sessionsEnded} dashboard sessions were`} ended.`);
    if (parsed.config.adminPassword !== undefined) io.out("Note: TOCSIN_ADMIN_PASSWORD (or admin_password in the config file) is set and replaces this password at the next start.");
    return 0;
  } finally {
    opened.store.close();
  }
}

async function readPassword(source: PasswordSource): Promise<string | null> {
  const first = await source.readLine("New admin password: ");
  if (first === null || first === "") return null;
  if (!source.interactive) return first;
  const again = await source.readLine("Repeat it: ");
  return again === first ? first : null;
}

function stdinSource(): PasswordSource {
  const interactive = process.stdin.isTTY === true;
  return { interactive, readLine: (prompt) => (interactive ? promptHidden(prompt) : firstLine()) };
}

/** The first line of a piped standard input, within the password length bound. */
async function firstLine(): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin as AsyncIterable<Buffer>) {
    chunks.push(chunk);
    size += chunk.length;
    if (size > PASSWORD_MAX * 4 + 2 || chunk.includes(10)) break;
  }
  const text = Buffer.concat(chunks).toString("utf8");
  const line = text.split(/\r?\n/)[0] ?? "";
  return text === "" ? null : line;
}

/** Reads a line from the terminal without echoing it. */
function promptHidden(prompt: string): Promise<string | null> {
  return new Promise((done) => {
    process.stderr.write(prompt);
    const stdin = process.stdin;
    stdin.setRawMode?.(true);
    let line = "";
    const finish = (value: string | null) => {
      stdin.setRawMode?.(false);
      stdin.pause();
      stdin.off("data", onData);
      process.stderr.write("\n");
      done(value);
    };
    const onData = (data: Buffer) => {
      for (const ch of data.toString("utf8")) {
        if (ch === "\r" || ch === "\n") return finish(line);
        if (ch === "\u0003" || ch === "\u0004") return finish(null);
        if (ch === "\u007f" || ch === "\b") line = line.slice(0, -1);
        else if (line.length <= PASSWORD_MAX) line += ch;
      }
    };
    stdin.on("data", onData);
    stdin.resume();
  });
}

// Runs the real entry point (src/main.ts) as a child process, as a user would run the binary.
import { join } from "node:path";

export const MAIN = join(import.meta.dir, "..", "..", "src", "main.ts");

export interface CliRun {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

export async function runCli(args: string[], opts: { cwd?: string; env?: Record<string, string> } = {}): Promise<CliRun> {
  const proc = Bun.spawn([process.execPath, MAIN, ...args], {
    cwd: opts.cwd,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", ...opts.env },
    stdout: "pipe",
    stderr: "pipe",
  });
  const [stdout, stderr, status] = await Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text(), proc.exited]);
  return { status, stdout, stderr };
}

/**
 * Starts `tocsin serve` on a free port and waits until /api/v3/status/ answers. `listenFlag` false
 * leaves the listen address to the environment or the config file.
 */
export async function startServe(args: string[], opts: { cwd?: string; env?: Record<string, string>; listenFlag?: boolean } = {}) {
  const listen = opts.listenFlag === false ? [] : ["--listen", "127.0.0.1:0"];
  const proc = Bun.spawn([process.execPath, MAIN, "serve", ...listen, ...args], {
    cwd: opts.cwd,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", TOCSIN_LOG_FORMAT: "json", ...opts.env },
    stdout: "pipe",
    stderr: "pipe",
  });
  const reader = proc.stderr.getReader();
  let log = "";
  const decoder = new TextDecoder();
  while (!/"msg":"listening"/.test(log)) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`daemon exited before listening: ${log}`);
    log += decoder.decode(value);
  }
  const url = /"url":"([^"]+)"/.exec(log)![1]!;
  reader.releaseLock();
  return { proc, url, startupLog: log };
}

// Whether a daemon uses a data directory, for commands that must not run beside one (restore).
// First the daemon's lock (store/lock-probe.ts), which also keeps a daemon from starting while the
// command runs; then, for a daemon that predates the lock, any other process that has the database
// file open (Linux /proc; elsewhere only the lock is seen).
import { existsSync, readdirSync, readlinkSync, realpathSync } from "node:fs";
import { join } from "node:path";
import { probeLock } from "../store/lock-probe.ts";

export type DataDirClaim = { readonly running: false; release(): void } | { readonly running: true; readonly pid: number | null };

const LOCK_FILE = "tocsin.lock";

/** Claims the stopped data directory `dir` whose database is `dbPath`, or says who runs in it. */
export function claimStoppedDataDir(dir: string, dbPath: string): DataDirClaim {
  const lock = probeLock(join(dir, LOCK_FILE));
  if (lock.held) return { running: true, pid: lock.pid };
  const pid = processWithOpen(dbPath);
  if (pid === null) return { running: false, release: lock.release };
  lock.release();
  return { running: true, pid };
}

/** The PID of another process that has `file` open, where /proc tells; null when none (or no /proc). */
function processWithOpen(file: string): number | null {
  if (!existsSync(file) || !existsSync("/proc/self/fd")) return null;
  const target = realpathSync(file);
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${entry}/fd`);
    } catch {
      continue; // gone, or another user's process
    }
    for (const fd of fds) {
      try {
        if (readlinkSync(`/proc/${entry}/fd/${fd}`) === target) return Number(entry);
      } catch {
        // the descriptor closed while we looked
      }
    }
  }
  return null;
}

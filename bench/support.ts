// What the benchmarks that run the compiled binary share: waiting until it answers, and reading
// its resident memory.
import { readFileSync } from "node:fs";

/** Resolves once `url` answers 2xx (the binary is up); polls every `pollMs`. */
export async function waitUntilAnswering(url: string, pollMs = 10): Promise<void> {
  for (;;) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await Bun.sleep(pollMs);
  }
}

/** The process's resident set (VmRSS), in MB. */
export function rssMb(pid: number): number {
  return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))![1]) / 1024;
}

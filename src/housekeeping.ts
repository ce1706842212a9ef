// Periodic jobs the daemon schedules beside the request path: retention, self-monitoring,
// liveness. Each job runs on its own interval, never twice at once; a failing job is logged and
// tried again at its next turn. Tests run a job directly with run(name).
import type { Logger } from "./log.ts";

export interface Job {
  readonly name: string;
  readonly everyMs: number;
  /** run once when started, before the first interval */
  readonly atStart: boolean;
  run(): unknown;
}

export class Housekeeping {
  private readonly timers: ReturnType<typeof setInterval>[] = [];
  private readonly running = new Map<string, Promise<unknown>>();

  constructor(
    private readonly jobs: readonly Job[],
    private readonly log: Logger,
  ) {}

  start(): void {
    for (const job of this.jobs) {
      if (job.atStart) void this.run(job.name);
      this.timers.push(setInterval(() => void this.run(job.name), job.everyMs));
    }
  }

  /** Runs the named job now (unless it is still running) and answers what it returned; null when there is no such job. */
  async run(name: string): Promise<unknown> {
    const job = this.jobs.find((j) => j.name === name);
    if (!job) return null;
    const busy = this.running.get(name);
    if (busy) return busy;
    const p = (async () => {
      try {
        return await job.run();
      } catch (e) {
        this.log.error("housekeeping job failed", { job: name, error: e });
        return null;
      } finally {
        this.running.delete(name);
      }
    })();
    this.running.set(name, p);
    return p;
  }

  /** Stops the intervals and waits for jobs in progress. */
  async stop(): Promise<void> {
    for (const t of this.timers) clearInterval(t);
    this.timers.length = 0;
    await Promise.allSettled(this.running.values());
  }
}

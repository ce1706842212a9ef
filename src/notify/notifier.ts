// The notifier's loop: delivers unprocessed, non-silent flips to their channels (SPEC §8).
//
// Each round plans (planner.ts: claim new flips, decide per check and channel, queue deliveries,
// all in one write transaction), then leases what is due and starts sending it (deliver.ts).
// No polling: after each round the loop sleeps (setTimeout) until the earliest stored instant
// some work becomes due (a retry, a damping minute, the end of a mute or a window, a reminder);
// wake() cuts the sleep short when a flip is committed. Decisions read time only through
// deps.now, so tests drive everything with a settable clock and runDue().
import type { DeliverDeps } from "./deliver.ts";

// Planning and sending (alert texts, every channel kind and its schema) load with the first work
// that is due: a daemon with nothing to send does not carry them (SPEC §11, idle memory).
type Parts = typeof import("./deliver.ts") & typeof import("./planner.ts");

/** Sends in flight at once. */
const MAX_IN_FLIGHT = 16;
/** Flips and evaluations handled per planning transaction. */
const PLAN_BATCH = 500;
/** After a failed round (database busy), the next one waits this long. */
const FAILED_ROUND_DELAY_MS = 1_000;
const MAX_SLEEP_MS = 2_147_483_647;

/** What deliveries need; retry jitter is Math.random unless given. */
export type NotifierDeps = Omit<DeliverDeps, "random"> & { readonly random?: () => number };

export interface RunSummary {
  readonly flips: number;
  readonly queued: number;
  readonly attempts: number;
}

interface Round {
  readonly flips: number;
  readonly queued: number;
  readonly more: boolean;
  readonly sends: Promise<void>[];
}

export class Notifier {
  private started = false;
  private stopped = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private kicked = false;
  private readonly inFlight = new Map<number, Promise<void>>();
  private readonly deliverDeps: DeliverDeps;
  private parts: Parts | null = null;
  private loading: Promise<Parts> | null = null;

  constructor(private readonly deps: NotifierDeps) {
    this.deliverDeps = { ...deps, random: deps.random ?? Math.random };
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    this.kick();
  }

  /** A flip was committed or a held alert may be due: look at the outbox soon. */
  wake(): void {
    if (this.started && !this.stopped) this.kick();
  }

  /** Stops the loop and waits for deliveries in flight. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await Promise.allSettled(this.inFlight.values());
  }

  /**
   * Does everything due at deps.now() and waits for the sends it started; repeats until nothing
   * more is due. Tests call this after moving the clock instead of waiting for timers.
   */
  async runDue(): Promise<RunSummary> {
    await this.loadParts();
    let flips = 0;
    let queued = 0;
    let attempts = 0;
    for (;;) {
      const round = this.round();
      flips += round.flips;
      queued += round.queued;
      attempts += round.sends.length;
      if (round.sends.length === 0 && !round.more) break;
      await Promise.all([...round.sends, ...this.inFlight.values()]);
    }
    await Promise.all(this.inFlight.values());
    return { flips, queued, attempts };
  }

  private kick(): void {
    if (this.kicked) return;
    this.kicked = true;
    setTimeout(() => {
      this.kicked = false;
      this.tick();
    }, 0);
  }

  private tick(): void {
    if (this.stopped) return;
    let failed = false;
    try {
      if (this.round().more) this.kick();
    } catch (e) {
      failed = true;
      this.deps.log.error("notifier round failed; retrying", { error: e });
    }
    this.arm(failed);
  }

  private arm(failed: boolean): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.stopped) return;
    // a full house is woken by the sends finishing, not by a timer; a loading one by the load
    if (this.inFlight.size >= MAX_IN_FLIGHT || (this.parts === null && this.loading !== null)) return;
    const now = this.deps.now();
    const inFlight = [...this.inFlight.keys()];
    const at = failed ? now + FAILED_ROUND_DELAY_MS : this.deps.store.read((tx) => tx.nextWorkAt(inFlight));
    if (at === null) return;
    const delay = Math.min(Math.max(0, at - now), MAX_SLEEP_MS);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.tick();
    }, delay);
  }

  /** Plans, then leases what is due and starts sending it. Synchronous up to the sends. */
  private round(): Round {
    const { store, log } = this.deps;
    const now = this.deps.now();
    const parts = this.parts;
    if (parts === null) {
      // the round after the modules arrive does the work
      const at = store.read((tx) => tx.nextWorkAt([...this.inFlight.keys()]));
      if (at !== null && at <= now) void this.loadParts().then(() => this.wake(), (e: unknown) => log.error("cannot load the alert sender", { error: e }));
      return { flips: 0, queued: 0, more: false, sends: [] };
    }
    const plan = parts.planAlerts(store, now, PLAN_BATCH, log);
    const capacity = MAX_IN_FLIGHT - this.inFlight.size;
    if (capacity <= 0) return { flips: plan.flips, queued: plan.queued, more: plan.more, sends: [] };
    const exclude = [...this.inFlight.keys()];
    const claimed = store.write((tx) => parts.claimDue(tx, now, capacity, exclude));
    const sends = claimed.map((c) => this.track(c.delivery.id, parts.deliver(this.deliverDeps, c)));
    return { flips: plan.flips, queued: plan.queued, more: plan.more, sends };
  }

  private loadParts(): Promise<Parts> {
    this.loading ??= Promise.all([import("./deliver.ts"), import("./planner.ts")]).then(
      ([deliver, planner]) => (this.parts = { ...deliver, ...planner }),
      (e: unknown) => {
        // tried again a second later rather than never (or in a tight loop)
        setTimeout(() => {
          this.loading = null;
          this.wake();
        }, FAILED_ROUND_DELAY_MS).unref?.();
        throw e;
      },
    );
    return this.loading;
  }

  private track(id: number, p: Promise<void>): Promise<void> {
    const tracked = p
      .catch((e) => this.deps.log.error("delivery failed unexpectedly", { delivery: id, error: e }))
      .finally(() => {
        this.inFlight.delete(id);
        if (this.started) this.wake();
      });
    this.inFlight.set(id, tracked);
    return tracked;
  }
}

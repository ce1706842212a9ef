// Fixtures for alert tests: a local HTTP receiver posing as any service, and a Tocsin world with
// channels assigned through the store.
import type { Server } from "bun";
import type { Channel, Check } from "../../src/store/store.ts";
import { parseSettings, type ChannelKind } from "../../src/notify/registry.ts";
import { silentLogger } from "../../src/log.ts";
import { DeliveryCounters } from "../../src/notify/counters.ts";
import { CronCache } from "../../src/core/cron-cache.ts";
import { Notifier } from "../../src/notify/notifier.ts";
import { Transports } from "../../src/notify/transports.ts";
import type { Store } from "../../src/store/store.ts";
import { aWorld } from "../support/world.ts";

/** A second notifier on the same store (another process, a restart). */
export function aNotifier(store: Store, now: () => number): Notifier {
  return new Notifier({ store, crons: new CronCache(), log: silentLogger, now, baseUrl: () => "http://tocsin.test", transports: new Transports({}), counters: new DeliveryCounters() });
}

export interface Received {
  readonly method: string;
  readonly path: string;
  readonly url: URL;
  readonly headers: Headers;
  readonly body: string;
  /** the body parsed as JSON, or undefined */
  readonly json: any;
}

/**
 * A local HTTP server that records every request. `statuses` are answered in order, then 200.
 * `hold` keeps requests unanswered until `release()` (a receiver that hangs).
 */
export function aReceiver(opts: { statuses?: number[]; hold?: boolean } = {}) {
  const received: Received[] = [];
  const statuses = [...(opts.statuses ?? [])];
  let releases: (() => void)[] = [];
  let holding = opts.hold ?? false;
  const waiters: (() => void)[] = [];
  const server: Server<undefined> = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    fetch: async (req) => {
      const body = await req.text();
      let json: unknown;
      try {
        json = JSON.parse(body);
      } catch {
        json = undefined;
      }
      const url = new URL(req.url);
      received.push({ method: req.method, path: url.pathname, url, headers: req.headers, body, json });
      for (const w of waiters.splice(0)) w();
      if (holding) await new Promise<void>((r) => releases.push(r));
      const status = statuses.shift() ?? 200;
      return new Response(status === 200 ? "ok" : `status ${status}`, { status });
    },
  });
  return {
    url: `http://127.0.0.1:${server.port}`,
    received,
    /** resolves once `n` requests have arrived */
    until: async (n: number): Promise<void> => {
      while (received.length < n) await new Promise<void>((r) => waiters.push(r));
    },
    release: (): void => {
      holding = false;
      for (const r of releases) r();
      releases = [];
    },
    stop: (): void => {
      holding = false;
      for (const r of releases) r();
      server.stop(true);
    },
  };
}

export type Receiver = ReturnType<typeof aReceiver>;

/** aWorld plus channels: settings go through the kind's schema, as the API would store them. */
export function anAlertWorld(opts: Parameters<typeof aWorld>[0] = {}) {
  const w = aWorld(opts);
  const notifier = w.services.notifier;
  const addChannel = (kind: ChannelKind, settings: Record<string, unknown>, extra: { name?: string; managed?: boolean; projectId?: number } = {}): Channel => {
    const parsed = parseSettings(kind, settings);
    if (!parsed.ok) throw new Error(parsed.error);
    return w.store.write((tx) => tx.insertChannel({
      id: crypto.randomUUID(),
      projectId: extra.projectId ?? w.project.id,
      name: extra.name ?? kind,
      kind,
      settings: parsed.settings,
      managed: extra.managed ?? false,
      created: w.clock.now(),
    }));
  };
  const assign = (check: Check, ...channels: Channel[]): void => w.store.write((tx) => tx.setCheckChannels(check.id, channels.map((c) => c.id)));
  const ping = async (check: Check, suffix = ""): Promise<void> => {
    const res = await w.request(`/ping/${check.uuid}${suffix}`, { method: "POST" });
    if (res.status !== 200) throw new Error(`ping answered ${res.status}`);
  };
  const attempts = (check?: Check) =>
    w
      .rows("notifications")
      .filter((r) => check === undefined || r.check_id === check.id)
      .map((r) => ({ channel_id: r.channel_id, flip_id: r.flip_id, attempt: r.attempt, status: r.status, error: r.error, created: r.created })) as {
      channel_id: string;
      flip_id: number | null;
      attempt: number;
      status: string;
      error: string;
      created: number;
    }[];
  const S = 1000;
  return { ...w, notifier, addChannel, assign, ping, attempts, S };
}

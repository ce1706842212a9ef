// POST /api/v3/channels/<id>/test: a made-up alert sent now, its attempt recorded like any other.
import type { Channel } from "../store/store.ts";
import { testAlert } from "./alert-build.ts";
import type { AttemptStatus } from "../store/store.ts";
import { attempt, type DeliverDeps, outcomeOf, showOnChannel } from "./deliver.ts";

export interface TestOutcome {
  readonly status: AttemptStatus;
  readonly error: string;
  readonly durationMs: number;
  /** the attempt's row in the delivery log */
  readonly attemptId: number;
}

export type ChannelTester = (channel: Channel) => Promise<TestOutcome>;

export function createChannelTester(deps: Pick<DeliverDeps, "store" | "now" | "baseUrl" | "transports" | "counters">): ChannelTester {
  return async (channel) => {
    const alert = testAlert(deps.now(), deps.baseUrl(), channel.id);
    const { result, durationMs } = await attempt(deps.transports, channel, alert);
    const at = deps.now();
    const outcome = outcomeOf(result);
    const attemptId = deps.store.write((tx) => {
      showOnChannel(tx, channel.id, result);
      return tx.insertNotification({ flipId: null, checkId: null, channelId: channel.id, attempt: 1, ...outcome, durationMs, at });
    });
    deps.counters.count(channel.kind, outcome.status);
    return { ...outcome, durationMs, attemptId };
  };
}

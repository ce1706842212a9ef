// Delivery attempts since start, by channel kind and outcome, for /metrics.
import type { AttemptStatus } from "../store/store.ts";

export interface NotificationCount {
  readonly kind: string;
  readonly status: AttemptStatus;
  readonly count: number;
}

export class DeliveryCounters {
  private readonly counts = new Map<string, number>();

  count(kind: string, status: AttemptStatus): void {
    const key = `${kind}\t${status}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  list(): NotificationCount[] {
    return [...this.counts].map(([key, count]) => {
      const [kind = "", status] = key.split("\t");
      return { kind, status: status as AttemptStatus, count };
    });
  }
}

// A Prometheus histogram of latencies in seconds (the ping batches' commits, on /metrics), kept
// apart from the metrics route so the ping path can fill it without loading the API. Cumulative.
export class LatencyHistogram {
  private readonly counts: number[];
  private total = 0;
  private sum = 0;

  constructor(readonly bounds: readonly number[] = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1]) {
    this.counts = bounds.map(() => 0);
  }

  observe(seconds: number): void {
    this.total++;
    this.sum += seconds;
    for (let i = 0; i < this.bounds.length; i++) if (seconds <= this.bounds[i]!) this.counts[i]!++;
  }

  lines(name: string): string[] {
    const out = this.bounds.map((b, i) => `${name}_bucket{le="${b}"} ${this.counts[i]}`);
    out.push(`${name}_bucket{le="+Inf"} ${this.total}`, `${name}_sum ${this.sum}`, `${name}_count ${this.total}`);
    return out;
  }
}


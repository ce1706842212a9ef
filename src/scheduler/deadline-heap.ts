// An indexed binary min-heap of (deadline, check id): at most one entry per check, so updating
// a deadline after every ping moves the entry in O(log n) instead of piling up stale entries.

export class DeadlineHeap {
  private readonly ids: number[] = [];
  private readonly ats: number[] = [];
  private readonly pos = new Map<number, number>();

  get size(): number {
    return this.ids.length;
  }

  /** Sets, moves or (with null) removes the check's deadline. */
  set(id: number, at: number | null): void {
    const i = this.pos.get(id);
    if (at === null) {
      if (i !== undefined) this.removeAt(i);
      return;
    }
    if (i === undefined) {
      this.ids.push(id);
      this.ats.push(at);
      this.pos.set(id, this.ids.length - 1);
      this.up(this.ids.length - 1);
      return;
    }
    const old = this.ats[i]!;
    this.ats[i] = at;
    if (at < old) this.up(i);
    else this.down(i);
  }

  get(id: number): number | null {
    const i = this.pos.get(id);
    return i === undefined ? null : this.ats[i]!;
  }

  /** The earliest entry, or null when empty. */
  peek(): { id: number; at: number } | null {
    return this.ids.length === 0 ? null : { id: this.ids[0]!, at: this.ats[0]! };
  }

  pop(): { id: number; at: number } | null {
    const top = this.peek();
    if (top) this.removeAt(0);
    return top;
  }

  private removeAt(i: number): void {
    const last = this.ids.length - 1;
    this.pos.delete(this.ids[i]!);
    if (i !== last) {
      this.ids[i] = this.ids[last]!;
      this.ats[i] = this.ats[last]!;
      this.pos.set(this.ids[i]!, i);
    }
    this.ids.pop();
    this.ats.pop();
    if (i < this.ids.length) {
      this.up(i);
      this.down(i);
    }
  }

  private up(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.ats[parent]! <= this.ats[i]!) return;
      this.swap(i, parent);
      i = parent;
    }
  }

  private down(i: number): void {
    const n = this.ids.length;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < n && this.ats[l]! < this.ats[m]!) m = l;
      if (r < n && this.ats[r]! < this.ats[m]!) m = r;
      if (m === i) return;
      this.swap(i, m);
      i = m;
    }
  }

  private swap(a: number, b: number): void {
    const id = this.ids[a]!;
    const at = this.ats[a]!;
    this.ids[a] = this.ids[b]!;
    this.ats[a] = this.ats[b]!;
    this.ids[b] = id;
    this.ats[b] = at;
    this.pos.set(this.ids[a]!, a);
    this.pos.set(id, b);
  }
}

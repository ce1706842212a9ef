// The last N bytes of a stream, kept without copying everything that went before.

export class TailBuffer {
  private chunks: Uint8Array[] = [];
  private size = 0;
  private dropped = false;

  constructor(private readonly limit: number) {}

  push(chunk: Uint8Array): void {
    if (chunk.length >= this.limit) {
      this.dropped ||= this.size > 0 || chunk.length > this.limit;
      this.chunks = [chunk.subarray(chunk.length - this.limit)];
      this.size = this.limit;
      return;
    }
    this.chunks.push(chunk);
    this.size += chunk.length;
    // drop whole chunks from the front while the rest still holds `limit` bytes
    while (this.size - this.chunks[0]!.length >= this.limit) {
      this.size -= this.chunks.shift()!.length;
      this.dropped = true;
    }
  }

  /**
   * The kept bytes, at most `limit`. When the cut fell inside a UTF-8 character its leftover
   * continuation bytes are dropped, so text output stays valid text.
   */
  bytes(): Uint8Array {
    const all = Buffer.concat(this.chunks);
    let start = Math.max(0, all.length - this.limit);
    if (this.dropped || start > 0) {
      for (let i = 0; i < 3 && start < all.length && (all[start]! & 0xc0) === 0x80; i++) start++;
    }
    return all.subarray(start);
  }
}

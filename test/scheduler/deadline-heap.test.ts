import { describe, expect, test } from "bun:test";
import { DeadlineHeap } from "../../src/scheduler/deadline-heap.ts";

describe("deadline heap", () => {
  test("pops deadlines in order after random sets, moves and removals", () => {
    const heap = new DeadlineHeap();
    const model = new Map<number, number>();
    let seed = 42;
    const rand = (n: number): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed % n;
    };
    for (let i = 0; i < 5_000; i++) {
      const id = rand(500);
      const at = rand(3) === 0 ? null : rand(1_000_000);
      heap.set(id, at);
      if (at === null) model.delete(id);
      else model.set(id, at);
    }
    expect(heap.size).toBe(model.size);
    const popped: number[] = [];
    for (let top = heap.pop(); top; top = heap.pop()) {
      expect(model.get(top.id)).toBe(top.at);
      popped.push(top.at);
    }
    expect(popped).toEqual([...model.values()].sort((a, b) => a - b));
  });

  test("keeps one entry per check", () => {
    const heap = new DeadlineHeap();
    heap.set(1, 100);
    heap.set(1, 50);
    heap.set(1, 200);
    expect(heap.size).toBe(1);
    expect(heap.get(1)).toBe(200);
    heap.set(1, null);
    expect(heap.peek()).toBeNull();
  });
});

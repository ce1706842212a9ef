// Writes other processes make to the database file reach the live services within a poll.
import { describe, expect, test } from "bun:test";
import { migratedStore, tempDbPath } from "../support/db.ts";
import { aWorld } from "../support/world.ts";

/** A world on a file, and a second connection to it playing another process. */
function twoProcesses() {
  const path = tempDbPath();
  const w = aWorld({ store: migratedStore(path) });
  const other = migratedStore(path);
  const poll = () => w.services.housekeeping.run("external-writes") as Promise<{ projects: number; checks: number }>;
  return { w, other, poll };
}

describe("writes by other processes", () => {
  test("a project another process added serves slug URLs after the next poll", async () => {
    const { w, other, poll } = twoProcesses();
    const created = other.write((tx) => tx.createProject("late", "Late", 0));
    const path = `/ping/${created.project.pingKey}/job?create=1`;
    expect((await w.request(path)).status).toBe(404);
    expect(await poll()).toMatchObject({ projects: 2 });
    expect((await w.request(path)).status).toBe(201);
  });

  test("a rotated ping key replaces the old one after the next poll", async () => {
    const { w, other, poll } = twoProcesses();
    w.addCheck({ slug: "job" });
    const old = w.project.pingKey;
    const rotated = other.write((tx) => tx.rotateProjectKeys(w.project.id));
    await poll();
    expect((await w.request(`/ping/${old}/job`)).status).toBe(404);
    expect((await w.request(`/ping/${rotated.pingKey}/job`)).status).toBe(200);
  });

  test("a check another process created takes pings and has its deadline after the next poll", async () => {
    const { w, other, poll } = twoProcesses();
    const check = other.write((tx) => tx.insertCheck({ projectId: w.project.id, uuid: crypto.randomUUID(), name: "theirs" }, w.clock.now()));
    expect((await w.request(`/ping/${check.uuid}`)).status).toBe(404);
    expect(await poll()).toMatchObject({ checks: 1 });
    expect((await w.request(`/ping/${check.uuid}`)).status).toBe(200);
    expect(w.services.scheduler.pending).toBe(1);
  });

  test("without writes by others a poll reads nothing", async () => {
    const { w, poll } = twoProcesses();
    w.store.write((tx) => tx.createProject("mine", "Mine", 0));
    expect(await poll()).toEqual({ projects: 0, checks: 0 });
  });
});

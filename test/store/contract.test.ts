// The store contract: one list of scenarios, run against every store implementation. A second
// backend joins IMPLEMENTATIONS and must pass every row unchanged; a scenario that cannot apply to
// an implementation is skipped by name with its reason, never silently.
import { describe, expect, test } from "bun:test";
import { loadMigrations } from "../../src/assets.ts";
import type { CheckStatus, FlipReason } from "../../src/core/types.ts";
import { DEFAULT_DEFINITION, definitionOf } from "../../src/store/check-model.ts";
import { openStore, type Store, type Tx } from "../../src/store/store.ts";
import { tempDbPath } from "../support/db.ts";

interface Implementation {
  readonly name: string;
  open(): Store;
  /** scenario names this implementation cannot run, with the reason */
  readonly skips?: Readonly<Record<string, string>>;
}

function migrated(path: string): Store {
  const store = openStore(path);
  const result = store.migrate(loadMigrations());
  if (!result.ok) throw new Error(result.error);
  return store;
}

const IMPLEMENTATIONS: readonly Implementation[] = [
  { name: "sqlite in memory", open: () => migrated(":memory:"), skips: { "a second connection sees a committed write": "an in-memory database has one connection" } },
  { name: "sqlite file", open: () => migrated(tempDbPath()) },
];

const T = Date.UTC(2026, 0, 15, 12);

interface Scenario {
  readonly name: string;
  run(store: Store, tx: Tx): void;
}

/** A project and a check in it, the ground most scenarios stand on. */
function ground(tx: Tx) {
  const { project } = tx.createProject("ops", "Operations", T, { pingKey: "contractpingkey00001" });
  const check = tx.insertCheck({ projectId: project.id, uuid: crypto.randomUUID(), name: "backup", slug: "backup", tags: "db nightly" }, T);
  return { project, check };
}

const SCENARIOS: readonly Scenario[] = [
  // ---- projects ----
  {
    name: "a project is found by slug, by id and by the digest of either API key",
    run(_store, tx) {
      const created = tx.createProject("web", "Web", T);
      expect(tx.findProjectBySlug("web")?.id).toBe(created.project.id);
      expect(tx.getProjectById(created.project.id)?.name).toBe("Web");
      const rw = tx.findProjectByKeyHash(new Bun.CryptoHasher("sha256").update(created.apiKey).digest("hex"));
      const ro = tx.findProjectByKeyHash(new Bun.CryptoHasher("sha256").update(created.apiKeyReadOnly).digest("hex"));
      expect(rw).toMatchObject({ readOnly: false, project: { slug: "web" } });
      expect(ro).toMatchObject({ readOnly: true, project: { slug: "web" } });
      expect(tx.findProjectByKeyHash("0".repeat(64))).toBeNull();
    },
  },
  {
    name: "rotating a project's keys replaces all three and the old ones stop matching",
    run(_store, tx) {
      const created = tx.createProject("web", "Web", T);
      const rotated = tx.rotateProjectKeys(created.project.id);
      expect(rotated.pingKey).not.toBe(created.project.pingKey);
      expect(tx.findProjectByKeyHash(new Bun.CryptoHasher("sha256").update(created.apiKey).digest("hex"))).toBeNull();
      expect(tx.findProjectBySlug("web")?.pingKey).toBe(rotated.pingKey);
    },
  },
  {
    name: "the default project is created once and pinned keys are applied at every start",
    run(_store, tx) {
      const first = tx.ensureDefaultProject(T, {});
      expect(first.created).toBe(true);
      const again = tx.ensureDefaultProject(T, { pingKey: "pinnedpingkey0000001" });
      expect(again).toMatchObject({ created: false, project: { pingKey: "pinnedpingkey0000001" } });
      expect(tx.listProjects().map((p) => p.slug)).toEqual(["default"]);
    },
  },
  // ---- checks ----
  {
    name: "a check is read back by id, uuid in any letter case, and slug",
    run(_store, tx) {
      const { project, check } = ground(tx);
      expect(tx.getCheckById(check.id)?.uuid).toBe(check.uuid);
      expect(tx.getCheckByUuid(check.uuid.toUpperCase())?.id).toBe(check.id);
      expect(tx.getCheckBySlug(project.id, "backup")?.id).toBe(check.id);
      expect(tx.getCheckBySlug(project.id, "nope")).toBeNull();
      expect(tx.countChecks(project.id)).toBe(1);
    },
  },
  {
    name: "a new check takes the defaults for what it does not set and starts new without a deadline",
    run(_store, tx) {
      const { check } = ground(tx);
      expect(definitionOf(check)).toEqual({ ...DEFAULT_DEFINITION, name: "backup", slug: "backup", tags: "db nightly" });
      expect(check).toMatchObject({ status: "new", downAt: null, lastPing: null, nPings: 0, managed: false });
    },
  },
  {
    name: "a definition rewrite keeps identity and state and stores the new deadline",
    run(_store, tx) {
      const { check } = ground(tx);
      const updated = tx.updateCheckDefinition(check.id, { ...definitionOf(check), timeout: 60, grace: 5 }, T + 65_000);
      expect(updated).toMatchObject({ id: check.id, uuid: check.uuid, timeout: 60, grace: 5, downAt: T + 65_000, status: "new" });
    },
  },
  {
    name: "a conditional state write applies only while the stored status and deadline are the expected ones",
    run(_store, tx) {
      const { check } = ground(tx);
      const up = { ...check, status: "up" as const, lastPing: T, downAt: T + 1000 };
      expect(tx.saveStateIf(check.id, check, up)).toBe(true);
      // a second writer that decided from the old row loses
      expect(tx.saveStateIf(check.id, check, { ...check, status: "down" as const })).toBe(false);
      expect(tx.getCheckById(check.id)).toMatchObject({ status: "up", downAt: T + 1000 });
      expect(tx.pendingDeadlines()).toEqual([{ id: check.id, downAt: T + 1000 }]);
    },
  },
  {
    name: "slugs are unique within a project, push tokens everywhere",
    run(_store, tx) {
      const { project, check } = ground(tx);
      expect(tx.slugTaken(project.id, "backup", null)).toBe(true);
      expect(tx.slugTaken(project.id, "backup", check.id)).toBe(false);
      const other = tx.insertCheck({ projectId: project.id, uuid: crypto.randomUUID(), pushToken: "tok1" }, T);
      expect(tx.pushTokenTaken("tok1", null)).toBe(true);
      expect(tx.pushTokenTaken("tok1", other.id)).toBe(false);
    },
  },
  {
    name: "deleting a check takes its pings, flips and channel assignments with it",
    run(_store, tx) {
      const { project, check } = ground(tx);
      const channel = tx.insertChannel({ id: crypto.randomUUID(), projectId: project.id, name: "hook", kind: "webhook", settings: {}, managed: false, created: T });
      tx.setCheckChannels(check.id, [channel.id]);
      tx.countPing(check.id, 1);
      tx.insertPing(aPing(check.id, 1));
      tx.insertFlipRow(check.id, oneChange({ created: T, oldStatus: "new", newStatus: "up", reason: "", silent: true }));
      expect(tx.deleteCheckById(check.id)).toBe(true);
      expect([tx.countRows("pings"), tx.countRows("flips"), tx.countRows("check_channels")]).toEqual([0, 0, 0]);
      expect(tx.getChannel(channel.id)?.name).toBe("hook");
    },
  },
  // ---- pings ----
  {
    name: "pings are numbered per check, counted on the check, listed newest first without bodies, and their bodies read back byte for byte",
    run(_store, tx) {
      const { check } = ground(tx);
      for (let n = 1; n <= 3; n++) {
        tx.countPing(check.id, n);
        tx.insertPing({ ...aPing(check.id, n), body: new Uint8Array([0, 255, n - 1]) });
      }
      expect(tx.getCheckById(check.id)?.nPings).toBe(3);
      const listed = tx.listPings(check.id, 10);
      expect(listed.map((p) => p.n)).toEqual([3, 2, 1]);
      expect(listed[0]).toMatchObject({ bodySize: 3, kind: "success", env: "prod", metrics: { rows: 1 } });
      expect([...(tx.getPingBody(check.id, 2) ?? [])]).toEqual([0, 255, 1]);
      expect(tx.getPingBody(check.id, 9)).toBeUndefined();
      expect(tx.lastPingOf(check.id)).toMatchObject({ kind: "success", msg: "done" });
    },
  },
  {
    name: "pruning keeps the newest pings of a check and no others",
    run(_store, tx) {
      const { check } = ground(tx);
      for (let n = 1; n <= 5; n++) {
        tx.insertPing(aPing(check.id, n));
        tx.prunePings(check.id, n, 2);
      }
      expect(tx.listPings(check.id, 10).map((p) => p.n)).toEqual([5, 4]);
    },
  },
  // ---- flips ----
  {
    name: "flips are listed oldest first within a range and their facts read back",
    run(_store, tx) {
      const { check } = ground(tx);
      const up = tx.insertFlipRow(check.id, oneChange({ created: T, oldStatus: "new", newStatus: "up", reason: "", silent: true }));
      const down = tx.insertFlipRow(check.id, oneChange({ created: T + 60_000, oldStatus: "up", newStatus: "down", reason: "timeout", silent: false }));
      expect(tx.listFlips(check.id).map((f) => f.id)).toEqual([up, down]);
      expect(tx.listFlips(check.id, { start: T + 1 }).map((f) => f.id)).toEqual([down]);
      expect(tx.getFlipFacts(down)).toEqual({ created: T + 60_000, at: T + 60_000, reason: "timeout", oldStatus: "up" });
    },
  },
  // ---- channels ----
  {
    name: "channels are listed per project, assigned to checks as a set, and show their last error until cleared",
    run(_store, tx) {
      const { project, check } = ground(tx);
      const a = tx.insertChannel({ id: crypto.randomUUID(), projectId: project.id, name: "a", kind: "webhook", settings: { url: "http://x" }, managed: false, created: T });
      const b = tx.insertChannel({ id: crypto.randomUUID(), projectId: project.id, name: "b", kind: "email", settings: { to: ["x@y.z"] }, managed: true, created: T + 1 });
      tx.setCheckChannels(check.id, [a.id, b.id, a.id]);
      expect(tx.channelsOfCheck(check.id).map((c) => c.name)).toEqual(["a", "b"]);
      expect(tx.isChannelAssigned(check.id, b.id)).toBe(true);
      expect(tx.channelAssignmentsOfProject(project.id)).toHaveLength(2);
      tx.setChannelError(a.id, "HTTP 500");
      expect(tx.getChannel(a.id)?.lastError).toBe("HTTP 500");
      tx.clearChannelError(a.id);
      expect(tx.getChannel(a.id)?.lastError).toBe("");
      expect(tx.listManagedChannels().map((c) => c.id)).toEqual([b.id]);
      expect(tx.findChannelByName(project.id, "a")?.settings).toEqual({ url: "http://x" });
    },
  },
  // ---- maintenance ----
  {
    name: "maintenance windows are stored with their selectors and rewritten in place",
    run(_store, tx) {
      const { project } = ground(tx);
      const w = tx.insertWindow({ projectId: project.id, name: "nightly", start: null, end: null, cron: "0 2 * * *", tz: "Europe/Riga", duration: 3600, slugs: ["backup"], tags: ["db"], managed: true }, T);
      expect(tx.getWindow(w.id.toUpperCase())).toMatchObject({ name: "nightly", cron: "0 2 * * *", slugs: ["backup"], tags: ["db"] });
      tx.updateWindow(w.id, { name: "nightly", start: T, end: T + 1000, cron: null, tz: "UTC", duration: null, slugs: ["*"], tags: [], managed: true });
      expect(tx.listWindows(project.id)).toMatchObject([{ id: w.id, start: T, end: T + 1000, cron: null, slugs: ["*"] }]);
      expect(tx.deleteWindow(w.id)).toBe(true);
      expect(tx.listWindows(project.id)).toEqual([]);
    },
  },
  // ---- notifications (the outbox) ----
  {
    name: "a flip is claimed once, queued per channel, leased, and its attempt recorded",
    run(_store, tx) {
      const { project, check } = ground(tx);
      const channel = tx.insertChannel({ id: crypto.randomUUID(), projectId: project.id, name: "hook", kind: "webhook", settings: {}, managed: false, created: T });
      tx.setCheckChannels(check.id, [channel.id]);
      const flip = tx.insertFlipRow(check.id, oneChange({ created: T, oldStatus: "up", newStatus: "down", reason: "fail", silent: false }));
      expect(tx.claimFlips(T, 10)).toEqual([{ id: flip, checkId: check.id }]);
      expect(tx.claimFlips(T, 10)).toEqual([]);
      tx.markChannelsDue(check.id, T);
      expect(tx.dueAlertStates(T, 10)).toHaveLength(1);
      tx.enqueueDelivery({ flipId: flip, checkId: check.id, channelId: channel.id, message: "down", reminder: false, changes: 1 }, T);
      const [leased] = tx.claimDeliveries(T, 30_000, 10, []);
      expect(leased).toMatchObject({ flipId: flip, message: "down", attempts: 0 });
      // a leased delivery is not handed out twice
      expect(tx.claimDeliveries(T, 30_000, 10, [])).toEqual([]);
      tx.finishAttempt(leased!, { status: "ok", error: "", durationMs: 12, at: T + 5 }, null);
      expect(tx.listNotifications(check.id, 10)).toMatchObject([{ status: "ok", attempt: 1, channelName: "hook", flipStatus: "down" }]);
      // the alert state marked due stays due until the planner decides it
      expect(tx.nextWorkAt([])).toBe(T);
      expect(tx.oldestPending()).toBeNull();
    },
  },
  {
    name: "attempts older than the retention are pruned and newer ones kept",
    run(_store, tx) {
      const { project, check } = ground(tx);
      const channel = tx.insertChannel({ id: crypto.randomUUID(), projectId: project.id, name: "hook", kind: "webhook", settings: {}, managed: false, created: T });
      tx.insertNotification({ flipId: null, checkId: check.id, channelId: channel.id, attempt: 1, status: "ok", error: "", durationMs: 1, at: T });
      tx.insertNotification({ flipId: null, checkId: check.id, channelId: channel.id, attempt: 1, status: "error", error: "x", durationMs: 1, at: T + 10 });
      expect(tx.pruneNotifications(T + 5)).toBe(1);
      expect(tx.listNotifications(check.id, 10).map((n) => n.status)).toEqual(["error"]);
    },
  },
  // ---- transactions ----
  {
    name: "a write that throws leaves nothing behind",
    run(store) {
      expect(() =>
        store.write((t) => {
          t.createProject("doomed", "Doomed", T);
          throw new Error("abort");
        }),
      ).toThrow("abort");
      expect(store.read((t) => t.findProjectBySlug("doomed"))).toBeNull();
    },
  },
  {
    name: "a savepoint that throws undoes only its own writes",
    run(store) {
      store.write((t) => {
        t.createProject("kept", "Kept", T);
        expect(() =>
          t.savepoint(() => {
            t.createProject("undone", "Undone", T);
            throw new Error("inner");
          }),
        ).toThrow("inner");
      });
      expect(store.read((t) => t.listProjects().map((p) => p.slug))).toEqual(["kept"]);
    },
  },
  {
    name: "a second connection sees a committed write",
    run() {
      const path = tempDbPath();
      const a = migrated(path);
      const b = openStore(path);
      const before = b.dataVersion();
      a.write((t) => t.createProject("shared", "Shared", T));
      expect(b.read((t) => t.findProjectBySlug("shared"))?.name).toBe("Shared");
      expect(b.dataVersion()).not.toBe(before);
      a.close();
      b.close();
    },
  },
];

/** A flip row holding one change, as the writer inserts it. */
function oneChange(f: { created: number; oldStatus: CheckStatus; newStatus: CheckStatus; reason: FlipReason; silent: boolean }) {
  return { ...f, lastChange: f.created, changes: 1, silentChanges: f.silent ? 1 : 0, processed: null };
}

function aPing(checkId: number, n: number) {
  return {
    checkId,
    n,
    created: T + n,
    kind: "success" as const,
    scheme: "http",
    remoteAddr: "192.0.2.1",
    method: "GET",
    ua: "curl",
    body: null,
    exitStatus: null,
    rid: null,
    msg: "done",
    host: null,
    series: null,
    env: "prod",
    duration: null,
    metrics: { rows: 1 },
  };
}

for (const impl of IMPLEMENTATIONS) {
  describe(`the store contract on ${impl.name}`, () => {
    for (const s of SCENARIOS) {
      const reason = impl.skips?.[s.name];
      if (reason !== undefined) {
        test.skip(`${s.name} (skipped: ${reason})`, () => {});
        continue;
      }
      test(s.name, () => {
        const store = impl.open();
        try {
          // each store function commits on its own here, as it does outside read/write
          s.run(store, store.read((tx) => tx));
        } finally {
          store.close();
        }
      });
    }
  });
}

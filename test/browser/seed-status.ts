// Seeds a data directory for the status page's browser test (run with bun before the daemon
// starts): a project with public checks in groups and 90 days of history as the writers store
// it — flips at each change, buckets of every segment, incidents where checks went down — a
// maintenance window open now and one ahead, a private check, and a password-protected project.
//
//   bun test/browser/seed-status.ts <data dir> <password>
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { loadMigrations } from "../../src/assets.ts";
import type { CheckStatus } from "../../src/core/types.ts";
import { bucketStart, segmentDeltas, sumDeltas } from "../../src/core/uptime-buckets.ts";
import { ARGON2 } from "../../src/sessions/password.ts";
import { DEFAULT_DEFINITION } from "../../src/store/check-model.ts";
import { openStore, type Tx } from "../../src/store/store.ts";

const [dataDir, password] = process.argv.slice(2);
if (!dataDir || !password) throw new Error("usage: seed-status.ts <data dir> <password>");
mkdirSync(dataDir, { recursive: true, mode: 0o700 });
const store = openStore(join(dataDir, "tocsin.db"));
const migrated = store.migrate(loadMigrations());
if (!migrated.ok) throw new Error(migrated.error);

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const now = Date.now();

interface Seeded {
  readonly name: string;
  readonly slug: string;
  readonly group: string;
  readonly public: boolean;
  /** days ago it was created */
  readonly age: number;
  /** down periods: [days ago it went down, minutes it stayed down] */
  readonly outages: readonly (readonly [number, number])[];
  readonly lastDuration: number;
}

const CHECKS: readonly Seeded[] = [
  { name: "Nightly database backup", slug: "db-backup", group: "Backups", public: true, age: 120, outages: [[3.2, 47], [41.5, 180]], lastDuration: 372 },
  { name: "Offsite sync", slug: "offsite-sync", group: "Backups", public: true, age: 120, outages: [], lastDuration: 95 },
  { name: "Invoice run", slug: "invoices", group: "Billing", public: true, age: 120, outages: [[12.4, 15], [12.3, 8]], lastDuration: 48 },
  { name: "Certificate renewal", slug: "certificates", group: "Infrastructure", public: true, age: 40, outages: [], lastDuration: 12 },
  { name: "Log rotation", slug: "log-rotation", group: "Infrastructure", public: true, age: 120, outages: [[60, 600]], lastDuration: 3 },
  { name: "Payroll export", slug: "payroll", group: "Billing", public: false, age: 120, outages: [[1, 30]], lastDuration: 20 },
];

/** The check's status segments, oldest first, ending now with `up`. */
function segments(c: Seeded): { from: number; to: number; status: CheckStatus }[] {
  const out: { from: number; to: number; status: CheckStatus }[] = [];
  let at = now - c.age * DAY;
  for (const [daysAgo, minutes] of [...c.outages].sort((a, b) => b[0] - a[0])) {
    const start = now - daysAgo * DAY;
    out.push({ from: at, to: start, status: "up" }, { from: start, to: start + minutes * MIN, status: "down" });
    at = start + minutes * MIN;
  }
  out.push({ from: at, to: now, status: "up" });
  return out;
}

function seedCheck(tx: Tx, projectId: number, c: Seeded): void {
  const created = now - c.age * DAY;
  const check = tx.insertDefinedCheck(
    { projectId, uuid: crypto.randomUUID(), badgeKey: crypto.randomUUID().replaceAll("-", ""), managed: false, definition: { ...DEFAULT_DEFINITION, name: c.name, slug: c.slug, group: c.group, public: c.public, timeout: 86_400, grace: 3_600, alertNew: false } },
    created,
  );
  const parts = segments(c);
  const cursor = bucketStart(now);
  const deltas = sumDeltas(parts.flatMap((s) => segmentDeltas({ ...s, to: Math.min(s.to, cursor) }, [])));
  const incidents = parts.filter((s) => s.status === "down").map((s) => ({ start: bucketStart(s.from), up: 0, down: 0, excluded: 0, incidents: 1 }));
  tx.addToBuckets(check.id, [...deltas, ...incidents]);
  tx.advanceUptimeCursor(check.id, cursor);
  for (const [i, s] of parts.entries()) {
    if (i === 0) continue;
    const old = parts[i - 1]!.status;
    tx.insertFlipRow(check.id, { created: s.from, lastChange: s.from, oldStatus: old, newStatus: s.status, reason: s.status === "down" ? "fail" : "", silent: false, changes: 1, silentChanges: 0, processed: s.from });
  }
  tx.saveStateIf(check.id, check, { ...check, status: "up", lastPing: now - 25 * MIN, lastDuration: c.lastDuration, downAt: now + DAY });
  // the last three nights' runs: a start and its success, with a body the page must never show
  let n = 0;
  for (let night = 2; night >= 0; night--) {
    const end = now - 25 * MIN - night * DAY;
    const ping = { checkId: check.id, scheme: "http", remoteAddr: "10.0.0.7", method: "POST", ua: "curl/8", exitStatus: null, rid: null, msg: null, host: "db-1.internal", series: null, env: null, metrics: null };
    tx.insertPing({ ...ping, n: ++n, created: end - c.lastDuration * 1000, kind: "start", body: null, duration: null });
    tx.insertPing({ ...ping, n: ++n, created: end, kind: "success", body: new TextEncoder().encode("SECRET job output"), duration: c.lastDuration });
  }
}

const hash = await Bun.password.hash(password, ARGON2);
store.write((tx) => {
  const acme = tx.createProject("default", "Acme", now - 200 * DAY).project;
  tx.updateStatusPageSettings(acme.id, { mode: "public", title: "Acme status", description: "The scheduled jobs behind Acme's shop: backups, billing and the servers they run on.", logoUrl: "/static/favicon.svg", tz: "Europe/Berlin" });
  for (const c of CHECKS) seedCheck(tx, acme.id, c);
  tx.insertWindow({ projectId: acme.id, name: "Storage migration", start: now - 30 * MIN, end: now + 90 * MIN, cron: null, tz: "UTC", duration: null, slugs: ["offsite-sync"], tags: [], managed: false }, now);
  tx.insertWindow({ projectId: acme.id, name: "Database upgrade", start: now + 2 * DAY, end: now + 2 * DAY + 2 * HOUR, cron: null, tz: "UTC", duration: null, slugs: ["db-backup", "invoices"], tags: [], managed: false }, now);
  const secure = tx.createProject("secure", "Secure", now - 10 * DAY).project;
  tx.updateStatusPageSettings(secure.id, { mode: "password", title: "Internal jobs", description: "", logoUrl: "", tz: "UTC" });
  tx.setStatusPasswordHash(secure.id, hash);
  seedCheck(tx, secure.id, { name: "Internal report", slug: "report", group: "", public: true, age: 10, outages: [], lastDuration: 30 });
});
store.close();
console.log("seeded");

// `tocsin import healthchecks --url URL --api-key KEY`: copies a Healthchecks (or Tocsin) project's
// checks into a Tocsin project with the same uuids, so ping URLs in crontabs keep working.
//
// Both ends are spoken to through the Management API v3: the source's list, the target's
// create-with-uuid and update. Going through the running target (rather than its database file)
// keeps its in-memory ping index, scheduler and config-managed rules coherent, needs no restart,
// and works against a remote Tocsin as well as a local one. The target project is the one the
// target API key belongs to. Re-running is safe: uuids already in the target are updated.
import { z } from "zod";
import { type CheckFields, createCheck, listChecks, pauseCheck, type Server, updateCheck } from "./client/api.ts";
import { isCron, type RemoteCheck, uuidOf } from "./client/check-json.ts";
import { apiKeyFrom, baseUrlFrom, EXIT_FAILED, EXIT_OK, EXIT_USAGE, parseFlags, str } from "./client/options.ts";
import type { CommandIo } from "./io.ts";

const USAGE = [
  "usage: tocsin import healthchecks --url URL --api-key KEY [--to URL] [--to-api-key KEY] [--alert-new] [--dry-run]",
  "",
  "Copies every check of the source project (Healthchecks.io, a self-hosted Healthchecks or another",
  "Tocsin) into the Tocsin project of --to-api-key, keeping uuid, name, slug, tags, description,",
  "timeout or schedule and time zone, grace, manual resume, allowed methods and keyword filters;",
  "from another Tocsin also public, group, max_runtime, failure_threshold, reminder_interval and rules.",
  "Checks whose uuid already exists in the target are updated, so running it again is safe.",
  "Channels are not copied (they differ between servers); paused checks are created paused.",
  "Imported checks wait for their first ping forever, as in Healthchecks (alert_new = false), so an",
  "import pages nobody; --alert-new makes them go down when their first ping here is late.",
  "",
  "  --url URL          source server, e.g. https://healthchecks.io",
  "  --api-key KEY      source project's read-write API key (read-only keys do not show uuids)",
  "  --to URL           target Tocsin (default $TOCSIN_URL, else http://127.0.0.1:8000)",
  "  --to-api-key KEY   target project's read-write API key (default $TOCSIN_API_KEY)",
  "  --alert-new        imported checks alert when their first ping is late (sets alert_new)",
  "  --dry-run          show what would be created and updated, change nothing",
  "",
  "Exits 0 when every check was imported, 1 when any was skipped or a server failed, 2 on usage errors.",
  "",
  "example: tocsin import healthchecks --url https://healthchecks.io --api-key HC_KEY --to https://cron.example.com",
];

type Outcome = { readonly kind: "created" | "updated"; readonly note?: string } | { readonly kind: "skipped"; readonly reason: string };

interface Plan {
  readonly source: Server;
  readonly target: Server;
  readonly dryRun: boolean;
  /** --alert-new: set on created checks (and on updated ones, as asked) */
  readonly alertNew: boolean;
}

export async function runImport(io: CommandIo): Promise<number> {
  const plan = parseImport(io);
  if ("exit" in plan) return plan.exit;
  const sourceChecks = await listChecks(plan.source);
  if (!sourceChecks.ok) return failed(io, `reading the source: ${sourceChecks.error}`);
  const targetChecks = await listChecks(plan.target);
  if (!targetChecks.ok) return failed(io, `reading the target: ${targetChecks.error}`);

  const existing = new Set(targetChecks.value.map(uuidOf).filter((u): u is string => u !== null));
  const slugOwners = new Map(targetChecks.value.filter((c) => c.slug !== "").map((c) => [c.slug, uuidOf(c) ?? "?"]));
  const counts = { created: 0, updated: 0, skipped: 0 };
  io.out(`Importing ${sourceChecks.value.length} checks from ${plan.source.baseUrl} into ${plan.target.baseUrl}${plan.dryRun ? " (dry run: nothing is changed)" : ""}`);
  // one at a time: a project's checks are few, and the order of the lines follows the source
  for (const check of sourceChecks.value) {
    const outcome = await importOne(plan, check, existing, slugOwners);
    counts[outcome.kind]++;
    io.out(describe(check, outcome, plan.dryRun));
  }
  const verb = plan.dryRun ? "would be " : "";
  io.out(`${counts.created} ${verb}created, ${counts.updated} ${verb}updated, ${counts.skipped} skipped`);
  return counts.skipped > 0 ? EXIT_FAILED : EXIT_OK;
}

function parseImport(io: CommandIo): Plan | { readonly exit: number } {
  const usage = (message: string): { exit: number } => {
    io.err(`tocsin import: ${message}`);
    return { exit: EXIT_USAGE };
  };
  const help = (): { exit: number } => {
    for (const line of USAGE) io.out(line);
    return { exit: EXIT_OK };
  };
  const [source, ...args] = io.args;
  if (source === "--help" || source === "-h") return help();
  if (source === undefined) return usage("missing the source kind: tocsin import healthchecks --url URL --api-key KEY");
  if (source !== "healthchecks") return usage(`unknown source "${source}" (only "healthchecks" is supported; it also reads Tocsin servers)`);
  if (args.some((a) => a === "--project" || a.startsWith("--project="))) {
    return usage("--project is not supported: the target project is the one --to-api-key belongs to (tocsin projects add prints a new project's keys)");
  }
  const parsed = parseFlags(args, {
    url: { type: "string" },
    "api-key": { type: "string" },
    to: { type: "string" },
    "to-api-key": { type: "string" },
    "dry-run": { type: "boolean" },
    "alert-new": { type: "boolean" },
    help: { type: "boolean", short: "h" },
  });
  if (!parsed.ok) return usage(`${parsed.error} (try --help)`);
  const v = parsed.values;
  if (v.help) return help();
  if (parsed.positionals.length > 0) return usage(`unexpected argument "${parsed.positionals[0]}"`);
  const fromUrl = str(v.url);
  const fromKey = str(v["api-key"]);
  if (fromUrl === undefined || fromKey === undefined || fromKey === "") return usage("the source needs --url URL and --api-key KEY (try --help)");
  // the source never falls back to TOCSIN_URL / TOCSIN_API_KEY: those name the target
  const from = baseUrlFrom(fromUrl, {});
  if (!from.ok) return usage(from.error);
  const to = baseUrlFrom(str(v.to), io.env, "--to");
  if (!to.ok) return usage(to.error);
  const toKey = apiKeyFrom(str(v["to-api-key"]), io.env);
  if (!toKey.ok) return usage("the target needs an API key: --to-api-key or TOCSIN_API_KEY");
  return { source: { baseUrl: from.value, apiKey: fromKey }, target: { baseUrl: to.value, apiKey: toKey.value }, dryRun: v["dry-run"] === true, alertNew: v["alert-new"] === true };
}

async function importOne(plan: Plan, check: RemoteCheck, existing: Set<string>, slugOwners: Map<string, string>): Promise<Outcome> {
  const { target, dryRun } = plan;
  const uuid = uuidOf(check);
  if (uuid === null) return { kind: "skipped", reason: "the source shows no uuid (is its API key read-only?)" };
  const fields = fieldsOf(check);
  if (existing.has(uuid)) {
    if (dryRun) return { kind: "updated" };
    // an update keeps the target's alert_new unless --alert-new asks for it
    const updated = await updateCheck(target, uuid, plan.alertNew ? { ...fields, alert_new: true } : fields);
    return updated.ok ? { kind: "updated" } : { kind: "skipped", reason: updated.error };
  }
  const owner = check.slug === "" ? undefined : slugOwners.get(check.slug);
  if (owner !== undefined) return { kind: "skipped", reason: `slug "${check.slug}" is already used here by check ${owner}` };
  if (dryRun) return { kind: "created" };
  // alert_new false unless asked: a copied check that never ran here must not page anyone
  const created = await createCheck(target, { ...fields, uuid, alert_new: plan.alertNew });
  if (!created.ok) return { kind: "skipped", reason: created.error };
  const got = uuidOf(created.value);
  if (got !== uuid) {
    // a target that ignores `uuid` (Healthchecks itself) makes a new one: the old ping URL is dead
    return { kind: "created", note: `WITH A NEW UUID ${got ?? "?"}: the target ignored the uuid, update the job's ping URL` };
  }
  existing.add(uuid);
  if (check.slug !== "") slugOwners.set(check.slug, uuid);
  if (check.status !== "paused") return { kind: "created" };
  const paused = await pauseCheck(target, uuid);
  return { kind: "created", note: paused.ok ? "paused, as in the source" : `paused in the source, but pausing failed: ${paused.error}` };
}

/** The definition fields Healthchecks and Tocsin share; runtime state and channels stay behind. */
export function fieldsOf(c: RemoteCheck): CheckFields {
  const fields: CheckFields = { name: c.name, tags: c.tags, desc: c.desc };
  if (c.slug !== "") fields.slug = c.slug;
  if (c.grace !== undefined) fields.grace = c.grace;
  if (isCron(c) && c.schedule !== undefined) {
    fields.schedule = c.schedule;
    fields.tz = c.tz ?? "UTC";
  } else if (c.timeout !== undefined) {
    fields.timeout = c.timeout;
  }
  // how pings are read: copied so that the same jobs keep the same meaning
  for (const key of ["manual_resume", "methods", "start_kw", "success_kw", "failure_kw", "filter_subject", "filter_body", "filter_http_body", "filter_default_fail"] as const) {
    const value = c[key];
    if (value !== undefined) fields[key] = value;
  }
  return { ...fields, ...tocsinFieldsOf(c) };
}

/** Fields only Tocsin has: each dropped, not fatal, when absent or mistyped (Healthchecks sends none). */
const TocsinFieldsSchema = z.object({
  public: z.boolean().optional().catch(undefined),
  group: z.string().optional().catch(undefined),
  max_runtime: z.int().min(0).optional().catch(undefined),
  failure_threshold: z.int().min(1).optional().catch(undefined),
  reminder_interval: z.int().min(0).optional().catch(undefined),
  rules: z.array(z.record(z.string(), z.union([z.string(), z.number()]))).optional().catch(undefined),
});

/** Another Tocsin's own fields, as its API shows them. */
export function tocsinFieldsOf(c: RemoteCheck): CheckFields {
  const t = TocsinFieldsSchema.parse(c);
  const fields: CheckFields = {};
  if (t.public !== undefined) fields.public = t.public;
  if (t.group !== undefined) fields.group = t.group;
  // the API shows the effective max_runtime: grace when it follows grace, which stays so here
  if (t.max_runtime !== undefined && t.max_runtime !== c.grace) fields.max_runtime = t.max_runtime;
  if (t.failure_threshold !== undefined) fields.failure_threshold = t.failure_threshold;
  if (t.reminder_interval !== undefined) fields.reminder_interval = t.reminder_interval;
  if (t.rules !== undefined) fields.rules = t.rules;
  return fields;
}

function describe(check: RemoteCheck, outcome: Outcome, dryRun: boolean): string {
  const label = `"${check.name}"${check.slug ? ` (${check.slug})` : ""} ${uuidOf(check) ?? check.unique_key ?? ""}`.trimEnd();
  switch (outcome.kind) {
    case "created":
    case "updated":
      return `  ${dryRun ? `would be ${outcome.kind}` : outcome.kind}  ${label}${outcome.note ? ` — ${outcome.note}` : ""}`;
    case "skipped":
      return `  skipped  ${label}: ${outcome.reason}`;
    default: {
      const never: never = outcome;
      return never;
    }
  }
}

function failed(io: CommandIo, message: string): number {
  io.err(`tocsin import: ${message}`);
  return EXIT_FAILED;
}

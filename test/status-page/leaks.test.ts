// Renderers show only the fields the models declare. A read model that spreads a stored row
// into a model (uuid, keys, ping body, host, address...) must still not leak any of it.
import { describe, expect, test } from "bun:test";
import { renderAtomFeed } from "../../src/status-page/atom.ts";
import { badgeSvg, shieldsJson } from "../../src/status-page/badge.ts";
import { jsonFeed } from "../../src/status-page/json-feed.ts";
import type { PublicCheck } from "../../src/views/status-page-model.ts";
import { renderCheckPage, renderPasswordPage, renderProjectPage } from "../../src/status-page/render.ts";
import { aCheckPage, aFeed, anIncident, aPasswordPage, aProjectPage, aPublicCheck, aWindow } from "./fixtures.ts";

const SECRETS = {
  uuid: "5f0c1e9a-3b7d-4c2e-9f1a-secret-uuid",
  pingKey: "secret-ping-key-0001",
  badgeKey: "secret-badge-key-0002",
  apiKey: "tcw_secretapikeysecretapikey0003",
  pushToken: "secret-push-token-0004",
  body: "BODY: password=hunter2 leaked from a job's output",
  remoteAddr: "203.0.113.77",
  host: "db-primary.internal.example",
  desc: "private note: the root password is in the vault",
  tags: "secret-tag-payroll",
  passwordHash: "$argon2id$v=19$m=19456,t=2,p=1$secret",
  msg: "secret ping message",
};

/** A stored row's secrets riding along on every object of a model. */
function leaky<T extends object>(o: T): T {
  return { ...SECRETS, ...o };
}

const check: PublicCheck = leaky(aPublicCheck({ history: aPublicCheck().history.map(leaky), lastRun: leaky({ at: 0, durationMs: 1 }) }));
const project = leaky({ slug: "acme", title: "Acme status", description: "", logoUrl: null });
const incidents = [leaky(anIncident())];
const maintenance = leaky({ active: [leaky(aWindow())], upcoming: [leaky(aWindow())] });
const groups = [leaky({ name: "Storage", checks: [check] })];

const outputs = [
  { name: "project page", out: () => renderProjectPage(leaky(aProjectPage({ project, groups, incidents, maintenance }))) },
  { name: "embedded project page", out: () => renderProjectPage(leaky(aProjectPage({ project, groups, incidents, maintenance, embed: new Set(["title", "banner", "checks", "incidents"]) }))) },
  { name: "check page", out: () => renderCheckPage(leaky(aCheckPage({ project, check, incidents, maintenance, runs: aCheckPage().runs.map(leaky) }))) },
  { name: "password page", out: () => renderPasswordPage(leaky(aPasswordPage({ project: leaky({ title: "Acme", logoUrl: null }) }))) },
  { name: "Atom feed", out: () => renderAtomFeed(leaky(aFeed({ project, groups, incidents, maintenance }))) },
  { name: "JSON feed", out: () => JSON.stringify(jsonFeed(leaky(aFeed({ project, groups, incidents, maintenance })))) },
  { name: "SVG badge", out: () => badgeSvg("backups", "up", leaky({ size: "md" as const })) },
  { name: "Shields JSON", out: () => JSON.stringify(shieldsJson("backups", "down")) },
];

describe.each(outputs)("the $name", ({ out }) => {
  test("shows none of the private fields riding along on its model", () => {
    const text = out();
    expect(text.length).toBeGreaterThan(50);
    for (const [field, secret] of Object.entries(SECRETS)) {
      expect({ field, leaked: text.includes(secret) }).toEqual({ field, leaked: false });
    }
  });
});

import { describe, expect, test } from "bun:test";
import { classifyPing, type Filters, type MailText, type PingAction } from "../../src/core/ping.ts";
import { parseMailbox } from "../../src/ingest/mailbox.ts";

const DOMAINS = ["ping.test", "mail.example.org"];
const UUID = "0b6e8f0a-3f4c-4d2a-9a51-6c1de3f0a7b2";
const KEY = "pingkeypingkey0001";

describe("ping mailboxes", () => {
  test.each([
    { name: "a uuid is a ping", address: `${UUID}@ping.test`, target: { by: "uuid", uuid: UUID }, action: { type: "auto" } },
    { name: "a uuid in capitals is the same check", address: `${UUID.toUpperCase()}@ping.test`, target: { by: "uuid", uuid: UUID }, action: { type: "auto" } },
    { name: "the domain matches in any case", address: `${UUID}@PING.Test`, target: { by: "uuid", uuid: UUID }, action: { type: "auto" } },
    { name: "any configured domain is accepted", address: `${UUID}@mail.example.org`, target: { by: "uuid", uuid: UUID }, action: { type: "auto" } },
    { name: "+run starts a run", address: `${UUID}+run@ping.test`, target: { by: "uuid", uuid: UUID }, action: { type: "start" } },
    { name: "+start starts a run", address: `${UUID}+start@ping.test`, target: { by: "uuid", uuid: UUID }, action: { type: "start" } },
    { name: "+complete is a success", address: `${UUID}+complete@ping.test`, target: { by: "uuid", uuid: UUID }, action: { type: "success" } },
    { name: "+success is a success", address: `${UUID}+success@ping.test`, target: { by: "uuid", uuid: UUID }, action: { type: "success" } },
    { name: "+fail is a failure", address: `${UUID}+fail@ping.test`, target: { by: "uuid", uuid: UUID }, action: { type: "fail" } },
    { name: "+FAIL in capitals is a failure", address: `${UUID}+FAIL@ping.test`, target: { by: "uuid", uuid: UUID }, action: { type: "fail" } },
    { name: "+ok resets the check", address: `${UUID}+ok@ping.test`, target: { by: "uuid", uuid: UUID }, action: { type: "ok" } },
    { name: "+log only logs", address: `${UUID}+log@ping.test`, target: { by: "uuid", uuid: UUID }, action: { type: "log" } },
    { name: "ping key and slug name a check", address: `${KEY}+nightly-backup@ping.test`, target: { by: "slug", pingKey: KEY, slug: "nightly-backup" }, action: { type: "auto" } },
    { name: "a slug in capitals is lowercased", address: `${KEY}+Nightly_Backup@ping.test`, target: { by: "slug", pingKey: KEY, slug: "nightly_backup" }, action: { type: "auto" } },
    { name: "ping key, slug and event", address: `${KEY}+nightly+fail@ping.test`, target: { by: "slug", pingKey: KEY, slug: "nightly" }, action: { type: "fail" } },
    { name: "a slug named like an event is a slug after a ping key", address: `${KEY}+fail@ping.test`, target: { by: "slug", pingKey: KEY, slug: "fail" }, action: { type: "auto" } },
    { name: "a uuid followed by a word that is no event reads as ping key and slug", address: `${UUID}+backup@ping.test`, target: { by: "slug", pingKey: UUID, slug: "backup" }, action: { type: "auto" } },
  ] as const)("$name", ({ address, target, action }) => {
    expect(parseMailbox(address, DOMAINS)).toEqual({ ok: true, target, action });
  });

  test.each([
    { name: "another domain", address: `${UUID}@example.com`, reason: "domain" },
    { name: "a subdomain of a configured domain", address: `${UUID}@x.ping.test`, reason: "domain" },
    { name: "no domain", address: UUID, reason: "mailbox" },
    { name: "an empty local part", address: "@ping.test", reason: "mailbox" },
    { name: "a local part that is no uuid", address: "backup@ping.test", reason: "mailbox" },
    { name: "a truncated uuid", address: `${UUID.slice(0, 30)}@ping.test`, reason: "mailbox" },
    { name: "an unknown event", address: `${KEY}+nightly+explode@ping.test`, reason: "mailbox" },
    { name: "a ping key that is too short", address: "short+nightly@ping.test", reason: "mailbox" },
    { name: "a slug with other characters", address: `${KEY}+night.ly@ping.test`, reason: "mailbox" },
    { name: "an empty slug", address: `${KEY}+@ping.test`, reason: "mailbox" },
    { name: "too many parts", address: `${KEY}+a+fail+more@ping.test`, reason: "mailbox" },
    { name: "an event word that is an object property", address: `${KEY}+nightly+constructor@ping.test`, reason: "mailbox" },
  ] as const)("refuses $name", ({ address, reason }) => {
    expect(parseMailbox(address, DOMAINS)).toEqual({ ok: false, reason });
  });
});

function filters(over: Partial<Filters> = {}): Filters {
  return {
    status: "up",
    manualResume: false,
    methods: "",
    startKw: "",
    successKw: "",
    failureKw: "",
    filterHttpBody: false,
    filterSubject: false,
    filterBody: false,
    filterDefaultFail: false,
    ...over,
  };
}

function classifyMail(f: Filters, mail: MailText, action: PingAction = { type: "auto" }) {
  return classifyPing(f, { action, method: "", queryExitStatus: null, bodyText: () => `${mail.subject}\n${mail.text}`, rid: null, mail });
}

const KEYWORDS = { failureKw: "failed, error", successKw: "done", startKw: "starting" };

describe("email ping classification", () => {
  test.each([
    { name: "without filters any mail is a success, even one that says error", f: filters(), mail: { subject: "error", text: "error" }, kind: "success" },
    { name: "a subject filter finds a failure keyword in the subject", f: filters({ ...KEYWORDS, filterSubject: true }), mail: { subject: "Backup FAILED", text: "" }, kind: "fail" },
    { name: "a subject filter does not look at the body", f: filters({ ...KEYWORDS, filterSubject: true }), mail: { subject: "Backup done", text: "error" }, kind: "success" },
    { name: "a body filter finds a failure keyword in the text", f: filters({ ...KEYWORDS, filterBody: true }), mail: { subject: "Backup done", text: "disk error" }, kind: "fail" },
    { name: "a body filter does not look at the subject", f: filters({ ...KEYWORDS, filterBody: true }), mail: { subject: "error", text: "all done" }, kind: "success" },
    { name: "failure keywords win over success keywords", f: filters({ ...KEYWORDS, filterSubject: true, filterBody: true }), mail: { subject: "done", text: "but failed" }, kind: "fail" },
    { name: "a start keyword starts a run", f: filters({ ...KEYWORDS, filterSubject: true }), mail: { subject: "starting backup", text: "" }, kind: "start" },
    { name: "no keyword matching is ignored", f: filters({ ...KEYWORDS, filterSubject: true }), mail: { subject: "hello", text: "" }, kind: "ign" },
    { name: "no keyword matching is a failure with filter_default_fail", f: filters({ ...KEYWORDS, filterSubject: true, filterDefaultFail: true }), mail: { subject: "hello", text: "" }, kind: "fail" },
    { name: "HTTP body filters do not apply to mail", f: filters({ ...KEYWORDS, filterHttpBody: true }), mail: { subject: "error", text: "error" }, kind: "success" },
    { name: "a POST-only check still takes mail", f: filters({ methods: "POST" }), mail: { subject: "", text: "" }, kind: "success" },
  ])("$name", ({ f, mail, kind }) => {
    expect<string>(classifyMail(f, mail).kind).toBe(kind);
  });

  test("an event in the address wins over the keyword filters", () => {
    const f = filters({ ...KEYWORDS, filterSubject: true, filterBody: true });
    expect(classifyMail(f, { subject: "job failed", text: "error" }, { type: "success" }).kind).toBe("success");
    expect(classifyMail(f, { subject: "all done", text: "" }, { type: "fail" }).kind).toBe("fail");
  });
});

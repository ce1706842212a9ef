import { afterEach, describe, expect, test } from "bun:test";
import { z } from "zod";
import { KIND_FORMS, type FormKind } from "../../src/dashboard/channel-kinds.ts";
import { apiCreatable, CHANNEL_KINDS, notifiers } from "../../src/notify/registry.ts";
import { aReceiver, type Receiver } from "../notify/support.ts";
import { aDashboard } from "./support.ts";
import { fieldBlock } from "./forms.ts";

let receiver: Receiver | null = null;
afterEach(() => {
  receiver?.stop();
  receiver = null;
});

const channelsOf = (w: Awaited<ReturnType<typeof aDashboard>>) => w.store.read((tx) => tx.listChannels(w.project.id));
const webhookForm = (url: string) => ({ kind: "webhook", name: "ops hook", url, method: "POST", headers: "", body: "", secret: "", on_down: "on", on_up: "on", url_up: "", body_up: "" });

describe("the channel forms", () => {
  test("have a settings form for every kind the API creates, with exactly the kind's settings", () => {
    const kinds = CHANNEL_KINDS.filter(apiCreatable).sort();
    expect(Object.keys(KIND_FORMS).sort()).toEqual(kinds);
    for (const kind of kinds) {
      const shape = (notifiers[kind].settings as unknown as z.ZodObject).shape;
      expect(KIND_FORMS[kind as FormKind].fields.map((f) => f.key).sort()).toEqual(Object.keys(shape).sort());
    }
  });

  test("create a webhook channel through the channel operations, then change its URL", async () => {
    const w = await aDashboard();
    await w.browser.get("/app/projects/default/channels/new?kind=webhook");
    const created = await w.browser.post("/app/projects/default/channels/new", webhookForm("http://127.0.0.1:9/first"));
    expect(created.status).toBe(303);
    const [channel] = channelsOf(w);
    expect(channel).toMatchObject({ name: "ops hook", kind: "webhook", settings: { url: "http://127.0.0.1:9/first", method: "POST", on_down: true, on_up: true } });
    expect(created.headers.get("location")).toBe(`/app/channels/${channel!.id}?done=created`);
    const page = await w.browser.get(`/app/channels/${channel!.id}`);
    expect(fieldBlock(page.text, "url")).toContain('value="http://127.0.0.1:9/first"');
    const edited = await w.browser.post(`/app/channels/${channel!.id}`, { ...webhookForm("http://127.0.0.1:9/second"), name: "ops hook" });
    expect(edited.status).toBe(303);
    expect(channelsOf(w)[0]!.settings.url).toBe("http://127.0.0.1:9/second");
  });

  test("keep a write-only secret when its input is left empty, and remove it when asked", async () => {
    const w = await aDashboard();
    await w.browser.get("/app/projects/default/channels/new?kind=telegram");
    await w.browser.post("/app/projects/default/channels/new", { kind: "telegram", name: "tg", bot_token: "123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ", chat_id: "42", api_url: "" });
    const [channel] = channelsOf(w);
    const page = await w.browser.get(`/app/channels/${channel!.id}`);
    expect(page.text).not.toContain("ABCDEFGHIJKLMNOPQRSTUVWXYZ");
    expect(fieldBlock(page.text, "bot_token")).toContain("****WXYZ");
    expect(fieldBlock(page.text, "bot_token")).toContain('value=""');
    await w.browser.post(`/app/channels/${channel!.id}`, { kind: "telegram", name: "tg", bot_token: "", chat_id: "43", api_url: "" });
    expect(channelsOf(w)[0]!.settings).toMatchObject({ bot_token: "123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ", chat_id: "43", api_url: "https://api.telegram.org" });
    const cleared = await w.browser.post(`/app/channels/${channel!.id}`, { kind: "telegram", name: "tg", bot_token: "", clear_bot_token: "on", chat_id: "43", api_url: "" });
    expect(cleared.status).toBe(400);
    expect(fieldBlock(cleared.text, "bot_token")).toContain("bot_token is required");
  });

  test.each([
    { name: "a webhook URL that is not http(s)", form: webhookForm("ftp://example.org/x"), field: "url", kept: 'value="ftp://example.org/x"', message: "url must be an http or https URL" },
    { name: "a header line without a colon", form: { ...webhookForm("http://example.org/"), headers: "X-Token abc" }, field: "headers", kept: "X-Token abc", message: "headers line 1 is not &quot;Name: value&quot;" },
    { name: "a name over 100 characters", form: { ...webhookForm("http://example.org/"), name: "n".repeat(101) }, field: "name", kept: `value="${"n".repeat(101)}"`, message: "name is too long" },
  ])("re-render the new channel form for $name, with the value kept and the message beside the field", async (row) => {
    const w = await aDashboard();
    await w.browser.get("/app/projects/default/channels/new?kind=webhook");
    const res = await w.browser.post("/app/projects/default/channels/new", row.form);
    expect(res.status).toBe(400);
    expect(fieldBlock(res.text, row.field)).toContain(row.kept);
    expect(fieldBlock(res.text, row.field)).toContain(row.message);
    expect(channelsOf(w)).toEqual([]);
  });

  test("re-renders the edit form for a bad value and a name another channel has, keeping what was typed", async () => {
    const w = await aDashboard();
    await w.browser.get("/app/projects/default/channels/new?kind=webhook");
    await w.browser.post("/app/projects/default/channels/new", webhookForm("http://example.org/a"));
    await w.browser.post("/app/projects/default/channels/new", { ...webhookForm("http://example.org/b"), name: "other" });
    const first = channelsOf(w).find((x) => x.name === "ops hook");
    await w.browser.get(`/app/channels/${first!.id}`);
    const bad = await w.browser.post(`/app/channels/${first!.id}`, { ...webhookForm("not a url"), name: "ops hook" });
    expect(bad.status).toBe(400);
    expect(fieldBlock(bad.text, "url")).toContain('value="not a url"');
    expect(fieldBlock(bad.text, "url")).toContain("url must be an http or https URL");
    const taken = await w.browser.post(`/app/channels/${first!.id}`, { ...webhookForm("http://example.org/a"), name: "other" });
    expect(taken.status).toBe(400);
    expect(fieldBlock(taken.text, "name")).toContain("name already in use");
    expect(channelsOf(w).find((x) => x.id === first!.id)).toMatchObject({ name: "ops hook", settings: { url: "http://example.org/a" } });
  });

  test("send a test message to a local receiver and show the outcome and the delivery log", async () => {
    receiver = aReceiver({ statuses: [200, 500] });
    const w = await aDashboard();
    await w.browser.get("/app/projects/default/channels/new?kind=webhook");
    await w.browser.post("/app/projects/default/channels/new", webhookForm(`${receiver.url}/hook`));
    const [channel] = channelsOf(w);
    await w.browser.get(`/app/channels/${channel!.id}`);
    const sent = await w.browser.post(`/app/channels/${channel!.id}/test`);
    expect(sent.status).toBe(303);
    const shown = sent.headers.get("location")!;
    expect(shown).toMatch(new RegExp(`/app/channels/${channel!.id}\\?tested=[0-9]+$`));
    const ok = await w.browser.get(shown);
    expect(ok.status).toBe(200);
    expect(ok.text).toContain("Test message delivered");
    expect(receiver.received).toHaveLength(1);
    expect(receiver.received[0]!.path).toBe("/hook");
    const failed = await w.browser.get((await w.browser.post(`/app/channels/${channel!.id}/test`)).headers.get("location")!);
    expect(failed.text).toContain("Test message failed, will retry");
    const log = /<table class="deliveries"[\s\S]*?<\/table>/.exec(failed.text)![0];
    expect(log.match(/<tr class="attempt-/g)).toHaveLength(2);
    expect(log).toContain("status 500");
  });

  test("reloading the page that shows a test message's outcome sends nothing again", async () => {
    receiver = aReceiver({ statuses: [200] });
    const w = await aDashboard();
    await w.browser.get("/app/projects/default/channels/new?kind=webhook");
    await w.browser.post("/app/projects/default/channels/new", webhookForm(`${receiver.url}/hook`));
    const [channel] = channelsOf(w);
    await w.browser.get(`/app/channels/${channel!.id}`);
    const shown = (await w.browser.post(`/app/channels/${channel!.id}/test`)).headers.get("location")!;
    for (let i = 0; i < 3; i++) expect((await w.browser.get(shown)).text).toContain("Test message delivered");
    expect(receiver.received).toHaveLength(1);
  });

  test("a test outcome is shown only on its own channel's page, never for an alert's attempt or an id that is not one", async () => {
    receiver = aReceiver({ statuses: [200] });
    const w = await aDashboard();
    await w.browser.get("/app/projects/default/channels/new?kind=webhook");
    await w.browser.post("/app/projects/default/channels/new", webhookForm(`${receiver.url}/a`));
    await w.browser.get("/app/projects/default/channels/new?kind=webhook");
    await w.browser.post("/app/projects/default/channels/new", { ...webhookForm(`${receiver.url}/b`), name: "second hook" });
    const first = channelsOf(w).find((c) => c.name === "ops hook");
    const second = channelsOf(w).find((c) => c.name === "second hook");
    await w.browser.get(`/app/channels/${first!.id}`);
    const shown = (await w.browser.post(`/app/channels/${first!.id}/test`)).headers.get("location")!;
    const id = /tested=([0-9]+)/.exec(shown)![1];
    expect((await w.browser.get(`/app/channels/${second!.id}?tested=${id}`)).text).not.toContain("test-result");
    const alertAttempt = w.store.write((tx) => {
      const check = tx.insertCheck({ projectId: w.project.id, uuid: crypto.randomUUID(), name: "backup", timeout: 60, grace: 60 }, Date.now());
      return tx.insertNotification({ flipId: null, checkId: check.id, channelId: first!.id, attempt: 1, status: "ok", error: "", durationMs: 5, at: Date.now() });
    });
    expect((await w.browser.get(`/app/channels/${first!.id}?tested=${alertAttempt}`)).text).not.toContain("test-result");
    expect((await w.browser.get(`/app/channels/${first!.id}?tested=${id}`)).text).toContain("test-result");
    for (const bad of ["0", "-1", "1e3", "99999999999999999999", "abc"]) {
      const page = await w.browser.get(`/app/channels/${first!.id}?tested=${bad}`);
      expect(page.status).toBe(200);
      expect(page.text).not.toContain("test-result");
    }
  });

  test("delete a channel only once confirmed", async () => {
    const w = await aDashboard();
    await w.browser.get("/app/projects/default/channels/new?kind=webhook");
    await w.browser.post("/app/projects/default/channels/new", webhookForm("http://example.org/a"));
    const [channel] = channelsOf(w);
    await w.browser.get(`/app/channels/${channel!.id}`);
    expect((await w.browser.post(`/app/channels/${channel!.id}/delete`)).headers.get("location")).toContain("error=confirm");
    expect(channelsOf(w)).toHaveLength(1);
    const done = await w.browser.post(`/app/channels/${channel!.id}/delete`, { confirm: "yes" });
    expect(done.headers.get("location")).toBe("/app/projects/default/channels?done=deleted");
    expect(channelsOf(w)).toEqual([]);
  });
});

describe("bulk assignment", () => {
  test("adds, removes and replaces channels on the ticked checks only", async () => {
    const w = await aDashboard();
    const a = w.addCheck({ name: "a" });
    const b = w.addCheck({ name: "b" });
    const c = w.addCheck({ name: "c" });
    await w.browser.get("/app/projects/default/channels/new?kind=webhook");
    await w.browser.post("/app/projects/default/channels/new", webhookForm("http://example.org/1"));
    await w.browser.post("/app/projects/default/channels/new", { ...webhookForm("http://example.org/2"), name: "second" });
    const one = channelsOf(w).find((x) => x.name === "ops hook");
    const two = channelsOf(w).find((x) => x.name === "second");
    const assigned = (check: { id: number }) => w.store.read((tx) => tx.channelsOfCheck(check.id)).map((x) => x.name).sort();
    await w.browser.get("/app/projects/default/channels");
    const post = (mode: string, checks: string[], channels: string[]) => w.browser.post("/app/projects/default/channels/assign", { mode, checks, channels });
    expect((await post("add", [a.uuid, b.uuid], [one!.id, two!.id])).status).toBe(303);
    expect([assigned(a), assigned(b), assigned(c)]).toEqual([["ops hook", "second"], ["ops hook", "second"], []]);
    await post("remove", [a.uuid], [two!.id]);
    expect([assigned(a), assigned(b)]).toEqual([["ops hook"], ["ops hook", "second"]]);
    await post("replace", [b.uuid, c.uuid], [two!.id]);
    expect([assigned(a), assigned(b), assigned(c)]).toEqual([["ops hook"], ["second"], ["second"]]);
    const refused = await post("add", [], [one!.id]);
    expect(refused.status).toBe(400);
    expect(fieldBlock(refused.text, "checks")).toContain("Tick at least one check.");
    expect(fieldBlock(refused.text, "channels")).toContain(`value="${one!.id}" checked`);
  });
});

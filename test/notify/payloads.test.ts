// Every HTTP channel kind against a local receiver posing as its service: the down alert and the
// recovery, method, path, credentials and payload (SPEC §8).
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { ChannelKind } from "../../src/notify/registry.ts";
import { aReceiver, anAlertWorld, type Received, type Receiver } from "./support.ts";

let receiver: Receiver;
beforeAll(() => {
  receiver = aReceiver();
});
afterAll(() => receiver.stop());

interface Row {
  readonly kind: ChannelKind;
  readonly settings: (base: string) => Record<string, unknown>;
  readonly down: (r: Received, uuid: string) => void;
  readonly up: (r: Received, uuid: string) => void;
}

const rows: Row[] = [
  {
    kind: "slack",
    settings: (base) => ({ url: `${base}/services/T0/B0/xyz` }),
    down: (r) => {
      expect([r.method, r.path]).toEqual(["POST", "/services/T0/B0/xyz"]);
      expect(r.json.text).toContain('"disk check" is DOWN');
      expect(r.json.attachments[0]).toMatchObject({ color: "#d50200", fields: expect.arrayContaining([{ title: "Why", value: "the job reported a failure", short: false }]) });
    },
    up: (r) => expect(r.json).toMatchObject({ text: expect.stringContaining("is UP again"), attachments: [{ color: "#36a64f" }] }),
  },
  {
    kind: "mattermost",
    settings: (base) => ({ url: `${base}/hooks/abc`, channel: "ops" }),
    down: (r) => expect(r.json).toMatchObject({ username: "Tocsin", channel: "ops", text: expect.stringContaining("[DOWN: disk check](http://tocsin.test/") }),
    up: (r) => expect(r.json.text).toContain("UP: disk check"),
  },
  {
    kind: "discord",
    settings: (base) => ({ url: `${base}/api/webhooks/1/tok` }),
    down: (r) => {
      expect(r.path).toBe("/api/webhooks/1/tok");
      expect(r.json).toMatchObject({ content: '"disk check" is DOWN', embeds: [{ title: "DOWN: disk check", color: 0xd50200 }] });
    },
    up: (r) => expect(r.json.embeds[0]).toMatchObject({ title: "UP: disk check", color: 0x36a64f, fields: expect.arrayContaining([{ name: "Downtime", value: "2 min 0 s", inline: false }]) }),
  },
  {
    kind: "msteams",
    settings: (base) => ({ url: `${base}/workflows/1` }),
    down: (r) => {
      const card = r.json.attachments[0];
      expect(card.contentType).toBe("application/vnd.microsoft.card.adaptive");
      expect(card.content.body[0]).toMatchObject({ text: "DOWN: disk check", color: "Attention" });
      expect(card.content.body[2].facts).toEqual(expect.arrayContaining([{ title: "Tags", value: "disk prod" }]));
    },
    up: (r) => expect(r.json.attachments[0].content.body[0]).toMatchObject({ text: "UP: disk check", color: "Good" }),
  },
  {
    kind: "telegram",
    settings: (base) => ({ bot_token: "123:ABC", chat_id: -1001, api_url: base }),
    down: (r) => {
      expect(r.path).toBe("/bot123:ABC/sendMessage");
      expect(r.json).toMatchObject({ chat_id: "-1001", parse_mode: "HTML", text: expect.stringContaining("<b>&quot;disk check&quot; is DOWN</b>") });
    },
    up: (r) => expect(r.json.text).toContain("is UP again"),
  },
  {
    kind: "ntfy",
    settings: (base) => ({ url: base, topic: "ops-alerts", token: "tk_secret" }),
    down: (r) => {
      expect([r.method, r.path]).toEqual(["POST", "/"]);
      expect(r.headers.get("authorization")).toBe("Bearer tk_secret");
      expect(r.json).toMatchObject({ topic: "ops-alerts", title: "DOWN: disk check", priority: 4, tags: ["rotating_light"], message: expect.stringContaining('"disk check" is DOWN') });
    },
    up: (r) => expect(r.json).toMatchObject({ title: "UP: disk check", tags: ["white_check_mark"] }),
  },
  {
    kind: "gotify",
    settings: (base) => ({ url: `${base}/gotify`, token: "AppToken123" }),
    down: (r) => {
      expect(r.path).toBe("/gotify/message");
      expect(r.headers.get("x-gotify-key")).toBe("AppToken123");
      expect(r.json).toMatchObject({ title: "DOWN: disk check", priority: 8, message: expect.stringContaining("Down since") });
    },
    up: (r) => expect(r.json).toMatchObject({ title: "UP: disk check", priority: 5 }),
  },
  {
    kind: "pushover",
    settings: (base) => ({ user_key: "uQiRzpo4DXghDmr9QzzfQu27cmVRsG", app_token: "azGDORePK8gMaC0QOYAMyEEuzJnyUi", api_url: base }),
    down: (r) => {
      expect(r.path).toBe("/1/messages.json");
      expect(r.json).toMatchObject({ token: "azGDORePK8gMaC0QOYAMyEEuzJnyUi", user: "uQiRzpo4DXghDmr9QzzfQu27cmVRsG", title: "DOWN: disk check", priority: 0 });
    },
    up: (r) => expect(r.json.title).toBe("UP: disk check"),
  },
  {
    kind: "matrix",
    settings: (base) => ({ homeserver: base, room_id: "!room:example.org", access_token: "syt_token" }),
    down: (r) => {
      expect(r.method).toBe("PUT");
      expect(r.path).toStartWith("/_matrix/client/v3/rooms/!room%3Aexample.org/send/m.room.message/tocsin-");
      expect(r.headers.get("authorization")).toBe("Bearer syt_token");
      expect(r.json).toMatchObject({ msgtype: "m.text", format: "org.matrix.custom.html", body: expect.stringContaining("is DOWN") });
    },
    up: (r) => expect(r.json.formatted_body).toContain("is UP again"),
  },
  {
    kind: "pagerduty",
    settings: (base) => ({ routing_key: "R0UT1NGKEY", api_url: base }),
    down: (r, uuid) => {
      expect(r.path).toBe("/v2/enqueue");
      expect(r.json).toMatchObject({
        routing_key: "R0UT1NGKEY",
        event_action: "trigger",
        dedup_key: `tocsin-${uuid}`,
        payload: { summary: '"disk check" is DOWN', source: "disk check", severity: "critical", timestamp: "2026-01-15T12:00:00+00:00" },
      });
    },
    up: (r, uuid) => expect(r.json).toEqual({ routing_key: "R0UT1NGKEY", event_action: "resolve", dedup_key: `tocsin-${uuid}` }),
  },
  {
    kind: "opsgenie",
    settings: (base) => ({ api_key: "genie-key", api_url: base }),
    down: (r, uuid) => {
      expect(r.path).toBe("/v2/alerts");
      expect(r.headers.get("authorization")).toBe("GenieKey genie-key");
      expect(r.json).toMatchObject({ message: "DOWN: disk check", alias: `tocsin-${uuid}`, tags: ["disk", "prod"], priority: "P3" });
    },
    up: (r, uuid) => {
      expect(r.path).toBe(`/v2/alerts/tocsin-${uuid}/close`);
      expect(r.url.searchParams.get("identifierType")).toBe("alias");
    },
  },
  {
    kind: "webhook",
    settings: (base) => ({ url: `${base}/down/$SLUG`, url_up: `${base}/up/$SLUG`, method: "PUT", body: "$NAME went $STATUS", body_up: "$NAME is back" }),
    down: (r) => {
      expect([r.method, r.path, r.body]).toEqual(["PUT", "/down/disk", "disk check went down"]);
      expect(r.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    },
    up: (r) => expect([r.path, r.body]).toEqual(["/up/disk", "disk check is back"]),
  },
];

describe("channel payloads", () => {
  test.each(rows.map((r) => ({ ...r, name: r.kind })))("$name: down alert and recovery reach the service", async (row) => {
    const w = anAlertWorld();
    const check = w.addCheck({ name: "disk check", slug: "disk", tags: "disk prod" });
    w.assign(check, w.addChannel(row.kind, row.settings(receiver.url)));
    const from = receiver.received.length;
    await w.ping(check, "/fail");
    await w.notifier.runDue();
    w.clock.advance(120_000);
    await w.ping(check);
    await w.notifier.runDue();
    expect(w.attempts(check).map((a) => a.status)).toEqual(["ok", "ok"]);
    const got = receiver.received.slice(from);
    expect(got).toHaveLength(2);
    row.down(got[0]!, check.uuid);
    row.up(got[1]!, check.uuid);
  });
});

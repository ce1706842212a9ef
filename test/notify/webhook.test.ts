import { createHmac } from "node:crypto";
import { afterEach, describe, expect, test } from "bun:test";
import { aReceiver, anAlertWorld, type Receiver } from "./support.ts";

let receiver: Receiver;
afterEach(() => receiver?.stop());

describe("webhook channel", () => {
  test("posts the templated body with a valid signature when a check goes down", async () => {
    receiver = aReceiver();
    const w = anAlertWorld();
    const check = w.addCheck({ name: "nightly backup", slug: "backup", tags: "db prod" });
    const hook = w.addChannel("webhook", {
      url: `${receiver.url}/hook?check=$NAME&s=$STATUS`,
      body: '{"text":"$NAME is $STATUS","code":"$CODE","tags":"$TAGS","body":"$BODY","exit":"$EXITSTATUS","check":$JSON}',
      secret: "s3cret",
    });
    w.assign(check, hook);
    await w.request(`/ping/${check.uuid}/3`, { method: "POST", body: 'line "one"\nline two' });
    const run = await w.notifier.runDue();
    expect(run.attempts).toBe(1);
    expect(receiver.received).toHaveLength(1);
    const got = receiver.received[0]!;
    expect(got.method).toBe("POST");
    expect(got.url.searchParams.get("check")).toBe("nightly backup");
    expect(got.url.searchParams.get("s")).toBe("down");
    expect(got.json).toMatchObject({ text: "nightly backup is down", code: check.uuid, tags: "db prod", body: 'line "one"\nline two', exit: "3" });
    // the check as a read-only key sees it, plus its ping URL: no keys, push or slug URLs
    expect(got.json.check).toMatchObject({ name: "nightly backup", slug: "backup", status: "down", ping_url: `http://tocsin.test/ping/${check.uuid}` });
    expect(Object.keys(got.json.check)).not.toContain("slug_url");
    expect(Object.keys(got.json.check)).not.toContain("push_url");
    const expected = `sha256=${createHmac("sha256", "s3cret").update(got.body).digest("hex")}`;
    expect(got.headers.get("x-tocsin-signature")).toBe(expected);
    expect(w.attempts(check)).toMatchObject([{ channel_id: hook.id, attempt: 1, status: "ok", error: "" }]);
  });
});

describe("webhook headers", () => {
  test("a CR/LF in a templated header value is removed, so the job's output cannot stop its own alert", async () => {
    receiver = aReceiver();
    const w = anAlertWorld();
    const check = w.addCheck({ name: "nightly\r\nX-Injected: name", slug: "backup" });
    const hook = w.addChannel("webhook", { url: `${receiver.url}/hook`, headers: { "X-Check": "$NAME", "X-Output": "out: $BODY" } });
    w.assign(check, hook);
    await w.request(`/ping/${check.uuid}/fail`, { method: "POST", body: "disk full\r\nX-Injected: body\n\0done" });
    await w.notifier.runDue();
    expect(w.attempts(check)).toMatchObject([{ status: "ok", error: "" }]);
    const got = receiver.received[0]!;
    expect(got.headers.get("x-check")).toBe("nightlyX-Injected: name");
    expect(got.headers.get("x-output")).toBe("out: disk fullX-Injected: bodydone");
    expect(got.headers.get("x-injected")).toBeNull();
  });
});

import { afterEach, describe, expect, test } from "bun:test";
import { aReceiver, anAlertWorld, type Receiver } from "./support.ts";

let receiver: Receiver;
afterEach(() => receiver?.stop());

describe("alert links", () => {
  test.each([
    { name: "a private check links to its dashboard page only", public: false, statusPage: null },
    { name: "a public check links to its dashboard page and names its status page", public: true, statusPage: "http://tocsin.test/status/default/backup" },
  ])("$name", async (row) => {
    receiver = aReceiver();
    const w = anAlertWorld();
    const check = w.addCheck({ name: "nightly backup", slug: "backup", public: row.public });
    w.assign(check, w.addChannel("slack", { url: `${receiver.url}/slack` }));
    await w.request(`/ping/${check.uuid}/fail`);
    await w.notifier.runDue();
    const got = receiver.received[0]!.json as { text: string; attachments: { fields: { title: string; value: string }[] }[] };
    expect(got.text).toContain(`<http://tocsin.test/app/checks/${check.uuid}|`);
    const statusPage = got.attachments[0]!.fields.find((f) => f.title === "Status page")?.value ?? null;
    expect(statusPage).toBe(row.statusPage);
  });
});

import { describe, expect, test } from "bun:test";
import { aDashboard } from "./support.ts";

interface ServerEvent {
  readonly event: string;
  readonly data: string;
}

/** Reads server-sent events from a response body, skipping comments. */
function eventsOf(res: Response) {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  const next = async (): Promise<ServerEvent> => {
    for (;;) {
      const end = buffer.indexOf("\n\n");
      if (end >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const lines = block.split("\n");
        const event = lines.find((l) => l.startsWith("event: "))?.slice(7);
        if (event === undefined) continue;
        return { event, data: lines.filter((l) => l.startsWith("data: ")).map((l) => l.slice(6)).join("\n") };
      }
      const { value, done } = await reader.read();
      if (done) throw new Error("the stream ended");
      buffer += decoder.decode(value);
    }
  };
  return { next, close: () => reader.cancel() };
}

describe("live updates", () => {
  test("a checks page's stream sends the re-rendered row of a check that was pinged", async () => {
    const w = await aDashboard();
    const check = w.addCheck({ name: "heartbeat" });
    const res = await w.request("/app/projects/default/events", { headers: w.browser.cookieHeader() });
    expect(res.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    const events = eventsOf(res);
    expect((await w.services.web()).dashboard.streams).toBe(1);
    await w.request(`/ping/${check.uuid}`);
    const ev = await events.next();
    expect(ev.event).toBe("row");
    const [uuid, ...markup] = ev.data.split("\n");
    expect(uuid).toBe(check.uuid);
    expect(markup.join("\n")).toStartWith(`<tr id="check-${check.uuid}" class="row-up">`);
    await events.close();
    expect((await w.services.web()).dashboard.streams).toBe(0);
  });

  test("a check that leaves the page's filter, or is deleted, is removed from it", async () => {
    const w = await aDashboard();
    const check = w.addCheck({ name: "heartbeat" });
    const page = `/app/checks/${check.uuid}`;
    const events = eventsOf(await w.request("/app/projects/default/events?status=new", { headers: w.browser.cookieHeader() }));
    await w.request(`/ping/${check.uuid}`);
    expect(await events.next()).toEqual({ event: "remove", data: check.uuid });
    await w.browser.get(page);
    await w.browser.post(`${page}/delete`, { confirm: "yes" });
    expect(await events.next()).toEqual({ event: "remove", data: check.uuid });
    await events.close();
  });

  test("a check page's stream says when its check changed", async () => {
    const w = await aDashboard();
    const check = w.addCheck({ name: "heartbeat" });
    const other = w.addCheck({ name: "other" });
    const events = eventsOf(await w.request(`/app/checks/${check.uuid}/events`, { headers: w.browser.cookieHeader() }));
    await w.request(`/ping/${other.uuid}`);
    await w.request(`/ping/${check.uuid}/fail`);
    expect(await events.next()).toEqual({ event: "changed", data: check.uuid });
    await events.close();
  });

  test("a stream needs a session like every other page", async () => {
    const w = await aDashboard();
    const res = await w.request("/app/projects/default/events", { redirect: "manual" });
    expect(res.status).toBe(303);
    expect((await w.services.web()).dashboard.streams).toBe(0);
  });
});

// A job that alternates failure and success as fast as it can (SPEC §3, §8): its changes fold
// into a handful of flip rows, and the channel still hears at most one message a minute whose
// summary counts every change, through real pings, the real notifier and a settable clock.
import { afterEach, describe, expect, test } from "bun:test";
import { formatZonedTime } from "../../src/core/format.ts";
import { aReceiver, anAlertWorld, type Receiver } from "./support.ts";

const S = 1000;
const MIN = 60 * S;
let receiver: Receiver;
afterEach(() => receiver?.stop());

/** A check with a Slack channel (its facts are the alert's text) at a local receiver. */
function setup() {
  receiver = aReceiver();
  const w = anAlertWorld();
  const check = w.addCheck({ name: "flapper", slug: "flapper" });
  w.assign(check, w.addChannel("slack", { url: `${receiver.url}/hook` }));
  const t0 = w.clock.now();
  const messages = () =>
    receiver.received.map((r) => ({
      text: r.json.text as string,
      fields: Object.fromEntries((r.json.attachments[0].fields as { title: string; value: string }[]).map((f) => [f.title, f.value])),
    }));
  /** alternates /fail and success every `stepMs` for `durationMs`, running the notifier after each */
  const flap = async (from: number, durationMs: number, stepMs: number): Promise<number> => {
    let pings = 0;
    for (let t = from; t < from + durationMs; t += stepMs, pings++) {
      w.clock.set(t0 + t);
      await w.ping(check, pings % 2 === 0 ? "/fail" : "");
      await w.notifier.runDue();
    }
    return pings;
  };
  const at = async (t: number): Promise<void> => {
    w.clock.set(t0 + t);
    await w.notifier.runDue();
  };
  return { ...w, check, t0, messages, flap, at };
}

describe("a flapping job", () => {
  test("30 s of fail/success every 200 ms stores a handful of rows and sends one message a minute with a summary of every change", async () => {
    const w = setup();
    await w.ping(w.check); // new → up, silent
    const pings = await w.flap(2 * MIN, 30 * S, 200);
    expect(pings).toBe(150);
    expect(w.reload(w.check).status).toBe("up");
    // 150 changes after the first row's one: each ping flips the status
    const rows = w.tx.listFlips(w.check.id);
    expect(rows.length).toBeLessThanOrEqual(3);
    expect(rows.reduce((n, r) => n + r.changes, 0)).toBe(151);
    await w.at(2 * MIN + 59 * S);
    expect(w.messages().map((m) => m.text.split(" <")[0])).toEqual(['"flapper" is DOWN']);
    await w.at(3 * MIN);
    const [down, up] = w.messages();
    expect(w.messages()).toHaveLength(2);
    expect(down!.fields["Down since"]).toBe(formatZonedTime(w.t0 + 2 * MIN, "UTC"));
    expect(up!.text).toStartWith('"flapper" is UP again');
    // every change after the down message, folded or not, is in the summary
    expect(up!.fields.Flapping).toBe("149 status changes since the last message");
    // up since its last change; down from the first failure of the flapping (SPEC §9 incidents)
    expect(up!.fields["Up since"]).toBe(formatZonedTime(w.t0 + 2 * MIN + 29_800, "UTC"));
    expect(up!.fields.Downtime).toBe("30 s");
    await w.at(10 * MIN);
    expect(w.messages()).toHaveLength(2);
  });

  test("flapping for minutes sends at most one message a minute, each summary counting the changes since the one before", async () => {
    const w = setup();
    await w.ping(w.check);
    const pings = await w.flap(2 * MIN, 150 * S, 1000);
    // where the notifier's timer wakes after the last message's minute
    await w.at(5 * MIN + 2000);
    await w.at(10 * MIN);
    expect(pings).toBe(150);
    // each message is decided when the minute after the last one is over and the status differs:
    // 2:00 down, 3:01 up, 4:02 down, 5:02 up (the state the flapping ended in)
    const times = w.attempts(w.check).map((a) => a.created - w.t0);
    expect(times).toEqual([2 * MIN, 3 * MIN + 1000, 4 * MIN + 2000, 5 * MIN + 2000]);
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(MIN);
    // each summary counts the changes since the message before, however they were folded
    const summaries = w.messages().map((m) => `${m.text.split(" <")[0]} ${m.fields.Flapping ?? ""}`.trim());
    expect(summaries).toEqual([
      '"flapper" is DOWN',
      '"flapper" is UP again 61 status changes since the last message',
      '"flapper" is DOWN 61 status changes since the last message',
      '"flapper" is UP again 27 status changes since the last message',
    ]);
    expect(w.tx.listFlips(w.check.id).length).toBeLessThanOrEqual(5);
  });

  test("a silent change folded into the row a channel was told about still resets what it believes", async () => {
    const w = setup();
    await w.ping(w.check);
    w.clock.advance(2 * MIN);
    await w.ping(w.check, "/fail");
    await w.notifier.runDue();
    expect(w.messages()).toHaveLength(1);
    // within the same minute: /ok brings it up silently, then it fails again
    w.clock.advance(10 * S);
    await w.ping(w.check, "/ok");
    w.clock.advance(10 * S);
    await w.ping(w.check, "/fail");
    await w.notifier.runDue();
    expect(w.tx.listFlips(w.check.id)).toHaveLength(2);
    // the channel was told "down", but the silent recovery reset that: the new failure is news
    w.clock.advance(MIN);
    await w.notifier.runDue();
    expect(w.messages().map((m) => m.text.split(" <")[0])).toEqual(['"flapper" is DOWN', '"flapper" is DOWN']);
  });

  test("a failure folded into the row of the success before it dates the outage from the failure", async () => {
    const w = setup();
    await w.ping(w.check); // new → up
    w.clock.advance(20 * S);
    await w.ping(w.check, "/fail"); // folds into the same row: new → up → down
    await w.notifier.runDue();
    w.clock.advance(5 * MIN);
    await w.ping(w.check);
    await w.notifier.runDue();
    expect(w.tx.listFlips(w.check.id).map((f) => f.changes)).toEqual([2, 1]);
    const [down, up] = w.messages();
    expect(down!.fields["Down since"]).toBe(formatZonedTime(w.t0 + 20 * S, "UTC"));
    expect(up!.fields["Up since"]).toBe(formatZonedTime(w.t0 + 20 * S + 5 * MIN, "UTC"));
    expect(up!.fields.Downtime).toBe("5 min 0 s");
  });
});

// A Tocsin world with a reporter check and a way to send Crisp-format reports to it.
import type { Check, NewCheck } from "../../src/store/store.ts";
import { aWorld } from "../support/world.ts";

export const S = 1000;

export function aReporterWorld(check: Partial<NewCheck> = {}) {
  const w = aWorld();
  const reporter = w.addCheck({ name: "api nodes", slug: "api", kind: "reporter", grace: 30, ...check });
  const token = w.keys.reporterToken;
  const basic = (password: string, user = ""): string => `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;
  /** POSTs a report as Crisp's libraries do (the body is JSON-encoded unless it is a string). */
  const report = (body: unknown, opts: { path?: string; auth?: string | null; method?: string } = {}): Promise<Response> => {
    const headers: Record<string, string> = { "Content-Type": "application/json; charset=utf-8" };
    const auth = opts.auth === undefined ? basic(token) : opts.auth;
    if (auth !== null) headers.Authorization = auth;
    return w.request(opts.path ?? "/v1/report/default/api/", { method: opts.method ?? "POST", headers, body: typeof body === "string" ? body : JSON.stringify(body) });
  };
  const replica = (id: string, interval = 60, load = { cpu: 0.1, ram: 0.2 }) => report({ replica_id: id, interval, load });
  /** The check as a read-write key sees it through the API. */
  const checkJson = async (c: Pick<Check, "uuid"> = reporter): Promise<Record<string, unknown>> =>
    (await w.request(`/api/v3/checks/${c.uuid}`, { headers: { "X-Api-Key": w.keys.apiKey } })).json() as Promise<Record<string, unknown>>;
  return { ...w, reporter, token, basic, report, replica, checkJson };
}

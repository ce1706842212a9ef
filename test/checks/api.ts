// Test helpers for the management API: a world plus JSON calls with a chosen key.
import { aWorld } from "../support/world.ts";

export interface ApiAnswer {
  readonly status: number;
  // tests read fields of the JSON answer freely
  readonly json: any;
  readonly text: string;
  readonly headers: Headers;
}

export function anApi(opts: Parameters<typeof aWorld>[0] = {}) {
  const w = aWorld(opts);
  /** `key` null sends no key; `raw` sends that body text as is */
  const call = async (method: string, path: string, body?: unknown, key: string | null = w.keys.apiKey, raw?: string): Promise<ApiAnswer> => {
    const headers: Record<string, string> = {};
    if (key !== null) headers["X-Api-Key"] = key;
    const payload = raw ?? (body === undefined ? undefined : JSON.stringify(body));
    if (payload !== undefined) headers["Content-Type"] = "application/json";
    const res = await w.request(path, { method, headers, body: payload });
    const text = await res.text();
    let json: unknown = null;
    try {
      json = JSON.parse(text);
    } catch {
      json = null;
    }
    return { status: res.status, json, text, headers: res.headers };
  };
  const create = async (body: Record<string, unknown>): Promise<any> => {
    const res = await call("POST", "/api/v3/checks/", body);
    if (res.status !== 201) throw new Error(`create failed: ${res.status} ${res.text}`);
    return res.json;
  };
  /** Every stored row that a request could damage, to compare before and after. */
  const snapshot = (): string =>
    JSON.stringify([
      w.rows("checks"),
      w.rows("check_channels"),
      w.rows("flips"),
      w.rows("projects").map((p) => [p.id, p.slug, p.name, p.ping_key, p.managed]),
    ]);
  return { ...w, call, create, snapshot };
}

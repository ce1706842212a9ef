// A whole Tocsin for status page tests: the management API to set things up, and plain GETs the
// way a visitor's browser or a feed reader sends them.
import { anApi } from "../checks/api.ts";

export const HOUR = 3_600_000;
export const DAY = 86_400_000;

export function aStatusWorld(opts: Parameters<typeof anApi>[0] = {}) {
  const a = anApi(opts);
  /** GET as a visitor: the answer and its body as text */
  const visit = async (path: string, headers: Record<string, string> = {}, addr = "198.51.100.20") => {
    const res = await a.request(path, { headers }, addr);
    return { res, status: res.status, text: await res.text(), headers: res.headers };
  };
  /** A check made through the API (so it has a badge key), with the fields given. */
  const check = (fields: Record<string, unknown>) => a.create({ timeout: 3600, grace: 600, ...fields });
  const settings = async (fields: Record<string, unknown>) => {
    const res = await a.call("POST", "/api/v3/project", fields);
    if (res.status !== 200) throw new Error(`project settings: ${res.status} ${res.text}`);
    return res.json;
  };
  const ping = (uuid: string, suffix = "", init: RequestInit = {}) => a.request(`/ping/${uuid}${suffix}`, init);
  return { ...a, visit, check, settings, ping };
}

// A Tocsin with its dashboard and a small browser: a cookie jar, same-origin form posts that carry
// the page's CSRF token, and the pages' HTML.
import { setAdminPassword } from "../../src/sessions/admin-password.ts";
import { aWorld } from "../support/world.ts";

export const PASSWORD = "correct horse battery";
export const ORIGIN = "http://tocsin.test";

export interface Page {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
}

/** The value of the first `name="csrf"` field of a page. */
export function formToken(html: string): string {
  const m = /name="csrf" value="([^"]+)"/.exec(html);
  if (!m) throw new Error("the page has no form token");
  return m[1]!;
}

export function aBrowser(w: ReturnType<typeof aWorld>, addr = "192.0.2.50") {
  const jar = new Map<string, string>();
  const remember = (res: Response): void => {
    for (const cookie of res.headers.getSetCookie()) {
      const [pair] = cookie.split(";");
      const eq = pair!.indexOf("=");
      const name = pair!.slice(0, eq);
      const value = pair!.slice(eq + 1);
      if (/Max-Age=0/.test(cookie)) jar.delete(name);
      else jar.set(name, value);
    }
  };
  const cookieHeader = (): Record<string, string> => (jar.size === 0 ? {} : { Cookie: [...jar].map(([k, v]) => `${k}=${v}`).join("; ") });
  const send = async (path: string, init: RequestInit = {}): Promise<Page> => {
    const res = await w.request(path, { ...init, redirect: "manual", headers: { ...cookieHeader(), ...(init.headers as Record<string, string>) } }, addr);
    remember(res);
    return { status: res.status, headers: res.headers, text: await res.text() };
  };
  let lastToken: string | null = null;
  const get = async (path: string, headers: Record<string, string> = {}): Promise<Page> => {
    const page = await send(path, { headers });
    if (/name="csrf"/.test(page.text)) lastToken = formToken(page.text);
    return page;
  };
  /** Posts a form as the browser would from a page of ours: Sec-Fetch-Site same-origin, Origin, the token. */
  /** `headers` override the browser's; a null value leaves that header out. */
  /** A field given an array is sent once per value, as checkboxes sharing a name are. */
  const post = (path: string, fields: Record<string, string | readonly string[]> = {}, opts: { token?: string | null; headers?: Record<string, string | null> } = {}): Promise<Page> => {
    const token = opts.token === undefined ? lastToken : opts.token;
    const body = new URLSearchParams(token === null ? {} : { csrf: token });
    for (const [k, v] of Object.entries(fields)) for (const value of typeof v === "string" ? [v] : v) body.append(k, value);
    const merged: Record<string, string | null> = { "Content-Type": "application/x-www-form-urlencoded", Origin: ORIGIN, "Sec-Fetch-Site": "same-origin", ...opts.headers };
    const headers = Object.fromEntries(Object.entries(merged).filter((e): e is [string, string] => e[1] !== null));
    return send(path, { method: "POST", body: body.toString(), headers });
  };
  const logIn = async (password = PASSWORD): Promise<Page> => {
    await get("/app/login");
    return post("/app/login", { password, next: "/app" });
  };
  return { jar, get, post, send, logIn, cookieHeader };
}

/** A world whose admin password is PASSWORD, and a browser logged in to it. */
export async function aDashboard(opts: Parameters<typeof aWorld>[0] = {}) {
  const w = aWorld(opts);
  await setAdminPassword(w.store, PASSWORD);
  const browser = aBrowser(w);
  const login = await browser.logIn();
  if (login.status !== 303) throw new Error(`login failed: ${login.status} ${login.text}`);
  return { ...w, browser };
}

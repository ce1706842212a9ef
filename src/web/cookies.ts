// Cookies of the dashboard: read from the request, written with the attributes SPEC §12 asks for
// (HttpOnly, SameSite=Lax, Secure over HTTPS), on a path so that they go nowhere else.
export interface CookieOptions {
  readonly path: string;
  /** seconds; 0 deletes the cookie */
  readonly maxAge: number;
  readonly secure: boolean;
}

const NAME = /^[A-Za-z0-9_-]+$/;
const VALUE = /^[A-Za-z0-9_.~-]*$/;

/** The value of cookie `name`, or null (values we never write, e.g. with spaces, are ignored). */
export function readCookie(req: Request, name: string): string | null {
  const header = req.headers.get("cookie");
  if (header === null || header.length > 8_192) return null;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
    const value = part.slice(eq + 1).trim();
    return VALUE.test(value) ? value : null;
  }
  return null;
}

export function setCookie(name: string, value: string, opts: CookieOptions): string {
  if (!NAME.test(name) || !VALUE.test(value)) throw new Error(`cookie ${name} has characters a cookie cannot carry`);
  const parts = [`${name}=${value}`, `Path=${opts.path || "/"}`, `Max-Age=${Math.max(0, Math.floor(opts.maxAge))}`, "HttpOnly", "SameSite=Lax"];
  if (opts.secure) parts.push("Secure");
  return parts.join("; ");
}

export function clearCookie(name: string, opts: Omit<CookieOptions, "maxAge">): string {
  return setCookie(name, "", { ...opts, maxAge: 0 });
}

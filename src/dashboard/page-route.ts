// Dashboard routes as data, like the API's (src/http/route.ts): each declares its method, path and
// whether it needs a session. The checks every route needs — the session, the origin of unsafe
// requests, the form's CSRF token — run once in front of them (guard.ts), never in a handler.
import type { Session } from "../sessions/sessions.ts";

export type PageMethod = "GET" | "POST";

/** What a handler gets once the guard has let the request through. */
export interface PageCall<S extends Session | null = Session> {
  readonly req: Request;
  readonly url: URL;
  readonly params: Readonly<Record<string, string>>;
  readonly session: S;
  /** the form fields of a POST (urlencoded), empty for GET */
  readonly form: URLSearchParams;
  /** the token every form of the page must carry back */
  readonly csrf: string;
  /** the client's address (the proxy's word for it with TOCSIN_TRUST_PROXY) */
  readonly clientAddr: string;
  /** the request came over HTTPS (cookies get Secure) */
  readonly secure: boolean;
  readonly now: number;
}

interface RouteBase {
  readonly method: PageMethod;
  readonly path: string;
  /** each request spends a login attempt (login-limits.ts) before the handler runs */
  readonly limited?: boolean;
}

export type PageRoute =
  | (RouteBase & { readonly auth: "session"; handle(call: PageCall<Session>): Response | Promise<Response> })
  /** the login form and its POST only */
  | (RouteBase & { readonly auth: "anonymous"; handle(call: PageCall<Session | null>): Response | Promise<Response> });

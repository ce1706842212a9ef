// Routes as data: each HTTP route is declared once — method, path, who may call it, its JSON body
// schema and its documentation — and the router (router.ts), the key check (api/auth.ts) and the
// OpenAPI document (api/openapi.ts) are all generated from that one declaration.
import type { z } from "zod";
import type { Project } from "../store/store.ts";

export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/**
 * Who may call a route: anyone; a project API key (read-only keys allowed for `read`); or the
 * route checks its own credential (`metrics`: bearer tokens or keys, `page`: a session or a form).
 */
export type RouteAuth = "none" | "read" | "write" | "metrics";

export interface ParamDoc {
  readonly name: string;
  readonly in: "path" | "query" | "header";
  readonly description: string;
  readonly schema: z.ZodType;
}

export interface ResponseDoc {
  readonly description: string;
  /** JSON body; absent for plain-text or binary answers */
  readonly schema?: z.ZodType;
  /** content type when the body is not JSON (or is JSON of another media type, with `schema`) */
  readonly contentType?: string;
}

export interface RouteDoc {
  readonly summary: string;
  /** longer prose for the OpenAPI operation (paging, limits) */
  readonly description?: string;
  readonly params?: readonly ParamDoc[];
  readonly responses: Readonly<Record<string, ResponseDoc>>;
  /** group in the document; by default the API area (`/api/v3/<area>/`) */
  readonly tag?: string;
}

/** The key that authenticated the request (routes with auth read/write). */
export interface ApiAuth {
  readonly project: Project;
  readonly readOnly: boolean;
}

export type Validated<T> = { readonly ok: true; readonly data: T } | { readonly ok: false; readonly response: Response };

export interface Call<B = unknown> {
  readonly req: Request;
  readonly url: URL;
  readonly params: Readonly<Record<string, string>>;
  /**
   * The public base URL for links in this answer, without a trailing slash: TOCSIN_BASE_URL, or
   * the request's own origin when the daemon listens on every address (SPEC §2).
   */
  readonly baseUrl: string;
  /** the caller's project (routes with auth read or write), null otherwise */
  readonly auth: ApiAuth | null;
  /** the address of the socket the request came over ("" when unknown); see client-address.ts */
  readonly socketAddr: string;
  /** the parsed JSON object of a POST/PUT/PATCH/DELETE body ({} when empty), undefined for GET and form routes */
  readonly json: Readonly<Record<string, unknown>> | undefined;
  /** validates `json` with the route's body schema; 400 `json validation error: ...` otherwise */
  validate(): Validated<B>;
}

export interface Route<B = unknown> {
  readonly method: Method;
  /** `:name` segments are parameters; a trailing slash is optional when matching */
  readonly path: string;
  readonly auth: RouteAuth;
  readonly body?: z.ZodType<B>;
  /** an HTML form posts here: the router leaves the body unread for the handler (bounded there) */
  readonly form?: boolean;
  readonly doc: RouteDoc;
  /**
   * How the router answers this route's errors (a bad key, an unreadable body, a failed
   * validation); `{"error": ...}` by default. Compatibility APIs answer in their own envelope.
   */
  readonly errorAnswer?: (status: number, error: string) => Response;
  handle(call: Call<B>): Response | Promise<Response>;
}

/** Declares a route with its body type inferred from its schema. */
export function route<S extends z.ZodType = z.ZodType<unknown>>(r: Omit<Route<z.output<S>>, "body"> & { readonly body?: S }): Route {
  return r as unknown as Route;
}

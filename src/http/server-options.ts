// What Bun.serve is given besides `fetch` (SPEC §2, HTTP hygiene). Development mode answers a
// crash with a page of source lines and paths, so it is always off; a crash that escapes the
// handlers becomes a JSON 500 and one JSON log line; and the server itself refuses bodies larger
// than any route accepts (the ping routes' limit), whatever the routes read.
import type { Logger } from "../log.ts";
import { MAX_PING_BODY } from "./ping-body.ts";

export interface ServerOptions {
  readonly development: false;
  readonly maxRequestBodySize: number;
  error(error: Error): Response;
}

export function serverOptions(log: Logger): ServerOptions {
  return {
    development: false,
    maxRequestBodySize: MAX_PING_BODY,
    error: (error) => {
      log.error("request failed", { error });
      return Response.json({ error: "internal error" }, { status: 500 });
    },
  };
}

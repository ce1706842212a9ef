// Live updates without reload (SPEC §12): server-sent events fed by the post-commit event stream
// (src/live/events.ts). A checks page gets `row` events carrying the re-rendered rows of the
// checks that changed (and `remove` for those that left it); a check's page gets `changed` and
// fetches itself again. Changes are gathered for half a second, so a burst of pings costs one
// read of the project per stream, not one per ping; streams are bounded in number and end when
// their session does.
import type { LiveEvent } from "../live/events.ts";
import { resumeSession, type Session } from "../sessions/sessions.ts";
import { checkRows, matches } from "../views/dashboard-checks.ts";
import { projectRefs } from "../views/dashboard-checks.ts";
import { checkRow, filterOf } from "./checks-page.ts";
import type { PageContext } from "./context.ts";
import { errorPage } from "./error-page.ts";
import type { PageRoute } from "./page-route.ts";

const FLUSH_MS = 500;
/** below Bun's 10 s idle timeout, and what keeps proxies from closing a quiet stream */
const KEEPALIVE_MS = 5_000;
const SESSION_RECHECK_MS = 60_000;
export const MAX_STREAMS = 100;

export class StreamCount {
  open = 0;
}

export function liveRoutes(ctx: PageContext, count: StreamCount): PageRoute[] {
  return [
    {
      method: "GET",
      path: "/app/projects/:project/events",
      auth: "session",
      handle: (call) => {
        const project = ctx.store.read((tx) => projectRefs(tx)).find((p) => p.slug === call.params.project);
        if (!project) return errorPage(ctx.links(), 404, "There is no such project.");
        const filter = filterOf(call.url.searchParams);
        return eventStream(ctx, count, call.session, call.req.signal, {
          wants: (e) => e.projectId === project.id,
          render: (uuids) => {
            const rows = new Map(ctx.store.read((tx) => checkRows(tx, ctx.crons, project.id, ctx.now())).map((r) => [r.uuid, r]));
            const links = ctx.links();
            const now = ctx.now();
            return [...uuids].map((uuid) => {
              const row = rows.get(uuid);
              return row && matches(row, filter) ? message("row", `${uuid}\n${checkRow(links, row, now).text}`) : message("remove", uuid);
            });
          },
        });
      },
    },
    {
      method: "GET",
      path: "/app/checks/:uuid/events",
      auth: "session",
      handle: (call) => {
        const uuid = (call.params.uuid ?? "").toLowerCase();
        return eventStream(ctx, count, call.session, call.req.signal, { wants: (e) => e.uuid === uuid, render: () => [message("changed", uuid)] });
      },
    },
  ];
}

/** One server-sent event; every line of the data gets its own `data:` field. */
export function message(event: string, data: string): string {
  return `event: ${event}\n${data.split("\n").map((l) => `data: ${l}`).join("\n")}\n\n`;
}

interface StreamSpec {
  readonly wants: (e: LiveEvent) => boolean;
  /** the events to send for the checks (by uuid) that changed since the last flush */
  readonly render: (uuids: ReadonlySet<string>) => string[];
}

function eventStream(ctx: PageContext, count: StreamCount, session: Session, signal: AbortSignal, spec: StreamSpec): Response {
  if (count.open >= MAX_STREAMS) return errorPage(ctx.links(), 503, "Too many live pages are open; close some, or reload later.");
  const encoder = new TextEncoder();
  let cleanup = (): void => {};
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      count.open++;
      const pending = new Set<string>();
      let flushTimer: ReturnType<typeof setTimeout> | null = null;
      let checkedAt = ctx.now();
      const send = (text: string): void => {
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          cleanup();
        }
      };
      const flush = (): void => {
        flushTimer = null;
        const uuids = new Set(pending);
        pending.clear();
        try {
          for (const m of spec.render(uuids)) send(m);
        } catch (error) {
          ctx.log.error("live update failed", { error });
        }
      };
      const unsubscribe = ctx.events.subscribe((e) => {
        if (!spec.wants(e)) return;
        pending.add(e.uuid);
        flushTimer ??= setTimeout(flush, FLUSH_MS);
      });
      const keepalive = setInterval(() => {
        const now = ctx.now();
        if (now - checkedAt >= SESSION_RECHECK_MS) {
          checkedAt = now;
          if (resumeSession(ctx.store, session.token, now) === null) {
            send(message("logout", ""));
            return cleanup();
          }
        }
        send(": keepalive\n\n");
      }, KEEPALIVE_MS);
      let closed = false;
      cleanup = () => {
        if (closed) return;
        closed = true;
        count.open--;
        unsubscribe();
        clearInterval(keepalive);
        if (flushTimer !== null) clearTimeout(flushTimer);
        try {
          controller.close();
        } catch {
          // already closed by the client
        }
      };
      signal.addEventListener("abort", () => cleanup());
      send("retry: 5000\n: connected\n\n");
    },
    cancel() {
      cleanup();
    },
  });
  return new Response(body, { headers: { "Content-Type": "text/event-stream; charset=utf-8", "Cache-Control": "no-store", "X-Accel-Buffering": "no" } });
}

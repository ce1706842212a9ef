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
            const rows = new Map(ctx.store.read((tx) => checkRows(tx, ctx.crons, project.id, ctx.now(), uuids)).map((r) => [r.uuid, r]));
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
  let stream: LiveStream | null = null;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      stream = new LiveStream(ctx, count, session, spec, controller);
      signal.addEventListener("abort", () => stream?.close());
    },
    cancel() {
      stream?.close();
    },
  });
  return new Response(body, { headers: { "Content-Type": "text/event-stream; charset=utf-8", "Cache-Control": "no-store", "X-Accel-Buffering": "no" } });
}

/** One open event stream: gathers changes, flushes them, keeps the connection and checks the session. */
class LiveStream {
  private readonly encoder = new TextEncoder();
  private readonly pending = new Set<string>();
  private flushTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly keepalive: ReturnType<typeof setInterval>;
  private readonly unsubscribe: () => void;
  private sessionCheckedAt: number;
  private closed = false;

  constructor(
    private readonly ctx: PageContext,
    private readonly count: StreamCount,
    private readonly session: Session,
    private readonly spec: StreamSpec,
    private readonly controller: ReadableStreamDefaultController<Uint8Array>,
  ) {
    count.open++;
    this.sessionCheckedAt = ctx.now();
    this.unsubscribe = ctx.events.subscribe((e) => this.changed(e));
    this.keepalive = setInterval(() => this.tick(), KEEPALIVE_MS);
    this.send("retry: 5000\n: connected\n\n");
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.count.open--;
    this.unsubscribe();
    clearInterval(this.keepalive);
    if (this.flushTimer !== null) clearTimeout(this.flushTimer);
    try {
      this.controller.close();
    } catch {
      // already closed by the client
    }
  }

  private changed(e: LiveEvent): void {
    if (!this.spec.wants(e)) return;
    this.pending.add(e.uuid);
    this.flushTimer ??= setTimeout(() => this.flush(), FLUSH_MS);
  }

  private flush(): void {
    this.flushTimer = null;
    const uuids = new Set(this.pending);
    this.pending.clear();
    try {
      for (const m of this.spec.render(uuids)) this.send(m);
    } catch (error) {
      this.ctx.log.error("live update failed", { error });
    }
  }

  private tick(): void {
    const now = this.ctx.now();
    if (now - this.sessionCheckedAt >= SESSION_RECHECK_MS) {
      this.sessionCheckedAt = now;
      if (resumeSession(this.ctx.store, this.session.token, now) === null) {
        this.send(message("logout", ""));
        return this.close();
      }
    }
    this.send(": keepalive\n\n");
  }

  private send(text: string): void {
    if (this.closed) return;
    try {
      this.controller.enqueue(this.encoder.encode(text));
    } catch {
      this.close();
    }
  }
}

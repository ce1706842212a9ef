// Check rows a page already rendered, kept by everything they were rendered from, so the next
// page reuses the markup of rows that did not change: a page of 200 checks is 18 000 bar days,
// and most of them are the same from one minute to the next. A memo only ever returns what the
// renderer would produce from the same inputs; rendering with or without one gives the same bytes.
import { raw, type Html } from "../web/html.ts";
import type { PublicCheck } from "../views/status-page-model.ts";
import type { RenderContext } from "./sections.ts";

/** Markup kept, in UTF-16 code units; the least recently used rows go first. */
const MAX_CHARS = 8_000_000;

export class RowMemo {
  private readonly rows = new Map<string, string>();
  private held = 0;

  constructor(private readonly maxChars = MAX_CHARS) {}

  /** Markup and keys held, in UTF-16 code units. */
  get chars(): number {
    return this.held;
  }

  /** The row of `c`, rendered by `render` unless the same row was rendered before. */
  row(ctx: RenderContext, c: PublicCheck, id: string, render: () => Html): Html {
    const key = rowKey(ctx, c, id);
    if (key === null) return render();
    const known = this.rows.get(key);
    if (known !== undefined) {
      this.rows.delete(key);
      this.rows.set(key, known);
      return raw(known);
    }
    const text = flat(render().text);
    this.rows.set(key, text);
    this.held += text.length + key.length;
    while (this.held > this.maxChars && this.rows.size > 0) {
      const [oldest, markup] = this.rows.entries().next().value!;
      this.rows.delete(oldest);
      this.held -= markup.length + oldest.length;
    }
    return raw(text);
  }
}

/**
 * `text` as one flat string. A string built by concatenation is a tree of pieces in the engine,
 * and each later copy (every page that reuses the row, its UTF-8 encoding) would walk the tree
 * again; a UTF-8 round trip gives the same text in one piece (lone surrogates become U+FFFD,
 * as they do when the page is encoded anyway).
 */
function flat(text: string): string {
  return Buffer.from(text).toString();
}

/** Every input of a row; null when the check's history has no key (then it is always rendered). */
function rowKey(ctx: RenderContext, c: PublicCheck, id: string): string | null {
  if (c.historyKey === undefined) return null;
  const frame = ctx.frame;
  const facts = [c.name, c.slug, c.status, c.failing, c.overloaded ?? false, c.inMaintenance, c.lastRun?.at ?? null, c.lastRun?.durationMs ?? null, c.uptime];
  // no page instant: a row shows absolute times only (sections.ts lastRunLine)
  return [id, ctx.links.page, ctx.embedded, frame.zone, frame.basePath, c.historyKey, JSON.stringify(facts)].join("\u0000");
}

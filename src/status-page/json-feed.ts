// A project's JSON feed (SPEC §9): JSON Feed 1.1 (https://jsonfeed.org/version/1.1), so feed
// readers take it as they are, with the structured status in `_tocsin` extension objects (JSON
// Feed's rule for extensions: keys starting with "_", ignored by readers that do not know them):
// - top level `_tocsin`: the overall state and every public check's status and uptime;
// - each item's `_tocsin`: its kind (state, incident, maintenance), period and checks.
// Instants are ISO 8601 with a numeric offset in UTC (SPEC §0). jsonFeedSchema describes it
// for validation and for the OpenAPI document.
import { z } from "zod";
import { formatInZone } from "../core/cron.ts";
import { STATUS_LABELS, type StatusWord } from "../core/format.ts";
import { type FeedEntry, feedEntries, feedUpdated, feedUrls } from "./feed-entries.ts";
import type { FeedModel, Overall } from "../views/status-page-model.ts";
import { OVERALL_HEADLINES, wordOf } from "./overall.ts";

const instant = z.string().meta({ description: "ISO 8601 date-time with a numeric offset (+00:00), second precision" });
const percent = z.number().min(0).max(100).nullable().meta({ description: "Percent of monitored time up; null when nothing was monitored" });
const OVERALLS = ["operational", "degraded", "outage", "maintenance"] as const satisfies readonly Overall[];
const WORDS = Object.keys(STATUS_LABELS) as [StatusWord, ...StatusWord[]];

const itemSchema = z.object({
  id: z.string().meta({ description: "Stable id (an IRI built from public facts)" }),
  url: z.string(),
  title: z.string(),
  content_text: z.string(),
  date_published: instant,
  date_modified: instant,
  tags: z.array(z.string()),
  _tocsin: z.object({
    kind: z.enum(["state", "incident", "maintenance"]),
    start: instant.nullable().meta({ description: "Incidents and maintenance: when the period starts" }),
    end: instant.nullable().meta({ description: "When it ends; null for an ongoing incident and the state entry" }),
    checks: z.array(z.string()).meta({ description: "Names of the public checks concerned" }),
  }),
});

const checkSchema = z.object({
  name: z.string(),
  group: z.string(),
  url: z.string().nullable().meta({ description: "The check's status page; null when it has no slug" }),
  status: z.enum(WORDS).meta({ description: "Status word: new, waiting, up, started, grace (late), failing, overloaded, down, paused, maintenance" }),
  label: z.string().meta({ description: "The status as the page words it" }),
  last_run: instant.nullable(),
  uptime: z.object({ "1d": percent, "7d": percent, "30d": percent, "90d": percent }),
});

export const jsonFeedSchema = z.object({
  version: z.literal("https://jsonfeed.org/version/1.1"),
  title: z.string(),
  description: z.string().optional(),
  home_page_url: z.string(),
  feed_url: z.string(),
  icon: z.string().optional(),
  language: z.literal("en"),
  items: z.array(itemSchema),
  _tocsin: z.object({
    status: z.enum(OVERALLS).meta({ description: "Overall state of the public checks" }),
    headline: z.string(),
    updated: instant,
    checks: z.array(checkSchema),
  }),
}).meta({ description: "JSON Feed 1.1 of a project's status page, with Tocsin's `_tocsin` extension" });

export type JsonFeed = z.infer<typeof jsonFeedSchema>;

function date(ms: number): string {
  return formatInZone(ms, "UTC");
}

function item(e: FeedEntry): JsonFeed["items"][number] {
  return {
    id: e.id,
    url: e.url,
    title: e.title,
    content_text: e.text,
    date_published: date(e.published),
    date_modified: date(e.updated),
    tags: [e.kind],
    _tocsin: { kind: e.kind, start: e.start === null ? null : date(e.start), end: e.end === null ? null : date(e.end), checks: [...e.checks] },
  };
}

export function jsonFeed(model: FeedModel): JsonFeed {
  const urls = feedUrls(model);
  const entries = feedEntries(model);
  const logo = model.project.logoUrl;
  return {
    version: "https://jsonfeed.org/version/1.1",
    title: model.project.title,
    ...(model.project.description ? { description: model.project.description } : {}),
    home_page_url: urls.page,
    feed_url: urls.json,
    ...(logo !== null && /^https?:\/\//i.test(logo) ? { icon: logo } : {}),
    language: "en",
    items: entries.map(item),
    _tocsin: {
      status: model.overall,
      headline: OVERALL_HEADLINES[model.overall],
      updated: date(feedUpdated(model, entries)),
      checks: model.groups.flatMap((g) =>
        g.checks.map((c) => ({
          name: c.name,
          group: g.name,
          url: c.slug === null ? null : urls.check(c.slug),
          status: wordOf(c),
          label: STATUS_LABELS[wordOf(c)],
          last_run: c.lastRun === null ? null : date(c.lastRun.at),
          uptime: { ...c.uptime },
        })),
      ),
    },
  };
}

// A project's Atom 1.0 feed (RFC 4287; SPEC §9): the current state, incidents and maintenance.
// Every text goes through escapeXml, so a check named "<script>" stays text and a control
// character in a name cannot make the document ill-formed.
import { formatInZone } from "../core/cron.ts";
import { type FeedEntry, feedEntries, feedUpdated, feedUrls } from "./feed-entries.ts";
import type { FeedModel } from "../views/status-page-model.ts";
import { escapeXml } from "./xml.ts";

function date(ms: number): string {
  return formatInZone(ms, "UTC");
}

function entryXml(e: FeedEntry): string {
  return [
    "<entry>",
    `<id>${escapeXml(e.id)}</id>`,
    `<title type="text">${escapeXml(e.title)}</title>`,
    `<published>${date(e.published)}</published>`,
    `<updated>${date(e.updated)}</updated>`,
    `<link rel="alternate" type="text/html" href="${escapeXml(e.url)}"/>`,
    `<category term="${e.kind}"/>`,
    `<content type="text">${escapeXml(e.text)}</content>`,
    "</entry>",
  ].join("\n");
}

export function renderAtomFeed(model: FeedModel): string {
  const urls = feedUrls(model);
  const entries = feedEntries(model);
  const logo = model.project.logoUrl !== null && /^https?:\/\//i.test(model.project.logoUrl) ? `<logo>${escapeXml(model.project.logoUrl)}</logo>\n` : "";
  const subtitle = model.project.description ? `<subtitle type="text">${escapeXml(model.project.description)}</subtitle>\n` : "";
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
<id>${escapeXml(urls.page)}</id>
<title type="text">${escapeXml(model.project.title)}</title>
${subtitle}<updated>${date(feedUpdated(model, entries))}</updated>
<link rel="alternate" type="text/html" href="${escapeXml(urls.page)}"/>
<link rel="self" type="application/atom+xml" href="${escapeXml(urls.atom)}"/>
<author><name>${escapeXml(model.project.title)}</name></author>
<generator>Tocsin</generator>
${logo}${entries.map(entryXml).join("\n")}
</feed>
`;
}

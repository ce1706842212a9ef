// Instants on dashboard pages: relative ("5 min ago", kept current by the page's script through
// `data-relative`) beside the absolute time in the zone it is shown in.
import { formatInZone } from "../core/cron.ts";
import { html, type Html } from "../web/html.ts";
import { localDateTime, relativeTime } from "../web/format.ts";

export function when(ms: number | null, now: number, zone: string, never = "never"): Html {
  if (ms === null) return html`<span class="muted">${never}</span>`;
  const iso = formatInZone(ms, zone);
  return html`<time datetime="${iso}" data-relative title="${localDateTime(ms, zone)} (${zone})">${relativeTime(ms, now)}</time> <small class="abs">${localDateTime(ms, zone)} ${zone}</small>`;
}

/** The absolute time alone, with its zone. */
export function at(ms: number, zone: string): Html {
  return html`<time datetime="${formatInZone(ms, zone)}">${localDateTime(ms, zone)} ${zone}</time>`;
}

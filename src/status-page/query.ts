// The query parameters a public page honours: ?embed= (SPEC §9, after openstatus) and ?theme=.
import { EMBED_SECTIONS, type EmbedSection, type Theme } from "../views/status-page-model.ts";

/**
 * The sections embed mode shows, from the value of `?embed=`: comma-separated keys, any letter
 * case, surrounding spaces and unknown keys ignored; present but naming nothing valid (`?embed`,
 * `?embed=all`, `?embed=x`) shows every section. null when the parameter is absent: no embed mode.
 */
export function parseEmbed(value: string | null): ReadonlySet<EmbedSection> | null {
  if (value === null) return null;
  const known = new Set<string>(EMBED_SECTIONS);
  const picked = value
    .split(",")
    .map((key) => key.trim().toLowerCase())
    .filter((key): key is EmbedSection => known.has(key));
  return new Set(picked.length > 0 ? picked : EMBED_SECTIONS);
}

/** `?theme=light|dark` forces a theme (any letter case); anything else follows the visitor. */
export function parseTheme(value: string | null): Theme {
  const v = (value ?? "").trim().toLowerCase();
  return v === "light" || v === "dark" ? v : "auto";
}

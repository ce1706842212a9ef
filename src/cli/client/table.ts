// Plain-text tables for terminals: left-aligned columns separated by two spaces.

export function formatTable(headers: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0)))
      .join("  ")
      .trimEnd();
  return [line(headers), ...rows.map(line)];
}

/** "never", "42s ago", "5m ago", "3h ago", "12d ago"; the server's text when it is not a date. */
export function formatAge(iso: string | null, now: number): string {
  if (iso === null) return "never";
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return iso;
  const seconds = Math.max(0, Math.round((now - at) / 1000));
  if (seconds < 60) return `${seconds}s ago`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m ago`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)}h ago`;
  return `${Math.floor(seconds / 86_400)}d ago`;
}

/** Terminals are often 80 columns wide; a default listing fits them. */
export const TERMINAL_WIDTH = 80;
// a shrunk column keeps at least this much of its text
const MIN_SHRUNK = 8;

/**
 * A table within `width` columns: the widest of the `shrinkable` columns loses a character until
 * the rows fit, and cut cells end in "…". The other columns keep their text whole.
 */
export function fitTable(headers: readonly string[], rows: readonly (readonly string[])[], shrinkable: readonly number[], width = TERMINAL_WIDTH): string[] {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const total = (): number => widths.reduce((a, b) => a + b, 0) + 2 * (widths.length - 1);
  while (total() > width) {
    const candidates = shrinkable.filter((i) => widths[i]! > Math.max(MIN_SHRUNK, headers[i]!.length));
    if (candidates.length === 0) break;
    const widest = candidates.reduce((a, b) => (widths[b]! > widths[a]! ? b : a));
    widths[widest] = widths[widest]! - 1;
  }
  const cut = (text: string, i: number): string => (text.length > widths[i]! ? `${text.slice(0, widths[i]! - 1)}…` : text);
  return formatTable(headers.map(cut), rows.map((r) => r.map(cut)));
}

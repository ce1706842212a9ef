// Text widths for badges, measured from real font metrics (font-widths.ts) instead of guessed,
// so a label of wide letters ("WWW…") gets the room it needs. Pure.
import { ADVANCE_WIDTHS, UNITS_PER_EM } from "./font-widths.ts";

const WIDTHS: ReadonlyMap<number, number> = new Map(
  ADVANCE_WIDTHS.flatMap(([first, widths]) => widths.flatMap((w, i): [number, number][] => (w < 0 ? [] : [[first + i, w]]))),
);

/**
 * Code points the table does not know (CJK, emoji, other scripts) count as a full em: wide
 * scripts are about that wide and an overestimate only adds space, never overflow.
 */
const UNKNOWN_WIDTH = UNITS_PER_EM;

/** Width in CSS pixels of `text` set in DejaVu Sans at `fontSize` px, without kerning. */
export function textWidth(text: string, fontSize: number): number {
  let units = 0;
  for (const ch of text) units += WIDTHS.get(ch.codePointAt(0)!) ?? UNKNOWN_WIDTH;
  return (units * fontSize) / UNITS_PER_EM;
}

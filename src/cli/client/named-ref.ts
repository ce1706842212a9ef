// `<ref>` of channels and maintenance windows: the object's id, or its name (exactly, then
// ignoring case). Several matches are an error that lists them; none suggests the nearest name.
import { nearest } from "../../core/nearest.ts";
import type { Resolved } from "./options.ts";

export interface Named {
  readonly id: string;
  readonly name: string;
}

export function pickNamed<T extends Named>(ref: string, items: readonly T[], noun: string): Resolved<T> {
  const lower = ref.toLowerCase();
  const rounds = [(x: T) => x.id.toLowerCase() === lower, (x: T) => x.name === ref, (x: T) => x.name.toLowerCase() === lower];
  for (const matches of rounds) {
    const found = items.filter(matches);
    if (found.length === 1) return { ok: true, value: found[0]! };
    if (found.length > 1) return { ok: false, error: `"${ref}" matches ${found.length} ${noun}s: ${found.map((x) => `"${x.name}" (${x.id})`).join(", ")}; give the id of one` };
  }
  const guess = nearest(ref, items.map((x) => x.name).filter((n) => n !== ""));
  return { ok: false, error: `no ${noun} with id or name "${ref}" in this project${guess ? `; did you mean "${guess}"?` : ""}` };
}

/** "a,b c" → ["a", "b", "c"]: lists on the command line, separated by commas or spaces. */
export function listArg(text: string | undefined): string[] {
  return text === undefined ? [] : text.split(/[\s,]+/).filter((t) => t !== "");
}

// "Did you mean ...?" for misspelt keys, sub-commands, check names and time zones (SPEC §10):
// the candidate at the smallest edit distance, when it is close enough to be a typo.
// An edit is an insertion, deletion, substitution or a swap of two neighbours ("timoeut").
// A few lines of dynamic programming: the inputs are short and bounded below.

/** Longer words get no suggestion: a typo of a key is short, and the work stays small. */
const MAX_WORD = 64;

/** Optimal string alignment distance (Damerau–Levenshtein without repeated edits of a substring). */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, before[j - 2]! + 1);
      current.push(d);
    }
    before = previous;
    previous = current;
  }
  return previous[b.length]!;
}

/** How far a word may be from a candidate and still be taken for a typo of it. */
function tolerance(word: string): number {
  return Math.max(1, Math.floor(word.length / 3));
}

/**
 * The candidate closest to `word` (ignoring letter case) within the typo tolerance, or null.
 * Ties go to the earlier candidate. `keyOf` compares against another text of the candidate.
 */
export function nearest(word: string, candidates: Iterable<string>, keyOf: (candidate: string) => string = (c) => c): string | null {
  if (word.length === 0 || word.length > MAX_WORD) return null;
  const w = word.toLowerCase();
  const limit = tolerance(word);
  let best: string | null = null;
  let bestDistance = limit + 1;
  for (const candidate of candidates) {
    const key = keyOf(candidate).toLowerCase();
    if (candidate === word) continue;
    if (Math.abs(key.length - w.length) >= bestDistance) continue;
    const d = editDistance(w, key);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

/**
 * The IANA zone a misspelt one was meant to be: "Europe/Berln" → "Europe/Berlin", and a bare
 * city ("berlin", "Sao_Paulo") → its full name. `zones` is the runtime's list of zone names.
 */
export function nearestZone(name: string, zones: readonly string[]): string | null {
  const full = nearest(name, zones);
  if (full !== null || name.includes("/")) return full;
  return nearest(name, zones, (zone) => zone.slice(zone.lastIndexOf("/") + 1));
}

/** `did you mean "x"?`, or "" without a suggestion. */
export function didYouMean(suggestion: string | null): string {
  return suggestion === null ? "" : `did you mean "${suggestion}"?`;
}

// SPEC §8: error texts (`last_error`, test-send answers, the delivery log) keep at most 200
// characters of what a receiver answered: enough to show "invalid_token", never a whole page.
export const ERROR_EXCERPT_CHARS = 200;

/** At most ERROR_EXCERPT_CHARS characters (code points, so no emoji is cut in half), trimmed. */
export function excerpt(text: string): string {
  // two code units per code point at most: never iterate more of a long text than that
  const chars = [...text.trim().slice(0, ERROR_EXCERPT_CHARS * 2)];
  return chars.slice(0, ERROR_EXCERPT_CHARS).join("");
}

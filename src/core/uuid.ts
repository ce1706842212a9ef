// UUIDs as Tocsin accepts them (SPEC §0): any letter case in, lowercase out. Pure.

/** A UUID in any letter case (check uuids, run ids, channel and window ids). */
export const UUID_PATTERN = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

export function isUuid(s: string): boolean {
  return UUID_PATTERN.test(s);
}

// Time-zone names: any letter case names the same zone, and the memo of zone tables stays bounded
// whatever names clients send.
import { describe, expect, test } from "bun:test";
import { canonicalTimeZone, formatInZone, isValidTimeZone, nextFire, parseCron } from "../../src/core/cron.ts";
import { zoneMemoSizes } from "../../src/core/cron-zone.ts";

const FROM = Date.UTC(2026, 2, 28, 12);

/** `name` with the letters whose bit is set in `mask` flipped to the other case. */
function spelling(name: string, mask: number): string {
  let bit = 0;
  return [...name].map((c) => (/[a-z]/i.test(c) ? ((mask >> bit++) & 1 ? (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase()) : c) : c)).join("");
}

describe("time zone names", () => {
  test.each(["europe/berlin", "EUROPE/BERLIN", "eUrOpE/bErLiN", "Europe/Berlin"])("%s is Europe/Berlin, with the same fire times and offsets", (tz) => {
    expect(canonicalTimeZone(tz)).toBe("Europe/Berlin");
    const given = parseCron("30 2 * * *", tz);
    const canonical = parseCron("30 2 * * *", "Europe/Berlin");
    if (!given.ok || !canonical.ok) throw new Error("schedule did not parse");
    expect(nextFire(given.cron, FROM)).toBe(nextFire(canonical.cron, FROM));
    expect(formatInZone(FROM, tz)).toBe("2026-03-28T13:00:00+01:00");
  });

  test("other spellings of a zone share its one table instead of building their own", () => {
    formatInZone(FROM, "Asia/Tokyo");
    const before = zoneMemoSizes().zones;
    for (let mask = 1; mask < 64; mask++) formatInZone(FROM, spelling("Asia/Tokyo", mask));
    expect(zoneMemoSizes().zones).toBe(before);
  });

  test("thousands of spellings and unknown names leave the memo bounded and every answer right", () => {
    for (let mask = 0; mask < 4096; mask++) {
      const tz = spelling("Europe/Berlin", mask);
      expect(isValidTimeZone(tz)).toBe(true);
      expect(isValidTimeZone(`${tz}x`)).toBe(false);
    }
    const sizes = zoneMemoSizes();
    expect(sizes.spellings).toBeLessThanOrEqual(2_000);
    expect(sizes.zones).toBeLessThanOrEqual(1_000);
    expect(canonicalTimeZone(spelling("Europe/Berlin", 4095))).toBe("Europe/Berlin");
  });

  test.each(["+03:00", "Mars/Olympus", "", "Europe/Berlin/"])("%p is not a time zone", (tz) => {
    expect(canonicalTimeZone(tz)).toBeNull();
    expect(parseCron("0 3 * * *", tz).ok).toBe(false);
  });
});

// Common cron expressions in words, for people reading an alert or a list ("at 03:00 every day",
// "every 15 minutes", "at 09:30 Monday to Friday"). Pure. Anything less common gets no words
// (null) and is shown as the expression alone: a wrong sentence would be worse than none.

const DAY_NAMES = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"] as const;
const DAY_ABBREVIATIONS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

const NICKNAMES: Readonly<Record<string, string>> = {
  "@hourly": "every hour",
  "@daily": "at 00:00 every day",
  "@midnight": "at 00:00 every day",
  "@weekly": "at 00:00 on Sundays",
  "@monthly": "at 00:00 on day 1 of every month",
  "@yearly": "at 00:00 on 1 January",
  "@annually": "at 00:00 on 1 January",
};

const NUMBER = /^\d{1,2}$/;

/** The expression in words, or null when it is not one of the common shapes. */
export function cronInWords(expr: string): string | null {
  const text = expr.trim().toLowerCase();
  if (text.startsWith("@")) return NICKNAMES[text] ?? null;
  const fields = text.split(/\s+/);
  if (fields.length !== 5) return null;
  const [minute, hour, dom, month, dow] = fields as [string, string, string, string, string];
  const time = timeWords(minute, hour);
  const days = dayWords(dom, month, dow);
  if (time === null || days === null) return null;
  if (days !== "") return `${time.words} ${days}`;
  return time.fixed ? `${time.words} every day` : time.words;
}

/** `fixed`: at set times of the day (then "every day" reads well after it). */
function timeWords(minute: string, hour: string): { words: string; fixed: boolean } | null {
  if (minute === "*" && hour === "*") return { words: "every minute", fixed: false };
  const step = /^\*\/(\d{1,2})$/.exec(minute)?.[1];
  if (step !== undefined && hour === "*") return { words: Number(step) === 1 ? "every minute" : `every ${Number(step)} minutes`, fixed: false };
  if (!NUMBER.test(minute) || Number(minute) > 59) return null;
  const mm = minute.padStart(2, "0");
  if (hour === "*") return { words: `every hour at :${mm}`, fixed: false };
  const hourStep = /^\*\/(\d{1,2})$/.exec(hour)?.[1];
  if (hourStep !== undefined) return { words: `every ${Number(hourStep)} hours at :${mm}`, fixed: false };
  const hours = hour.split(",");
  if (!hours.every((h) => NUMBER.test(h) && Number(h) <= 23)) return null;
  return { words: `at ${joinWords(hours.map((h) => `${h.padStart(2, "0")}:${mm}`))}`, fixed: true };
}

/** "" for every day; null for shapes without words. */
function dayWords(dom: string, month: string, dow: string): string | null {
  if (month !== "*") return null;
  const anyDow = dow === "*" || dow === "?";
  const anyDom = dom === "*" || dom === "?";
  if (anyDom && anyDow) return "";
  if (anyDom) return weekdayWords(dow);
  if (!anyDow) return null;
  if (dom === "l") return "on the last day of every month";
  if (NUMBER.test(dom) && Number(dom) >= 1 && Number(dom) <= 31) return `on day ${Number(dom)} of every month`;
  return null;
}

function weekdayWords(dow: string): string | null {
  const range = /^([a-z0-9]+)-([a-z0-9]+)$/.exec(dow);
  if (range) {
    const from = dayIndex(range[1]!);
    const to = dayIndex(range[2]!);
    return from === null || to === null ? null : `${DAY_NAMES[from]} to ${DAY_NAMES[to]}`;
  }
  const days = dow.split(",").map(dayIndex);
  if (days.some((d) => d === null)) return null;
  return `on ${joinWords(days.map((d) => `${DAY_NAMES[d!]}s`))}`;
}

/** 0-7 (0 and 7 are Sunday) or a three-letter name. */
function dayIndex(token: string): number | null {
  if (NUMBER.test(token)) return Number(token) <= 7 ? Number(token) % 7 : null;
  const i = DAY_ABBREVIATIONS.indexOf(token);
  return i === -1 ? null : i;
}

function joinWords(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}

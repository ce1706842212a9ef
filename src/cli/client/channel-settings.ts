// Channel settings on the command line: `--settings JSON` for the whole object, `--set key=value`
// for one text value, `--set key:=JSON` for any other (true, 5, ["a@x.org"]), and, when editing,
// `--unset key` to remove one. Later flags win over earlier ones and over --settings.
import type { FlagValues, Resolved } from "./options.ts";
import { strs } from "./options.ts";

export const SETTINGS_OPTIONS = {
  settings: { type: "string" },
  set: { type: "string", multiple: true },
} as const;

export const SETTINGS_HELP = [
  "  --settings JSON  the settings as one JSON object",
  "  --set KEY=TEXT   one setting with a text value (repeat for more)",
  "  --set KEY:=JSON  one setting with a JSON value: true, 5, [\"ops@example.com\"]",
];

export function settingsFromFlags(values: FlagValues): Resolved<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  const whole = typeof values.settings === "string" ? values.settings : undefined;
  if (whole !== undefined) {
    const parsed = parseJson(whole);
    if (!parsed.ok || typeof parsed.value !== "object" || parsed.value === null || Array.isArray(parsed.value)) return { ok: false, error: `--settings must be a JSON object, e.g. '{"url": "https://..."}'; got ${whole}` };
    Object.assign(out, parsed.value);
  }
  for (const item of strs(values.set)) {
    const eq = item.indexOf("=");
    if (eq <= 0 || (eq === 1 && item[0] === ":")) return { ok: false, error: `--set takes KEY=TEXT or KEY:=JSON; got "${item}"` };
    const asJson = item[eq - 1] === ":";
    const key = item.slice(0, asJson ? eq - 1 : eq);
    const text = item.slice(eq + 1);
    if (!asJson) {
      out[key] = text;
      continue;
    }
    const parsed = parseJson(text);
    if (!parsed.ok) return { ok: false, error: `--set ${key}:= needs a JSON value (true, 5, "text", [...]); got ${text}` };
    out[key] = parsed.value;
  }
  return { ok: true, value: out };
}

function parseJson(text: string): Resolved<unknown> {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, error: "not JSON" };
  }
}

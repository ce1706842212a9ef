// A channel's settings as form fields and back (SPEC §6). The form shows what the API shows:
// secrets masked. A setting the API masks is write-only here: its input starts empty, an empty
// input keeps the stored value, and "remove" clears it. Everything else is prefilled and an
// emptied input removes the setting (the kind's default, if it has one, applies). The result is
// the same merge patch the API's `POST /api/v3/channels/<id>` takes, validated by the kind's schema.
import { maskedSettings } from "../notify/registry.ts";
import type { Channel } from "../store/store.ts";
import { type FormKind, KIND_FORMS, type SettingField } from "./channel-kinds.ts";
import type { FieldErrors } from "./form-kit.ts";

/** The prefix of a write-only setting's "remove the stored value" box. */
export const CLEAR_PREFIX = "clear_";

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** Settings keys the API shows masked for this channel: the form never prints them. */
export function writeOnlyKeys(c: Pick<Channel, "kind" | "settings">): Set<string> {
  const shown = maskedSettings(c.kind, c.settings);
  return new Set(Object.keys(c.settings).filter((k) => k !== "headers" && !same(shown[k], c.settings[k])));
}

/** The form's fields for a new channel of `kind`: the kind's defaults. */
export function newChannelValues(kind: FormKind): URLSearchParams {
  const v = new URLSearchParams({ name: "" });
  for (const f of KIND_FORMS[kind].fields) {
    if (f.input === "checkbox") v.set(f.key, "on");
    else if (f.input === "select") v.set(f.key, f.choices?.[0]?.[0] ?? "");
    else v.set(f.key, "");
  }
  return v;
}

/** The form's fields of a stored channel, as the API shows its settings (write-only ones empty). */
export function channelValues(c: Channel, kind: FormKind): URLSearchParams {
  const shown = maskedSettings(c.kind, c.settings);
  const hidden = writeOnlyKeys(c);
  const v = new URLSearchParams({ name: c.name });
  for (const f of KIND_FORMS[kind].fields) {
    const value = shown[f.key];
    if (f.input === "checkbox") {
      if (value !== false) v.set(f.key, "on");
    } else v.set(f.key, hidden.has(f.key) ? "" : textOf(f, value));
  }
  return v;
}

function textOf(f: SettingField, value: unknown): string {
  if (value === undefined || value === null) return "";
  if (f.input === "headers") return Object.entries(value as Record<string, string>).map(([k, h]) => `${k}: ${h}`).join("\n");
  if (f.input === "list") return (Array.isArray(value) ? value : [value]).join(", ");
  return String(value);
}

export type SettingsFromForm = { readonly ok: true; readonly settings: Record<string, unknown> } | { readonly ok: false; readonly errors: FieldErrors };

/**
 * The settings a posted form means: for a new channel (`stored` null) the settings themselves,
 * for a stored one the merge patch over them (absent: keep; null: remove).
 */
export function settingsOfForm(kind: FormKind, form: URLSearchParams, stored: Channel | null): SettingsFromForm {
  const hidden = stored ? writeOnlyKeys(stored) : new Set<string>();
  const out: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  for (const f of KIND_FORMS[kind].fields) {
    const text = (form.get(f.key) ?? "").replace(/\r\n/g, "\n");
    if (f.input === "checkbox") out[f.key] = form.has(f.key);
    else if (hidden.has(f.key)) {
      if (form.has(`${CLEAR_PREFIX}${f.key}`)) out[f.key] = null;
      else if (text.trim() !== "") out[f.key] = text.trim();
    } else if (text.trim() === "") {
      if (stored) out[f.key] = null;
    } else {
      const value = valueOf(f, text, stored);
      if (value.ok) out[f.key] = value.value;
      else errors[f.key] = value.error;
    }
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, settings: out };
}

type Decoded = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: string };

const decoded = (value: unknown): Decoded => ({ ok: true, value });

function valueOf(f: SettingField, text: string, stored: Channel | null): Decoded {
  switch (f.input) {
    case "number":
      return decoded(numberOrText(text));
    case "select":
      return decoded(f.numeric ? numberOrText(text) : text);
    case "list":
      return decoded(text.split(/[,\n]/).map((s) => s.trim()).filter((s) => s !== ""));
    case "headers":
      return headersOf(text, stored);
    case "textarea":
      return decoded(text);
    case "text":
    case "url":
    case "secret":
    case "checkbox":
      return decoded(text.trim());
    default: {
      const unreachable: never = f.input;
      throw new Error(`unknown setting input ${String(unreachable)}`);
    }
  }
}

function numberOrText(text: string): number | string {
  const n = Number(text.trim());
  return text.trim() !== "" && Number.isFinite(n) ? n : text.trim();
}

/**
 * `Name: value` lines as a record. A header shown masked and sent back unchanged keeps its stored
 * value, so editing one header does not overwrite the others with their masks.
 */
function headersOf(text: string, stored: Channel | null): Decoded {
  const storedHeaders = (stored?.settings.headers ?? {}) as Record<string, string>;
  const shown = stored ? ((maskedSettings(stored.kind, stored.settings).headers ?? {}) as Record<string, string>) : {};
  const out: Record<string, string> = {};
  for (const [i, line] of text.split("\n").entries()) {
    if (line.trim() === "") continue;
    const colon = line.indexOf(":");
    if (colon <= 0) return { ok: false, error: `headers line ${i + 1} is not "Name: value"` };
    const name = line.slice(0, colon).trim();
    const value = line.slice(colon + 1).trim();
    out[name] = shown[name] !== undefined && value === shown[name] && storedHeaders[name] !== undefined ? storedHeaders[name]! : value;
  }
  return decoded(out);
}

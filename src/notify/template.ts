// Webhook templates (SPEC §8): $NAME $SLUG $STATUS $CODE $NOW $TAGS $BODY $JSON $EXITSTATUS.
// Values are escaped for where they land: JSON-escaped inside a JSON body (except $JSON, which
// is JSON already), URL-encoded in URLs, verbatim in other bodies and in shell argv.
import { iso } from "../core/iso.ts";
import type { Alert } from "./alert.ts";

export type TemplateContext = "json" | "url" | "text";

const VARIABLE = /\$(NAME|SLUG|STATUS|CODE|NOW|TAGS|BODY|JSON|EXITSTATUS)\b/g;

export function templateValues(a: Alert): Record<string, string> {
  return {
    NAME: a.check.name,
    SLUG: a.check.slug,
    STATUS: a.event,
    CODE: a.check.uuid,
    NOW: iso(a.now),
    TAGS: a.check.tags,
    BODY: a.lastPing?.body ?? "",
    JSON: JSON.stringify(a.checkJson),
    EXITSTATUS: a.lastPing?.exitStatus === null || a.lastPing === null ? "" : String(a.lastPing.exitStatus),
  };
}

/** One pass, so a value that itself contains "$NAME" is never expanded again. */
export function expand(template: string, values: Readonly<Record<string, string>>, context: TemplateContext): string {
  return template.replace(VARIABLE, (_, name: string) => {
    const value = values[name] ?? "";
    switch (context) {
      case "json":
        return name === "JSON" ? value : JSON.stringify(value).slice(1, -1);
      case "url":
        return encodeURIComponent(value);
      case "text":
        return value;
      default: {
        const unreachable: never = context;
        throw new Error(`unknown template context ${String(unreachable)}`);
      }
    }
  });
}

/** A body is treated as JSON when its content type says so or it looks like a JSON document. */
export function isJsonBody(body: string, headers: Readonly<Record<string, string>>): boolean {
  const type = Object.entries(headers).find(([k]) => k.toLowerCase() === "content-type")?.[1];
  if (type !== undefined) return /json/i.test(type);
  return /^\s*[[{]/.test(body);
}

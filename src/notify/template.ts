// Webhook templates (SPEC §8): $NAME $SLUG $STATUS $CODE $NOW $TAGS $BODY $JSON $EXITSTATUS.
// Values are escaped for where they land: JSON-escaped inside a JSON body (except $JSON, which
// is JSON already), URL-encoded in URLs, with CR, LF and NUL removed in header values (a job's
// output must never make its own alert an invalid request), verbatim in other bodies. Shell
// commands never see templates: they get the same values as TOCSIN_* environment variables.
import { iso } from "../core/iso.ts";
import type { Alert } from "./alert.ts";

export type TemplateContext = "json" | "url" | "header" | "text";

export const TEMPLATE_NAMES = ["NAME", "SLUG", "STATUS", "CODE", "NOW", "TAGS", "BODY", "JSON", "EXITSTATUS"] as const;
export type TemplateName = (typeof TEMPLATE_NAMES)[number];

const VARIABLE = new RegExp(`\\$(${TEMPLATE_NAMES.join("|")})\\b`, "g");
/** `$NAME` or `${NAME}`: what a template in a shell argument would look like */
const VARIABLE_OR_BRACED = new RegExp(`\\$\\{?(${TEMPLATE_NAMES.join("|")})\\b`);
/** characters a header value cannot carry */
const HEADER_BREAKING = /[\r\n\0]/g;

export function templateValues(a: Alert): Record<TemplateName, string> {
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
  const expanded = template.replace(VARIABLE, (_, name: string) => {
    const value = values[name] ?? "";
    switch (context) {
      case "json":
        return name === "JSON" ? value : JSON.stringify(value).slice(1, -1);
      case "url":
        return encodeURIComponent(value);
      case "header":
      case "text":
        return value;
      default: {
        const unreachable: never = context;
        throw new Error(`unknown template context ${String(unreachable)}`);
      }
    }
  });
  // the template's own text is cleaned too: a header value is one line whatever it was made of
  return context === "header" ? expanded.replace(HEADER_BREAKING, "") : expanded;
}

/** The first template variable named in `text` ("NAME" for `$NAME` or `${NAME}`), or null. */
export function templateVariableIn(text: string): TemplateName | null {
  const m = VARIABLE_OR_BRACED.exec(text);
  return m ? (m[1] as TemplateName) : null;
}

/** A body is treated as JSON when its content type says so or it looks like a JSON document. */
export function isJsonBody(body: string, headers: Readonly<Record<string, string>>): boolean {
  const type = Object.entries(headers).find(([k]) => k.toLowerCase() === "content-type")?.[1];
  if (type !== undefined) return /json/i.test(type);
  return /^\s*[[{]/.test(body);
}

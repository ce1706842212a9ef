// Text inside XML (Atom, SVG): escaped like HTML, and stripped of the characters XML 1.0 cannot
// carry at all (control characters, lone surrogates, U+FFFE/U+FFFF), which would make a
// strict parser reject the whole document because of one check name.
import { escapeHtml } from "../web/html.ts";

const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** The text without the characters XML 1.0 forbids. */
export function xmlSafe(text: string): string {
  return text.replace(NOT_XML, "");
}

/** Text for XML element content and quoted attribute values. */
export function escapeXml(text: string): string {
  return escapeHtml(xmlSafe(text));
}

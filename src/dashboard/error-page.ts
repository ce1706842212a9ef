// Refusals and errors as pages a person can act on (the message is always our own text).
import { html } from "../web/html.ts";
import { page } from "./layout.ts";
import type { DashboardLinks } from "./links.ts";

const TITLES: Readonly<Record<number, string>> = { 400: "Bad request", 403: "Forbidden", 404: "Not found", 405: "Method not allowed", 429: "Too many attempts", 500: "Something went wrong", 503: "Busy" };

export function errorPage(links: DashboardLinks, status: number, message: string): Response {
  const title = TITLES[status] ?? "Error";
  return page(
    {
      links,
      title,
      csrf: null,
      body: html`<section class="notice notice-error" role="alert"><h1>${title}</h1><p>${message}</p><p><a href="${links.root}">Back to the dashboard</a></p></section>`,
    },
    status,
  );
}

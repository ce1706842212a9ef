// Badges (SPEC §9): a project's tag badges `/badge/<project badge_key>/[2|3/]<tag or *>.<format>`
// (3-state unless the path says 2), a check's `/b/<2|3>/<check badge_key>.<format>` (the
// `badge_url` of check JSON), in SVG (openstatus's theme, size and variant), Healthchecks' JSON
// and the Shields.io endpoint JSON; and `GET /api/v3/badges/`, the project's badge URLs per tag.
import { z } from "zod";
import { badgeJson, badgeJsonSchema, type BadgeStates, badgeStatus, badgeSvg, parseBadgeOptions, shieldsJson, shieldsJsonSchema } from "../../status-page/badge.ts";
import { badgeTags, type BadgeSubject, checkBadge, tagBadge } from "../../views/badges.ts";
import { json } from "../api/answers.ts";
import { type Call, type ParamDoc, route, type Route, type RouteDoc } from "../route.ts";
import { notFound, withEtag } from "./answers.ts";
import type { StatusPageDeps } from "./gate.ts";

const FORMATS = ["svg", "json", "shields"] as const;
type BadgeFormat = (typeof FORMATS)[number];

/** "backups.svg" → the name and the format; null for anything else. */
function fileOf(file: string): { name: string; format: BadgeFormat } | null {
  const m = /^(.+)\.(svg|json|shields)$/.exec(file);
  return m ? { name: m[1]!, format: m[2] as BadgeFormat } : null;
}

function statesOf(text: string): BadgeStates | null {
  return text === "2" ? 2 : text === "3" ? 3 : null;
}

const SVG_HEADERS = {
  "Content-Type": "image/svg+xml; charset=utf-8",
  // opened on its own, the image can load nothing and run nothing
  "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'",
  "X-Content-Type-Options": "nosniff",
  "Cache-Control": "no-cache",
};
const JSON_HEADERS = { "Content-Type": "application/json", "Cache-Control": "no-cache", "Access-Control-Allow-Origin": "*" };

function badgeAnswer(call: Call, subject: BadgeSubject | null, states: BadgeStates, format: BadgeFormat): Response {
  if (subject === null) return notFound();
  const status = badgeStatus(subject.statuses, states);
  switch (format) {
    case "svg": {
      const q = call.url.searchParams;
      return withEtag(call.req, badgeSvg(subject.label, status, parseBadgeOptions({ theme: q.get("theme"), size: q.get("size"), variant: q.get("variant") })), SVG_HEADERS);
    }
    case "json":
      return withEtag(call.req, JSON.stringify(badgeJson(subject.statuses, states)), JSON_HEADERS);
    case "shields":
      return withEtag(call.req, JSON.stringify(shieldsJson(subject.label, status)), JSON_HEADERS);
    default: {
      const unreachable: never = format;
      throw new Error(`unknown badge format ${String(unreachable)}`);
    }
  }
}

function tagBadgeAnswer(deps: StatusPageDeps, call: Call, states: BadgeStates | null): Response {
  const file = fileOf(call.params.file ?? "");
  if (file === null || states === null) return notFound();
  const subject = deps.store.read((tx) => tagBadge(tx, deps.crons, call.params.key ?? "", file.name, deps.now()));
  return badgeAnswer(call, subject, states, file.format);
}

function checkBadgeAnswer(deps: StatusPageDeps, call: Call): Response {
  const file = fileOf(call.params.file ?? "");
  const states = statesOf(call.params.states ?? "");
  if (file === null || states === null) return notFound();
  const subject = deps.store.read((tx) => checkBadge(tx, deps.crons, file.name, deps.now()));
  return badgeAnswer(call, subject, states, file.format);
}

const svgOptions: ParamDoc[] = [
  { name: "theme", in: "query", description: "SVG: light (default) or dark", schema: z.string() },
  { name: "size", in: "query", description: "SVG: sm (default), md, lg or xl", schema: z.string() },
  { name: "variant", in: "query", description: "SVG: default or outline", schema: z.string() },
];
const badgeResponses: RouteDoc["responses"] = {
  "200": { description: "`.svg`: an SVG image; `.json`: Healthchecks' badge JSON (schema); `.shields`: the Shields.io endpoint JSON `{schemaVersion, label, message, color}`", schema: z.union([badgeJsonSchema, shieldsJsonSchema]) },
  "304": { description: "Not modified (If-None-Match)" },
  "404": { description: "Unknown badge key, state count or format", contentType: "text/plain" },
};

/** The URLs of one tag's badges, in Healthchecks' shape: svg/json/shields are 2-state, *3 3-state. */
function tagUrls(base: string, key: string, tag: string): Record<"svg" | "svg3" | "json" | "json3" | "shields" | "shields3", string> {
  const t = encodeURIComponent(tag);
  const at = (states: "2/" | "", format: BadgeFormat): string => `${base}/badge/${key}/${states}${t}.${format}`;
  return { svg: at("2/", "svg"), svg3: at("", "svg"), json: at("2/", "json"), json3: at("", "json"), shields: at("2/", "shields"), shields3: at("", "shields") };
}

const urlSet = z.object({ svg: z.string(), svg3: z.string(), json: z.string(), json3: z.string(), shields: z.string(), shields3: z.string() });
export const badgesOutputSchema = z.object({ badges: z.record(z.string(), urlSet).meta({ description: "Per tag, and `*` for every check of the project" }) });

export function badgeRoutes(deps: StatusPageDeps): Route[] {
  const doc = (summary: string): RouteDoc => ({ summary, tag: "badges", params: svgOptions, responses: badgeResponses });
  return [
    route({ method: "GET", path: "/badge/:key/:file", auth: "none", doc: doc("A project's 3-state badge for a tag (`*`: every check): <tag>.svg|.json|.shields"), handle: (call) => tagBadgeAnswer(deps, call, 3) }),
    route({ method: "GET", path: "/badge/:key/:states/:file", auth: "none", doc: doc("A project's tag badge with 2 (up/down) or 3 (up/late/down) states"), handle: (call) => tagBadgeAnswer(deps, call, statesOf(call.params.states ?? "")) }),
    route({ method: "GET", path: "/b/:states/:file", auth: "none", doc: doc("A check's badge with 2 or 3 states: <check badge_key>.svg|.json|.shields (the check's badge_url)"), handle: (call) => checkBadgeAnswer(deps, call) }),
    route({
      method: "GET",
      path: "/api/v3/badges/",
      auth: "read",
      doc: { summary: "The project's badge URLs per tag, `*` included", responses: { "200": { description: "Badge URLs", schema: badgesOutputSchema }, "401": { description: "`missing api key` or `wrong api key`" } } },
      handle: (call) => {
        const project = call.auth!.project;
        const tags = deps.store.read((tx) => badgeTags(tx, project.id));
        return json({ badges: Object.fromEntries(tags.map((t) => [t, tagUrls(call.baseUrl, project.badgeKey, t)])) });
      },
    }),
  ];
}

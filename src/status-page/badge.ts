// Status badges (SPEC §9): a pure function of a label, a status and measured text widths, as
// Healthchecks' badges are, with openstatus's options (theme, size, outline variant). Text
// widths come from real font metrics and each text also carries textLength, so a browser that
// substitutes another font still fits the text inside its box. Also the two JSON forms:
// Healthchecks' badge JSON and the Shields.io endpoint schema.
import { z } from "zod";
import type { DisplayStatus } from "../core/status.ts";
import { textWidth } from "./text-width.ts";
import { escapeXml, xmlSafe } from "./xml.ts";

export type BadgeStatus = "up" | "late" | "down";
/** 3-state badges tell late from up; 2-state badges show late checks as up. */
export type BadgeStates = 2 | 3;
export type BadgeTheme = "light" | "dark";
export type BadgeSize = "sm" | "md" | "lg" | "xl";
export type BadgeVariant = "default" | "outline";

export interface BadgeOptions {
  readonly theme?: BadgeTheme;
  readonly size?: BadgeSize;
  readonly variant?: BadgeVariant;
}

/** The options of `?theme=dark&size=lg&variant=outline`; unknown values fall back to defaults. */
export function parseBadgeOptions(q: { readonly theme?: string | null; readonly size?: string | null; readonly variant?: string | null }): Required<BadgeOptions> {
  const pick = <T extends string>(v: string | null | undefined, allowed: readonly T[], fallback: T): T => {
    const low = (v ?? "").trim().toLowerCase();
    return (allowed as readonly string[]).includes(low) ? (low as T) : fallback;
  };
  return {
    theme: pick(q.theme, ["light", "dark"], "light"),
    size: pick(q.size, ["sm", "md", "lg", "xl"], "sm"),
    variant: pick(q.variant, ["default", "outline"], "default"),
  };
}

/** The one status of a set of checks: down if any is down, late (3-state) if any is late. */
export function badgeStatus(statuses: readonly DisplayStatus[], states: BadgeStates): BadgeStatus {
  if (statuses.includes("down")) return "down";
  if (states === 3 && statuses.includes("grace")) return "late";
  return "up";
}

interface SizeSpec {
  readonly height: number;
  readonly font: number;
  readonly pad: number;
  readonly radius: number;
}

const SIZES: Readonly<Record<BadgeSize, SizeSpec>> = {
  sm: { height: 20, font: 11, pad: 6, radius: 3 },
  md: { height: 24, font: 13, pad: 7, radius: 4 },
  lg: { height: 28, font: 15, pad: 8, radius: 4 },
  xl: { height: 34, font: 18, pad: 10, radius: 5 },
};

interface Palette {
  readonly labelFill: string;
  readonly labelText: string;
  /** the outline variant's background and its status colours (text and border) */
  readonly plain: string;
  readonly outline: Readonly<Record<BadgeStatus, string>>;
}

// White text on each status fill, and each status colour on the plain background, keep 4.5:1.
const PALETTES: Readonly<Record<BadgeTheme, Palette>> = {
  light: { labelFill: "#e6e8eb", labelText: "#1f2328", plain: "#ffffff", outline: { up: "#1a7f37", late: "#9a6700", down: "#cf222e" } },
  dark: { labelFill: "#30363d", labelText: "#f0f6fc", plain: "#0d1117", outline: { up: "#3fb950", late: "#d29922", down: "#f85149" } },
};
/** status fills in the default variant: dark enough for white text in both themes */
const FILLS: Readonly<Record<BadgeStatus, string>> = { up: "#1a7f37", late: "#9a6700", down: "#cf222e" };

const FONT_FAMILY = "DejaVu Sans,Verdana,Geneva,sans-serif";
/** labels are check tags or names (≤ 100 characters); longer input is cut, not rendered whole */
const MAX_LABEL = 100;

/** Up to two decimals, no trailing zeros: SVG numbers stay short. */
function num(n: number): string {
  return String(Math.round(n * 100) / 100);
}

export function badgeLabel(label: string): string {
  const chars = [...xmlSafe(label)];
  return chars.length <= MAX_LABEL ? chars.join("") : `${chars.slice(0, MAX_LABEL - 1).join("")}…`;
}

export function badgeSvg(label: string, status: BadgeStatus, opts: BadgeOptions = {}): string {
  const size = SIZES[opts.size ?? "sm"];
  const palette = PALETTES[opts.theme ?? "light"];
  const outline = (opts.variant ?? "default") === "outline";
  const text = badgeLabel(label);
  const labelText = textWidth(text, size.font);
  const statusText = textWidth(status, size.font);
  const w1 = text === "" ? 0 : Math.ceil(labelText + 2 * size.pad);
  const w2 = Math.ceil(statusText + 2 * size.pad);
  const width = w1 + w2;
  const h = size.height;
  const r = size.radius;
  const baseline = num(h / 2 + size.font * 0.35);
  const title = escapeXml(text === "" ? status : `${text}: ${status}`);
  const colour = outline ? palette.outline[status] : FILLS[status];
  const shapes = outline
    ? `<rect x="0.5" y="0.5" width="${width - 1}" height="${h - 1}" rx="${r}" fill="${palette.plain}" stroke="${colour}"/>` +
      (w1 > 0 ? `<path d="M${w1} 0.5V${h - 0.5}" stroke="${colour}"/>` : "")
    : `<rect width="${width}" height="${h}" rx="${r}" fill="${colour}"/>` +
      (w1 > 0 ? `<rect width="${w1}" height="${h}" rx="${r}" fill="${palette.labelFill}"/><rect x="${w1 - r}" width="${r}" height="${h}" fill="${palette.labelFill}"/>` : "");
  const labelPart = w1 > 0 ? `<text x="${num(w1 / 2)}" y="${baseline}" fill="${palette.labelText}" textLength="${num(labelText)}" lengthAdjust="spacing">${escapeXml(text)}</text>` : "";
  const statusFill = outline ? colour : "#ffffff";
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${h}" viewBox="0 0 ${width} ${h}" role="img" aria-label="${title}">` +
    `<title>${title}</title>${shapes}` +
    `<g text-anchor="middle" font-family="${FONT_FAMILY}" font-size="${size.font}">${labelPart}` +
    `<text x="${num(w1 + w2 / 2)}" y="${baseline}" fill="${statusFill}" textLength="${num(statusText)}" lengthAdjust="spacing">${status}</text></g></svg>`
  );
}

/** Healthchecks' badge JSON: the status and how many checks are counted, late and down. */
export const badgeJsonSchema = z.object({
  status: z.enum(["up", "late", "down"]).meta({ description: "down if any check is down; late (3-state only) if any is late" }),
  total: z.number().int().meta({ description: "checks the badge covers" }),
  grace: z.number().int().meta({ description: "of which late" }),
  down: z.number().int().meta({ description: "of which down" }),
});
export type BadgeJson = z.infer<typeof badgeJsonSchema>;

export function badgeJson(statuses: readonly DisplayStatus[], states: BadgeStates): BadgeJson {
  return {
    status: badgeStatus(statuses, states),
    total: statuses.length,
    grace: statuses.filter((s) => s === "grace").length,
    down: statuses.filter((s) => s === "down").length,
  };
}

/** The Shields.io endpoint badge schema (schemaVersion 1). */
export const shieldsJsonSchema = z.object({
  schemaVersion: z.literal(1),
  label: z.string(),
  message: z.string(),
  color: z.string(),
});
export type ShieldsJson = z.infer<typeof shieldsJsonSchema>;

const SHIELDS_COLOURS: Readonly<Record<BadgeStatus, string>> = { up: "brightgreen", late: "orange", down: "red" };

export function shieldsJson(label: string, status: BadgeStatus): ShieldsJson {
  return { schemaVersion: 1, label: badgeLabel(label), message: status, color: SHIELDS_COLOURS[status] };
}

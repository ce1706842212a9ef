// A project's status page settings (SPEC §9) as a change is applied to them: the fields given
// replace the stored ones and the whole is validated, for the API, the dashboard and the config
// file alike. Field names in errors are the API's (`status_page`, `title`, `logo_url`, `tz`...).
import { canonicalTimeZone } from "../core/cron.ts";
import { IMAGE_URL_MAX, imageUrlOf } from "../core/image-url.ts";
import type { StatusPageSettings } from "../store/store.ts";

export { STATUS_PAGE_MODES } from "../store/projects.ts";
import type { FieldError } from "./field-errors.ts";

export const STATUS_TITLE_MAX = 100;
export const STATUS_DESCRIPTION_MAX = 1_000;
export { IMAGE_URL_MAX as STATUS_LOGO_URL_MAX };

/** The settings a project has before anyone changes them. */
export const DEFAULT_STATUS_PAGE: StatusPageSettings = { mode: "public", title: "", description: "", logoUrl: "", tz: "UTC" };

export type StatusPageResult = { readonly ok: true; readonly settings: StatusPageSettings } | ({ readonly ok: false } & FieldError);

/**
 * `current` with `patch` applied: texts trimmed, the zone under its canonical name, the logo an
 * http(s) URL or a path. `hasPassword` is whether the project will have a password once the
 * change is made: a page in password mode without one could never be opened.
 */
export function applyStatusPagePatch(current: StatusPageSettings, patch: Partial<StatusPageSettings>, hasPassword: boolean): StatusPageResult {
  const next = { ...current, ...patch };
  const title = next.title.trim();
  if ([...title].length > STATUS_TITLE_MAX) return { ok: false, field: "title", message: `title is too long (at most ${STATUS_TITLE_MAX} characters)` };
  const description = next.description.trim();
  if ([...description].length > STATUS_DESCRIPTION_MAX) return { ok: false, field: "description", message: `description is too long (at most ${STATUS_DESCRIPTION_MAX} characters)` };
  const logo = next.logoUrl.trim();
  if (logo !== "" && imageUrlOf(logo) === null) return { ok: false, field: "logo_url", message: "logo_url is not an http(s) URL or a path starting with /" };
  const tz = canonicalTimeZone(next.tz.trim());
  if (tz === null) return { ok: false, field: "tz", message: "tz is not a valid timezone" };
  if (next.mode === "password" && !hasPassword) return { ok: false, field: "password", message: "password is required when status_page is password" };
  return { ok: true, settings: { mode: next.mode, title, description, logoUrl: logo, tz } };
}

/** Verifying a stored hash costs what its parameters say: these bound it (64 MiB, 10 passes). */
const HASH_LIMITS = { memoryKiB: 65_536, passes: 10, lanes: 4 } as const;
const PHC = /^\$argon2id\$v=19\$m=(\d{1,6}),t=(\d{1,2}),p=(\d{1,2})\$[A-Za-z0-9+/]{11,64}\$[A-Za-z0-9+/]{22,128}$/;

/**
 * Whether `hash` is an argon2id hash in PHC form (`$argon2id$v=19$m=19456,t=2,p=1$salt$hash`,
 * as Bun.password and the `argon2 -e` command print it) whose verification stays affordable.
 */
export function isStatusPasswordHash(hash: string): boolean {
  const m = PHC.exec(hash);
  if (!m) return false;
  const [memory, passes, lanes] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return memory >= 8 && memory <= HASH_LIMITS.memoryKiB && passes >= 1 && passes <= HASH_LIMITS.passes && lanes >= 1 && lanes <= HASH_LIMITS.lanes;
}

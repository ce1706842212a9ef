// Where a person looks at a check, as absolute URLs under the public base URL (SPEC §8 alert
// links, §12 dashboard, §9 status page). One place, so alerts and pages never disagree.

export interface CheckLinks {
  /** the check's page in the dashboard (needs a login) */
  readonly dashboard: string;
  /** its public status page; null unless the check is public and has a slug */
  readonly statusPage: string | null;
}

export interface LinkedCheck {
  readonly uuid: string;
  readonly slug: string;
  readonly public: boolean;
}

/** Path of a check's dashboard page, under the base path. */
export function dashboardCheckPath(uuid: string): string {
  return `/app/checks/${encodeURIComponent(uuid)}`;
}

/** `base`: the public base URL without a trailing slash (it may carry a path, e.g. /tocsin). */
export function checkLinks(base: string, check: LinkedCheck, projectSlug: string): CheckLinks {
  const statusPage = check.public && check.slug !== "" && projectSlug !== "" ? `${base}/status/${encodeURIComponent(projectSlug)}/${encodeURIComponent(check.slug)}` : null;
  return { dashboard: `${base}${dashboardCheckPath(check.uuid)}`, statusPage };
}

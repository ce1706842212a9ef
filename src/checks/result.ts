// Expected outcomes of check operations, as values. The HTTP layer maps each kind to a status
// code; the config file turns them into listed problems.

export type CheckFailure =
  /** the request's values are unacceptable (400) */
  | { readonly kind: "invalid"; readonly message: string; readonly field?: string }
  | { readonly kind: "not_found" }
  /** the check belongs to another project (403) */
  | { readonly kind: "forbidden" }
  /** the project's check_limit is reached (403) */
  | { readonly kind: "check_limit" }
  /** declared in the config file: only the file changes it (409) */
  | { readonly kind: "managed" }
  /** a slug, uuid or push token is already used (409); `field` names it for forms */
  | { readonly kind: "conflict"; readonly message: string; readonly field?: string }
  /** resume of a check that is not paused (409) */
  | { readonly kind: "not_paused" };

export type CheckResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly failure: CheckFailure };

export function ok<T>(value: T): CheckResult<T> {
  return { ok: true, value };
}

export function failed<T = never>(failure: CheckFailure): CheckResult<T> {
  return { ok: false, failure };
}

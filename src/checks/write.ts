// Writes of checks and projects run in one IMMEDIATE transaction that validates everything before
// it writes; the live services learn about them only after the commit (src/live/publish.ts), so a
// rolled-back request can never leave a ping URL or a deadline behind that the database does not have.
import { Changes } from "../live/changes.ts";
import type { Publish } from "../live/publish.ts";
import type { Store, Tx } from "../store/store.ts";
import type { CheckResult } from "./result.ts";

const ROLLBACK = Symbol("rollback");

/** Runs `fn` in a write transaction; a failed result rolls it back, a successful one is committed and published. */
export function writeChecks<T>(store: Store, publish: Publish, fn: (tx: Tx, changes: Changes) => CheckResult<T>): CheckResult<T> {
  const changes = new Changes();
  let result: CheckResult<T> | undefined;
  try {
    store.write((tx) => {
      result = fn(tx, changes);
      if (!result.ok) throw ROLLBACK;
    });
  } catch (e) {
    if (e === ROLLBACK && result) return result;
    throw e;
  }
  publish(changes);
  return result!;
}

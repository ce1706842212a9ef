// Management API: checks (SPEC §6).
import { Elysia } from "elysia";
import type { ApiDeps } from "./context.ts";

export function checksApi(_deps: ApiDeps) {
  return new Elysia({ name: "checks-api" });
}

// Management API: channels and maintenance windows (SPEC §6, §8).
import { Elysia } from "elysia";
import type { ApiDeps } from "./context.ts";

export function channelsApi(_deps: ApiDeps) {
  return new Elysia({ name: "channels-api" });
}

// `--url` / `--api-key` for commands that call the Management API.
import type { Server } from "./api.ts";
import { apiKeyFrom, baseUrlFrom, type Env, type FlagValues, type Resolved, str } from "./options.ts";

export const SERVER_OPTIONS = {
  url: { type: "string" },
  "api-key": { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

export const SERVER_HELP = [
  "  --url URL        server base URL (default $TOCSIN_URL, else http://127.0.0.1:8000)",
  "  --api-key KEY    project API key (default $TOCSIN_API_KEY)",
];

export function serverFrom(values: FlagValues, env: Env): Resolved<Server> {
  const baseUrl = baseUrlFrom(str(values.url), env);
  if (!baseUrl.ok) return baseUrl;
  const apiKey = apiKeyFrom(str(values["api-key"]), env);
  if (!apiKey.ok) return apiKey;
  return { ok: true, value: { baseUrl: baseUrl.value, apiKey: apiKey.value } };
}

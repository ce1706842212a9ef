// Answers shared by the management API routes: JSON with CORS, and the mapping of operation
// failures to Healthchecks' status codes and `{"error": ...}` bodies.
import type { CheckFailure } from "../../checks/result.ts";
import { apiError } from "./auth.ts";

export function json(body: unknown, status = 200): Response {
  return Response.json(body, { status, headers: { "Access-Control-Allow-Origin": "*", "Cache-Control": "no-store" } });
}

export function failureResponse(f: CheckFailure): Response {
  switch (f.kind) {
    case "invalid":
      return apiError(400, f.message);
    case "not_found":
      return apiError(404, "not found");
    case "forbidden":
      return apiError(403, "check belongs to another project");
    case "check_limit":
      return apiError(403, "check limit reached");
    case "managed":
      return apiError(409, "managed by config file");
    case "conflict":
      return apiError(409, f.message);
    case "not_paused":
      return apiError(409, "check is not paused");
    default: {
      const unreachable: never = f;
      throw new Error(`unknown failure ${JSON.stringify(unreachable)}`);
    }
  }
}

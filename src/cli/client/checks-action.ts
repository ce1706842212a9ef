// `tocsin checks pause|resume|rm <uuid|slug>`.
import type { CommandIo } from "../io.ts";
import { type ApiResult, deleteCheck, pauseCheck, resumeCheck, type Server } from "./api.ts";
import type { RemoteCheck } from "./check-json.ts";
import { CHECK_REF_HINT, parseCheckRef, resolveUuid } from "./check-ref.ts";
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, parseFlags } from "./options.ts";
import { SERVER_HELP, SERVER_OPTIONS, serverFrom } from "./server-flags.ts";

export type CheckAction = "pause" | "resume" | "rm";

const ACTIONS: Readonly<Record<CheckAction, { run: (s: Server, uuid: string) => Promise<ApiResult<RemoteCheck>>; done: string; about: string }>> = {
  pause: { run: pauseCheck, done: "Paused", about: "Pauses monitoring: no alerts until the next ping (or resume)." },
  resume: { run: resumeCheck, done: "Resumed", about: "Resumes a paused check; it becomes new until its next ping." },
  rm: { run: deleteCheck, done: "Deleted", about: "Deletes the check and its pings; its ping URL stops working at once." },
};

export async function checksAction(io: CommandIo, action: CheckAction, args: string[]): Promise<number> {
  const usage = (message: string): number => {
    io.err(`tocsin checks ${action}: ${message}`);
    return EXIT_USAGE;
  };
  const spec = ACTIONS[action];
  const parsed = parseFlags(args, SERVER_OPTIONS);
  if (!parsed.ok) return usage(`${parsed.error} (try --help)`);
  if (parsed.values.help) {
    for (const line of [`usage: tocsin checks ${action} <uuid|slug> [--url URL] [--api-key KEY]`, "", spec.about, ...SERVER_HELP]) io.out(line);
    return EXIT_OK;
  }
  const [target, ...extra] = parsed.positionals;
  if (target === undefined) return usage("missing the check's uuid or slug (try --help)");
  if (extra.length > 0) return usage(`unexpected argument "${extra[0]}"`);
  const ref = parseCheckRef(target);
  if (ref === null) return usage(`"${target}": ${CHECK_REF_HINT}`);
  const server = serverFrom(parsed.values, io.env);
  if (!server.ok) return usage(server.error);

  const uuid = await resolveUuid(server.value, ref);
  if (!uuid.ok) {
    io.err(`tocsin checks ${action}: ${uuid.error}`);
    return EXIT_FAILED;
  }
  const result = await spec.run(server.value, uuid.value);
  if (!result.ok) {
    io.err(`tocsin checks ${action}: ${result.error}`);
    return EXIT_FAILED;
  }
  io.out(`${spec.done} check "${result.value.name}" (${uuid.value})`);
  return EXIT_OK;
}

// Shell (config file only, SPEC §8): runs an argv array — never a shell string — exactly as
// written, with the alert in TOCSIN_* environment variables. Nothing an API user wrote (a check's
// name, a job's output) is ever spliced into the command line: with `["/bin/sh", "-c", "echo
// \"$TOCSIN_NAME\""]` the shell expands the variable as data, whereas a spliced `$NAME` would be
// parsed as script. So a `$NAME`-style template in argv is refused. Exit 0 is success.
import { z } from "zod";
import type { Alert } from "../alert.ts";
import { type ChannelNotifier, OK, permanent, retryable, type SendResult } from "../channel.ts";
import { excerpt } from "../excerpt.ts";
import { templateValues, templateVariableIn } from "../template.ts";
import { onOff } from "./schema.ts";

const argument = z
  .string()
  .max(10_000)
  .superRefine((arg, ctx) => {
    const name = templateVariableIn(arg);
    if (name === null) return;
    ctx.addIssue({
      code: "custom",
      message: `must not contain $${name}: argv is never templated; the command gets the value as the environment variable TOCSIN_${name} (e.g. ["/bin/sh", "-c", "echo \\"$TOCSIN_${name}\\""])`,
    });
  });
const argv = z.array(argument).min(1, "needs the program and its arguments").max(100);
const settings = z.object({
  argv,
  /** recoveries run this instead of `argv` when set */
  argv_up: argv.optional(),
  env: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "must be an environment variable name"), z.string()).default({}),
  /** seconds before the command is killed */
  timeout: z.number().int().min(1).max(300).default(10),
  on_down: onOff,
  on_up: onOff,
});
type Settings = z.infer<typeof settings>;

/** TOCSIN_NAME, TOCSIN_STATUS, ...: the template variables, the only way values reach a command. */
export function alertEnv(a: Alert): Record<string, string> {
  // an environment string ends at NUL: a job's output must not cut the others short or fail the spawn
  return Object.fromEntries(Object.entries(templateValues(a)).map(([k, v]) => [`TOCSIN_${k}`, v.replaceAll("\0", "")]));
}

async function run(s: Settings, a: Alert): Promise<SendResult> {
  const cmd = a.event === "up" && s.argv_up ? s.argv_up : s.argv;
  // the program is looked up on the daemon's PATH; the daemon's environment itself is not passed
  // on (its secrets are not the script's business): the script gets `env` and the alert only
  const program = Bun.which(cmd[0] ?? "") ?? cmd[0] ?? "";
  let proc: ReturnType<typeof Bun.spawn>;
  try {
    proc = Bun.spawn([program, ...cmd.slice(1)], { env: { ...s.env, ...alertEnv(a) }, stdin: "ignore", stdout: "ignore", stderr: "pipe" });
  } catch (e) {
    return permanent(`cannot run ${cmd[0]}: ${e instanceof Error ? e.message : String(e)}`);
  }
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    proc.kill("SIGKILL");
  }, s.timeout * 1000);
  const [status, stderr] = await Promise.all([proc.exited, new Response(proc.stderr as ReadableStream).text().catch(() => "")]);
  clearTimeout(timer);
  if (timedOut) return retryable(`timed out after ${s.timeout} s`);
  if (status === 0) return OK;
  const said = excerpt(stderr);
  return retryable(`exit status ${status}${said ? `: ${said}` : ""}`);
}

/** The program is shown; its arguments and env values may carry tokens and are hidden. */
function mask(s: Settings): Record<string, unknown> {
  const hide = (args: readonly string[]): string[] => args.map((arg, i) => (i === 0 ? arg : "****"));
  return {
    ...s,
    argv: hide(s.argv),
    ...(s.argv_up ? { argv_up: hide(s.argv_up) } : {}),
    env: Object.fromEntries(Object.keys(s.env).map((k) => [k, "****"])),
  };
}

export const shell: ChannelNotifier<Settings> = {
  settings,
  apiCreatable: false,
  secrets: [],
  mask,
  wants: (s, event) => (event === "up" ? s.on_up : event === "down" ? s.on_down : true),
  timeoutMs: (s) => s.timeout * 1000,
  send: (s, a) => run(s, a),
};

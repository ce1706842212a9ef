// The client command groups run in the test's own process: for usage errors and help texts, which
// need no server and would otherwise cost a process start each. Commands that talk to a daemon
// run through the real entry point (test/support/cli.ts).
import { CHANNELS } from "../../src/cli/client/channels-command.ts";
import { CHECKS } from "../../src/cli/client/checks-command.ts";
import { type CommandGroup, runGroup } from "../../src/cli/client/command.ts";
import { MAINTENANCE } from "../../src/cli/client/maintenance-command.ts";
import type { CliRun } from "../support/cli.ts";

export const GROUPS: Readonly<Record<string, CommandGroup>> = { checks: CHECKS, channels: CHANNELS, maintenance: MAINTENANCE };

export async function runClient(args: readonly string[], env: Readonly<Record<string, string>> = {}): Promise<CliRun> {
  const [group, ...rest] = args;
  const out: string[] = [];
  const err: string[] = [];
  const io = { args: rest, env, out: (l: string) => out.push(l), err: (l: string) => err.push(l), now: () => Date.now() };
  const status = await runGroup(io, GROUPS[group ?? ""]!);
  const text = (lines: string[]): string => lines.map((l) => `${l}\n`).join("");
  return { status, stdout: text(out), stderr: text(err) };
}

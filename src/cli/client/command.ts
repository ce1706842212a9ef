// The shape every client sub-command shares: its flags (plus --url, --api-key, --help), its help
// with an example, its arguments, and one run step that talks to the server. Groups (`checks`,
// `channels`, `maintenance`) dispatch to their sub-commands and suggest the nearest on a typo.
import type { ParseArgsConfig } from "node:util";
import { nearest } from "../../core/nearest.ts";
import type { CommandIo } from "../io.ts";
import type { Server } from "./api.ts";
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, type FlagValues, parseFlags } from "./options.ts";
import { SERVER_HELP, SERVER_OPTIONS, serverFrom } from "./server-flags.ts";

export type Options = NonNullable<ParseArgsConfig["options"]>;

export interface SubCommand {
  /** the words after `tocsin`: "checks show" */
  readonly name: string;
  /** what follows the name in the usage line: "<ref> [--json]" */
  readonly synopsis: string;
  /** one line for the group's help */
  readonly summary: string;
  /** what it does, in a few lines */
  readonly about: readonly string[];
  /** its own flags; --url, --api-key and --help are added */
  readonly options: Options;
  /** one line per flag of `options`, "  --json           ..." */
  readonly optionHelp: readonly string[];
  readonly examples: readonly string[];
  /** how many arguments it takes, and what to say when they are missing */
  readonly args: { readonly min: number; readonly max: number; readonly missing?: string };
  readonly run: (c: Context) => Promise<number>;
}

export interface Context {
  readonly io: CommandIo;
  readonly server: Server;
  readonly values: FlagValues;
  readonly args: readonly string[];
  /** the server or the network failed: the message on stderr, exit 1 */
  fail(message: string): number;
  /** the command line is wrong: the message on stderr, exit 2 */
  usage(message: string): number;
}

/** Help texts start in this column; a longer flag gets a line of its own. */
const HELP_COLUMN = 19;

/** "  --grace T        how late a ping may be ..." in the column every help uses. */
export function optionLines(label: string, text: string): string[] {
  const head = `  ${label}`;
  return head.length <= HELP_COLUMN - 2 ? [`${head.padEnd(HELP_COLUMN)}${text}`] : [head, `${" ".repeat(HELP_COLUMN)}${text}`];
}

export function helpLines(sub: SubCommand): string[] {
  return [
    `usage: tocsin ${sub.name} ${sub.synopsis}`.trimEnd(),
    "",
    ...sub.about,
    "",
    ...sub.optionHelp,
    ...SERVER_HELP,
    "",
    sub.examples.length > 1 ? "examples:" : "example:",
    ...sub.examples.map((e) => `  ${e}`),
  ];
}

export async function runSubCommand(io: CommandIo, sub: SubCommand, argv: string[]): Promise<number> {
  const say = (status: number) => (message: string): number => {
    io.err(`tocsin ${sub.name}: ${message}`);
    return status;
  };
  const usage = say(EXIT_USAGE);
  const parsed = parseFlags(argv, { ...SERVER_OPTIONS, ...sub.options });
  if (!parsed.ok) return usage(`${parsed.error} (try --help)`);
  if (parsed.values.help) {
    for (const line of helpLines(sub)) io.out(line);
    return EXIT_OK;
  }
  const args = parsed.positionals;
  if (args.length < sub.args.min) return usage(`${sub.args.missing ?? "missing arguments"} (try --help)`);
  if (args.length > sub.args.max) return usage(`unexpected argument "${args[sub.args.max]}" (quote a value with spaces; try --help)`);
  const server = serverFrom(parsed.values, io.env);
  if (!server.ok) return usage(server.error);
  return sub.run({ io, server: server.value, values: parsed.values, args, fail: say(EXIT_FAILED), usage });
}

export interface CommandGroup {
  /** "checks" */
  readonly name: string;
  readonly about: readonly string[];
  readonly subs: readonly SubCommand[];
  /** other names for a sub-command: { list: "ls" } */
  readonly aliases?: Readonly<Record<string, string>>;
}

export function subName(sub: SubCommand): string {
  return sub.name.split(" ").at(-1) ?? sub.name;
}

export function groupHelp(group: CommandGroup): string[] {
  const width = Math.max(...group.subs.map((s) => subName(s).length));
  return [
    `usage: tocsin ${group.name} <${group.subs.map(subName).join("|")}> [options]`,
    "",
    ...group.subs.map((s) => `  ${subName(s).padEnd(width)}  ${s.summary}`),
    "",
    ...group.about,
    `Run "tocsin ${group.name} <sub-command> --help" for its options and more examples.`,
    "",
    "examples:",
    ...group.subs.map((s) => `  ${s.examples[0]}`),
  ];
}

export async function runGroup(io: CommandIo, group: CommandGroup): Promise<number> {
  const [word, ...rest] = io.args;
  if (word === undefined || word === "help" || word === "--help" || word === "-h") {
    for (const line of groupHelp(group)) (word === undefined ? io.err : io.out)(line);
    return word === undefined ? EXIT_USAGE : EXIT_OK;
  }
  const name = group.aliases?.[word] ?? word;
  const sub = group.subs.find((s) => subName(s) === name);
  if (sub) return runSubCommand(io, sub, rest);
  const names = group.subs.map(subName);
  const guess = nearest(word, names);
  io.err(`tocsin ${group.name}: unknown sub-command "${word}" (expected ${names.slice(0, -1).join(", ")} or ${names.at(-1)})${guess ? `; did you mean "${guess}"?` : ""}`);
  return EXIT_USAGE;
}

// `tocsin checks ...`: manage checks through the Management API v3 of a Tocsin or Healthchecks server.
import type { CommandIo } from "../io.ts";
import { checksPause, checksResume, checksRm } from "./checks-action.ts";
import { checksAdd } from "./checks-add.ts";
import { checksEdit } from "./checks-edit.ts";
import { checksLs } from "./checks-ls.ts";
import { checksPings } from "./checks-pings.ts";
import { checksShow } from "./checks-show.ts";
import { type CommandGroup, runGroup } from "./command.ts";

export const CHECKS: CommandGroup = {
  name: "checks",
  subs: [checksLs, checksShow, checksPings, checksAdd, checksEdit, checksPause, checksResume, checksRm],
  aliases: { list: "ls", delete: "rm" },
  about: [
    "Works against Tocsin and Healthchecks (API v3). Server: --url or TOCSIN_URL (default",
    "http://127.0.0.1:8000); key: --api-key or TOCSIN_API_KEY. <ref> is a uuid, slug or name.",
  ],
};

export function runChecks(io: CommandIo): Promise<number> {
  return runGroup(io, CHECKS);
}

// `tocsin checks pause|resume|rm <ref>`.
import { type ApiResult, deleteCheck, pauseCheck, resumeCheck, type Server } from "./api.ts";
import type { RemoteCheck } from "./check-json.ts";
import { CHECK_REF_HELP, findCheckUuid } from "./check-ref.ts";
import type { Context, SubCommand } from "./command.ts";
import { EXIT_OK } from "./options.ts";

type Action = (s: Server, uuid: string) => Promise<ApiResult<RemoteCheck>>;

function action(word: string, act: Action, done: string, summary: string, about: string): SubCommand {
  return {
    name: `checks ${word}`,
    synopsis: "<ref>",
    summary,
    about: [about, CHECK_REF_HELP],
    options: {},
    optionHelp: [],
    examples: [`tocsin checks ${word} backup`],
    args: { min: 1, max: 1, missing: "missing the check's uuid, slug or name" },
    run: async (c: Context) => {
      const found = await findCheckUuid(c.server, c.args[0]!);
      if (!found.ok) return c.fail(found.error);
      const result = await act(c.server, found.value.uuid);
      if (!result.ok) return c.fail(result.error);
      c.io.out(`${done} check "${result.value.name}" (${found.value.uuid})`);
      return EXIT_OK;
    },
  };
}

export const checksPause = action("pause", pauseCheck, "Paused", "pause a check", "Pauses monitoring: no alerts until the next ping (or resume).");
export const checksResume = action("resume", resumeCheck, "Resumed", "resume a paused check", "Resumes a paused check; it becomes new until its next ping.");
export const checksRm = action("rm", deleteCheck, "Deleted", "delete a check", "Deletes the check and its pings; its ping URL stops working at once.");

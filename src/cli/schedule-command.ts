// Adapter from CommandIo to the schedule preview command.
import type { CommandIo } from "./io.ts";

export async function runSchedule(io: CommandIo): Promise<number> {
  const { runScheduleCommand } = await import("./schedule.ts");
  return runScheduleCommand(io.args, io.out, io.err, io.now);
}

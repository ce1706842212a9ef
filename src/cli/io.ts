// What every sub-command gets from main: its arguments, output lines, environment and clock.
export interface CommandIo {
  readonly args: string[];
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
  readonly now: () => number;
}

/** Exit status for usage and configuration errors. */
export const EXIT_USAGE = 2;

// A check's history in a terminal: its pings (kind, time, source, duration, exit status, message)
// and its status changes, newest first, fitted to 80 columns.
import { formatDuration } from "../../core/duration.ts";
import type { RemoteFlip, RemotePing } from "./check-json.ts";
import { instantOf, relativeTime } from "./check-text.ts";
import { fitTable, TERMINAL_WIDTH } from "./table.ts";

export function pingTable(pings: readonly RemotePing[], now: number, width = TERMINAL_WIDTH): string[] {
  const rows = pings.map((p) => {
    const at = instantOf(p.date);
    return [
      String(p.n),
      at === null ? p.date : relativeTime(at, now),
      p.type || "?",
      [p.scheme, p.remote_addr].filter((x) => x).join(" ") || "-",
      p.duration === undefined ? "-" : runTime(p.duration),
      p.exitstatus === undefined ? "-" : String(p.exitstatus),
      oneLine(p.msg ?? ""),
    ];
  });
  return fitTable(["#", "WHEN", "KIND", "SOURCE", "DURATION", "EXIT", "MESSAGE"], rows, [3, 6], width);
}

export function flipTable(flips: readonly RemoteFlip[], now: number, width = TERMINAL_WIDTH): string[] {
  const rows = flips.map((f) => {
    const at = instantOf(f.timestamp);
    const change = f.old_status !== undefined && f.new_status !== undefined ? `${f.old_status} → ${f.new_status}` : f.up === 1 ? "→ up" : "→ down";
    return [at === null ? f.timestamp : relativeTime(at, now), f.timestamp, change, f.reason || "-"];
  });
  return fitTable(["WHEN", "AT", "CHANGE", "REASON"], rows, [3], width);
}

/** "0.42s", "12.3s", "1m30s". */
export function runTime(seconds: number): string {
  if (seconds < 60) return `${Number(seconds.toFixed(seconds < 10 ? 2 : 1))}s`;
  return formatDuration(Math.round(seconds));
}

/** A message on one table row: line breaks and tabs as spaces, control characters escaped. */
export function oneLine(text: string): string {
  return printable(text.replace(/\s+/g, " ").trim());
}

/**
 * Text from a ping (anyone with the ping URL may send it) as the terminal should show it: control
 * characters other than line breaks and tabs, which could move the cursor or retitle the window,
 * are shown as \xNN.
 */
export function printable(text: string): string {
  return text.replace(/\r\n/g, "\n").replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (ch) => `\\x${ch.charCodeAt(0).toString(16).padStart(2, "0")}`);
}

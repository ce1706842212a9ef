// The official Node reporter ships no types; this is the part of it the tests use, internals
// included: its report host is a module constant, so tests point its request options elsewhere.
declare module "crisp-status-reporter" {
  interface ReporterConsole {
    log?(message: string, data?: unknown): void;
    info?(message: string, data?: unknown): void;
    warn?(message: string, data?: unknown): void;
    error?(message: string, data?: unknown): void;
  }

  export class CrispStatusReporter {
    constructor(options: { token: string; service_id: string; node_id: string; replica_id: string; interval?: number; console?: ReporterConsole });
    /** stops the polling timer (the first report is sent 10 s after construction) */
    end(): boolean;
    __http_library: typeof import("node:http");
    __http_request: { host: string; port: number | string | null; path: string; auth: string };
    /** sends one report; `next(retryFailed)` is true when the server did not answer 200 */
    __dispatchPollRequest(next: (retryFailed: boolean) => void): void;
  }
}

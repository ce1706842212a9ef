// The text of a ping mail: its decoded subject and body, read from the DATA stream within bounds.
// Only a prefix of the raw message is kept, enough to decode the subject and the text up to the
// body limit; the rest is read and dropped, so a 10 MB message costs 3 × the body limit + 64 KB
// at most (364 KB with the default limit).
import type { Readable } from "node:stream";
import type { MailText } from "../core/ping.ts";

/** Messages over this are refused with 552 (SPEC §7). */
export const MAX_MESSAGE_BYTES = 10_000_000;

/**
 * Raw bytes kept of a message. A transfer encoding expands text at most threefold
 * (quoted-printable's `=XX`; base64 is 4/3 plus line breaks), and headers fit in the slack.
 */
export function rawBytesKept(bodyLimit: number): number {
  return Math.min(MAX_MESSAGE_BYTES, 3 * bodyLimit + 65_536);
}

export interface ReadMail extends MailText {
  /** bytes of the whole message as received */
  readonly bytes: number;
  /** why the message could not be decoded; the text is then its raw start */
  readonly decodeError: string | null;
}

/** null when the stream broke off: the client went away before the end of the message */
export type MailReader = (stream: Readable) => Promise<ReadMail | null>;

type MailParserModule = typeof import("mailparser");

/**
 * Messages decoded at once. Decoding makes several copies of a message's kept part (strings,
 * charsets); clients that finish together queue here instead of multiplying that memory.
 */
const DECODING_AT_ONCE = 4;

/** Loads the MIME parser (only when the listener starts) and returns a reader for DATA streams. */
export async function createMailReader(bodyLimit: number): Promise<MailReader> {
  const mailparser = await import("mailparser");
  const keep = rawBytesKept(bodyLimit);
  const decoding = limiter(DECODING_AT_ONCE);
  return async (stream) => {
    const prefix = await readPrefix(stream, keep);
    if (prefix === null) return null;
    const { chunks, bytes } = prefix;
    return decoding(async () => {
      const raw = Buffer.concat(chunks);
      chunks.length = 0;
      const decoded = await decode(mailparser, raw, keep);
      // the filters read no further than what is stored, as for HTTP bodies
      if (decoded.ok) return { subject: decoded.mail.subject, text: decoded.mail.text.slice(0, bodyLimit), bytes, decodeError: null };
      return { subject: "", text: raw.subarray(0, bodyLimit).toString("utf8"), bytes, decodeError: decoded.error };
    });
  };
}

/**
 * The first `keep` bytes of a stream, and how long it was; each chunk past them is dropped as
 * it arrives. null when the stream broke off.
 */
function readPrefix(stream: Readable, keep: number): Promise<{ chunks: Buffer[]; bytes: number } | null> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let kept = 0;
    let bytes = 0;
    stream.on("data", (chunk: Buffer) => {
      bytes += chunk.length;
      if (kept >= keep) return;
      const part = chunk.length <= keep - kept ? chunk : chunk.subarray(0, keep - kept);
      chunks.push(part);
      kept += part.length;
    });
    stream.once("end", () => resolve({ chunks, bytes }));
    // destroyed (with or without an error) before its end: the client went away
    stream.once("error", () => resolve(null));
    stream.once("close", () => resolve(stream.readableEnded ? { chunks, bytes } : null));
  });
}

/** Runs at most `n` tasks at once; the others wait in order. */
function limiter(n: number): <T>(task: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async (task) => {
    if (running >= n) await new Promise<void>((resolve) => waiting.push(resolve));
    running++;
    try {
      return await task();
    } finally {
      running--;
      waiting.shift()?.();
    }
  };
}

type Decoded = { readonly ok: true; readonly mail: MailText } | { readonly ok: false; readonly error: string };

/** Subject and text of a (possibly cut) raw message; HTML-only mail is converted to text. */
function decode(mailparser: MailParserModule, raw: Buffer, htmlLimit: number): Promise<Decoded> {
  return new Promise((resolve) => {
    const parser = new mailparser.MailParser({
      skipTextToHtml: true,
      skipTextLinks: true,
      skipImageLinks: true,
      checksumAlgo: false,
      maxHtmlLengthToParse: htmlLimit,
    });
    let subject = "";
    let text = "";
    parser.on("headers", (headers) => {
      const s = headers.get("subject");
      subject = typeof s === "string" ? s : "";
    });
    parser.on("data", (data) => {
      if (data.type === "text") {
        text = data.text ?? "";
        return;
      }
      // attachments are not kept; the parser waits until each one is drained and released
      data.content.on("end", () => data.release?.());
      data.content.resume();
    });
    parser.on("end", () => resolve({ ok: true, mail: { subject, text } }));
    parser.on("error", (e: Error) => resolve({ ok: false, error: e.message }));
    parser.end(raw);
  });
}

/** What is stored as the ping's body: the subject line and the text, cut at the body limit. */
export function mailBody(mail: MailText, bodyLimit: number): Uint8Array | null {
  if (bodyLimit === 0) return null;
  const bytes = new TextEncoder().encode(`Subject: ${mail.subject}\n\n${mail.text}`);
  return cutUtf8(bytes, bodyLimit);
}

/** At most `limit` bytes, never ending inside a multi-byte character. */
function cutUtf8(bytes: Uint8Array, limit: number): Uint8Array {
  if (bytes.length <= limit) return bytes;
  let end = limit;
  // step back over continuation bytes (10xxxxxx) to the start of the cut character
  while (end > 0 && (bytes[end]! & 0xc0) === 0x80) end--;
  return bytes.subarray(0, end);
}

// TOCSIN_INTEGRATIONS_ALLOW_PRIVATE=false (SPEC §8): channel requests may go only to public
// addresses, so that whoever may create a channel cannot make Tocsin probe or post to the
// loopback interface, the LAN or a cloud metadata service. Checked at send time, for every
// address the name resolves to (a name that resolves to a public and a private address is
// refused: the connection could use either). The verdict names the address it vetted and the
// request connects to that one (src/notify/http.ts): a second lookup by the request itself could
// get another answer (DNS rebinding).
import { lookup as dnsLookup } from "node:dns/promises";
import { BlockList, isIP } from "node:net";

export type Resolver = (host: string) => Promise<readonly { readonly address: string; readonly family: number }[]>;

export type DestinationVerdict =
  /** `address`: what the URL's name resolved to and was vetted, to connect to; null for an IP literal */
  | { readonly ok: true; readonly address: string | null }
  | { readonly ok: false; readonly permanent: boolean; readonly error: string };

/** Unspecified, loopback, private, shared (CGNAT) and link-local ranges; IPv4-mapped IPv6 addresses match their IPv4 range. */
const PRIVATE_RANGES: readonly (readonly [string, number, "ipv4" | "ipv6"])[] = [
  ["0.0.0.0", 8, "ipv4"],
  ["10.0.0.0", 8, "ipv4"],
  ["100.64.0.0", 10, "ipv4"],
  ["127.0.0.0", 8, "ipv4"],
  ["169.254.0.0", 16, "ipv4"],
  ["172.16.0.0", 12, "ipv4"],
  ["192.168.0.0", 16, "ipv4"],
  ["::", 128, "ipv6"],
  ["::1", 128, "ipv6"],
  ["fc00::", 7, "ipv6"],
  ["fe80::", 10, "ipv6"],
];

function privateRanges(): BlockList {
  const list = new BlockList();
  for (const [network, prefix, family] of PRIVATE_RANGES) list.addSubnet(network, prefix, family);
  return list;
}

export const resolveAll: Resolver = (host) => dnsLookup(host, { all: true, verbatim: true });

/** Decides whether `url` may be requested; `resolve` is node:dns lookup outside tests. */
export function createDestinationGuard(resolve: Resolver = resolveAll): (url: string) => Promise<DestinationVerdict> {
  const ranges = privateRanges();
  const isPrivate = (address: string): boolean => {
    const family = isIP(address);
    return family === 4 ? ranges.check(address, "ipv4") : family === 6 ? ranges.check(address, "ipv6") : true;
  };
  return async (url) => {
    let host: string;
    try {
      // URL keeps brackets around IPv6 literals; it has already turned 2130706433 or 0x7f.1 into dotted form
      host = new URL(url).hostname.replace(/^\[(.*)\]$/, "$1");
    } catch {
      return { ok: false, permanent: true, error: "invalid URL" };
    }
    const literal = isIP(host) !== 0;
    let addresses: readonly { readonly address: string }[];
    try {
      addresses = literal ? [{ address: host }] : await resolve(host);
    } catch (e) {
      return { ok: false, permanent: false, error: `cannot resolve ${host}: ${(e as NodeJS.ErrnoException).code ?? String(e)}` };
    }
    if (addresses.length === 0) return { ok: false, permanent: false, error: `cannot resolve ${host}` };
    const refused = addresses.find((a) => isPrivate(a.address));
    if (refused) {
      const which = refused.address === host ? host : `${host} (${refused.address})`;
      return { ok: false, permanent: true, error: `refused: ${which} is a private, loopback or link-local address (TOCSIN_INTEGRATIONS_ALLOW_PRIVATE is false)` };
    }
    return { ok: true, address: literal ? null : addresses[0]!.address };
  };
}

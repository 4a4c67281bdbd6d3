import { lookup } from 'node:dns/promises';
import { BlockList, isIP, isIPv4 } from 'node:net';

// What keeps webhooks from being aimed at the server's own network (server-side request forgery):
// every address a target's host resolves to must be public, unless an administrator allowed the
// host by name. Checked when a webhook is saved and again before every delivery, which then
// connects to the very address that was checked (see webhook-sender.ts).

export const MAX_URL_LENGTH = 2000;

/** Ranges no webhook may reach unless its host is allowed: private, shared, local, reserved, multicast. */
// Two lists: one BlockList checks IPv4 addresses against its IPv6 ranges too (as mapped addresses).
const BLOCKED_V4 = new BlockList();
const BLOCKED_V6 = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8], // private (RFC 1918)
  ['100.64.0.0', 10], // carrier-grade NAT (RFC 6598)
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local, cloud metadata services
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.88.99.0', 24], // 6to4 relays
  ['192.168.0.0', 16], // private
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation
  ['203.0.113.0', 24], // documentation
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const)
  BLOCKED_V4.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of [
  ['::', 96], // unspecified, loopback, IPv4-compatible
  ['::ffff:0:0', 96], // IPv4-mapped (checked as IPv4 too)
  ['::ffff:0:0:0', 96], // IPv4-translated (SIIT)
  ['64:ff9b:1::', 48], // local-use NAT64
  ['100::', 64], // discard
  ['2001::', 23], // protocol assignments (Teredo among them)
  ['2001:db8::', 32], // documentation
  ['3fff::', 20], // documentation
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local (deprecated)
  ['ff00::', 8], // multicast
] as const)
  BLOCKED_V6.addSubnet(network, prefix, 'ipv6');

/** The sixteen bytes of an IPv6 address (any form `URL` accepts). */
function ipv6Bytes(address: string): number[] {
  const canonical = new URL(`http://[${address}]/`).hostname.slice(1, -1);
  const [head = '', tail] = canonical.split('::');
  const groups = (part: string) => (part === '' ? [] : part.split(':').map((g) => Number.parseInt(g, 16)));
  const front = groups(head);
  const back = tail === undefined ? [] : groups(tail);
  const all = [...front, ...Array<number>(8 - front.length - back.length).fill(0), ...back];
  return all.flatMap((g) => [g >> 8, g & 0xff]);
}

/** The IPv4 address an IPv6 one carries (mapped, NAT64, 6to4), which must pass the IPv4 rules too. */
function embeddedIpv4(address: string): string | null {
  const b = ipv6Bytes(address);
  const v4 = (at: number) => b.slice(at, at + 4).join('.');
  if (b.slice(0, 10).every((x) => x === 0) && b[10] === 0xff && b[11] === 0xff) return v4(12);
  if (b.slice(0, 8).every((x) => x === 0) && b[8] === 0xff && b[9] === 0xff && b[10] === 0 && b[11] === 0) return v4(12);
  if (b[0] === 0x00 && b[1] === 0x64 && b[2] === 0xff && b[3] === 0x9b && b.slice(4, 12).every((x) => x === 0)) return v4(12);
  if (b[0] === 0x20 && b[1] === 0x02) return v4(2);
  return null;
}

/** Whether an address is outside what a webhook may reach on its own. */
export function isForbiddenAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, '');
  const family = isIP(bare);
  if (family === 4) return BLOCKED_V4.check(bare, 'ipv4');
  // Zone ids (fe80::1%eth0) only ever name local links.
  if (family !== 6 || bare.includes('%')) return true;
  if (BLOCKED_V6.check(bare, 'ipv6')) return true;
  const inner = embeddedIpv4(bare);
  return inner !== null && BLOCKED_V4.check(inner, 'ipv4');
}

export interface WebhookTarget {
  url: URL;
  /** As `URL` writes it: lower-case, IPv6 in brackets; what allowed hosts are compared with. */
  host: string;
  /** What to resolve (IPv6 without brackets). */
  lookupName: string;
}

/** A refusal of the target, worded for the `/url` field. */
export class TargetRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TargetRefused';
  }
}

/** The URL's form only: http(s), a host, no credentials, no fragment. */
export function parseTarget(raw: string): WebhookTarget {
  if (raw.length > MAX_URL_LENGTH) throw new TargetRefused(`must be at most ${MAX_URL_LENGTH} characters`);
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new TargetRefused('is not a URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new TargetRefused('must start with https:// or http://');
  if (url.username || url.password) throw new TargetRefused('must not contain a user name or password');
  if (url.hash) throw new TargetRefused('must not contain a fragment (#…)');
  if (!url.hostname) throw new TargetRefused('must name a host');
  return { url, host: url.hostname, lookupName: url.hostname.replace(/^\[|\]$/g, '') };
}

/** The allowed-host form of what an administrator typed: a host name or IP address, no port or path. */
export function normalizeHost(raw: string): string | null {
  const trimmed = raw.trim();
  if (trimmed === '' || /[/?#@\s]/.test(trimmed)) return null;
  const literal = isIP(trimmed) === 6 ? `[${trimmed}]` : trimmed;
  try {
    const url = new URL(`http://${literal}/`);
    if (url.port !== '' || url.hostname === '') return null;
    return url.hostname;
  } catch {
    return null;
  }
}

export interface Resolved {
  address: string;
  family: 4 | 6;
}

type Lookup = (name: string) => Promise<Resolved[]>;

const systemLookup: Lookup = async (name) =>
  (await lookup(name, { all: true, verbatim: true })).map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));

/**
 * Resolves the target and checks every address it has (not just the first: a name with one public
 * and one private address is refused). An allowed host is not checked; it still resolves, so the
 * connection goes to an address looked up once.
 */
export async function resolveTarget(target: WebhookTarget, allowed: boolean, resolve: Lookup = systemLookup): Promise<Resolved[]> {
  const literal = isIP(target.lookupName);
  if (literal) {
    if (!allowed && isForbiddenAddress(target.lookupName))
      throw new TargetRefused('points to a private, loopback or link-local address; an administrator must allow this host first');
    return [{ address: target.lookupName, family: isIPv4(target.lookupName) ? 4 : 6 }];
  }
  let addresses: Resolved[];
  try {
    addresses = await resolve(target.lookupName);
  } catch {
    throw new TargetRefused(`names a host that cannot be resolved (${target.host})`);
  }
  if (addresses.length === 0) throw new TargetRefused(`names a host that cannot be resolved (${target.host})`);
  if (!allowed && addresses.some((a) => isForbiddenAddress(a.address)))
    throw new TargetRefused(
      `names a host (${target.host}) that resolves to a private, loopback or link-local address; an administrator must allow this host first`,
    );
  return addresses;
}

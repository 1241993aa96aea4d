/**
 * Which IP addresses a user-supplied feed URL may reach. A feed URL is typed by a user, so it is an
 * SSRF risk: it must not make Passerelle read its own loopback, the cloud metadata service
 * (169.254.169.254) or the company's private network. Pure functions, no DNS.
 */

/** Why an address is refused, in words; null when it is a public address. */
export function forbiddenAddressReason(address: string): string | null {
  const text = address.trim().replace(/^\[|\]$/g, '');
  const v4 = parseIpv4(text);
  if (v4 !== null) return ipv4Reason(v4);
  const v6 = parseIpv6(text);
  if (v6 !== null) return ipv6Reason(v6);
  return 'it is not a valid IP address';
}

export function isIpLiteral(host: string): boolean {
  const text = host.replace(/^\[|\]$/g, '');
  return parseIpv4(text) !== null || parseIpv6(text) !== null;
}

/** Dotted quad only: the WHATWG URL parser has already turned `0x7f.1` or `2130706433` into one. */
export function parseIpv4(text: string): number[] | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  const bytes = parts.map((part) => (/^\d{1,3}$/.test(part) ? Number(part) : Number.NaN));
  return bytes.every((byte) => Number.isInteger(byte) && byte <= 255) ? bytes : null;
}

function inV4(bytes: number[], base: [number, number, number, number], prefix: number): boolean {
  for (let bit = 0; bit < prefix; bit++) {
    const index = Math.floor(bit / 8);
    const mask = 0x80 >> (bit % 8);
    if (((bytes[index] ?? 0) & mask) !== ((base[index] ?? 0) & mask)) return false;
  }
  return true;
}

const V4_RANGES: Array<[[number, number, number, number], number, string]> = [
  [[0, 0, 0, 0], 8, 'an unspecified ("this network") address'],
  [[10, 0, 0, 0], 8, 'a private network address'],
  [[100, 64, 0, 0], 10, 'a carrier-grade NAT (shared) address'],
  [[127, 0, 0, 0], 8, 'a loopback address'],
  [[169, 254, 0, 0], 16, 'a link-local address (cloud metadata services live there)'],
  [[172, 16, 0, 0], 12, 'a private network address'],
  [[192, 0, 0, 0], 24, 'a reserved protocol address'],
  [[192, 0, 2, 0], 24, 'a documentation address'],
  [[192, 168, 0, 0], 16, 'a private network address'],
  [[198, 18, 0, 0], 15, 'a benchmarking address'],
  [[198, 51, 100, 0], 24, 'a documentation address'],
  [[203, 0, 113, 0], 24, 'a documentation address'],
  [[224, 0, 0, 0], 4, 'a multicast address'],
  [[240, 0, 0, 0], 4, 'a reserved address'],
];

function ipv4Reason(bytes: number[]): string | null {
  for (const [base, prefix, reason] of V4_RANGES) if (inV4(bytes, base, prefix)) return reason;
  return null;
}

/** Eight 16-bit groups, or null. Accepts `::`, an embedded dotted quad and a zone id. */
export function parseIpv6(input: string): number[] | null {
  let text = input.replace(/%.*$/, '').toLowerCase();
  if (!text.includes(':')) return null;
  let tail: number[] = [];
  const lastColon = text.lastIndexOf(':');
  const maybeV4 = text.slice(lastColon + 1);
  if (maybeV4.includes('.')) {
    const v4 = parseIpv4(maybeV4);
    if (v4 === null) return null;
    tail = [((v4[0] as number) << 8) | (v4[1] as number), ((v4[2] as number) << 8) | (v4[3] as number)];
    text = `${text.slice(0, lastColon + 1)}${tail.length ? '0:0' : ''}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const parse = (part: string): number[] | null => {
    if (part === '') return [];
    const groups = part.split(':');
    const values = groups.map((group) => (/^[0-9a-f]{1,4}$/.test(group) ? Number.parseInt(group, 16) : -1));
    return values.every((value) => value >= 0) ? values : null;
  };
  const head = parse(halves[0] ?? '');
  const rest = halves.length === 2 ? parse(halves[1] ?? '') : [];
  if (head === null || rest === null) return null;
  let groups: number[];
  if (halves.length === 2) {
    const missing = 8 - head.length - rest.length;
    if (missing < 1) return null;
    groups = [...head, ...new Array<number>(missing).fill(0), ...rest];
  } else {
    groups = head;
  }
  if (groups.length !== 8) return null;
  if (tail.length === 2) {
    groups[6] = tail[0] as number;
    groups[7] = tail[1] as number;
  }
  return groups;
}

function embeddedV4(high: number, low: number): number[] {
  return [high >> 8, high & 0xff, low >> 8, low & 0xff];
}

function ipv6Reason(g: number[]): string | null {
  const [g0 = 0, g1 = 0, g2 = 0, g3 = 0, g4 = 0, g5 = 0, g6 = 0, g7 = 0] = g;
  const zeroUpTo = (n: number) => g.slice(0, n).every((value) => value === 0);
  if (zeroUpTo(8)) return 'an unspecified address';
  if (zeroUpTo(7) && g7 === 1) return 'a loopback address';
  // ::ffff:a.b.c.d (mapped) and ::a.b.c.d (compatible) reach the IPv4 address they carry.
  if (zeroUpTo(5) && (g5 === 0xffff || g5 === 0)) return ipv4Reason(embeddedV4(g6, g7));
  // NAT64 (64:ff9b::/96) and 6to4 (2002::/16) also lead to an IPv4 address.
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0) {
    return ipv4Reason(embeddedV4(g6, g7));
  }
  if (g0 === 0x2002) return ipv4Reason(embeddedV4(g1, g2));
  if ((g0 & 0xfe00) === 0xfc00) return 'a private network (unique local) address';
  if ((g0 & 0xffc0) === 0xfe80) return 'a link-local address';
  if ((g0 & 0xffc0) === 0xfec0) return 'a site-local address';
  if ((g0 & 0xff00) === 0xff00) return 'a multicast address';
  if (g0 === 0x2001 && g1 === 0x0db8) return 'a documentation address';
  if (g0 === 0x0100 && g1 === 0 && g2 === 0 && g3 === 0) return 'a discard address';
  return null;
}

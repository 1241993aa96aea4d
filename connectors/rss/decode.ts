/**
 * Feed bytes to text. Real feeds are served as ISO-8859-1 or windows-1252 as often as UTF-8, and
 * their labels disagree: the Content-Type charset says one thing, the XML declaration another.
 * The rule here: a byte-order mark wins; otherwise bytes that are valid UTF-8 are read as UTF-8
 * whatever the labels say, because non-ASCII text in a legacy encoding is almost never valid
 * UTF-8 by accident while "UTF-8 served as ISO-8859-1" is a common server default; otherwise the
 * Content-Type label (RFC 7303 gives it precedence), then the XML declaration's, then
 * windows-1252 (what browsers use for an unlabelled legacy page).
 */
import { windows1252C1 } from './html-text';

export class FeedEncodingError extends Error {
  override readonly name = 'FeedEncodingError';
}

export interface DecodedFeed {
  text: string;
  /** The encoding used, as a WHATWG label. */
  encoding: string;
}

const UTF8 = new Set(['utf-8', 'utf8', 'unicode-1-1-utf-8']);
// WHATWG maps every one of these to windows-1252 (a superset of ISO-8859-1 in printable range).
const LATIN1 = new Set([
  'iso-8859-1',
  'iso8859-1',
  'iso_8859-1',
  'latin1',
  'l1',
  'windows-1252',
  'cp1252',
  'x-cp1252',
  'us-ascii',
  'ascii',
  'iso-ir-100',
  'cp819',
  'ibm819',
]);

export function decodeFeed(bytes: Uint8Array, contentType: string | null): DecodedFeed {
  const bom = bomEncoding(bytes);
  if (bom) return { text: decodeWith(bom.encoding, bytes.subarray(bom.length)), encoding: bom.encoding };

  const headerLabel = charsetFromContentType(contentType);
  const declaredLabel = charsetFromDeclaration(bytes);
  if (headerLabel?.startsWith('utf-16') || declaredLabel?.startsWith('utf-16') || looksLikeUtf16(bytes)) {
    const encoding = utf16Order(bytes) ?? (headerLabel?.startsWith('utf-16') ? headerLabel : 'utf-16le');
    return { text: decodeWith(encoding === 'utf-16' ? 'utf-16le' : encoding, bytes), encoding };
  }

  const utf8 = tryUtf8(bytes);
  if (utf8 !== null) return { text: utf8, encoding: 'utf-8' };
  const labels = [headerLabel, declaredLabel].filter((label): label is string => label !== null);
  const legacy = labels.find((label) => !UTF8.has(label)) ?? 'windows-1252';
  return { text: decodeWith(legacy, bytes), encoding: LATIN1.has(legacy) ? 'windows-1252' : legacy };
}

function bomEncoding(bytes: Uint8Array): { encoding: string; length: number } | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return null;
}

/** `<?` written in UTF-16 without a byte-order mark. */
function looksLikeUtf16(bytes: Uint8Array): boolean {
  return utf16Order(bytes) !== null;
}

function utf16Order(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  if (bytes[0] === 0x3c && bytes[1] === 0x00 && bytes[2] === 0x3f && bytes[3] === 0x00) return 'utf-16le';
  if (bytes[0] === 0x00 && bytes[1] === 0x3c && bytes[2] === 0x00 && bytes[3] === 0x3f) return 'utf-16be';
  return null;
}

export function charsetFromContentType(contentType: string | null): string | null {
  if (!contentType) return null;
  const match = /;\s*charset\s*=\s*(?:"([^"]*)"|([^;\s]+))/i.exec(contentType);
  const label = (match?.[1] ?? match?.[2] ?? '').trim().toLowerCase();
  return label === '' ? null : label;
}

/** The `encoding` of `<?xml ... ?>`, read as ASCII from the first bytes. */
export function charsetFromDeclaration(bytes: Uint8Array): string | null {
  let head = '';
  for (let i = 0; i < Math.min(bytes.length, 512); i++) head += String.fromCharCode(bytes[i] as number);
  const declaration = /^\s*<\?xml\s[^>]*?\?>/.exec(head);
  if (!declaration) return null;
  const match = /\sencoding\s*=\s*(?:"([^"]*)"|'([^']*)')/.exec(declaration[0]);
  const label = (match?.[1] ?? match?.[2] ?? '').trim().toLowerCase();
  return label === '' ? null : label;
}

function tryUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

function decodeWith(label: string, bytes: Uint8Array): string {
  if (UTF8.has(label)) return new TextDecoder('utf-8').decode(bytes);
  // Decoded by hand so the result does not depend on the runtime's ICU data (Workers, small-icu).
  if (LATIN1.has(label)) return decodeWindows1252(bytes);
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(label);
  } catch {
    throw new FeedEncodingError(`the feed is written in the "${label}" encoding, which cannot be read here`);
  }
  return decoder.decode(bytes);
}

export function decodeWindows1252(bytes: Uint8Array): string {
  let text = '';
  const chunk: number[] = [];
  for (const byte of bytes) {
    chunk.push(byte >= 0x80 && byte <= 0x9f ? (windows1252C1(byte) ?? byte) : byte);
    if (chunk.length === 8192) {
      text += String.fromCharCode(...chunk);
      chunk.length = 0;
    }
  }
  return text + String.fromCharCode(...chunk);
}

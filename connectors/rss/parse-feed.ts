/**
 * RSS 0.91/0.92/2.0, RSS 1.0 (RDF) and Atom 1.0 documents to RawFeedItems. Lenient where real
 * feeds are sloppy (missing fields, relative links, HTML entities), strict where silence would
 * hide a problem: a document that is not a feed, or one cut off before its end, is an error.
 */
import { textOf } from './html-text';
import type { FeedFormat, RawFeedItem, RawText } from './raw';
import {
  attribute,
  childElements,
  firstChild,
  innerMarkup,
  parseXml,
  textContent,
  type XmlElement,
  XmlSyntaxError,
} from './xml';

export const NS = {
  atom: 'http://www.w3.org/2005/Atom',
  atom03: 'http://purl.org/atom/ns#',
  rss1: 'http://purl.org/rss/1.0/',
  rss090: 'http://my.netscape.com/rdf/simple/0.9/',
  dc: 'http://purl.org/dc/elements/1.1/',
  content: 'http://purl.org/rss/1.0/modules/content/',
  thread: 'http://purl.org/syndication/thread/1.0',
} as const;

export class FeedFormatError extends Error {
  override readonly name = 'FeedFormatError';
}

export interface ParsedFeed {
  format: FeedFormat;
  title: string | null;
  link: string | null;
  items: RawFeedItem[];
}

export function parseFeed(text: string, feedUrl: string): ParsedFeed {
  if (text.trim() === '') throw new FeedFormatError('the feed is empty');
  // A cut-off download is the commonest broken feed: say so rather than report a parse error.
  const opening =
    /^(?:\s|<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>[]*(?:\[[\s\S]*?\])?\s*>)*<((?:[\w.-]+:)?(rss|feed|RDF))[\s>/]/.exec(
      text,
    );
  if (opening && !closingTag(opening[2] ?? '').test(text)) {
    throw new FeedFormatError(`the feed ends before its closing </${opening[1]}> tag: it was cut off`);
  }
  let root: XmlElement;
  try {
    root = parseXml(text);
  } catch (error) {
    if (error instanceof XmlSyntaxError)
      throw new FeedFormatError(`the feed is not valid XML: ${error.message}`);
    throw error;
  }
  if (root.local.toLowerCase() === 'html') {
    throw new FeedFormatError('the address returns a web page (HTML), not an RSS or Atom feed');
  }
  if (!['rss', 'RDF', 'feed'].includes(root.local)) {
    throw new FeedFormatError(`the document's root element is <${root.local}>, not <rss> or <feed>`);
  }
  // fast-xml-parser closes what a cut-off document left open; the missing end tag tells.
  if (!closingTag(root.local).test(text)) {
    throw new FeedFormatError(`the feed ends before its closing </${root.local}> tag: it was cut off`);
  }
  const base = resolve(attribute(root, 'xml:base'), feedUrl) ?? feedUrl;
  if (root.local === 'feed') return parseAtom(root, feedUrl, base);
  return parseRss(root, feedUrl, base);
}

function closingTag(local: string): RegExp {
  return new RegExp(`</(?:[\\w.-]+:)?${local}\\s*>\\s*(?:<!--[\\s\\S]*?-->\\s*)*$`);
}

// ---------------------------------------------------------------- RSS

function parseRss(root: XmlElement, feedUrl: string, rootBase: string): ParsedFeed {
  const format: FeedFormat = root.local === 'RDF' ? 'rdf' : 'rss';
  const channel = firstChild(root, 'channel');
  if (!channel) throw new FeedFormatError('the RSS document has no <channel>');
  const core = channel.ns;
  const channelBase = resolve(attribute(channel, 'xml:base'), rootBase) ?? rootBase;
  const feedTitle = optionalText(textOf(htmlText(firstChild(channel, 'title', core))));
  const feedLink = httpUrl(resolve(elementText(firstChild(channel, 'link', core)), channelBase));
  const channelLanguage =
    elementText(firstChild(channel, 'language', core)) ?? elementText(firstChild(channel, 'language', NS.dc));
  // RSS 2.0 puts items in the channel; RSS 1.0 and 0.90 put them beside it.
  const itemElements =
    format === 'rdf' ? childElements(root, 'item', core) : childElements(channel, 'item', core);

  const items = itemElements.map((item): RawFeedItem => {
    const base = resolve(attribute(item, 'xml:base'), channelBase) ?? channelBase;
    const guidElement = firstChild(item, 'guid', core);
    const guid =
      elementText(guidElement) ?? (format === 'rdf' ? optionalText(attribute(item, 'rdf:about')) : null);
    const idIsPermaLink =
      guidElement !== undefined
        ? attribute(guidElement, 'isPermaLink')?.trim().toLowerCase() !== 'false'
        : false;
    const linkText = elementText(firstChild(item, 'link', core));
    const link =
      httpUrl(resolve(linkText, base)) ??
      (idIsPermaLink ? httpUrl(resolve(guid, base)) : null) ??
      atomAlternate(item, base);
    const description = firstChild(item, 'description', core);
    const encoded = firstChild(item, 'encoded', NS.content);
    const descriptionText = description ? htmlText(description) : null;
    const encodedText = encoded ? htmlText(encoded) : null;
    const authorText = elementText(firstChild(item, 'author', core));
    const creator = elementText(firstChild(item, 'creator', NS.dc));
    return {
      format,
      feedUrl,
      feedTitle,
      feedLink,
      id: guid,
      idIsPermaLink,
      link,
      title: htmlText(firstChild(item, 'title', core)),
      body: encodedText ?? descriptionText,
      summary: encodedText ? descriptionText : null,
      published:
        elementText(firstChild(item, 'pubDate', core)) ?? elementText(firstChild(item, 'date', NS.dc)),
      updated: elementText(firstChild(item, 'updated', NS.atom)),
      author: creator || authorText ? rssAuthor(creator, authorText) : null,
      language:
        optionalText(attribute(item, 'xml:lang')) ??
        elementText(firstChild(item, 'language', NS.dc)) ??
        channelLanguage,
      categories: childElements(item, 'category', core)
        .map((category) => elementText(category))
        .filter((value): value is string => value !== null),
      inReplyTo: null,
    };
  });
  return { format, title: feedTitle, link: feedLink, items };
}

/** RSS `author` is an e-mail address, often "bob@example.com (Bob Smith)"; dc:creator a name. */
function rssAuthor(creator: string | null, author: string | null): RawFeedItem['author'] {
  let name = creator;
  let email: string | null = null;
  if (author) {
    const withName = /^\s*([^\s()]+@[^\s()]+)\s*\(([^)]*)\)\s*$/.exec(author);
    if (withName) {
      email = withName[1] ?? null;
      name ??= optionalText(withName[2] ?? null);
    } else if (/^[^\s@]+@[^\s@]+$/.test(author)) {
      email = author;
    } else {
      name ??= author;
    }
  }
  return { name, email, uri: null };
}

function atomAlternate(item: XmlElement, base: string): string | null {
  return pickAlternate(childElements(item, 'link', NS.atom), base);
}

// ---------------------------------------------------------------- Atom

function parseAtom(root: XmlElement, feedUrl: string, base: string): ParsedFeed {
  const core = root.ns === NS.atom03 ? NS.atom03 : root.ns;
  const feedTitle = optionalText(textOf(atomText(firstChild(root, 'title', core))));
  const feedLink = pickAlternate(childElements(root, 'link', core), base);
  const feedAuthor = atomAuthor(firstChild(root, 'author', core), core, base);
  const feedLanguage = optionalText(attribute(root, 'xml:lang'));

  const items = childElements(root, 'entry', core).map((entry): RawFeedItem => {
    const entryBase = resolve(attribute(entry, 'xml:base'), base) ?? base;
    const content = firstChild(entry, 'content', core);
    const summary = atomText(firstChild(entry, 'summary', core));
    // Out-of-line content (`src`) is not fetched: the summary stands in for it.
    const body = content && attribute(content, 'src') === null ? atomText(content) : null;
    const reply = firstChild(entry, 'in-reply-to', NS.thread);
    const ref = reply ? optionalText(attribute(reply, 'ref')) : null;
    return {
      format: 'atom',
      feedUrl,
      feedTitle,
      feedLink,
      id: elementText(firstChild(entry, 'id', core)),
      idIsPermaLink: false,
      link: pickAlternate(childElements(entry, 'link', core), entryBase),
      title: atomText(firstChild(entry, 'title', core)),
      body: body ?? summary,
      summary: body ? summary : null,
      published:
        elementText(firstChild(entry, 'published', core)) ??
        elementText(firstChild(entry, 'issued', core)) ??
        elementText(firstChild(entry, 'created', core)),
      updated:
        elementText(firstChild(entry, 'updated', core)) ?? elementText(firstChild(entry, 'modified', core)),
      author: atomAuthor(firstChild(entry, 'author', core), core, entryBase) ?? feedAuthor,
      language: optionalText(attribute(entry, 'xml:lang')) ?? feedLanguage,
      categories: childElements(entry, 'category', core)
        .map(
          (category) =>
            optionalText(attribute(category, 'label')) ?? optionalText(attribute(category, 'term')),
        )
        .filter((value): value is string => value !== null),
      inReplyTo: ref
        ? { ref, href: reply ? httpUrl(resolve(attribute(reply, 'href'), entryBase)) : null }
        : null,
    };
  });
  return { format: 'atom', title: feedTitle, link: feedLink, items };
}

/** Atom text constructs (RFC 4287 section 3.1): `type` is text (default), html or xhtml. */
function atomText(element: XmlElement | undefined): RawText | null {
  if (!element) return null;
  const type = (attribute(element, 'type') ?? 'text').trim().toLowerCase();
  if (type === 'xhtml' || type === 'application/xhtml+xml') {
    return { type: 'xhtml', value: innerMarkup(element, false) };
  }
  if (type === 'html' || type === 'text/html' || (attribute(element, 'mode') ?? '') === 'escaped') {
    return { type: 'html', value: innerMarkup(element, true) };
  }
  return { type: 'text', value: textContent(element) };
}

function atomAuthor(element: XmlElement | undefined, core: string, base: string): RawFeedItem['author'] {
  if (!element) return null;
  const name = elementText(firstChild(element, 'name', core));
  const email = elementText(firstChild(element, 'email', core));
  const uri = httpUrl(
    resolve(elementText(firstChild(element, 'uri', core) ?? firstChild(element, 'url', core)), base),
  );
  return name || email || uri ? { name, email, uri } : null;
}

/** The `alternate` link (no rel means alternate), preferring an HTML page. */
function pickAlternate(links: XmlElement[], base: string): string | null {
  const alternates = links.filter((link) => {
    const rel = (attribute(link, 'rel') ?? 'alternate').trim().toLowerCase();
    return rel === 'alternate' || rel === '';
  });
  const html = alternates.find((link) => /html/i.test(attribute(link, 'type') ?? 'text/html'));
  for (const link of html ? [html, ...alternates] : alternates) {
    const linkBase = resolve(attribute(link, 'xml:base'), base) ?? base;
    const href = httpUrl(resolve(attribute(link, 'href') ?? textContent(link), linkBase));
    if (href) return href;
  }
  return null;
}

// ---------------------------------------------------------------- helpers

/** RSS text elements hold HTML in practice (entity-escaped or in CDATA). */
function htmlText(element: XmlElement | undefined): RawText | null {
  if (!element) return null;
  return { type: 'html', value: innerMarkup(element, true) };
}

function elementText(element: XmlElement | undefined): string | null {
  return element ? optionalText(textContent(element)) : null;
}

function optionalText(value: string | null | undefined): string | null {
  const text = value?.trim();
  return text ? text : null;
}

/** A reference made absolute; null when absent or unusable. */
export function resolve(reference: string | null | undefined, base: string): string | null {
  const text = reference?.trim();
  if (!text) return null;
  try {
    return new URL(text, base).toString();
  } catch {
    return null;
  }
}

/** Only http(s) links leave the connector: a `javascript:` link in a feed is dropped, not shown. */
export function httpUrl(value: string | null): string | null {
  if (!value) return null;
  return /^https?:\/\//i.test(value) ? value : null;
}

/**
 * A feed document as a small namespace-aware element tree. Tokenising is fast-xml-parser's work
 * (pure JavaScript, no Node built-ins, so it bundles for Workers); entity decoding is ours, so
 * that DOCTYPE entities are never expanded (no "billion laughs") and the HTML entities that real
 * feeds use without declaring them (`&eacute;`) still read correctly.
 */
import { XMLParser } from 'fast-xml-parser';
import { decodeEntities } from './html-text';

export interface XmlElement {
  /** Namespace URI, '' when none. */
  ns: string;
  /** Local name, without prefix. */
  local: string;
  /** Attributes by qualified name as written (`href`, `xml:base`, `rdf:about`), values decoded. */
  attrs: Record<string, string>;
  children: XmlNode[];
}

export type XmlNode = XmlElement | { text: string; cdata: boolean };

export const XML_NS = 'http://www.w3.org/XML/1998/namespace';

export class XmlSyntaxError extends Error {
  override readonly name = 'XmlSyntaxError';
}

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: false,
  cdataPropName: '#cdata',
  ignoreDeclaration: true,
  ignorePiTags: true,
  allowBooleanAttributes: true,
  // A feed nests a handful of levels; XHTML content a few more.
  maxNestedTags: 200,
});

type OrderedNode = Record<string, unknown>;

/** Parses a whole document; throws XmlSyntaxError when it is not XML at all. */
export function parseXml(text: string): XmlElement {
  let nodes: unknown;
  try {
    nodes = parser.parse(text);
  } catch (cause) {
    throw new XmlSyntaxError(
      `not readable as XML (${cause instanceof Error ? cause.message : 'parse error'})`,
    );
  }
  const elements = convert(Array.isArray(nodes) ? (nodes as OrderedNode[]) : [], new Map()).filter(isElement);
  const root = elements[0];
  if (!root) throw new XmlSyntaxError('no XML element found');
  return root;
}

export function isElement(node: XmlNode): node is XmlElement {
  return 'local' in node;
}

function convert(nodes: OrderedNode[], scope: Map<string, string>): XmlNode[] {
  const result: XmlNode[] = [];
  for (const node of nodes) {
    const keys = Object.keys(node).filter((key) => key !== ':@');
    const key = keys[0];
    if (key === undefined) continue;
    const value = node[key];
    if (key === '#text') {
      result.push({ text: decodeEntities(String(value ?? '')), cdata: false });
      continue;
    }
    if (key === '#cdata') {
      const inner = Array.isArray(value) ? (value as OrderedNode[]) : [];
      const text = inner.map((part) => String(part['#text'] ?? '')).join('');
      result.push({ text, cdata: true });
      continue;
    }
    const rawAttrs = (node[':@'] ?? {}) as Record<string, unknown>;
    const attrs: Record<string, string> = {};
    let childScope = scope;
    for (const [name, rawValue] of Object.entries(rawAttrs)) {
      // A boolean attribute (allowed leniently) arrives as `true`.
      const attrValue = typeof rawValue === 'string' ? decodeEntities(rawValue) : '';
      attrs[name] = attrValue;
      if (name === 'xmlns' || name.startsWith('xmlns:')) {
        if (childScope === scope) childScope = new Map(scope);
        childScope.set(name === 'xmlns' ? '' : name.slice(6), attrValue);
      }
    }
    const colon = key.indexOf(':');
    const prefix = colon === -1 ? '' : key.slice(0, colon);
    const local = colon === -1 ? key : key.slice(colon + 1);
    const ns = prefix === 'xml' ? XML_NS : (childScope.get(prefix) ?? '');
    const children = convert(Array.isArray(value) ? (value as OrderedNode[]) : [], childScope);
    result.push({ ns, local, attrs, children });
  }
  return result;
}

/** Child elements, optionally filtered by local name and namespace(s). */
export function childElements(
  element: XmlElement,
  local?: string,
  ns?: string | readonly string[],
): XmlElement[] {
  const nsList = ns === undefined ? null : typeof ns === 'string' ? [ns] : ns;
  return element.children.filter(
    (child): child is XmlElement =>
      isElement(child) &&
      (local === undefined || child.local === local) &&
      (nsList === null || nsList.includes(child.ns)),
  );
}

export function firstChild(
  element: XmlElement,
  local: string,
  ns?: string | readonly string[],
): XmlElement | undefined {
  return childElements(element, local, ns)[0];
}

/** Text content of an element and its descendants, CDATA included, as the XML says it. */
export function textContent(element: XmlElement): string {
  return element.children.map((child) => (isElement(child) ? textContent(child) : child.text)).join('');
}

/**
 * The element's content written back as markup. `textIsMarkup` says how its text reads: in an
 * RSS description or Atom `type="html"` the decoded text *is* HTML source (`&lt;p&gt;` was a
 * paragraph), while in Atom `type="xhtml"` the text is literal and is re-escaped, so the HTML
 * reducer decodes every character exactly once either way.
 */
export function innerMarkup(element: XmlElement, textIsMarkup: boolean): string {
  return element.children
    .map((child) => {
      if (!isElement(child)) return textIsMarkup ? child.text : escapeMarkup(child.text);
      const attrs = Object.entries(child.attrs)
        .map(([name, value]) => ` ${name}="${escapeMarkup(value).replace(/"/g, '&quot;')}"`)
        .join('');
      return `<${child.local}${attrs}>${innerMarkup(child, textIsMarkup)}</${child.local}>`;
    })
    .join('');
}

function escapeMarkup(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function attribute(element: XmlElement, name: string): string | null {
  const value = element.attrs[name];
  return value === undefined ? null : value;
}

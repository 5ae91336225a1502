/**
 * A small namespace-aware XML reader that keeps the line of every element and attribute.
 *
 * The checks that follow schema validation need line numbers, which no XML parser among the
 * project's dependencies reports. It runs only on documents libxml2 has already accepted as
 * well-formed, so it reads the subset a manifest uses (elements, attributes, text, comments,
 * CDATA, processing instructions) and throws on anything it does not understand rather than
 * guessing.
 */

export interface XmlAttribute {
  /** The name as written, e.g. `xsi:type`. */
  qname: string;
  /** Namespace URI; '' for an unprefixed attribute. */
  ns: string;
  local: string;
  value: string;
  line: number;
}

export interface XmlElement {
  qname: string;
  ns: string;
  local: string;
  attributes: XmlAttribute[];
  children: XmlElement[];
  /** Concatenated character data directly inside this element (not its children's). */
  text: string;
  line: number;
  parent: XmlElement | null;
  /** Prefix → namespace URI in scope here ('' is the default namespace). */
  scope: ReadonlyMap<string, string>;
}

export class XmlReadError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
    this.name = 'XmlReadError';
  }
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(raw: string, line: number): string {
  return raw.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (_m, ref: string) => {
    if (ref.startsWith('#x')) return String.fromCodePoint(parseInt(ref.slice(2), 16));
    if (ref.startsWith('#')) return String.fromCodePoint(parseInt(ref.slice(1), 10));
    const ch = ENTITIES[ref];
    if (ch === undefined) throw new XmlReadError(line, `unknown entity &${ref};`);
    return ch;
  });
}

function splitQName(qname: string): [prefix: string, local: string] {
  const i = qname.indexOf(':');
  return i < 0 ? ['', qname] : [qname.slice(0, i), qname.slice(i + 1)];
}

const XML_NS = 'http://www.w3.org/XML/1998/namespace';

export function parseXml(source: string): XmlElement {
  const lineStarts = [0];
  for (let i = 0; i < source.length; i++) if (source.charCodeAt(i) === 10) lineStarts.push(i + 1);
  const lineAt = (pos: number): number => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid] <= pos) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };

  let pos = 0;
  let root: XmlElement | null = null;
  const stack: XmlElement[] = [];
  const nameRe = /[A-Za-z_][\w.:-]*/y;
  const attrRe = /\s*([A-Za-z_][\w.:-]*)\s*=\s*("([^"]*)"|'([^']*)')/y;

  const skipPast = (terminator: string, what: string): void => {
    const end = source.indexOf(terminator, pos);
    if (end < 0) throw new XmlReadError(lineAt(pos), `unterminated ${what}`);
    pos = end + terminator.length;
  };

  while (pos < source.length) {
    const lt = source.indexOf('<', pos);
    const textEnd = lt < 0 ? source.length : lt;
    if (textEnd > pos) {
      const text = source.slice(pos, textEnd);
      const top = stack[stack.length - 1];
      if (top) top.text += decode(text, lineAt(pos));
      else if (text.trim()) throw new XmlReadError(lineAt(pos), 'text outside the root element');
      pos = textEnd;
      continue;
    }
    if (source.startsWith('<!--', pos)) {
      skipPast('-->', 'comment');
    } else if (source.startsWith('<![CDATA[', pos)) {
      const start = pos + 9;
      skipPast(']]>', 'CDATA section');
      const top = stack[stack.length - 1];
      if (top) top.text += source.slice(start, pos - 3);
    } else if (source.startsWith('<?', pos)) {
      skipPast('?>', 'processing instruction');
    } else if (source.startsWith('<!', pos)) {
      throw new XmlReadError(lineAt(pos), 'document type declarations are not supported in a manifest');
    } else if (source.startsWith('</', pos)) {
      const line = lineAt(pos);
      const close = source.indexOf('>', pos);
      if (close < 0) throw new XmlReadError(line, 'unterminated end tag');
      const name = source.slice(pos + 2, close).trim();
      const open = stack.pop();
      if (!open || open.qname !== name) throw new XmlReadError(line, `end tag </${name}> does not match the open element`);
      pos = close + 1;
    } else {
      const line = lineAt(pos);
      nameRe.lastIndex = pos + 1;
      const m = nameRe.exec(source);
      if (!m) throw new XmlReadError(line, 'malformed start tag');
      const qname = m[0];
      pos = nameRe.lastIndex;
      const raw: Array<{ qname: string; value: string; line: number }> = [];
      for (;;) {
        attrRe.lastIndex = pos;
        const a = attrRe.exec(source);
        if (!a) break;
        const attrLine = lineAt(pos + (a[0].length - a[0].trimStart().length));
        raw.push({ qname: a[1], value: decode(a[3] ?? a[4] ?? '', attrLine), line: attrLine });
        pos = attrRe.lastIndex;
      }
      while (/\s/.test(source[pos] ?? '')) pos++;
      let selfClosing = false;
      if (source.startsWith('/>', pos)) {
        selfClosing = true;
        pos += 2;
      } else if (source[pos] === '>') {
        pos += 1;
      } else {
        throw new XmlReadError(lineAt(pos), `malformed start tag <${qname}>`);
      }

      const parent = stack[stack.length - 1] ?? null;
      const scope = new Map(parent ? parent.scope : [['xml', XML_NS], ['', '']]);
      for (const a of raw) {
        if (a.qname === 'xmlns') scope.set('', a.value);
        else if (a.qname.startsWith('xmlns:')) scope.set(a.qname.slice(6), a.value);
      }
      const [prefix, local] = splitQName(qname);
      const ns = scope.get(prefix);
      if (ns === undefined) throw new XmlReadError(line, `undeclared namespace prefix "${prefix}"`);
      const attributes: XmlAttribute[] = raw
        .filter((a) => a.qname !== 'xmlns' && !a.qname.startsWith('xmlns:'))
        .map((a) => {
          const [ap, al] = splitQName(a.qname);
          const ans = ap ? scope.get(ap) : '';
          if (ans === undefined) throw new XmlReadError(a.line, `undeclared namespace prefix "${ap}"`);
          return { qname: a.qname, ns: ans, local: al, value: a.value, line: a.line };
        });
      const el: XmlElement = { qname, ns, local, attributes, children: [], text: '', line, parent, scope };
      if (parent) parent.children.push(el);
      else if (root) throw new XmlReadError(line, 'more than one root element');
      else root = el;
      if (!selfClosing) stack.push(el);
    }
  }
  if (stack.length) throw new XmlReadError(stack[stack.length - 1].line, `element <${stack[stack.length - 1].qname}> is never closed`);
  if (!root) throw new XmlReadError(1, 'the document has no root element');
  return root;
}

export function attr(el: XmlElement, local: string, ns = ''): XmlAttribute | undefined {
  return el.attributes.find((a) => a.local === local && a.ns === ns);
}

export function childrenNamed(el: XmlElement, ns: string, local: string): XmlElement[] {
  return el.children.filter((c) => c.ns === ns && c.local === local);
}

export function child(el: XmlElement, ns: string, local: string): XmlElement | undefined {
  return el.children.find((c) => c.ns === ns && c.local === local);
}

/** Every element below `el` (depth first, document order), `el` included. */
export function* descendants(el: XmlElement): Generator<XmlElement> {
  yield el;
  for (const c of el.children) yield* descendants(c);
}

/** The local part of an `xsi:type` value, with its prefix resolved against the element's scope. */
export function xsiType(el: XmlElement, xsiNs: string): { ns: string; local: string; line: number } | undefined {
  const a = attr(el, 'type', xsiNs);
  if (!a) return undefined;
  const [prefix, local] = splitQName(a.value.trim());
  return { ns: el.scope.get(prefix) ?? '', local, line: a.line };
}

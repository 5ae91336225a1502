/** The manifest's Resources section and the `resid` references that point into it. */
import { NS } from './namespaces';
import { attr, child, descendants, type XmlElement } from './xml-tree';

export type ResourceKind = 'image' | 'url' | 'shortString' | 'longString';

export interface Resource {
  kind: ResourceKind;
  id: string;
  /** DefaultValue: a URL for images and urls, the text for strings. */
  value: string;
  line: number;
  /** Line of the DefaultValue attribute (where a bad value is fixed). */
  valueLine: number;
}

export const KIND_NAMES: Record<ResourceKind, string> = {
  image: 'an image (Resources/bt:Images)',
  url: 'a URL (Resources/bt:Urls)',
  shortString: 'a short string (Resources/bt:ShortStrings)',
  longString: 'a long string (Resources/bt:LongStrings)',
};

const COLLECTIONS: Array<{ collection: string; item: string; kind: ResourceKind }> = [
  { collection: 'Images', item: 'Image', kind: 'image' },
  { collection: 'Urls', item: 'Url', kind: 'url' },
  { collection: 'ShortStrings', item: 'String', kind: 'shortString' },
  { collection: 'LongStrings', item: 'String', kind: 'longString' },
];

/** The VersionOverrides of a task-pane manifest, if any. */
export function versionOverrides(root: XmlElement): XmlElement | undefined {
  return child(root, NS.taskpane, 'VersionOverrides');
}

export function collectResources(root: XmlElement): Resource[] {
  const vo = versionOverrides(root);
  const resources = vo && child(vo, NS.taskpane, 'Resources');
  if (!resources) return [];
  const out: Resource[] = [];
  for (const { collection, item, kind } of COLLECTIONS) {
    const list = child(resources, NS.bt, collection);
    if (!list) continue;
    for (const el of list.children) {
      if (el.ns !== NS.bt || el.local !== item) continue;
      const id = attr(el, 'id');
      const value = attr(el, 'DefaultValue');
      out.push({ kind, id: id?.value ?? '', value: value?.value ?? '', line: el.line, valueLine: value?.line ?? el.line });
    }
  }
  return out;
}

export interface ResourceReference {
  element: XmlElement;
  resid: string;
  line: number;
  /** What the referring element needs, from its schema type; undefined for an element that takes no resid. */
  expected: ResourceKind | undefined;
}

/**
 * Which kind of resource each referring element takes, after the schema's types:
 * ShortResourceReference, LongResourceReference, URLResourceReference, ImageResourceReference.
 */
function expectedKind(el: XmlElement): ResourceKind | undefined {
  if (el.ns === NS.bt && el.local === 'Image') return 'image';
  if (el.ns !== NS.taskpane) return undefined;
  switch (el.local) {
    case 'Label':
    case 'Title':
    case 'Namespace':
      return 'shortString';
    case 'Description':
      return 'longString';
    case 'SourceLocation':
    case 'FunctionFile':
    case 'LearnMoreUrl':
      return 'url';
    default:
      return undefined;
  }
}

export function collectReferences(root: XmlElement): ResourceReference[] {
  const vo = versionOverrides(root);
  if (!vo) return [];
  const out: ResourceReference[] = [];
  for (const el of descendants(vo)) {
    const resid = attr(el, 'resid');
    if (!resid) continue;
    out.push({ element: el, resid: resid.value, line: resid.line, expected: expectedKind(el) });
  }
  return out;
}

/** The resource of the given kind that `resid` names (first one, if ids repeat). */
export function resolve(resources: readonly Resource[], resid: string, kind: ResourceKind): Resource | undefined {
  return resources.find((r) => r.kind === kind && r.id === resid);
}

/**
 * Reads an add-in manifest (Office task-pane manifest, see docs/decisions/0001-host-surface.md)
 * into what the shell needs: identity, the add-in origin, the panel and function-file URLs, and
 * the command trees of the menu bar (PrimaryCommandSurface → CustomTab) and of the record
 * commands (ContextMenu → OfficeMenu). Namespaces are matched by local name so that the same
 * reader accepts the default-namespace and the `bt:` prefixed elements alike.
 */

const XSI = 'http://www.w3.org/2001/XMLSchema-instance';
/** The VersionOverrides host type the shell reads as the OfficeTools WorkSpace (ADR 0001). */
export const WORKSPACE_HOST_TYPE = 'Workbook';
export const OFFICETOOLS_HOST_NAME = 'OfficeTools';

export type CommandAction = { type: 'showTaskpane'; taskpaneId: string; url: string } | { type: 'executeFunction'; functionName: string };

export type CommandNode =
  | { kind: 'menu'; id: string; label: string; children: CommandNode[] }
  | { kind: 'command'; id: string; label: string; tip?: string; action: CommandAction };

export interface AddinManifest {
  /** The manifest's `<Id>` (a GUID). */
  id: string;
  version: string;
  displayName: string;
  providerName: string;
  description?: string;
  iconUrl?: string;
  highResolutionIconUrl?: string;
  /** The origin every add-in URL is on; the host bridge trusts exactly this origin. */
  origin: string;
  /** DefaultSettings/SourceLocation: where the panel opens when no command chose a view. */
  sourceLocation: string;
  /** The commands runtime page (FunctionFile), loaded in a hidden frame. */
  functionFileUrl?: string;
  /** CustomTabs of the PrimaryCommandSurface; each is a menu whose children are its groups. */
  tabs: Array<Extract<CommandNode, { kind: 'menu' }>>;
  /** OfficeMenus of the ContextMenu extension point, by id (e.g. `ContextMenuCell`). */
  contextMenus: Record<string, CommandNode[]>;
}

export class ManifestError extends Error {
  constructor(message: string) {
    super(`The add-in manifest cannot be used: ${message}`);
    this.name = 'ManifestError';
  }
}

function children(el: Element, localName?: string): Element[] {
  return Array.from(el.children).filter((c) => localName === undefined || c.localName === localName);
}

function child(el: Element, localName: string): Element | undefined {
  return children(el, localName)[0];
}

function xsiType(el: Element): string {
  return el.getAttributeNS(XSI, 'type') ?? el.getAttribute('xsi:type') ?? '';
}

/** Resolves `resid` references against VersionOverrides/Resources. */
class Resources {
  private readonly byKind = new Map<string, Map<string, string>>();

  constructor(versionOverrides: Element | undefined) {
    const resources = versionOverrides && child(versionOverrides, 'Resources');
    for (const group of resources ? children(resources) : []) {
      const map = new Map<string, string>();
      for (const item of children(group)) map.set(item.getAttribute('id') ?? '', item.getAttribute('DefaultValue') ?? '');
      this.byKind.set(group.localName, map);
    }
  }

  resolve(kind: 'Urls' | 'ShortStrings' | 'LongStrings' | 'Images', resid: string | null, where: string): string {
    const value = resid ? this.byKind.get(kind)?.get(resid) : undefined;
    if (!value) throw new ManifestError(`${where} refers to resid "${resid ?? ''}", which is not defined in Resources/${kind}.`);
    return value;
  }
}

class Reader {
  readonly origin: string;

  constructor(
    private readonly res: Resources,
    sourceLocation: string,
  ) {
    this.origin = this.url(sourceLocation, 'DefaultSettings/SourceLocation', true);
  }

  /** Checks an add-in URL and returns its origin when `isOrigin`, else the URL itself. */
  url(value: string, where: string, isOrigin = false): string {
    let parsed: URL;
    try {
      parsed = new URL(value);
    } catch {
      throw new ManifestError(`${where} "${value}" is not an absolute URL.`);
    }
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new ManifestError(`${where} "${value}" must be http(s).`);
    if (isOrigin) return parsed.origin;
    // One add-in, one origin: the bridge trusts the origin, so every page must live on it.
    if (parsed.origin !== this.origin) throw new ManifestError(`${where} "${value}" is not on the add-in's origin ${this.origin}.`);
    return parsed.href;
  }

  resourceUrl(resid: string | null, where: string): string {
    return this.url(this.res.resolve('Urls', resid, where), where);
  }

  label(el: Element, where: string): string {
    const label = child(el, 'Label');
    if (!label) throw new ManifestError(`${where} has no Label.`);
    return this.res.resolve('ShortStrings', label.getAttribute('resid'), `${where}/Label`);
  }

  tip(el: Element, where: string): string | undefined {
    const desc = child(el, 'Supertip') && child(child(el, 'Supertip') as Element, 'Description');
    return desc ? this.res.resolve('LongStrings', desc.getAttribute('resid'), `${where}/Supertip/Description`) : undefined;
  }

  action(el: Element, where: string): CommandAction {
    const action = child(el, 'Action');
    if (!action) throw new ManifestError(`${where} has no Action.`);
    const type = xsiType(action);
    if (type === 'ShowTaskpane') {
      const url = this.resourceUrl(child(action, 'SourceLocation')?.getAttribute('resid') ?? null, `${where}/Action/SourceLocation`);
      return { type: 'showTaskpane', taskpaneId: child(action, 'TaskpaneId')?.textContent?.trim() || 'default', url };
    }
    if (type === 'ExecuteFunction') {
      const functionName = child(action, 'FunctionName')?.textContent?.trim();
      if (!functionName) throw new ManifestError(`${where}/Action (ExecuteFunction) has no FunctionName.`);
      return { type: 'executeFunction', functionName };
    }
    throw new ManifestError(`${where}/Action has type "${type}"; the shell supports ShowTaskpane and ExecuteFunction.`);
  }

  /** A Control (Button or Menu) or a menu Item. */
  control(el: Element, where: string): CommandNode {
    const id = el.getAttribute('id') ?? '';
    const path = `${where}/${el.localName}[@id="${id}"]`;
    if (!id) throw new ManifestError(`${where} has a ${el.localName} without an id.`);
    const label = this.label(el, path);
    if (el.localName === 'Control' && xsiType(el) === 'Menu') {
      const items = child(el, 'Items');
      return { kind: 'menu', id, label, children: items ? children(items, 'Item').map((item) => this.control(item, path)) : [] };
    }
    const tip = this.tip(el, path);
    return { kind: 'command', id, label, ...(tip ? { tip } : {}), action: this.action(el, path) };
  }
}

function text(el: Element | undefined, attr = 'DefaultValue'): string | undefined {
  return el?.getAttribute(attr)?.trim() || undefined;
}

export function parseManifest(xml: string): AddinManifest {
  const doc = new DOMParser().parseFromString(xml, 'application/xml');
  const error = doc.getElementsByTagName('parsererror')[0];
  if (error) throw new ManifestError(`it is not well-formed XML (${(error.textContent ?? '').trim().split('\n')[0]}).`);
  const root = doc.documentElement;
  if (root.localName !== 'OfficeApp') throw new ManifestError(`its root element is <${root.localName}>, not <OfficeApp>.`);
  const hostNames = Array.from(child(root, 'Hosts')?.children ?? []).map((h) => h.getAttribute('Name'));
  if (!hostNames.includes(OFFICETOOLS_HOST_NAME)) {
    throw new ManifestError(`its <Hosts> does not list <Host Name="${OFFICETOOLS_HOST_NAME}"/>, so it is not an OfficeTools add-in.`);
  }
  const sourceLocation = text(child(child(root, 'DefaultSettings') ?? root, 'SourceLocation'));
  if (!sourceLocation) throw new ManifestError('DefaultSettings/SourceLocation is missing.');
  const versionOverrides = child(root, 'VersionOverrides');
  const reader = new Reader(new Resources(versionOverrides), sourceLocation);
  const manifest: AddinManifest = {
    id: child(root, 'Id')?.textContent?.trim() ?? '',
    version: child(root, 'Version')?.textContent?.trim() ?? '',
    displayName: text(child(root, 'DisplayName')) ?? '',
    providerName: child(root, 'ProviderName')?.textContent?.trim() ?? '',
    origin: reader.origin,
    sourceLocation: reader.url(sourceLocation, 'DefaultSettings/SourceLocation'),
    tabs: [],
    contextMenus: {},
  };
  if (!manifest.displayName) throw new ManifestError('DisplayName is missing.');
  const description = text(child(root, 'Description'));
  if (description) manifest.description = description;
  const icon = text(child(root, 'IconUrl'));
  if (icon) manifest.iconUrl = reader.url(icon, 'IconUrl');
  const highRes = text(child(root, 'HighResolutionIconUrl'));
  if (highRes) manifest.highResolutionIconUrl = reader.url(highRes, 'HighResolutionIconUrl');

  const workspace = Array.from(versionOverrides ? (child(versionOverrides, 'Hosts')?.children ?? []) : []).find((h) => xsiType(h) === WORKSPACE_HOST_TYPE);
  const desktop = workspace && child(workspace, 'DesktopFormFactor');
  if (!desktop) return manifest;
  const functionFile = child(desktop, 'FunctionFile');
  if (functionFile) manifest.functionFileUrl = reader.resourceUrl(functionFile.getAttribute('resid'), 'FunctionFile');
  for (const point of children(desktop, 'ExtensionPoint')) {
    const type = xsiType(point);
    if (type === 'PrimaryCommandSurface') {
      for (const tab of children(point, 'CustomTab')) {
        const id = tab.getAttribute('id') ?? '';
        const where = `CustomTab[@id="${id}"]`;
        const groups = children(tab, 'Group').map((group) => {
          const groupId = group.getAttribute('id') ?? '';
          const groupWhere = `${where}/Group[@id="${groupId}"]`;
          return { kind: 'menu' as const, id: groupId, label: reader.label(group, groupWhere), children: children(group, 'Control').map((c) => reader.control(c, groupWhere)) };
        });
        manifest.tabs.push({ kind: 'menu', id, label: reader.label(tab, where), children: groups });
      }
    } else if (type === 'ContextMenu') {
      for (const menu of children(point, 'OfficeMenu')) {
        const id = menu.getAttribute('id') ?? '';
        manifest.contextMenus[id] = [...(manifest.contextMenus[id] ?? []), ...children(menu, 'Control').map((c) => reader.control(c, `OfficeMenu[@id="${id}"]`))];
      }
    }
  }
  return manifest;
}

/** The panel view a ShowTaskpane URL names in `?view=`, if any. */
export function viewOfUrl(url: string): string | undefined {
  try {
    return new URL(url).searchParams.get('view') ?? undefined;
  } catch {
    return undefined;
  }
}

/** What every post-schema check reads: the parsed manifest and where its files live. */
import type { FormFactor } from './commands';
import type { ManifestDiagnostic } from './diagnostic';
import type { Resource, ResourceReference } from './resources';
import type { XmlElement } from './xml-tree';

export interface CheckContext {
  root: XmlElement;
  resources: Resource[];
  references: ResourceReference[];
  formFactors: FormFactor[];
  /** Folder the add-in's URLs map into (the repo root: /assets/x.png → <baseDir>/assets/x.png). */
  baseDir: string;
  /** Origin of DefaultSettings/SourceLocation: URLs on it are the add-in's own files. */
  addinOrigin: string | undefined;
}

export type ManifestCheck = (ctx: CheckContext) => ManifestDiagnostic[];

/**
 * What every mapping (one file per entity pair) returns, and how it fails. A mapping never
 * refuses data QBO could take after a small, explainable change: it makes the change and
 * says so in a warning the UI shows. It throws `MappingError` only when nothing sensible can
 * be sent (no name at all, no income account chosen).
 */
import type { LinkKind } from '../store/schema';

export type MappingWarningCode =
  /** ':' replaced, tabs or line breaks removed. */
  | 'invalidCharacters'
  /** Shortened to QBO's length limit. */
  | 'truncated'
  /** Left out because QBO would refuse it. */
  | 'dropped';

export interface MappingWarning {
  code: MappingWarningCode;
  /** The QBO field, e.g. `CompanyName`. */
  field: string;
  original: string;
  /** The value sent instead (absent when dropped). */
  changedTo?: string;
  /** A sentence for the user: what changed and why. */
  message: string;
}

export interface MappingResult<P> {
  payload: P;
  warnings: MappingWarning[];
}

export type MappingErrorCode = 'missing_name' | 'missing_income_account' | 'bad_value';

export class MappingError extends Error {
  readonly code: MappingErrorCode;
  readonly field?: string;
  constructor(code: MappingErrorCode, message: string, field?: string) {
    super(message);
    this.name = 'MappingError';
    this.code = code;
    this.field = field;
  }
}

/**
 * The shape every mapping file exports as one object, so a Match tab can be written once and
 * given the mapping of its kind.
 */
export interface EntityMapping<TOfficeTools, TInput, TQbo, TFields, TContext> {
  kind: LinkKind;
  /** The QBO entity name used in queries and writes. */
  qboEntity: 'Customer' | 'Employee' | 'Item';
  toQbo(entity: TOfficeTools, ctx: TContext): MappingResult<TFields>;
  fromQbo(qbo: TQbo): TInput;
  /** The fields a sparse update must carry to turn `before` into `after` in QBO. */
  changedFields(before: TOfficeTools, after: TOfficeTools, ctx: TContext): Partial<TFields>;
}

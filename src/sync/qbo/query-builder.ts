/**
 * Builds QBO query-language statements (QBO-FACTS §2) without string pasting at call sites:
 * values are always quoted and escaped here, names are checked, so a contact called
 * "O'Brien" can neither break a query nor change its meaning.
 *
 * QBO escapes a quote inside a literal as `\'`. A backslash is escaped as `\\` so a value that
 * ends in one cannot swallow the closing quote.
 */
import { QboUsageError } from './errors';

export type QueryValue = string | number | boolean;
export type QueryOp = '=' | '<' | '>' | '<=' | '>=' | 'LIKE' | 'IN';

export interface Condition {
  field: string;
  op: QueryOp;
  value: QueryValue | readonly QueryValue[];
}

/** QBO caps a page at 1000 rows. */
export const MAX_PAGE_SIZE = 1000;

const NAME = /^[A-Za-z][A-Za-z0-9]*(\.[A-Za-z][A-Za-z0-9]*)*$/;

function checkName(name: string, what: string): string {
  if (!NAME.test(name)) throw new QboUsageError('bad_query_name', `"${name}" is not a valid QBO ${what} name.`);
  return name;
}

/** A quoted, escaped string literal: O'Brien → 'O\'Brien'. */
export function quote(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** A literal of any type: booleans bare, strings and numbers quoted (QBO accepts quoted numbers). */
export function literal(value: QueryValue): string {
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new QboUsageError('bad_query_value', `Cannot query for the number ${value}.`);
    return quote(String(value));
  }
  return quote(value);
}

/** `('a', 'b')`. An empty list is refused: QBO has no way to say "IN nothing". */
export function inList(values: readonly QueryValue[]): string {
  if (values.length === 0) throw new QboUsageError('empty_in_list', 'An IN list needs at least one value.');
  return `(${values.map(literal).join(', ')})`;
}

export function condition(c: Condition): string {
  const field = checkName(c.field, 'property');
  if (c.op === 'IN') {
    const values = Array.isArray(c.value) ? (c.value as readonly QueryValue[]) : [c.value as QueryValue];
    return `${field} IN ${inList(values)}`;
  }
  if (Array.isArray(c.value)) throw new QboUsageError('bad_query_value', `Operator ${c.op} takes one value, not a list.`);
  return `${field} ${c.op} ${literal(c.value as QueryValue)}`;
}

/** Conditions joined with AND (QBO has no OR). */
export function where(conditions: readonly Condition[]): string {
  return conditions.map(condition).join(' AND ');
}

export interface SelectOptions {
  /** Already-built WHERE text, or conditions to build it from. */
  where?: string | readonly Condition[];
  orderBy?: { field: string; direction?: 'ASC' | 'DESC' };
  /** 1-based. */
  startPosition?: number;
  /** 1..1000. */
  maxResults?: number;
}

function whereClause(w: SelectOptions['where']): string {
  if (w === undefined) return '';
  const text = typeof w === 'string' ? w.trim() : where(w);
  return text ? ` WHERE ${text}` : '';
}

export function selectQuery(entity: string, options: SelectOptions = {}): string {
  let sql = `SELECT * FROM ${checkName(entity, 'entity')}${whereClause(options.where)}`;
  if (options.orderBy) {
    sql += ` ORDERBY ${checkName(options.orderBy.field, 'property')} ${options.orderBy.direction ?? 'ASC'}`;
  }
  if (options.startPosition !== undefined) {
    if (!Number.isInteger(options.startPosition) || options.startPosition < 1) {
      throw new QboUsageError('bad_start_position', `STARTPOSITION is 1-based; got ${options.startPosition}.`);
    }
    sql += ` STARTPOSITION ${options.startPosition}`;
  }
  if (options.maxResults !== undefined) {
    if (!Number.isInteger(options.maxResults) || options.maxResults < 1 || options.maxResults > MAX_PAGE_SIZE) {
      throw new QboUsageError('bad_max_results', `MAXRESULTS must be 1..${MAX_PAGE_SIZE}; got ${options.maxResults}.`);
    }
    sql += ` MAXRESULTS ${options.maxResults}`;
  }
  return sql;
}

export function countQuery(entity: string, w?: string | readonly Condition[]): string {
  return `SELECT COUNT(*) FROM ${checkName(entity, 'entity')}${whereClause(w)}`;
}

/** Splits a long value list so each IN stays a reasonable size for a URL. */
export function chunkValues<T>(values: readonly T[], size: number): T[][] {
  if (!Number.isInteger(size) || size < 1) throw new QboUsageError('bad_chunk_size', `Chunk size must be ≥ 1; got ${size}.`);
  const out: T[][] = [];
  for (let i = 0; i < values.length; i += size) out.push(values.slice(i, i + size));
  return out;
}

/**
 * QuickBooks' query language (QBO-FACTS §2): SELECT * | COUNT(*) | fields FROM Entity
 * [WHERE p op v AND …] [ORDERBY|ORDER BY p [ASC|DESC], …] [STARTPOSITION n] [MAXRESULTS n].
 * No OR, no JOIN, no '!='. Keywords and names are case-insensitive. Errors are 4000.
 */
import { faults } from '../faults';

export type Literal = string | number | boolean;
export type Operator = '=' | '<' | '>' | '<=' | '>=' | 'IN' | 'LIKE';

export interface Condition {
  property: string;
  op: Operator;
  values: Literal[];
}

export interface ParsedQuery {
  entity: string;
  count: boolean;
  /** undefined = SELECT * */
  fields?: string[];
  where: Condition[];
  orderBy: Array<{ property: string; desc: boolean }>;
  startPosition: number;
  maxResults: number;
}

type Token = { kind: 'word' | 'string' | 'number' | 'symbol'; text: string; pos: number };

function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < sql.length) {
    const c = sql[i];
    if (/\s/.test(c)) {
      i++;
    } else if (c === "'") {
      let text = '';
      let j = i + 1;
      let closed = false;
      while (j < sql.length) {
        if (sql[j] === '\\' && j + 1 < sql.length) {
          text += sql[j + 1];
          j += 2;
        } else if (sql[j] === "'") {
          closed = true;
          j++;
          break;
        } else {
          text += sql[j++];
        }
      }
      if (!closed) throw faults.queryParser(`Encountered unterminated string literal at column ${i + 1}.`);
      tokens.push({ kind: 'string', text, pos: i });
      i = j;
    } else if (/[0-9]/.test(c) || (c === '-' && /[0-9]/.test(sql[i + 1] ?? ''))) {
      const m = /^-?\d+(\.\d+)?/.exec(sql.slice(i))!;
      tokens.push({ kind: 'number', text: m[0], pos: i });
      i += m[0].length;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(sql.slice(i))!;
      tokens.push({ kind: 'word', text: m[0], pos: i });
      i += m[0].length;
    } else if (c === '<' || c === '>') {
      const two = sql.slice(i, i + 2);
      if (two === '<=' || two === '>=') {
        tokens.push({ kind: 'symbol', text: two, pos: i });
        i += 2;
      } else if (two === '<>') {
        throw faults.queryParser(`Encountered " "<>" "<> "" at line 1, column ${i + 1}. Not-equal is not supported.`);
      } else {
        tokens.push({ kind: 'symbol', text: c, pos: i });
        i++;
      }
    } else if ('=(),*'.includes(c)) {
      tokens.push({ kind: 'symbol', text: c, pos: i });
      i++;
    } else {
      throw faults.queryParser(`Encountered " "${c}" at line 1, column ${i + 1}. Was expecting one of: "=", "<", ">", "<=", ">=", "in", "like".`);
    }
  }
  return tokens;
}

class Parser {
  private i = 0;
  constructor(private readonly tokens: Token[]) {}

  peek(): Token | undefined {
    return this.tokens[this.i];
  }

  isWord(word: string): boolean {
    const t = this.peek();
    return !!t && t.kind === 'word' && t.text.toLowerCase() === word;
  }

  next(): Token {
    const t = this.tokens[this.i++];
    if (!t) throw faults.queryParser('Encountered "<EOF>" at line 1. The query ended too early.');
    return t;
  }

  expectWord(word: string): void {
    const t = this.next();
    if (t.kind !== 'word' || t.text.toLowerCase() !== word) throw unexpected(t, `"${word}"`);
  }

  expectSymbol(symbol: string): void {
    const t = this.next();
    if (t.kind !== 'symbol' || t.text !== symbol) throw unexpected(t, `"${symbol}"`);
  }

  done(): boolean {
    return this.i >= this.tokens.length;
  }
}

function unexpected(t: Token, expected: string): Error {
  return faults.queryParser(`Encountered " "${t.text}" at line 1, column ${t.pos + 1}. Was expecting: ${expected}`);
}

function literal(t: Token): Literal {
  if (t.kind === 'string') return t.text;
  if (t.kind === 'number') return Number(t.text);
  if (t.kind === 'word' && /^(true|false)$/i.test(t.text)) return t.text.toLowerCase() === 'true';
  throw unexpected(t, 'a quoted value, a number, true or false');
}

export function parseQuery(sql: string): ParsedQuery {
  const p = new Parser(tokenize(sql));
  p.expectWord('select');
  let count = false;
  let fields: string[] | undefined;
  const first = p.next();
  if (first.kind === 'symbol' && first.text === '*') {
    // SELECT *
  } else if (first.kind === 'word' && first.text.toLowerCase() === 'count') {
    p.expectSymbol('(');
    p.expectSymbol('*');
    p.expectSymbol(')');
    count = true;
  } else if (first.kind === 'word') {
    fields = [first.text];
    while (p.peek()?.text === ',') {
      p.next();
      const f = p.next();
      if (f.kind !== 'word') throw unexpected(f, 'a property name');
      fields.push(f.text);
    }
  } else {
    throw unexpected(first, '"*", "count(*)" or property names');
  }
  p.expectWord('from');
  const entityToken = p.next();
  if (entityToken.kind !== 'word') throw unexpected(entityToken, 'an entity name');
  const query: ParsedQuery = { entity: entityToken.text, count, fields, where: [], orderBy: [], startPosition: 1, maxResults: 100 };

  if (p.isWord('where')) {
    p.next();
    for (;;) {
      const prop = p.next();
      if (prop.kind !== 'word') throw unexpected(prop, 'a property name');
      const opToken = p.next();
      let op: Operator;
      if (opToken.kind === 'symbol' && ['=', '<', '>', '<=', '>='].includes(opToken.text)) op = opToken.text as Operator;
      else if (opToken.kind === 'word' && /^(in|like)$/i.test(opToken.text)) op = opToken.text.toUpperCase() as Operator;
      else throw unexpected(opToken, '"=", "<", ">", "<=", ">=", "in", "like"');
      const values: Literal[] = [];
      if (op === 'IN') {
        p.expectSymbol('(');
        values.push(literal(p.next()));
        while (p.peek()?.text === ',') {
          p.next();
          values.push(literal(p.next()));
        }
        p.expectSymbol(')');
      } else {
        values.push(literal(p.next()));
      }
      if (op === 'LIKE' && typeof values[0] !== 'string') throw faults.queryParser('LIKE needs a quoted pattern.');
      query.where.push({ property: prop.text, op, values });
      if (p.isWord('and')) {
        p.next();
        continue;
      }
      if (p.isWord('or')) throw faults.queryParser(`Encountered " "OR" at line 1, column ${p.peek()!.pos + 1}. OR is not supported; only AND.`);
      break;
    }
  }
  if (p.isWord('order') || p.isWord('orderby')) {
    if (p.next().text.toLowerCase() === 'order') p.expectWord('by');
    for (;;) {
      const prop = p.next();
      if (prop.kind !== 'word') throw unexpected(prop, 'a property name');
      let desc = false;
      if (p.isWord('desc') || p.isWord('asc')) desc = p.next().text.toLowerCase() === 'desc';
      query.orderBy.push({ property: prop.text, desc });
      if (p.peek()?.text !== ',') break;
      p.next();
    }
  }
  for (;;) {
    if (p.isWord('startposition')) {
      p.next();
      query.startPosition = positiveInt(p.next(), 'STARTPOSITION');
    } else if (p.isWord('maxresults')) {
      p.next();
      query.maxResults = positiveInt(p.next(), 'MAXRESULTS');
    } else break;
  }
  if (!p.done()) throw unexpected(p.next(), 'WHERE, ORDERBY, STARTPOSITION, MAXRESULTS or the end of the query');
  // Limits past 1000 and position 0 are UNCONFIRMED; the sandbox refuses them (stricter).
  if (query.maxResults > 1000) throw faults.queryParser(`MAXRESULTS ${query.maxResults} exceeds the maximum of 1000; page with STARTPOSITION.`);
  return query;
}

function positiveInt(t: Token, clause: string): number {
  if (t.kind !== 'number' || !/^\d+$/.test(t.text) || Number(t.text) < 1) {
    throw faults.queryParser(`${clause} needs a whole number of at least 1 (STARTPOSITION is 1-based); got "${t.text}".`);
  }
  return Number(t.text);
}

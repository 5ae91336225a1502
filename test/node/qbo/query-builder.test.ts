import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { QboUsageError } from '../../../src/sync/qbo/errors';
import { chunkValues, countQuery, inList, literal, quote, selectQuery, where } from '../../../src/sync/qbo/query-builder';

describe('query builder', () => {
  it("escapes quotes as \\' and backslashes as \\\\", () => {
    assert.equal(quote("O'Brien"), "'O\\'Brien'");
    assert.equal(quote("it's Bob's"), "'it\\'s Bob\\'s'");
    assert.equal(quote('C:\\temp\\'), "'C:\\\\temp\\\\'");
    assert.equal(quote(''), "''");
  });

  it('quotes numbers and leaves booleans bare', () => {
    assert.equal(literal(58), "'58'");
    assert.equal(literal(true), 'true');
    assert.equal(literal(false), 'false');
    assert.throws(() => literal(Number.NaN), QboUsageError);
  });

  it('builds IN lists and refuses an empty one', () => {
    assert.equal(inList(['1', '2', "3'"]), "('1', '2', '3\\'')");
    assert.equal(inList([true, false]), '(true, false)');
    assert.throws(() => inList([]), (e: unknown) => e instanceof QboUsageError && e.code === 'empty_in_list');
  });

  it('joins conditions with AND', () => {
    assert.equal(
      where([
        { field: 'DisplayName', op: 'LIKE', value: "O'B%" },
        { field: 'Id', op: 'IN', value: ['1', '22'] },
        { field: 'MetaData.LastUpdatedTime', op: '>', value: '2024-01-01' },
        { field: 'Active', op: '=', value: true },
      ]),
      "DisplayName LIKE 'O\\'B%' AND Id IN ('1', '22') AND MetaData.LastUpdatedTime > '2024-01-01' AND Active = true",
    );
  });

  it('refuses property and entity names that could inject', () => {
    assert.throws(() => where([{ field: "Id = '1' OR 1", op: '=', value: '1' }]), QboUsageError);
    assert.throws(() => selectQuery('Customer; DROP'), QboUsageError);
    assert.throws(() => where([{ field: 'Id', op: '=', value: ['1', '2'] }]), QboUsageError);
  });

  it('builds paged selects and counts', () => {
    assert.equal(
      selectQuery('Customer', { where: "Active IN (true, false)", orderBy: { field: 'Id' }, startPosition: 1001, maxResults: 1000 }),
      'SELECT * FROM Customer WHERE Active IN (true, false) ORDERBY Id ASC STARTPOSITION 1001 MAXRESULTS 1000',
    );
    assert.equal(selectQuery('Item'), 'SELECT * FROM Item');
    assert.equal(countQuery('Customer', [{ field: 'Active', op: '=', value: true }]), 'SELECT COUNT(*) FROM Customer WHERE Active = true');
    assert.equal(countQuery('Invoice', '  '), 'SELECT COUNT(*) FROM Invoice');
    assert.throws(() => selectQuery('Customer', { maxResults: 1001 }), QboUsageError);
    assert.throws(() => selectQuery('Customer', { startPosition: 0 }), QboUsageError);
  });

  it('chunks long value lists', () => {
    assert.deepEqual(chunkValues([1, 2, 3, 4, 5], 2), [[1, 2], [3, 4], [5]]);
    assert.deepEqual(chunkValues([], 3), []);
    assert.throws(() => chunkValues([1], 0), QboUsageError);
  });
});

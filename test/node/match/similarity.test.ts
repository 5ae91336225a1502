import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { editDistance, jaroWinkler, levenshteinSimilarity } from '../../../src/sync/match/string-similarity';
import { foldText, normalisePhone } from '../../../src/sync/match/fold';

describe('string measures', () => {
  it('edit distance counts a swap as one typo and stops past the bound', () => {
    assert.equal(editDistance('smith', 'smiht', 2), 1);
    assert.equal(editDistance('smith', 'smyth', 2), 1);
    assert.equal(editDistance('kitten', 'sitting', 3), 3);
    assert.equal(editDistance('kitten', 'sitting', 1), 2);
  });
  it('Jaro-Winkler matches the textbook values', () => {
    assert.ok(Math.abs(jaroWinkler('martha', 'marhta') - 0.9611) < 1e-3);
    assert.ok(Math.abs(jaroWinkler('dwayne', 'duane') - 0.84) < 1e-3);
    assert.equal(jaroWinkler('abc', 'xyz'), 0);
  });
  it('Levenshtein similarity', () => {
    assert.equal(levenshteinSimilarity('kitten', 'sitting'), 1 - 3 / 7);
    assert.equal(levenshteinSimilarity('', ''), 1);
  });
  it('folding: accents, case, dotted acronyms, apostrophes, ampersands', () => {
    assert.equal(foldText("José Núñez & O'Brien L.L.C."), 'jose nunez  and  obrien llc');
    assert.equal(foldText('Søren Łukasz Straße'), 'soren lukasz strasse');
    assert.equal(normalisePhone('+1 (555) 123-4567'), '5551234567');
  });
});

/** How a Match tab list orders and searches names (src/taskpane/match/list-view.ts). */
import { expect } from 'chai';
import { listView, nameMatches, rowKey, searchRows, toRows } from '../../../src/taskpane/match/list-view';

const names = ['Zeta Ltd', 'Ávila, José', 'avery & co', 'Émile Durand', 'Avila Farms', 'Ömer Yilmaz', 'Oak Street CPA', 'emily chan'];
const rows = toRows(names.map((n, i) => ({ id: `c${i}`, n })), (x) => x.id, (x) => x.n);

describe('Match tab lists: order and search', () => {
  it('sorts names by letter whatever their case and accents, not accented names after Z', () => {
    expect(rows.map((r) => r.name)).to.deep.equal(['avery & co', 'Avila Farms', 'Ávila, José', 'Émile Durand', 'emily chan', 'Oak Street CPA', 'Ömer Yilmaz', 'Zeta Ltd']);
  });

  it('keeps one order for equal names (by id), so a re-render never swaps them', () => {
    const twins = toRows([{ id: 'b', n: 'Lee' }, { id: 'a', n: 'LEE' }, { id: 'c', n: 'Lée' }], (x) => x.id, (x) => x.n);
    expect(twins.map((r) => r.id)).to.deep.equal(['a', 'b', 'c']);
  });

  it('finds accented names typed without accents, and with them', () => {
    expect(searchRows(rows, 'avila').map((r) => r.name)).to.deep.equal(['Avila Farms', 'Ávila, José']);
    expect(searchRows(rows, ' ÁVILA ').map((r) => r.name)).to.deep.equal(['Avila Farms', 'Ávila, José']);
    expect(searchRows(rows, 'omer').map((r) => r.name)).to.deep.equal(['Ömer Yilmaz']);
    expect(nameMatches('Émile Durand', 'emile d')).to.equal(true);
    expect(nameMatches('Émile Durand', 'emily')).to.equal(false);
  });

  it('hands back the same array without a search, so its positions are not rebuilt', () => {
    expect(searchRows(rows, '   ')).to.equal(rows);
    expect(listView(rows)).to.equal(listView(rows));
    expect(rowKey('Plain ASCII Name')).to.equal('plain ascii name');
  });
});

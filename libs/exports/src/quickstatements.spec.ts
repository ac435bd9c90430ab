import { parseItemMapping, wikidataTime } from './quickstatements';

describe('QuickStatements', () => {
  it.each([
    ['2020-06-19', ['+2020-06-19T00:00:00Z/11']],
    ['2020-06', ['+2020-06-00T00:00:00Z/10']],
    ['2020', ['+2020-00-00T00:00:00Z/9']],
    ['2020~', ['+2020-00-00T00:00:00Z/9', 'P1480', 'Q5727902']],
    ['2020-07?', ['+2020-07-00T00:00:00Z/10', 'P1480', 'Q18122778']],
    ['2021-09/2022-03', undefined],
    ['2022-XX', undefined],
    ['2022-24', undefined],
  ])('writes the EDTF %s as the Wikidata time %j, with its precision and circumstances', (edtf, time) => {
    expect(wikidataTime(edtf)).toEqual(time);
  });

  it('reads the items the user gives, and refuses what is not an id and an item', () => {
    expect([...parseItemMapping('balle-perdue-1:Q96384955, balle-perdue-2:Q2')]).toEqual([
      ['balle-perdue-1', 'Q96384955'],
      ['balle-perdue-2', 'Q2'],
    ]);
    expect(parseItemMapping(undefined).size).toBe(0);
    expect(() => parseItemMapping('balle-perdue-1:96384955')).toThrow(/Wikidata item/);
    expect(() => parseItemMapping('a:Q1:Q2')).toThrow();
  });
});

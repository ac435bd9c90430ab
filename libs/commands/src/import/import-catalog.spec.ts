import { franchiseStream, sourceStream } from '@app/domain';
import { IMPORT_CATALOG } from './import-catalog';

/** What an import line waits for: the lines before it that write the streams it reads or writes. */
describe('IMPORT_CATALOG: the streams a line touches', () => {
  const release = IMPORT_CATALOG['record-release'];

  it('reads the cited source’s stream and writes the franchise’s', () => {
    const body = { filmId: 'f-1', releasedOn: '2020', sourceId: 'article-000' };

    expect(release.touches(body, 'f')).toEqual({
      reads: [sourceStream('article-000')],
      writes: [franchiseStream('f')],
    });
  });

  it('reads the origin’s stream too, so the line registering the origin runs first', () => {
    const body = { filmId: 'f-1', releasedOn: '2020', sourceId: 'article-002', basedOn: 'netflix-france-twitter' };

    expect(release.touches(body, 'f').reads).toEqual([
      sourceStream('article-002'),
      sourceStream('netflix-france-twitter'),
    ]);
  });
});

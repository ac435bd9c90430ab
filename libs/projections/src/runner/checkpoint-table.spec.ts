import { Projection } from '../projection';
import { openReadModelDatabase } from '../read-model.database';
import { CheckpointTable } from './checkpoint-table';

const projection = (name: string, version = 1) => ({ name, version }) as Projection;

describe('CheckpointTable', () => {
  const db = openReadModelDatabase(':memory:');
  const [a, b] = [projection('a'), projection('b', 3)];
  const table = new CheckpointTable(db, [a, b]);
  afterAll(() => db.close());

  it('reads a projection with no checkpoint stored as having applied nothing', () => {
    expect(table.read()).toEqual(
      new Map([
        ['a', { applied: 0 }],
        ['b', { applied: 0 }],
      ]),
    );
  });

  it('keeps the position, count, event id and version saved, until forgotten', () => {
    table.save(b, { position: '42', applied: 7, eventId: 'e-42' });

    expect(table.read().get('b')).toEqual({ position: '42', applied: 7, eventId: 'e-42' });
    expect(table.version(b)).toBe(3);
    table.forget(b);
    expect(table.read().get('b')).toEqual({ applied: 0 });
    expect(table.version(b)).toBeUndefined();
  });
});

import { closeSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { GeneratorOptions, Plan, generate, plan } from './generator';

/** The generated data, as import files, and the franchises the measurements pick from it. */
export interface DataSet {
  dir: string;
  /** The SQLite file the import fills (event store and read models). */
  file: string;
  events: number;
  /** The data in import order, cut into files of equal line counts. */
  slices: { file: string; lines: number }[];
  plan: Plan;
  /** The largest franchise (10,000+ claims). */
  big: string;
  /** Ordinary franchises of about 100 events, the closest first: the "revision 100" side of flatness goals. */
  small: string[];
  /** The source published last: it may report anything the data holds. */
  latestSource: string;
}

/** Writes the generated lines into `slices` files under `dir`, in import order. */
export function writeDataSet(dir: string, options: GeneratorOptions, slices: number): DataSet {
  const layout = plan(options);
  const perSlice = Math.ceil(options.events / slices);
  const files: DataSet['slices'] = [];
  let fd = -1;
  let buffer = '';
  let lines = 0;
  const flush = () => {
    writeSync(fd, buffer);
    buffer = '';
  };
  for (const text of generate(options)) {
    if (lines % perSlice === 0) {
      if (fd >= 0) (flush(), closeSync(fd));
      files.push({ file: join(dir, `slice-${String(files.length).padStart(2, '0')}.ndjson`), lines: 0 });
      fd = openSync(files[files.length - 1].file, 'w');
    }
    buffer += `${text}\n`;
    if (buffer.length > 1 << 20) flush();
    files[files.length - 1].lines += 1;
    lines += 1;
  }
  flush();
  closeSync(fd);

  const ordinary = layout.franchises.filter((f) => !f.big);
  const bySizeNear100 = [...ordinary].sort((a, b) => Math.abs(a.events - 100) - Math.abs(b.events - 100));
  const biggest = layout.franchises.reduce((a, b) => (b.events > a.events ? b : a));
  return {
    dir,
    file: join(dir, 'timeline.db'),
    events: lines,
    slices: files,
    plan: layout,
    big: biggest.id,
    small: bySizeNear100.slice(0, 64).map((f) => f.id),
    latestSource: `src-${String(layout.sources - 1).padStart(5, '0')}`,
  };
}

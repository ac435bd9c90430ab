import { UsageError, parseCliArgs } from './cli-args';

describe('parseCliArgs', () => {
  it.each([[[]], [['help']], [['--help']], [['-h']]])('reads %j as a request for help', (argv) => {
    expect(parseCliArgs(argv)).toEqual({ command: 'help' });
  });

  it('reads a query with both dates and the text format', () => {
    expect(
      parseCliArgs(['state', 'balle-perdue', '--as-of', '2023-01-01', '--known-at=2022-10', '--format', 'text']),
    ).toEqual({
      command: 'state',
      franchiseId: 'balle-perdue',
      at: { asOf: '2023-01-01', knownAt: '2022-10' },
      format: 'text',
    });
  });

  it('answers JSON with no date when none is asked', () => {
    expect(parseCliArgs(['timeline', 'balle-perdue'])).toEqual({
      command: 'timeline',
      franchiseId: 'balle-perdue',
      at: { asOf: undefined, knownAt: undefined },
      format: 'json',
    });
  });

  it('reads the other time axes and the resolution policy, as the HTTP API takes them', () => {
    const argv = [
      'state',
      'balle-perdue',
      '--recorded-before',
      '2026-11-22T00:00:00Z',
      '--mode',
      'possible',
      '--policy',
      'trusted',
    ];
    expect(parseCliArgs(argv)).toMatchObject({
      at: { recordedBefore: '2026-11-22T00:00:00Z', mode: 'possible', policy: 'trusted' },
    });
  });

  it.each([
    [['--policy', 'loudest'], /--policy/],
    [['--mode', 'perhaps'], /--mode/],
    [['--recorded-before', 'yesterday'], /--recorded-before/],
  ])('refuses %j as a usage error naming the option', (extra, pattern) => {
    expect(() => parseCliArgs(['state', 'balle-perdue', ...extra])).toThrow(pattern);
  });

  it('takes "-" as the file to import, meaning stdin', () => {
    expect(parseCliArgs(['import', '-'])).toEqual({ command: 'import', file: '-' });
  });

  it('reads the export destination', () => {
    expect(parseCliArgs(['export', '--output', 'events.ndjson'])).toEqual({
      command: 'export',
      output: 'events.ndjson',
    });
    expect(parseCliArgs(['export'])).toEqual({ command: 'export', output: undefined });
  });

  it.each(['backup', 'restore'])('reads the file to %s, and --force to replace what is there', (command) => {
    expect(parseCliArgs([command, 'store.backup'])).toEqual({ command, file: 'store.backup', force: false });
    expect(parseCliArgs([command, '--force', 'store.backup'])).toEqual({ command, file: 'store.backup', force: true });
  });

  it.each([
    [['backup'], /backup: missing <file>/],
    [['restore', 'a.db', 'b.db'], /restore: unexpected argument "b.db"/],
    [['restore', 'a.db', '--force=yes'], /restore: Option '--force' does not take an argument/],
    [['state', 'balle-perdue', '--as-of', '2020-13-01'], /--as-of .*"2020-13-01"/],
    [['timeline', 'balle-perdue', '--known-at', 'yesterday'], /--known-at .*"yesterday"/],
    [['state', 'balle-perdue', '--as-of'], /as-of.*argument missing/],
    [['state', 'balle-perdue', '--format', 'xml'], /--format must be json or text/],
    [['state'], /missing <franchiseId>/],
    [['import'], /missing <file>/],
    [['seed', 'extra'], /unexpected argument "extra"/],
    [['export', '--verbose'], /Unknown option '--verbose'/],
  ])('refuses %j, saying what is wrong', (argv, message) => {
    expect(() => parseCliArgs(argv)).toThrow(UsageError);
    expect(() => parseCliArgs(argv)).toThrow(message);
  });

  it('refuses an unknown command and asks for the usage text to be shown', () => {
    try {
      parseCliArgs(['frobnicate']);
      throw new Error('expected a UsageError');
    } catch (error) {
      expect(error).toBeInstanceOf(UsageError);
      expect((error as UsageError).showUsage).toBe(true);
      expect((error as UsageError).message).toBe('unknown command "frobnicate"');
    }
  });
});

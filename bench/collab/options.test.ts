import { describe, expect, it } from 'vitest';
import { parseOptions, UsageError } from './options';

describe('bench options', () => {
  it('measures 40 s per server in 4 rounds after a 30 s warm-up by default, 10 s per step in capacity mode', () => {
    expect(parseOptions([])).toMatchObject({ clients: 60, seconds: 40, rounds: 4, warmupSeconds: 3, serverWarmupSeconds: 30, servers: ['heilong', 'reference'] });
    expect(parseOptions(['--capacity'])).toMatchObject({ capacity: true, seconds: 10 });
  });

  it.each([
    [['--rounds', '2', '--server-warmup=5'], { rounds: 2, serverWarmupSeconds: 5 }],
    [['--seconds', '12', '--server', 'reference'], { seconds: 12, servers: ['reference'] }],
    [['--database', 'postgres'], { database: 'postgres' }],
  ])('reads %j', (argv, expected) => {
    expect(parseOptions(argv)).toMatchObject(expected);
  });

  it.each([
    [['--rounds', '0'], '--rounds needs a number from 1 to 10'],
    [['--server-warmup', 'soon'], '--server-warmup needs a number from 0 to 600'],
    [['--database', 'sqlite'], '--database is pglite or postgres'],
    [['--frobnicate'], 'unknown option --frobnicate'],
  ])('refuses %j: %s', (argv, message) => {
    expect(() => parseOptions(argv)).toThrow(new UsageError(message));
  });
});

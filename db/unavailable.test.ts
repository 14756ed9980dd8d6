import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable, violatedUniqueConstraint } from './unavailable';

const withCode = (code: string) => Object.assign(new Error('failed'), { code });

describe('isDatabaseUnavailable: worth trying again later, or refused for good', () => {
  it.each<[string, unknown, boolean]>([
    ['connection refused (Node)', withCode('ECONNREFUSED'), true],
    ['connection reset', withCode('ECONNRESET'), true],
    ['SQLSTATE 08006 connection failure', withCode('08006'), true],
    ['SQLSTATE 57P01 admin shutdown', withCode('57P01'), true],
    ['SQLSTATE 53100 disk full', withCode('53100'), true],
    ['SQLSTATE 58030 I/O error', withCode('58030'), true],
    ['node-postgres: connection terminated', new Error('Connection terminated unexpectedly'), true],
    ['wrapped by the query builder (cause chain)', Object.assign(new Error('Failed query: insert …'), { cause: withCode('08003') }), true],
    ['SQLSTATE 23503 foreign key violation', withCode('23503'), false],
    ['SQLSTATE 22P02 bad input', withCode('22P02'), false],
    ['SQLSTATE 57014 query canceled (not a shutdown)', withCode('57014'), false],
    ['a wrapped constraint violation', Object.assign(new Error('Failed query'), { cause: withCode('23505') }), false],
    ['an error without a code', new Error('database unreachable'), false],
    ['not an error at all', 'oops', false],
    ['nothing', undefined, false],
  ])('%s', (_label, error, expected) => {
    expect(isDatabaseUnavailable(error)).toBe(expected);
  });
});

describe('violatedUniqueConstraint: which unique index refused a row', () => {
  const unique = (constraint?: string) => Object.assign(new Error('duplicate key'), { code: '23505', constraint });
  it.each<[string, unknown, string | null]>([
    ['a unique violation names its index', unique('users_email_unique'), 'users_email_unique'],
    ['wrapped by the query builder', Object.assign(new Error('Failed query'), { cause: unique('assessments_programme_name') }), 'assessments_programme_name'],
    ['a unique violation without a name', unique(), null],
    ['another constraint (foreign key)', Object.assign(new Error('fk'), { code: '23503', constraint: 'x_fk' }), null],
    ['not an error', 'oops', null],
  ])('%s', (_label, error, expected) => {
    expect(violatedUniqueConstraint(error)).toBe(expected);
  });
});

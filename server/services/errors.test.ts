import { describe, expect, it } from 'vitest';
import { assessmentReadOnly, ServiceError } from './errors';

describe('ServiceError', () => {
  it.each<[string, unknown, boolean]>([
    ['one made here', new ServiceError('NOT_FOUND', 'error.notFound.assessment'), true],
    ['one made by a helper here', assessmentReadOnly('closed'), true],
    ['a plain error', new Error('boom'), false],
    ['an error named like one', Object.assign(new Error('boom'), { name: 'ServiceError', code: 'FORBIDDEN' }), false],
    ['not an object', 'ServiceError', false],
    ['null', null, false],
  ])('instanceof: %s → %s', (_, value, expected) => {
    expect(value instanceof ServiceError).toBe(expected);
  });

  it('recognises one made by another copy of this module (the server entry and the Next.js bundle each have one)', async () => {
    // @ts-expect-error a query string makes a second copy of the module, as a second bundle would
    const other = (await import('./errors.ts?copy')) as typeof import('./errors');
    expect(other.ServiceError).not.toBe(ServiceError);
    const error = other.assessmentReadOnly('closed');
    expect(error instanceof ServiceError).toBe(true);
    expect(error).toMatchObject({ code: 'FORBIDDEN', messageKey: 'error.assessmentReadOnly' });
  });
});

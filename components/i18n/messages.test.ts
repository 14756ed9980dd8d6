import { describe, expect, it } from 'vitest';
import { formatDateTime, t } from './messages';

describe('formatDateTime', () => {
  // 3 November 2026, 14:05 where the test runs: never "11/3" or "3/11", which teams read as different days.
  const moment = new Date(2026, 10, 3, 14, 5);
  it.each<[string, RegExp]>([
    ['en-US', /^Nov 3, 2026, 2:05\sPM$/],
    ['en-GB', /^3 Nov 2026, 14:05$/],
    ['ru', /^3 нояб\. 2026 г\., 14:05$/],
    ['zh-CN', /^2026年11月3日 14:05$/],
  ])('%s: the month in words', (locale, expected) => {
    expect(formatDateTime(moment, locale)).toMatch(expected);
  });
});

describe('t', () => {
  it('fills the named places of a message and leaves unknown ones as written', () => {
    expect(t('invite.link', { expires: 'tomorrow' })).toBe('Single-use link, valid until tomorrow:');
    expect(t('invite.link')).toBe('Single-use link, valid until {expires}:');
  });
});

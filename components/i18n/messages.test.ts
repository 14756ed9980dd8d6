import { describe, expect, it } from 'vitest';
import { formatDateTime, t } from './messages';

describe('formatDateTime', () => {
  it.each<[string, Date, string]>([
    // Never "11/3" or "3/11", which teams read as different days; in the reader's time zone (where the test runs).
    ['the month in words, a 24-hour clock', new Date(2026, 10, 3, 14, 5), '3 Nov 2026, 14:05'],
    ['midnight', new Date(2027, 0, 31, 0, 0), '31 Jan 2027, 00:00'],
  ])('%s', (_, moment, expected) => {
    expect(formatDateTime(moment)).toBe(expected);
  });
});

describe('t', () => {
  it('fills the named places of a message and leaves unknown ones as written', () => {
    expect(t('invite.link', { expires: 'tomorrow' })).toBe('Single-use link, valid until tomorrow:');
    expect(t('invite.link')).toBe('Single-use link, valid until {expires}:');
  });
});

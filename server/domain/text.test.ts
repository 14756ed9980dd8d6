import { describe, expect, it } from 'vitest';
import { isStorableText, normalizeName } from './text';

describe('isStorableText', () => {
  it.each<[string, boolean]>([
    ['', true],
    ['Logging in the buffer zone', true],
    ['line\nbreak\ttab', true],
    ['中文 Монгол русский', true],
    ['\u0000', false],
    ['bad\u0000x', false],
    ['trailing\u0000', false],
  ])('%j → %s', (text, storable) => {
    expect(isStorableText(text)).toBe(storable);
  });
});

describe('normalizeName', () => {
  it.each<[string, string]>([
    ['Workshop 2026', 'Workshop 2026'],
    ['  Workshop 2026 \n', 'Workshop 2026'],
    ['\u200B\u200B', ''],
    ['\uFEFF Workshop\u200B', 'Workshop'],
    ['Workshop\u00A02026\u3000rapid', 'Workshop 2026 rapid'],
    ['Workshop   2026\t\trapid', 'Workshop 2026 rapid'],
    // Joiners inside a word are the script's, not padding.
    ['ᠮᠣᠩᠭᠣᠯ\u200Dᠤᠯᠤᠰ', 'ᠮᠣᠩᠭᠣᠯ\u200Dᠤᠯᠤᠰ'],
    // Traditional Mongolian's narrow no-break space before a case suffix is the script's, not a blank.
    ['ᠮᠣᠩᠭᠣᠯ\u202Fᠤᠨ  ᠤᠯᠤᠰ', 'ᠮᠣᠩᠭᠣᠯ\u202Fᠤᠨ ᠤᠯᠤᠰ'],
    // The tag characters of a subdivision flag at the end stay (only zero-width ones are trimmed).
    ['Team \u{1F3F4}\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}', 'Team \u{1F3F4}\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}'],
    // One Unicode form: é typed as e and a combining accent is é.
    ['Cafe\u0301', 'Café'],
    ['中文 Монгол', '中文 Монгол'],
  ])('%j → %j', (text, name) => {
    expect(normalizeName(text)).toBe(name);
  });
});

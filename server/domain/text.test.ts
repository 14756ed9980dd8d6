import { describe, expect, it } from 'vitest';
import { isStorableText } from './text';

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

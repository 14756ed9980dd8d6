import { describe, expect, it } from 'vitest';
import { choiceOf, NOT_APPLICABLE, parseChoice, pickerStep, type PickerEvent } from './rating-choice';

describe('choiceOf and parseChoice', () => {
  it.each([
    [null, false, false, ''],
    ['high', false, false, 'high'],
    ['high', true, false, 'high'], // N/A is a separate checkbox there
    ['high', true, true, NOT_APPLICABLE],
  ] as const)('%s, N/A %s, with N/A choice %s → %j', (value, notApplicable, withNotApplicable, choice) => {
    expect(choiceOf(value, notApplicable, withNotApplicable)).toBe(choice);
  });

  it.each([
    ['', { value: null, notApplicable: false }],
    ['very_high', { value: 'very_high', notApplicable: false }],
    [NOT_APPLICABLE, { value: null, notApplicable: true }],
    ['nonsense', { value: null, notApplicable: false }],
  ] as const)('%j', (choice, parsed) => {
    expect(parseChoice(choice)).toEqual(parsed);
  });
});

describe('pickerStep', () => {
  const key = (choice: string): PickerEvent => ({ type: 'changed', choice, byKey: true });
  const pick = (choice: string): PickerEvent => ({ type: 'changed', choice, byKey: false });

  it.each<[string, string | null, string, PickerEvent, { pending: string | null; write: string | null }]>([
    ['a key steps to a level: held, nothing written', null, '', key('very_high'), { pending: 'very_high', write: null }],
    ['further steps replace what is held', 'very_high', '', key('high'), { pending: 'high', write: null }],
    ['stepping back to the stored level holds nothing', 'high', 'medium', key('medium'), { pending: null, write: null }],
    ['a pick from the open list is written at once', null, '', pick('low'), { pending: null, write: 'low' }],
    ['a pick replaces what keys held', 'high', '', pick('low'), { pending: null, write: 'low' }],
    ['confirming writes what is held, once', 'medium', '', { type: 'commit' }, { pending: null, write: 'medium' }],
    ['confirming with nothing held writes nothing', null, 'high', { type: 'commit' }, { pending: null, write: null }],
    ['confirming what someone else saved meanwhile writes nothing', 'high', 'high', { type: 'commit' }, { pending: null, write: null }],
    ['Escape drops what is held', 'low', 'high', { type: 'revert' }, { pending: null, write: null }],
  ])('%s', (_, pending, stored, event, expected) => {
    expect(pickerStep(pending, stored, event)).toEqual(expected);
  });

  it('three steps and Enter write one value', () => {
    let pending: string | null = null;
    const writes: string[] = [];
    for (const event of [key('very_high'), key('high'), key('medium'), { type: 'commit' } as const]) {
      const next = pickerStep(pending, '', event);
      pending = next.pending;
      if (next.write !== null) writes.push(next.write);
    }
    expect(writes).toEqual(['medium']);
  });
});

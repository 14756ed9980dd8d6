import { describe, expect, it } from 'vitest';
import { rationaleShown, rationaleToSave, type RationaleDraft } from './rationale-draft';

describe('rationaleShown', () => {
  it.each<[string, RationaleDraft, { text: string; theirs: string | null }]>([
    ['not editing: the stored text', { stored: 'B', draft: 'A', seen: 'A', editing: false }, { text: 'B', theirs: null }],
    ['editing, nothing saved meanwhile', { stored: 'A', draft: 'A typing', seen: 'A', editing: true }, { text: 'A typing', theirs: null }],
    ['editing, someone else saved: ours stays, theirs offered', { stored: 'B', draft: 'A typing', seen: 'A', editing: true }, { text: 'A typing', theirs: 'B' }],
    ['editing after our own save: nothing to offer', { stored: 'A saved', draft: 'A saved', seen: 'A saved', editing: true }, { text: 'A saved', theirs: null }],
    ['someone else saved the very same text', { stored: 'same', draft: 'same', seen: 'A', editing: true }, { text: 'same', theirs: null }],
    ['someone else cleared it', { stored: '', draft: 'A', seen: 'A', editing: true }, { text: 'A', theirs: '' }],
  ])('%s', (_, draft, expected) => {
    expect(rationaleShown(draft)).toEqual(expected);
  });
});

describe('rationaleToSave', () => {
  it.each([
    ['text as typed', 'Fires doubled', 'Fires doubled'],
    ['blank space around it dropped', '  Fires doubled \n', 'Fires doubled'],
    ['lines inside kept', 'Fires doubled.\nSee the survey.', 'Fires doubled.\nSee the survey.'],
    ['only blanks: no rationale', '   \n\t ', ''],
    ['NUL characters (a paste of binary data) dropped', 'Fires\u0000 doubled\u0000', 'Fires doubled'],
  ])('%s', (_, typed, saved) => {
    expect(rationaleToSave(typed)).toBe(saved);
  });
});

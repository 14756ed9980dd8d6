import { isRating, type MaybeRating } from '@/server/domain/rating';

/** A level picker's option values: '' (not set), a level, or this. */
export const NOT_APPLICABLE = 'not_applicable';

export function choiceOf(value: MaybeRating, notApplicable: boolean, withNotApplicable: boolean): string {
  return withNotApplicable && notApplicable ? NOT_APPLICABLE : value ?? '';
}

export function parseChoice(choice: string): { value: MaybeRating; notApplicable: boolean } {
  if (choice === NOT_APPLICABLE) return { value: null, notApplicable: true };
  return { value: isRating(choice) ? choice : null, notApplicable: false };
}

/**
 * What happened to a picker: its choice changed (`byKey` when a key pressed on the
 * closed picker stepped to it: browsing, not yet a decision), or the person
 * confirmed (Enter, leaving the picker) or took it back (Escape).
 */
export type PickerEvent =
  | { type: 'changed'; choice: string; byKey: boolean }
  | { type: 'commit' }
  | { type: 'revert' };

/**
 * A rating written is evidence (the history is append-only), so each level a
 * keyboard passes over is held back as `pending` and only the one confirmed is
 * written; a choice picked from the opened list is a decision and written at once.
 * `stored` is the document's choice; `write` is what to save now, if anything.
 */
export function pickerStep(pending: string | null, stored: string, event: PickerEvent): { pending: string | null; write: string | null } {
  switch (event.type) {
    case 'changed':
      if (event.byKey) return { pending: event.choice === stored ? null : event.choice, write: null };
      return { pending: null, write: event.choice === stored ? null : event.choice };
    case 'commit':
      return { pending: null, write: pending !== null && pending !== stored ? pending : null };
    case 'revert':
      return { pending: null, write: null };
  }
}

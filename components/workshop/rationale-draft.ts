/**
 * What a rationale field shows while people write in it at once. A rationale is
 * one stored text (the last one saved wins, every one stays in the history), so a
 * person writing keeps their own words on screen: text saved meanwhile by someone
 * else is offered beside them, never put under their cursor.
 */
export interface RationaleDraft {
  /** The text in the shared document now. */
  stored: string;
  /** What the person has in the field while editing. */
  draft: string;
  /** The stored text the person last saw or saved: a stored text other than it is someone else's. */
  seen: string;
  /** The field has focus or unsaved typing. */
  editing: boolean;
}

export function rationaleShown({ stored, draft, seen, editing }: RationaleDraft): { text: string; theirs: string | null } {
  if (!editing) return { text: stored, theirs: null };
  return { text: draft, theirs: stored !== seen && stored !== draft ? stored : null };
}

/**
 * What is saved of what the person typed: without the blank space around it (only blanks is no rationale), and
 * without NUL characters (invisible, from a paste of binary data), which the server refuses as it cannot store them.
 */
export function rationaleToSave(typed: string): string {
  return typed.replaceAll('\u0000', '').trim();
}

/**
 * What text can be kept as evidence. PostgreSQL's text type cannot hold the NUL character: a rationale or name with
 * one would make its whole write fail (and a live change's history row with it), so it is refused where it comes in.
 * Browsers' fields never produce one; a paste of binary data or a script can.
 */
export function isStorableText(text: string): boolean {
  return !text.includes('\u0000');
}

/** Blank space and zero-width characters (space, joiners, word joiner, byte-order mark) at either end. */
const EDGES = /^[\s\u200B-\u200D\u2060\uFEFF]+|[\s\u200B-\u200D\u2060\uFEFF]+$/gu;
/** A run of blank space, but not the narrow no-break space: traditional Mongolian writes it before case suffixes. */
const BLANKS = /[^\S\u202F]+/gu;

/**
 * A name as it is kept and compared: in one Unicode form, without blank or invisible characters around it, and
 * with each run of blank space (non-breaking and ideographic spaces too) one plain space. Otherwise a name of
 * zero-width spaces alone passed as not empty, and a copy of an existing name with other spaces in it passed
 * as another name. Invisible characters inside a name stay: some scripts join or separate letters with them.
 */
export function normalizeName(text: string): string {
  return text.normalize('NFC').replace(EDGES, '').replace(BLANKS, ' ');
}

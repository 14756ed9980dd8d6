/**
 * What text can be kept as evidence. PostgreSQL's text type cannot hold the NUL character: a rationale or name with
 * one would make its whole write fail (and a live change's history row with it), so it is refused where it comes in.
 * Browsers' fields never produce one; a paste of binary data or a script can.
 */
export function isStorableText(text: string): boolean {
  return !text.includes('\u0000');
}

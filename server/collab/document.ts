import * as Y from 'yjs';
import { isRating, type MaybeRating } from '../domain/rating';
import { isStorableText } from '../domain/text';

/**
 * The shape of one team's ratings document, read and written the same way by the
 * browser and the server. Every field of every cell is its own entry of a flat
 * map, so concurrent changes to different fields of one cell all survive, and no
 * two people can create competing containers for the same cell.
 *
 *   doc.getMap('cells')    `${threatId}:${targetId}:${field}` → value   (scope, severity, irreversibility, notApplicable, rationale)
 *   doc.getMap('threats')  `${threatId}:${field}` → value               (rating, notApplicable, rationale)
 *
 * Values that are not valid read as not set.
 */
export const CELLS = 'cells';
export const THREATS = 'threats';

/**
 * Declares the root maps before any update is applied. A root first created by a
 * remote update is a generic type that `getMap` later replaces, which would hide
 * the first transaction's changes from observers.
 */
export function defineRoots(doc: Y.Doc): void {
  doc.getMap(CELLS);
  doc.getMap(THREATS);
}

export interface CellValues {
  scope: MaybeRating;
  severity: MaybeRating;
  irreversibility: MaybeRating;
  notApplicable: boolean;
  rationale: string;
}

export interface ThreatValues {
  rating: MaybeRating;
  notApplicable: boolean;
  rationale: string;
}

export const CELL_FIELDS = ['scope', 'severity', 'irreversibility', 'notApplicable', 'rationale'] as const satisfies readonly (keyof CellValues)[];
export const THREAT_FIELDS = ['rating', 'notApplicable', 'rationale'] as const satisfies readonly (keyof ThreatValues)[];
const RATING_FIELDS = new Set<string>(['scope', 'severity', 'irreversibility', 'rating']);

export const EMPTY_CELL: CellValues = { scope: null, severity: null, irreversibility: null, notApplicable: false, rationale: '' };
export const EMPTY_THREAT: ThreatValues = { rating: null, notApplicable: false, rationale: '' };

export function cellKey(threatId: string, targetId: string): string {
  return `${threatId}:${targetId}`;
}

/** Splits a map key into the entry it belongs to and the field. */
export function splitFieldKey(key: string): { entry: string; field: string } | null {
  const at = key.lastIndexOf(':');
  return at > 0 ? { entry: key.slice(0, at), field: key.slice(at + 1) } : null;
}

export function splitCellKey(key: string): { threatId: string; targetId: string } | null {
  const [threatId, targetId, ...rest] = key.split(':');
  return threatId && targetId && rest.length === 0 ? { threatId, targetId } : null;
}

/** The longest rationale: the editor stops there, the API refuses more, and a longer one in a document reads as not set. */
export const MAX_RATIONALE_LENGTH = 4000;

/** Whether a value is acceptable for a field; anything else is ignored. */
export function isValidField(field: string, value: unknown): boolean {
  if (RATING_FIELDS.has(field)) return value === null || isRating(value);
  if (field === 'notApplicable') return typeof value === 'boolean';
  if (field === 'rationale') return typeof value === 'string' && value.length <= MAX_RATIONALE_LENGTH && isStorableText(value);
  return false;
}

function readFields<T extends object>(root: Y.Map<unknown>, entry: string, fields: readonly (keyof T & string)[], empty: T): T {
  const values = { ...empty };
  for (const field of fields) {
    const value = root.get(`${entry}:${field}`);
    if (value !== undefined && isValidField(field, value)) (values as Record<string, unknown>)[field] = value;
  }
  return values;
}

export function readCell(doc: Y.Doc, threatId: string, targetId: string): CellValues {
  return readFields(doc.getMap(CELLS), cellKey(threatId, targetId), CELL_FIELDS, EMPTY_CELL);
}

export function readThreat(doc: Y.Doc, threatId: string): ThreatValues {
  return readFields(doc.getMap(THREATS), threatId, THREAT_FIELDS, EMPTY_THREAT);
}

const entriesOf = (root: Y.Map<unknown>) => new Set([...root.keys()].flatMap((key) => splitFieldKey(key)?.entry ?? []));

export function readAllCells(doc: Y.Doc): { threatId: string; targetId: string; values: CellValues }[] {
  return [...entriesOf(doc.getMap(CELLS))].flatMap((entry) => {
    const ids = splitCellKey(entry);
    return ids ? [{ ...ids, values: readCell(doc, ids.threatId, ids.targetId) }] : [];
  });
}

export function readAllThreats(doc: Y.Doc): { threatId: string; values: ThreatValues }[] {
  return [...entriesOf(doc.getMap(THREATS))].map((threatId) => ({ threatId, values: readThreat(doc, threatId) }));
}

/** Sets the fields that differ from what the document holds (a missing field holds its default). */
// Only the document's own fields: a patch that carries more (a request's other parameters) must not put them in
// the document, whose shape every client is checked against.
function writeFields(root: Y.Map<unknown>, entry: string, patch: Record<string, unknown>, empty: object, fields: readonly string[]) {
  for (const field of fields) {
    const value = patch[field];
    if (value === undefined) continue;
    const key = `${entry}:${field}`;
    const current = root.has(key) ? root.get(key) : (empty as Record<string, unknown>)[field];
    if (current !== value) root.set(key, value);
  }
}

/** Changes only the given fields, in one transaction tagged with `origin`. */
export function writeCell(doc: Y.Doc, threatId: string, targetId: string, patch: Partial<CellValues>, origin?: unknown): void {
  doc.transact(() => writeFields(doc.getMap(CELLS), cellKey(threatId, targetId), patch, EMPTY_CELL, CELL_FIELDS), origin);
}

export function writeThreat(doc: Y.Doc, threatId: string, patch: Partial<ThreatValues>, origin?: unknown): void {
  doc.transact(() => writeFields(doc.getMap(THREATS), threatId, patch, EMPTY_THREAT, THREAT_FIELDS), origin);
}

const sameValues = (a: object, b: object) =>
  Object.entries(a).every(([field, value]) => (b as Record<string, unknown>)[field] === value);

/** The entries (threat ids and cell keys) whose values differ between two copies of a document, sorted. */
export function differingEntries(a: Y.Doc, b: Y.Doc): string[] {
  const differing = new Set<string>();
  for (const [root, read] of [
    [CELLS, (doc: Y.Doc, entry: string) => { const ids = splitCellKey(entry); return ids ? readCell(doc, ids.threatId, ids.targetId) : null; }],
    [THREATS, readThreat],
  ] as const) {
    for (const entry of new Set([...entriesOf(a.getMap(root)), ...entriesOf(b.getMap(root))])) {
      const [left, right] = [read(a, entry), read(b, entry)];
      if (left && right && !sameValues(left, right)) differing.add(entry);
    }
  }
  return [...differing].sort();
}

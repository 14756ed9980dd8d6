import * as Y from 'yjs';
import { isRating, type MaybeRating } from '../domain/rating';

/**
 * The shape of one team's ratings document, read and written the same way by the
 * browser and the server.
 *
 *   doc.getMap('cells')    `${threatId}:${targetId}` → Y.Map { scope, severity, irreversibility, notApplicable, rationale }
 *   doc.getMap('threats')  threatId → Y.Map { rating, notApplicable, rationale }
 *
 * Each field is its own map entry, so two people changing different criteria of
 * one cell both keep their change. Values that are not valid read as not set.
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

export function splitCellKey(key: string): { threatId: string; targetId: string } | null {
  const [threatId, targetId, ...rest] = key.split(':');
  return threatId && targetId && rest.length === 0 ? { threatId, targetId } : null;
}

/** Whether a value is acceptable for a field; anything else is ignored. */
export function isValidField(field: string, value: unknown): boolean {
  if (RATING_FIELDS.has(field)) return value === null || isRating(value);
  if (field === 'notApplicable') return typeof value === 'boolean';
  if (field === 'rationale') return typeof value === 'string' && value.length <= 4000;
  return false;
}

function readFields<T extends object>(map: Y.Map<unknown> | undefined, fields: readonly (keyof T & string)[], empty: T): T {
  const values = { ...empty };
  if (!(map instanceof Y.Map)) return values;
  for (const field of fields) {
    const value = map.get(field);
    if (value !== undefined && isValidField(field, value)) (values as Record<string, unknown>)[field] = value;
  }
  return values;
}

export function readCell(doc: Y.Doc, threatId: string, targetId: string): CellValues {
  return readFields(doc.getMap<Y.Map<unknown>>(CELLS).get(cellKey(threatId, targetId)), CELL_FIELDS, EMPTY_CELL);
}

export function readThreat(doc: Y.Doc, threatId: string): ThreatValues {
  return readFields(doc.getMap<Y.Map<unknown>>(THREATS).get(threatId), THREAT_FIELDS, EMPTY_THREAT);
}

export function readAllCells(doc: Y.Doc): { threatId: string; targetId: string; values: CellValues }[] {
  return [...doc.getMap<Y.Map<unknown>>(CELLS).keys()].flatMap((key) => {
    const ids = splitCellKey(key);
    return ids ? [{ ...ids, values: readCell(doc, ids.threatId, ids.targetId) }] : [];
  });
}

export function readAllThreats(doc: Y.Doc): { threatId: string; values: ThreatValues }[] {
  return [...doc.getMap<Y.Map<unknown>>(THREATS).keys()].map((threatId) => ({ threatId, values: readThreat(doc, threatId) }));
}

function writeFields(root: Y.Map<Y.Map<unknown>>, key: string, patch: Record<string, unknown>, empty: object) {
  let map = root.get(key);
  if (!(map instanceof Y.Map)) {
    // Setting nothing but defaults on a missing entry changes nothing.
    if (Object.entries(patch).every(([field, value]) => value === undefined || (empty as Record<string, unknown>)[field] === value)) return;
    map = new Y.Map<unknown>();
    root.set(key, map);
  }
  for (const [field, value] of Object.entries(patch)) {
    if (value !== undefined && map.get(field) !== value) map.set(field, value);
  }
}

/** Changes only the given fields, in one transaction tagged with `origin`. */
export function writeCell(doc: Y.Doc, threatId: string, targetId: string, patch: Partial<CellValues>, origin?: unknown): void {
  doc.transact(() => writeFields(doc.getMap(CELLS), cellKey(threatId, targetId), patch, EMPTY_CELL), origin);
}

export function writeThreat(doc: Y.Doc, threatId: string, patch: Partial<ThreatValues>, origin?: unknown): void {
  doc.transact(() => writeFields(doc.getMap(THREATS), threatId, patch, EMPTY_THREAT), origin);
}

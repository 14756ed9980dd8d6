import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CELLS, defineRoots, MAX_RATIONALE_LENGTH, THREATS } from './document';
import { shapeProblem } from './document-shape';
import type { RoomContext } from './derive';

const context = (mode: RoomContext['mode']): RoomContext => ({
  programmeId: 'p', assessmentId: 'a', teamId: 'team', mode, teamKind: 'country', threatIds: new Set(['t1', 't2']), targetIds: new Set(['g1']),
});

/** The room's document, with `t1:rating` already set by someone, and what a client's change to it sends. */
function attempt(change: (doc: Y.Doc) => void, prepare: (doc: Y.Doc) => void = () => undefined) {
  const room = new Y.Doc();
  defineRoots(room);
  room.getMap(THREATS).set('t1:rating', 'high');
  room.getMap(CELLS).set('t1:g1:scope', 'low');
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(room));
  prepare(client);
  const updates: Uint8Array[] = [];
  client.on('update', (update: Uint8Array) => updates.push(update));
  client.transact(() => change(client));
  return { room, update: Y.mergeUpdates(updates) };
}

const threats = (doc: Y.Doc) => doc.getMap(THREATS);
const cells = (doc: Y.Doc) => doc.getMap(CELLS);

describe('shapeProblem', () => {
  it.each<[string, RoomContext['mode'], (doc: Y.Doc) => void, RegExp | null]>([
    ['a threat\'s rating', 'rapid', (d) => threats(d).set('t2:rating', 'very_high'), null],
    ['a rationale and not applicable', 'rapid', (d) => { threats(d).set('t2:rationale', 'why'); threats(d).set('t2:notApplicable', true); }, null],
    ['a rating cleared', 'rapid', (d) => threats(d).set('t2:rating', null), null],
    ['a rating someone set, changed (its key is in the document)', 'rapid', (d) => threats(d).set('t1:rating', 'low'), null],
    ['a rating changed twice in one update (its key is in the update)', 'rapid', (d) => { threats(d).set('t2:rating', 'low'); threats(d).set('t2:rating', 'medium'); }, null],
    ['a rating removed', 'rapid', (d) => threats(d).delete('t1:rating'), null],
    ['a cell\'s field in a detailed room', 'detailed', (d) => cells(d).set('t2:g1:severity', 'high'), null],
    ['a cell field changed again in a detailed room', 'detailed', (d) => cells(d).set('t1:g1:scope', 'medium'), null],
    ['a key that is no field', 'rapid', (d) => threats(d).set('t2:colour', 'red'), /no such rating/],
    ['a threat not in the programme', 'rapid', (d) => threats(d).set('t9:rating', 'high'), /no such rating/],
    ['a junk key', 'rapid', (d) => threats(d).set('junk', 'x'.repeat(100)), /no such rating/],
    ['a root of its own', 'rapid', (d) => d.getMap('junkroot').set('t1:rating', 'high'), /no such part/],
    ['the other root (cells in a rapid room)', 'rapid', (d) => cells(d).set('t2:g1:scope', 'high'), /no such part/],
    ['a cell key in a detailed room\'s threats', 'detailed', (d) => threats(d).set('t2:rating', 'high'), /no such part/],
    ['a target not in the programme', 'detailed', (d) => cells(d).set('t1:g9:scope', 'high'), /no such rating/],
    ['text', 'rapid', (d) => d.getText('notes').insert(0, 'hello'), /only single values|no such part/],
    ['a nested map', 'rapid', (d) => threats(d).set('t2:rating', new Y.Map()), /only single values/],
    ['a rating that is no level', 'rapid', (d) => threats(d).set('t2:rating', 'extreme'), /not a valid value for rating/],
    ['a rationale past the limit', 'rapid', (d) => threats(d).set('t2:rationale', 'x'.repeat(MAX_RATIONALE_LENGTH + 1)), /not a valid value for rationale/],
    // PostgreSQL's text cannot hold it: taken, it would fail the write of the change's history.
    ['a rationale holding a NUL character', 'rapid', (d) => threats(d).set('t2:rationale', 'bad\u0000x'), /not a valid value for rationale/],
    ['a rating someone set, changed to something else (key from the document)', 'rapid', (d) => threats(d).set('t1:rating', { sneaky: true }), /not a valid value for rating/],
  ])('%s', (_name, mode, change, expected) => {
    const { room, update } = attempt(change);
    const problem = shapeProblem(room, Y.decodeUpdate(update), context(mode));
    if (expected === null) expect(problem).toBeNull();
    else expect(problem).toMatch(expected);
  });

  it('a change whose key the room does not have yet waits (out of order), but only with a value some field takes', () => {
    const room = new Y.Doc();
    defineRoots(room);
    const writer = new Y.Doc();
    const updates: Uint8Array[] = [];
    writer.on('update', (update: Uint8Array) => updates.push(update));
    threats(writer).set('t2:rating', 'high');
    threats(writer).set('t2:rating', 'low');
    threats(writer).set('t2:rating', { not: 'a value' });
    const [, second, third] = updates;
    expect(shapeProblem(room, Y.decodeUpdate(second!), context('rapid'))).toBeNull();
    expect(shapeProblem(room, Y.decodeUpdate(third!), context('rapid'))).toMatch(/not a valid value/);
  });
});

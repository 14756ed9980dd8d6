import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { defineRoots, writeCell, writeThreat } from './document';
import { deriveChanges, type DerivedChange, type RoomContext } from './derive';

const context = (mode: RoomContext['mode']): RoomContext => ({
  programmeId: 'p', assessmentId: 'a', teamId: 't', mode, teamKind: 'country',
  threatIds: new Set(['fire', 'mining']), targetIds: new Set(['cats', 'forest']),
});

/** Browsers by Yjs client id: in a conflict between two of them, the higher id's value stands (Yjs's rule). */
const OWNERS = new Map([[1, 'ana'], [2, 'bo']]);

function browser(clientID: number): Y.Doc {
  const doc = new Y.Doc();
  doc.clientID = clientID;
  defineRoots(doc);
  return doc;
}

/** The server's copy of a room, deriving each applied update as the rooms do (before Yjs collects garbage). */
function server(mode: RoomContext['mode']) {
  const doc = new Y.Doc({ gc: true });
  defineRoots(doc);
  let derived: DerivedChange[] = [];
  doc.on('afterTransaction', (transaction: Y.Transaction) => {
    derived = deriveChanges(doc, transaction, context(mode), (clientId) => OWNERS.get(clientId));
  });
  return {
    doc,
    /** Applies an update and returns what it changed, as stored history sees it. */
    receive(update: Uint8Array) {
      Y.applyUpdate(doc, update);
      return derived.map((change) => ({ kind: change.kind, threatId: change.threatId, changes: change.changes }));
    },
  };
}

/** The update holding whatever `edit` does to a browser's document. */
function updateOf(doc: Y.Doc, edit: (doc: Y.Doc) => void): Uint8Array {
  const before = Y.encodeStateVector(doc);
  edit(doc);
  return Y.encodeStateAsUpdate(doc, before);
}

describe('deriveChanges', () => {
  it.each<[string, RoomContext['mode'], (ana: Y.Doc) => void, unknown]>([
    ['a level set: one kept event, naming whose browser made it', 'detailed',
      (d) => writeCell(d, 'fire', 'cats', { scope: 'high' }),
      [{ kind: 'cell', threatId: 'fire', changes: [{ field: 'scope', value: 'high', author: 'ana', kept: true }] }]],
    ['levels and a rationale together: the rationale travels with the levels, not as an event', 'detailed',
      (d) => writeCell(d, 'fire', 'cats', { scope: 'high', severity: 'low', rationale: 'why' }),
      [{ kind: 'cell', threatId: 'fire', changes: [
        { field: 'scope', value: 'high', author: 'ana', kept: true }, { field: 'severity', value: 'low', author: 'ana', kept: true }] }]],
    ['a rationale alone is an event of its own', 'detailed',
      (d) => writeCell(d, 'fire', 'cats', { rationale: 'why' }),
      [{ kind: 'cell', threatId: 'fire', changes: [{ field: 'rationale', value: 'why', author: 'ana', kept: true }] }]],
    ['a threat rated as a whole (rapid)', 'rapid',
      (d) => writeThreat(d, 'mining', { rating: 'very_high', notApplicable: false }),
      [{ kind: 'threat', threatId: 'mining', changes: [{ field: 'rating', value: 'very_high', author: 'ana', kept: true }] }]],
    ['cells of a threat or target not in the programme are not derived', 'detailed',
      (d) => writeCell(d, 'drought', 'cats', { scope: 'high' }),
      []],
    ['a field set twice in one update (made offline, say) is one event with the last value', 'detailed',
      (d) => { writeCell(d, 'fire', 'cats', { scope: 'low' }); writeCell(d, 'fire', 'cats', { scope: 'medium' }); },
      [{ kind: 'cell', threatId: 'fire', changes: [{ field: 'scope', value: 'medium', author: 'ana', kept: true }] }]],
    ['a field cleared by a hand-made client: its default, kept, and no browser named (deletions carry none)', 'detailed',
      (d) => d.getMap('cells').delete('fire:cats:scope'),
      [{ kind: 'cell', threatId: 'fire', changes: [{ field: 'scope', value: null, kept: true }] }]],
  ])('%s', (_name, mode, edit, expected) => {
    const room = server(mode);
    const ana = browser(1);
    // Something to clear, known to both.
    const start = updateOf(ana, (d) => (mode === 'rapid' ? writeThreat(d, 'fire', { rating: 'low' }) : writeCell(d, 'mining', 'forest', { scope: 'low' })));
    room.receive(start);
    if (mode === 'detailed') room.receive(updateOf(ana, (d) => writeCell(d, 'fire', 'cats', { scope: 'low' })));
    expect(room.receive(updateOf(ana, edit))).toEqual(expected);
  });

  it('two people set one field at the same moment: the value that lost is an event marked not kept, with its own value and browser', () => {
    const room = server('detailed');
    const [ana, bo] = [browser(1), browser(2)];
    const fromAna = updateOf(ana, (d) => writeCell(d, 'fire', 'cats', { scope: 'low' }));
    const fromBo = updateOf(bo, (d) => writeCell(d, 'fire', 'cats', { scope: 'high' }));
    expect(room.receive(fromBo)).toEqual([{ kind: 'cell', threatId: 'fire', changes: [{ field: 'scope', value: 'high', author: 'bo', kept: true }] }]);
    // Ana's arrives second, and Bo's stands: the field never held Ana's Low for anyone else.
    expect(room.receive(fromAna)).toEqual([{ kind: 'cell', threatId: 'fire', changes: [{ field: 'scope', value: 'low', author: 'ana', kept: false }] }]);
    expect(room.doc.getMap('cells').get('fire:cats:scope')).toBe('high');
  });

  it('the same two arriving the other way round: each held the field in turn, both kept', () => {
    const room = server('detailed');
    const [ana, bo] = [browser(1), browser(2)];
    const fromAna = updateOf(ana, (d) => writeCell(d, 'fire', 'cats', { scope: 'low' }));
    const fromBo = updateOf(bo, (d) => writeCell(d, 'fire', 'cats', { scope: 'high' }));
    expect(room.receive(fromAna)).toEqual([{ kind: 'cell', threatId: 'fire', changes: [{ field: 'scope', value: 'low', author: 'ana', kept: true }] }]);
    expect(room.receive(fromBo)).toEqual([{ kind: 'cell', threatId: 'fire', changes: [{ field: 'scope', value: 'high', author: 'bo', kept: true }] }]);
  });

  it('a rationale that stands, sent with a level that lost: its own event, and the change holds (its row is written)', () => {
    const room = server('detailed');
    const [ana, bo] = [browser(1), browser(2)];
    const fromAna = updateOf(ana, (d) => writeCell(d, 'fire', 'cats', { scope: 'low', rationale: 'ana why' }));
    room.receive(updateOf(bo, (d) => writeCell(d, 'fire', 'cats', { scope: 'high' })));
    expect(room.receive(fromAna)).toEqual([{ kind: 'cell', threatId: 'fire', changes: [
      { field: 'scope', value: 'low', author: 'ana', kept: false }, { field: 'rationale', value: 'ana why', author: 'ana', kept: true }] }]);
  });

  it('a rationale that lost, sent with a level that stands: the lost words are an event of their own', () => {
    const room = server('detailed');
    const [ana, bo] = [browser(1), browser(2)];
    const fromAna = updateOf(ana, (d) => writeCell(d, 'fire', 'cats', { severity: 'low', rationale: 'ana why' }));
    room.receive(updateOf(bo, (d) => writeCell(d, 'fire', 'cats', { rationale: 'bo why' })));
    expect(room.receive(fromAna)).toEqual([{ kind: 'cell', threatId: 'fire', changes: [
      { field: 'severity', value: 'low', author: 'ana', kept: true }, { field: 'rationale', value: 'ana why', author: 'ana', kept: false }] }]);
  });

  it('one update holding one person’s level and another’s rationale (passed on after a restart): each their own event', () => {
    const room = server('detailed');
    const [ana, bo] = [browser(1), browser(2)];
    const fromAna = updateOf(ana, (d) => writeCell(d, 'fire', 'cats', { scope: 'high' }));
    Y.applyUpdate(bo, fromAna);
    const fromBo = updateOf(bo, (d) => writeCell(d, 'fire', 'cats', { rationale: 'bo why' }));
    // Bo's browser has both and the server neither: it sends them as one.
    expect(room.receive(Y.mergeUpdates([fromAna, fromBo]))).toEqual([{ kind: 'cell', threatId: 'fire', changes: [
      { field: 'scope', value: 'high', author: 'ana', kept: true }, { field: 'rationale', value: 'bo why', author: 'bo', kept: true }] }]);
  });

  it('an update that loses one field and wins another: each event says which', () => {
    const room = server('detailed');
    const [ana, bo] = [browser(1), browser(2)];
    const fromAna = updateOf(ana, (d) => writeCell(d, 'fire', 'cats', { scope: 'low', severity: 'medium' }));
    room.receive(updateOf(bo, (d) => writeCell(d, 'fire', 'cats', { scope: 'high' })));
    expect(room.receive(fromAna)).toEqual([{ kind: 'cell', threatId: 'fire', changes: [
      { field: 'scope', value: 'low', author: 'ana', kept: false }, { field: 'severity', value: 'medium', author: 'ana', kept: true }] }]);
  });
});

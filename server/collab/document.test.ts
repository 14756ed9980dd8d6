import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { cellKey, defineRoots, differingEntries, writeCell, writeThreat } from './document';

const newDoc = () => { const doc = new Y.Doc(); defineRoots(doc); return doc; };

/** Each case writes to a device copy and a stored copy, then asks which entries differ. */
const cases: { name: string; device: (doc: Y.Doc) => void; stored: (doc: Y.Doc) => void; differing: string[] }[] = [
  { name: 'two empty copies', device: () => {}, stored: () => {}, differing: [] },
  { name: 'the same threat rating in both', device: (d) => writeThreat(d, 'fire', { rating: 'high' }), stored: (d) => writeThreat(d, 'fire', { rating: 'high' }), differing: [] },
  { name: 'a threat rated only on the device', device: (d) => writeThreat(d, 'fire', { rating: 'medium' }), stored: () => {}, differing: ['fire'] },
  { name: 'a threat rated only in the stored copy', device: () => {}, stored: (d) => writeThreat(d, 'fire', { rating: 'low' }), differing: ['fire'] },
  { name: 'a field written with its default reads the same as one never written', device: (d) => writeThreat(d, 'fire', { notApplicable: false, rationale: '' }), stored: () => {}, differing: [] },
  { name: 'a different rationale', device: (d) => writeThreat(d, 'fire', { rationale: 'offline note' }), stored: (d) => writeThreat(d, 'fire', { rationale: 'stored note' }), differing: ['fire'] },
  {
    name: 'cells and threats, sorted',
    device: (d) => { writeCell(d, 'poaching', 'tiger', { scope: 'high' }); writeThreat(d, 'fire', { notApplicable: true }); writeCell(d, 'dams', 'salmon', { severity: 'low' }); },
    stored: (d) => writeCell(d, 'dams', 'salmon', { severity: 'low' }),
    differing: ['fire', cellKey('poaching', 'tiger')],
  },
  { name: 'an invalid stored value reads as not set', device: () => {}, stored: (d) => d.getMap('threats').set('fire:rating', 'extreme'), differing: [] },
];

describe('differingEntries', () => {
  it.each(cases)('$name', ({ device, stored, differing }) => {
    const [a, b] = [newDoc(), newDoc()];
    device(a);
    stored(b);
    expect(differingEntries(a, b)).toEqual(differing);
    expect(differingEntries(b, a)).toEqual(differing);
  });
});

import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { writeCell, writeThreat } from '@/server/collab/document';
import type { TableTeam } from '@/server/domain/threat-table';
import { readMatrix, readThreatList } from '../workshop/matrix';
import { makeNames } from '../workshop/names';
import { agreedProgress, compareTeams } from './compare';
import { spreadLabel } from './SpreadCell';

const teams: TableTeam[] = [
  { id: 'cn', name: 'China', landscape: 'Landscapes in China', kind: 'country' },
  { id: 'mn', name: 'Mongolia', landscape: 'Landscapes in Mongolia', kind: 'country' },
  { id: 'ru', name: 'Russia', landscape: 'Landscapes in Russia', kind: 'country' },
  { id: 'eco', name: 'Ecoregional', landscape: 'Ecoregional level', kind: 'ecoregional' },
];
const threats = [{ id: 'fire', name: 'Fire' }, { id: 'mining', name: 'Irresponsible mining' }];
const docs = () => new Map(teams.map((team) => [team.id, new Y.Doc()] as const));

describe('compareTeams', () => {
  it('rapid: the entered ratings side by side, how far apart, the median, and the agreed column', () => {
    const d = docs();
    writeThreat(d.get('cn')!, 'fire', { rating: 'low' });
    writeThreat(d.get('mn')!, 'fire', { rating: 'high' });
    writeThreat(d.get('ru')!, 'fire', { rating: 'very_high' });
    writeThreat(d.get('cn')!, 'mining', { rating: 'medium' });
    writeThreat(d.get('mn')!, 'mining', { notApplicable: true, rating: 'high' });
    writeThreat(d.get('eco')!, 'fire', { rating: 'high' });

    const comparison = compareTeams({ mode: 'rapid', teams, threats, targetIds: ['cats'], docs: d });
    const [fire, mining] = comparison.rows;
    expect(fire).toMatchObject({ spread: 3, median: 'high' });
    expect(fire!.cells.eco).toEqual({ rating: 'high', notApplicable: false });
    // One team rated (the other's N/A does not count): no spread, and no median to suggest.
    expect(mining).toMatchObject({ spread: null, median: null });
    expect(mining!.cells.mn).toEqual({ rating: null, notApplicable: true });
    expect(comparison.summaries.eco).toMatchObject({ computedTargetSummary: 'medium', computedOverall: 'high' });
    expect(agreedProgress(comparison.rows, 'eco')).toEqual({ done: 1, total: 2 });
    // Not applicable is an agreed answer too.
    writeThreat(d.get('eco')!, 'mining', { notApplicable: true });
    expect(agreedProgress(compareTeams({ mode: 'rapid', teams, threats, targetIds: ['cats'], docs: d }).rows, 'eco')).toEqual({ done: 2, total: 2 });
  });

  it('detailed: a country column is the team’s computed threat summaries', () => {
    const d = docs();
    for (const target of ['cats', 'forest']) writeCell(d.get('cn')!, 'fire', target, { scope: 'very_high', severity: 'very_high', irreversibility: 'high' });
    writeCell(d.get('mn')!, 'fire', 'cats', { scope: 'low', severity: 'medium', irreversibility: 'medium' });
    // Threat-level entries of a country team do not count in a detailed assessment.
    writeThreat(d.get('ru')!, 'fire', { rating: 'very_high' });

    const comparison = compareTeams({ mode: 'detailed', teams, threats, targetIds: ['cats', 'forest'], docs: d });
    const [fire] = comparison.rows;
    expect(fire!.cells.cn!.rating).toBe('very_high');
    expect(fire!.cells.mn!.rating).toBe('low');
    expect(fire!.cells.ru!.rating).toBeNull();
    expect(fire).toMatchObject({ spread: 3, median: 'very_high' });
    expect(comparison.summaries.cn!.computedTargetSummary).toBeUndefined();
  });

  it('reads missing documents as not rated', () => {
    const comparison = compareTeams({ mode: 'rapid', teams, threats, targetIds: [], docs: new Map() });
    expect(comparison.rows.every((row) => row.spread === null && row.median === null)).toBe(true);
  });

  it('words the spread', () => {
    expect([0, 1, 2, null].map(spreadLabel)).toEqual(['agree', '1 level apart', '2 levels apart', 'fewer than two teams rated']);
  });
});

describe('a team document as the workshop pages read it', () => {
  it('matrix: computed cells, summaries and overall; N/A cells are not rated', () => {
    const doc = new Y.Doc();
    writeCell(doc, 'fire', 'cats', { scope: 'high', severity: 'very_high', irreversibility: 'very_high' });
    writeCell(doc, 'fire', 'forest', { scope: 'high', severity: 'high', irreversibility: 'low', notApplicable: true });
    const matrix = readMatrix(doc, ['fire', 'mining'], ['cats', 'forest']);
    expect(matrix.ratings.get('fire:cats')).toBe('very_high');
    expect(matrix.ratings.get('fire:forest')).toBeNull();
    expect(matrix.values.get('fire:forest')!.notApplicable).toBe(true);
    expect(matrix.summary.threatSummaries.fire).toBe('high');
    expect(matrix.summary.targetSummaries.cats).toBe('high');
    // Only rated targets take part in the majority (as in Miradi): cats alone, at Very High, lifts the overall above
    // the threat summaries' roll-up (one High gives Medium).
    expect(matrix.summary.overall).toBe('very_high');
    writeCell(doc, 'mining', 'forest', { scope: 'low', severity: 'low', irreversibility: 'low' });
    // Now one of two rated targets reaching Very High is no majority, and Low is reached by both.
    expect(readMatrix(doc, ['fire', 'mining'], ['cats', 'forest']).summary.overall).toBe('medium');
    expect(readMatrix(null, ['fire'], ['cats']).summary.overall).toBeNull();
  });

  it('threat list: entered ratings with the computed target summary and overall', () => {
    const doc = new Y.Doc();
    writeThreat(doc, 'fire', { rating: 'very_high' });
    writeThreat(doc, 'mining', { rating: 'very_high', notApplicable: true });
    const list = readThreatList(doc, ['fire', 'mining']);
    expect(list.values.get('mining')!.notApplicable).toBe(true);
    expect(list).toMatchObject({ targetSummary: 'high', overall: 'very_high' });
  });

  it('describes where someone is', () => {
    const names = makeNames(threats, [{ id: 'cats', name: 'Asian big cats' }]);
    expect(names.focus('fire:cats')).toBe('Fire × Asian big cats');
    expect(names.focus('mining')).toBe('Irresponsible mining');
    expect(names.focus('nope')).toBeNull();
  });
});

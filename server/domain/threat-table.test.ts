import { describe, expect, it } from 'vitest';
import type { AssessmentMode } from './method';
import type { MaybeRating } from './rating';
import { buildThreatTable, type CellEntry, type TableCell, type TableColumnSummary, type TableTeam, type ThreatEntry } from './threat-table';

const teams: TableTeam[] = [
  { id: 'cn', name: 'China', landscape: 'Landscapes in China', kind: 'country' },
  { id: 'eco', name: 'Ecoregional', landscape: 'Ecoregional level', kind: 'ecoregional' },
];
const threats = [{ id: 'fire', name: 'Fire' }, { id: 'hunting', name: 'Hunting' }];
const targetIds = ['tiger', 'leopard'];

const entry = (teamId: string, threatId: string, rating: MaybeRating, notApplicable = false): ThreatEntry =>
  ({ teamId, threatId, rating, notApplicable });
const cell = (threatId: string, targetId: string, level: MaybeRating, irreversibility: MaybeRating = level, notApplicable = false): CellEntry =>
  ({ teamId: 'cn', threatId, targetId, scope: level, severity: level, irreversibility, notApplicable });
const c = (rating: MaybeRating, notApplicable = false): TableCell => ({ rating, notApplicable });

interface Case {
  mode: AssessmentMode;
  threatEntries?: ThreatEntry[];
  cellEntries?: CellEntry[];
  published?: [string, MaybeRating][];
  /** Per team: the column top to bottom (fire, hunting), then its summary. */
  expected: Record<string, { cells: [TableCell, TableCell]; summary: TableColumnSummary }>;
}

describe('buildThreatTable', () => {
  it.each<[string, Case]>([
    ['rapid, nothing entered: empty cells, nothing rated, nothing published', {
      mode: 'rapid',
      expected: {
        cn: { cells: [c(null), c(null)], summary: { published: undefined, computedTargetSummary: null, computedOverall: null } },
        eco: { cells: [c(null), c(null)], summary: { published: undefined, computedTargetSummary: null, computedOverall: null } },
      },
    }],
    ['rapid: entered ratings; N/A shows no rating even if one was stored; the landscape is the one target', {
      mode: 'rapid',
      threatEntries: [entry('cn', 'fire', 'high'), entry('cn', 'hunting', 'very_high', true), entry('eco', 'fire', 'medium')],
      expected: {
        // One High rolls up to Medium (2-prime), but the majority override lifts the overall to High.
        cn: { cells: [c('high'), c(null, true)], summary: { published: undefined, computedTargetSummary: 'medium', computedOverall: 'high' } },
        eco: { cells: [c('medium'), c(null)], summary: { published: undefined, computedTargetSummary: 'low', computedOverall: 'medium' } },
      },
    }],
    ['rapid: cells are not the method, so they are ignored', {
      mode: 'rapid',
      cellEntries: [cell('fire', 'tiger', 'very_high')],
      expected: {
        cn: { cells: [c(null), c(null)], summary: { published: undefined, computedTargetSummary: null, computedOverall: null } },
        eco: { cells: [c(null), c(null)], summary: { published: undefined, computedTargetSummary: null, computedOverall: null } },
      },
    }],
    ['published values sit next to the computed ones and may differ from them', {
      mode: 'rapid',
      threatEntries: [entry('cn', 'fire', 'low')],
      published: [['cn', 'very_high']],
      expected: {
        cn: { cells: [c('low'), c(null)], summary: { published: 'very_high', computedTargetSummary: 'low', computedOverall: 'low' } },
        eco: { cells: [c(null), c(null)], summary: { published: undefined, computedTargetSummary: null, computedOverall: null } },
      },
    }],
    ['detailed: a country column is its threat summaries over the cells; N/A cells count as not rated', {
      mode: 'detailed',
      cellEntries: [
        cell('fire', 'tiger', 'high'),
        cell('fire', 'leopard', 'very_high'),
        cell('hunting', 'tiger', 'very_high', 'very_high', true),
      ],
      expected: {
        // Fire: one Very High and one High → High. Overall: the majority of targets reach High.
        cn: { cells: [c('high'), c(null)], summary: { published: undefined, computedTargetSummary: undefined, computedOverall: 'high' } },
        eco: { cells: [c(null), c(null)], summary: { published: undefined, computedTargetSummary: null, computedOverall: null } },
      },
    }],
    ['detailed: a threat N/A for every target reads N/A, not "not rated"; N/A for some targets only is not', {
      mode: 'detailed',
      cellEntries: [
        cell('fire', 'tiger', null, null, true),
        cell('fire', 'leopard', null, null, true),
        cell('hunting', 'tiger', null, null, true),
      ],
      expected: {
        cn: { cells: [c(null, true), c(null)], summary: { published: undefined, computedTargetSummary: undefined, computedOverall: null } },
        eco: { cells: [c(null), c(null)], summary: { published: undefined, computedTargetSummary: null, computedOverall: null } },
      },
    }],
    ['detailed: irreversibility moves a cell a level; a country team’s whole-threat entries are ignored', {
      mode: 'detailed',
      threatEntries: [entry('cn', 'hunting', 'very_high')],
      cellEntries: [cell('fire', 'tiger', 'medium', 'low'), cell('hunting', 'leopard', 'high', 'very_high')],
      expected: {
        // Fire: Medium lowered to Low. Hunting: High lifted to Very High, and one Very High rolls up to High.
        cn: { cells: [c('low'), c('high')], summary: { published: undefined, computedTargetSummary: undefined, computedOverall: 'medium' } },
        eco: { cells: [c(null), c(null)], summary: { published: undefined, computedTargetSummary: null, computedOverall: null } },
      },
    }],
    ['detailed: the agreed column is entered whole, N/A included', {
      mode: 'detailed',
      threatEntries: [entry('eco', 'fire', 'very_high'), entry('eco', 'hunting', null, true)],
      published: [['eco', 'high']],
      expected: {
        cn: { cells: [c(null), c(null)], summary: { published: undefined, computedTargetSummary: undefined, computedOverall: null } },
        eco: { cells: [c('very_high'), c(null, true)], summary: { published: 'high', computedTargetSummary: 'high', computedOverall: 'very_high' } },
      },
    }],
  ])('%s', (_, { mode, threatEntries = [], cellEntries = [], published = [], expected }) => {
    const table = buildThreatTable({ mode, teams, threats, targetIds, threatEntries, cellEntries, published: new Map(published) });
    expect(table.rows.map((row) => row.threat)).toEqual(threats);
    for (const team of teams) {
      expect(table.rows.map((row) => row.cells[team.id]), team.id).toEqual(expected[team.id]!.cells);
      expect(table.summaries[team.id], team.id).toEqual(expected[team.id]!.summary);
    }
  });
});

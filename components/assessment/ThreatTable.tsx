import type { MaybeRating } from '@/server/domain/rating';
import type { ThreatTable as Table, TableTeam } from '@/server/domain/threat-table';
import { t, type MessageKey } from '../i18n/messages';
import { RatingCell } from './RatingCell';

/** The threat table in the shape of the plan's Table 1, with summary rows below. */
export function ThreatTable({ teams, table, caption }: { teams: (TableTeam & { id: string })[]; table: Table; caption: string }) {
  const summaries = teams.map((team) => table.summaries[team.id]!);
  const anyPublished = summaries.some((s) => s.published !== undefined);
  const anyTargetSummary = summaries.some((s) => s.computedTargetSummary !== undefined);

  const summaryRow = (key: MessageKey, pick: (s: (typeof summaries)[number]) => MaybeRating | undefined, compareToPublished = false) => (
    <tr>
      <th scope="row" className="border border-stone-300 px-2 py-1 text-left text-sm font-semibold">{t(key)}</th>
      {summaries.map((s, i) => {
        const value = pick(s) ?? null;
        const differs = compareToPublished && s.published !== undefined && s.published !== value;
        return <RatingCell key={teams[i]!.id} rating={value} note={differs ? t('assessment.differs') : undefined} />;
      })}
    </tr>
  );

  return (
    <table className="w-full border-collapse bg-white">
      <caption className="mb-2 text-left font-semibold">{caption}</caption>
      <thead>
        <tr>
          <th scope="col" className="border border-stone-300 px-2 py-1 text-left text-sm">{t('assessment.threatsHeader')}</th>
          {teams.map((team) => <th key={team.id} scope="col" className="border border-stone-300 px-2 py-1 text-sm">{team.landscape}</th>)}
        </tr>
      </thead>
      <tbody>
        {table.rows.map(({ threat, cells }) => (
          <tr key={threat.id}>
            <th scope="row" className="border border-stone-300 px-2 py-1 text-left text-sm font-normal">{threat.name}</th>
            {teams.map((team) => <RatingCell key={team.id} rating={cells[team.id]!.rating} notApplicable={cells[team.id]!.notApplicable} />)}
          </tr>
        ))}
      </tbody>
      <tfoot>
        {anyPublished && summaryRow('assessment.publishedSummary', (s) => s.published)}
        {anyTargetSummary && summaryRow('assessment.computedTargetSummary', (s) => s.computedTargetSummary, true)}
        {summaryRow('assessment.computedOverall', (s) => s.computedOverall, true)}
      </tfoot>
    </table>
  );
}

import type { MaybeRating } from '@/server/domain/rating';
import type { ThreatTable as Table, TableTeam } from '@/server/domain/threat-table';
import { t, type MessageKey } from '../i18n/messages';
import { PerTargetCell, RatingCell } from './RatingCell';
import { SideScrollBox } from './SideScrollBox';
import { TableCaption } from './TableCaption';
import { pinned } from './table-layout';
import { anyDiffers, anyNotApplicable, differsFromPublished } from './table-marks';
import { TableLegend } from './TableLegend';

const head = `border border-stone-300 px-2 py-1 text-left text-sm ${pinned} bg-white`;

/** The threat table in the shape of the plan's Table 1, with summary rows below and a key to its marks. */
export function ThreatTable({ teams, table, caption }: { teams: (TableTeam & { id: string })[]; table: Table; caption: string }) {
  const summaries = teams.map((team) => table.summaries[team.id]!);
  const anyPublished = summaries.some((s) => s.published !== undefined);
  const anyTargetSummary = summaries.some((s) => s.computedTargetSummary !== undefined);

  /** `undefined` from `pick`: the column has no such summary (it rates per target). */
  const summaryRow = (key: MessageKey, pick: (s: (typeof summaries)[number]) => MaybeRating | undefined, compareToPublished = false) => (
    <tr>
      <th scope="row" className={`${head} font-semibold`}>{t(key)}</th>
      {summaries.map((s, i) => {
        const value = pick(s);
        if (value === undefined) return <PerTargetCell key={teams[i]!.id} />;
        const differs = compareToPublished && differsFromPublished(s.published, value);
        return <RatingCell key={teams[i]!.id} rating={value} note={differs ? t('assessment.differs') : undefined} />;
      })}
    </tr>
  );

  return (
    <div className="flex flex-col gap-2">
      <SideScrollBox>
        <table className="w-full border-collapse bg-white">
          <TableCaption>{caption}</TableCaption>
          <thead>
            <tr>
              <th scope="col" className={head}>{t('assessment.directThreatsHeader')}</th>
              {teams.map((team) => <th key={team.id} scope="col" className="border border-stone-300 px-2 py-1 text-sm">{team.landscape}</th>)}
            </tr>
          </thead>
          <tbody>
            {table.rows.map(({ threat, cells }) => (
              <tr key={threat.id}>
                <th scope="row" className={`${head} font-normal`}>{threat.name}</th>
                {teams.map((team) => <RatingCell key={team.id} rating={cells[team.id]!.rating} notApplicable={cells[team.id]!.notApplicable} />)}
              </tr>
            ))}
          </tbody>
          <tfoot>
            {anyPublished && summaryRow('assessment.publishedSummary', (s) => s.published ?? null)}
            {anyTargetSummary && summaryRow('assessment.computedTargetSummary', (s) => s.computedTargetSummary, true)}
            {summaryRow('assessment.computedOverall', (s) => s.computedOverall, true)}
          </tfoot>
        </table>
      </SideScrollBox>
      <TableLegend notApplicable={anyNotApplicable(table.rows, teams.map((team) => team.id))} differs={anyDiffers(summaries)} />
    </div>
  );
}

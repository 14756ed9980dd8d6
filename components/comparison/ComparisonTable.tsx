'use client';
import { useId } from 'react';
import type { TeamKind } from '@/server/domain/method';
import type { MaybeRating } from '@/server/domain/rating';
import { RatingCell } from '../assessment/RatingCell';
import { SideScrollBox } from '../assessment/SideScrollBox';
import { TableCaption } from '../assessment/TableCaption';
import { pinned } from '../assessment/table-layout';
import { anyNotApplicable } from '../assessment/table-marks';
import { TableLegend } from '../assessment/TableLegend';
import type { Person } from '../collab/presence';
import { t } from '../i18n/messages';
import { AgreedCell } from './AgreedCell';
import type { Comparison } from './compare';
import { SpreadCell } from './SpreadCell';
import { SummaryRow } from './SummaryRow';
import { SMALL_BUTTON } from '../layout/buttons';

const border = 'border border-stone-300 px-2 py-1 text-sm';

interface Team { id: string; landscape: string; kind: TeamKind }

/**
 * Table 1, live: the country teams' columns, how far apart they are, the agreed
 * column and a Details button per threat; under it, what its marks mean. On a phone
 * it scrolls sideways in its own box with the threats pinned.
 */
export function ComparisonTable({ comparison, teams, agreed, selected, byFocus, onToggleDetails, onAgreedChange }: {
  comparison: Comparison;
  teams: readonly Team[];
  /** The agreed column: its team and whether the viewer sets it (`editable`) and can right now (not `disabled`). */
  agreed: { team: Team; editable: boolean; disabled: boolean } | null;
  /** The threat whose details are open. */
  selected: string | null;
  byFocus: Map<string, Person[]>;
  onToggleDetails: (threatId: string) => void;
  onAgreedChange: (threatId: string, rating: MaybeRating, notApplicable: boolean) => void;
}) {
  const countries = teams.filter((team) => team.kind === 'country');
  const agreedIndex = agreed ? teams.indexOf(agreed.team) : -1;
  const summaries = teams.map((team) => comparison.summaries[team.id]!);
  const medianNoteId = useId();
  return (
    <div className="flex min-w-0 flex-col gap-2">
      <SideScrollBox>
        <table className="w-full border-collapse bg-white">
          <TableCaption>{t('comparison.caption')}</TableCaption>
          <thead>
            <tr>
              <th scope="col" className={`${border} ${pinned} bg-white text-left`}>{t('assessment.directThreatsHeader')}</th>
              {countries.map((team) => <th key={team.id} scope="col" className={border}>{team.landscape}</th>)}
              <th scope="col" className={`${border} bg-stone-100`}>{t('comparison.apart')}</th>
              {agreed && <th scope="col" className={border}>{agreed.team.landscape}</th>}
              <th scope="col" className={`${border} w-16`}>{t('comparison.details')}</th>
            </tr>
          </thead>
          <tbody>
            {comparison.rows.map((row) => {
              const value = agreed ? row.cells[agreed.team.id]! : null;
              const open = selected === row.threat.id;
              return (
                <tr key={row.threat.id}>
                  <th scope="row" className={`${border} ${pinned} text-left font-normal ${open ? 'bg-stone-100' : 'bg-white'}`}>
                    {row.threat.name}
                  </th>
                  {countries.map((team) => (
                    <RatingCell key={team.id} rating={row.cells[team.id]!.rating} notApplicable={row.cells[team.id]!.notApplicable} />
                  ))}
                  <SpreadCell levels={row.spread} />
                  {agreed && value && (
                    <AgreedCell
                      threat={row.threat.name}
                      rating={value.rating}
                      notApplicable={value.notApplicable}
                      median={row.median}
                      medianNoteId={medianNoteId}
                      editable={agreed.editable}
                      disabled={agreed.disabled}
                      people={byFocus.get(row.threat.id)}
                      onChange={(rating, notApplicable) => onAgreedChange(row.threat.id, rating, notApplicable)}
                    />
                  )}
                  <td className={`${border} text-center`}>
                    <button
                      type="button"
                      aria-label={t('comparison.detailsOf', { threat: row.threat.name })}
                      aria-pressed={open}
                      // Found again by LiveComparison to take focus back when the details close.
                      data-details={row.threat.id}
                      onClick={() => onToggleDetails(row.threat.id)}
                      className={`${SMALL_BUTTON} text-stone-700`}
                    >
                      {t('comparison.details')}
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
          <tfoot>
            {summaries.some((s) => s.computedTargetSummary !== undefined) && (
              <SummaryRow label={t('assessment.computedTargetSummary')} teams={teams} agreedIndex={agreedIndex} values={summaries.map((s) => s.computedTargetSummary)} />
            )}
            <SummaryRow label={t('assessment.computedOverall')} teams={teams} agreedIndex={agreedIndex} values={summaries.map((s) => s.computedOverall)} />
          </tfoot>
        </table>
      </SideScrollBox>
      <TableLegend notApplicable={anyNotApplicable(comparison.rows, countries.map((team) => team.id))} differs={false} />
      {/* Describes every "Use median" button: why a tie between two teams suggests the higher level. */}
      {agreed && comparison.rows.some((row) => row.median !== null) && (
        <p id={medianNoteId} className="text-sm text-stone-600">{t('comparison.medianNote')}</p>
      )}
    </div>
  );
}

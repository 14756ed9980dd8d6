'use client';
import { cellKey } from '@/server/collab/document';
import type { MaybeRating } from '@/server/domain/rating';
import { ratingLabel, RatingCell } from '../assessment/RatingCell';
import { presenceMarks } from '../collab/PresenceList';
import type { Person } from '../collab/presence';
import { t } from '../i18n/messages';
import { ratingData, ratingStyle } from './colours';
import type { MatrixView } from './matrix';
import type { Names } from './names';

const border = 'border border-stone-300 px-2 py-1';
/** The threat column stays in view while the targets scroll sideways (phones, many targets). */
const pinned = 'sticky left-0 z-10 bg-white';

/**
 * Threats × top-level targets, each cell its computed rating in Miradi's colour;
 * threat summaries on the right, target summaries and the overall rating below.
 */
export function MatrixGrid({ caption, threats, targets, matrix, names, selected, onSelect, byFocus }: {
  caption: string;
  threats: readonly { id: string; name: string }[];
  targets: readonly { id: string; name: string }[];
  matrix: MatrixView;
  names: Names;
  selected: string | null;
  onSelect: (threatId: string, targetId: string) => void;
  byFocus: Map<string, Person[]>;
}) {
  const { summary } = matrix;
  return (
    <table className="w-full border-collapse bg-white text-sm">
      <caption className="mb-2 text-left font-semibold">{caption}</caption>
      <thead>
        <tr>
          <th scope="col" className={`${border} ${pinned} text-left`}>{t('assessment.threatsHeader')}</th>
          {targets.map((target) => <th key={target.id} scope="col" className={`${border} w-28`}>{target.name}</th>)}
          <th scope="col" className={`${border} w-28 bg-stone-100`}>{t('workshop.threatSummary')}</th>
        </tr>
      </thead>
      <tbody>
        {threats.map((threat) => (
          <tr key={threat.id}>
            <th scope="row" className={`${border} ${pinned} text-left font-normal`}>{threat.name}</th>
            {targets.map((target) => {
              const key = cellKey(threat.id, target.id);
              const values = matrix.values.get(key)!;
              return (
                <GridCell
                  key={target.id}
                  cell={key}
                  label={names.cell(threat.id, target.id)}
                  rating={matrix.ratings.get(key) ?? null}
                  notApplicable={values.notApplicable}
                  selected={selected === key}
                  people={byFocus.get(key)}
                  onSelect={() => onSelect(threat.id, target.id)}
                />
              );
            })}
            <RatingCell rating={summary.threatSummaries[threat.id] ?? null} />
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row" className={`${border} ${pinned} text-left font-semibold`}>{t('workshop.targetSummary')}</th>
          {targets.map((target) => <RatingCell key={target.id} rating={summary.targetSummaries[target.id] ?? null} />)}
          <RatingCell rating={summary.overall} />
        </tr>
      </tfoot>
    </table>
  );
}

function GridCell({ cell, label, rating, notApplicable, selected, people, onSelect }: {
  cell: string;
  label: string;
  rating: MaybeRating;
  notApplicable: boolean;
  selected: boolean;
  people: Person[] | undefined;
  onSelect: () => void;
}) {
  const marks = presenceMarks(people);
  return (
    <td
      className="border border-stone-300 p-0 text-center"
      style={{ ...ratingStyle(rating), ...marks.style }}
      data-rating={ratingData(rating, notApplicable)}
      data-present={people?.map((p) => p.user.id).join(' ') || undefined}
    >
      <button
        type="button"
        aria-label={t('workshop.cellName', { place: label, rating: ratingLabel(rating, notApplicable) })}
        aria-pressed={selected}
        aria-description={marks.description}
        title={marks.title}
        onClick={onSelect}
        data-cell={cell}
        // Scrolled to once selected (MatrixWorkspace): clear of the pinned bar above and, below the wide layout, of the editor sheet.
        className={`h-full min-h-9 w-full scroll-mt-28 scroll-mb-[56vh] px-2 py-1 text-sm hover:underline xl:scroll-mb-0 focus:outline-2 focus:outline-offset-[-4px] focus:outline-stone-900 ${selected ? 'font-semibold underline decoration-2' : ''}`}
      >
        {notApplicable ? '–' : ratingLabel(rating)}
      </button>
    </td>
  );
}

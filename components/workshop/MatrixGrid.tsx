'use client';
import { useId, useState, type KeyboardEvent } from 'react';
import { cellKey } from '@/server/collab/document';
import type { MaybeRating } from '@/server/domain/rating';
import { ratingLabel, RatingCell } from '../assessment/RatingCell';
import { SideScrollBox } from '../assessment/SideScrollBox';
import { TableCaption } from '../assessment/TableCaption';
import { pinned } from '../assessment/table-layout';
import { presenceMarks, RINGS_DEPTH_PX } from '../collab/presence-marks';
import type { Person } from '../collab/presence';
import { t } from '../i18n/messages';
import { ratingData, ratingStyle } from './colours';
import { gridMove, type GridPlace } from './grid-keys';
import type { MatrixView } from './matrix';
import type { Names } from './names';

const border = 'border border-stone-300 px-2 py-1';
/** The threat column stays in view while the targets scroll sideways (phones, many targets). */
const threatColumn = `${border} ${pinned} bg-white text-left`;

/**
 * Threats × top-level targets, each cell its computed rating in Miradi's colour;
 * threat summaries on the right, target summaries and the overall rating below.
 *
 * It stays a table (screen readers' table commands name each cell's threat and
 * target), and is one Tab stop: the cell last focused takes Tab, the arrows move
 * between cells (roving focus, as in ARIA's grid pattern), and Enter or Space opens
 * the editor. `byKeyboard` tells the opener whether to move the focus into it.
 */
export function MatrixGrid({ caption, threats, targets, matrix, names, selected, onSelect, byFocus }: {
  caption: string;
  threats: readonly { id: string; name: string }[];
  targets: readonly { id: string; name: string }[];
  matrix: MatrixView;
  names: Names;
  selected: string | null;
  onSelect: (threatId: string, targetId: string, byKeyboard: boolean) => void;
  byFocus: Map<string, Person[]>;
}) {
  const { summary } = matrix;
  const hintId = useId();
  const [focused, setFocused] = useState<string | null>(null);
  const first = threats[0] && targets[0] ? cellKey(threats[0].id, targets[0].id) : null;
  // Tab lands where the person last was; a cell gone from the matrix (or none yet) gives way to the selected or first one.
  const tabStop = [focused, selected].find((key) => key !== null && matrix.values.has(key)) ?? first;

  const move = (event: KeyboardEvent<HTMLButtonElement>, at: GridPlace) => {
    if (event.altKey || event.metaKey || event.shiftKey) return;
    const to = gridMove(event.key, event.ctrlKey, at, { rows: threats.length, cols: targets.length });
    if (!to) return;
    event.preventDefault(); // the arrows would otherwise scroll the page
    const key = cellKey(threats[to.row]!.id, targets[to.col]!.id);
    event.currentTarget.closest('table')?.querySelector<HTMLElement>(`[data-cell="${CSS.escape(key)}"]`)?.focus();
  };

  return (
    <>
      <p id={hintId} className="text-xs text-stone-600">{t('workshop.gridKeys')}</p>
      <SideScrollBox>
        <table aria-describedby={hintId} className="w-full border-collapse bg-white text-sm">
          <TableCaption>{caption}</TableCaption>
          <thead>
            <tr>
              <th scope="col" className={threatColumn}>{t('assessment.threatsHeader')}</th>
              {targets.map((target) => <th key={target.id} scope="col" className={`${border} w-28`}>{target.name}</th>)}
              <th scope="col" className={`${border} w-28 bg-stone-100`}>{t('workshop.threatSummary')}</th>
            </tr>
          </thead>
          <tbody>
            {threats.map((threat, row) => (
              <tr key={threat.id}>
                <th scope="row" className={`${threatColumn} font-normal`}>{threat.name}</th>
                {targets.map((target, col) => {
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
                      tabStop={tabStop === key}
                      people={byFocus.get(key)}
                      onSelect={(byKeyboard) => onSelect(threat.id, target.id, byKeyboard)}
                      onFocus={() => setFocused(key)}
                      onKeyDown={(event) => move(event, { row, col })}
                    />
                  );
                })}
                <RatingCell rating={summary.threatSummaries[threat.id] ?? null} notApplicable={matrix.notApplicableThreats.has(threat.id)} />
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" className={`${threatColumn} font-semibold`}>{t('workshop.targetSummary')}</th>
              {targets.map((target) => <RatingCell key={target.id} rating={summary.targetSummaries[target.id] ?? null} />)}
              <RatingCell rating={summary.overall} />
            </tr>
          </tfoot>
        </table>
      </SideScrollBox>
    </>
  );
}

function GridCell({ cell, label, rating, notApplicable, selected, tabStop, people, onSelect, onFocus, onKeyDown }: {
  cell: string;
  label: string;
  rating: MaybeRating;
  notApplicable: boolean;
  selected: boolean;
  tabStop: boolean;
  people: Person[] | undefined;
  onSelect: (byKeyboard: boolean) => void;
  onFocus: () => void;
  onKeyDown: (event: KeyboardEvent<HTMLButtonElement>) => void;
}) {
  const marks = presenceMarks(people);
  return (
    <td
      className={`border border-stone-300 p-0 text-center ${marks.className}`}
      style={{ ...ratingStyle(rating), ...marks.style }}
      data-rating={ratingData(rating, notApplicable)}
      data-present={people?.map((p) => p.user.id).join(' ') || undefined}
    >
      <button
        type="button"
        tabIndex={tabStop ? 0 : -1}
        aria-label={t('workshop.cellName', { place: label, rating: ratingLabel(rating, notApplicable) })}
        aria-pressed={selected}
        aria-description={marks.description}
        title={marks.title}
        // A click from Enter, Space or assistive technology has no pointer behind it (detail 0).
        onClick={(event) => onSelect(event.detail === 0)}
        onFocus={onFocus}
        onKeyDown={onKeyDown}
        data-cell={cell}
        // The focus outline inside the rings of the people on the cell: neither hides the other.
        style={{ outlineOffset: `-${RINGS_DEPTH_PX + 2}px` }}
        // Scrolled to once selected (MatrixWorkspace) or focused: the window's scroll padding keeps it clear of the
        // pinned bar above (RoomBar), its box's margin of the copied column headers (SideScrollBox), and, below the
        // wide layout, this margin of the editor sheet.
        className={`h-full min-h-9 w-full scroll-mb-[56vh] px-2 py-1 text-sm hover:underline xl:scroll-mb-0 focus:outline-2 focus:outline-stone-900 ${selected ? 'font-semibold underline decoration-2' : ''}`}
      >
        {notApplicable ? '–' : ratingLabel(rating)}
      </button>
    </td>
  );
}

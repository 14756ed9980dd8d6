'use client';
import { readCell, readThreat, writeThreat } from '@/server/collab/document';
import { cellRating } from '@/server/domain/rating';
import { ratesCells, type AssessmentMode, type TeamKind } from '@/server/domain/method';
import { ratingLabel } from '../assessment/RatingCell';
import type { RoomView } from '../collab/useRoom';
import { t } from '../i18n/messages';
import { usePanelInView } from '../layout/usePanelInView';
import { HistoryPanel } from '../workshop/HistoryPanel';
import { RationaleField } from '../workshop/RationaleField';
import { spreadLabel } from './SpreadCell';
import type { ComparisonRow } from './compare';
import { SMALL_BUTTON } from '../layout/buttons';
import { closeOnEscape } from '../layout/escape';

interface Team { id: string; landscape: string; kind: TeamKind }

/** One threat under discussion: each team's value and rationale, the agreed rationale and its history. */
export function AgreedDetails({ assessmentId, mode, row, teams, targets, views, agreed, onClose }: {
  assessmentId: string;
  mode: AssessmentMode;
  row: ComparisonRow;
  teams: readonly Team[];
  /** The targets a detailed assessment's cells are rated against, in the plan's order. */
  targets: readonly { id: string; name: string }[];
  views: readonly RoomView[];
  agreed: { team: Team; view: RoomView } | null;
  onClose: () => void;
}) {
  const threatId = row.threat.id;
  const agreedValues = agreed?.view.doc ? readThreat(agreed.view.doc, threatId) : null;
  const { section, heading } = usePanelInView<HTMLElement, HTMLHeadingElement>(threatId);
  return (
    // Long words (an address pasted into a rationale) wrap anywhere rather than widening the page.
    <section ref={section} aria-label={t('comparison.panel')} onKeyDown={closeOnEscape(onClose)} className="flex min-w-0 scroll-mt-2 flex-col gap-3 rounded border border-stone-300 bg-white p-3 [overflow-wrap:anywhere]">
      <div className="flex items-start justify-between gap-2">
        <h2 ref={heading} tabIndex={-1} className="min-w-0 font-semibold">{row.threat.name}</h2>
        <button type="button" onClick={onClose} className={`shrink-0 ${SMALL_BUTTON}`}>
          {t('comparison.close')}
        </button>
      </div>
      <p className="text-sm text-stone-700">{spreadLabel(row.spread)}</p>
      <div>
        <h3 className="text-sm font-semibold">{t('comparison.teamsSaid')}</h3>
        <dl className="flex flex-col gap-1 text-sm">
          {teams.filter((team) => team.kind === 'country').map((team) => {
            const cell = row.cells[team.id]!;
            const doc = views[teams.indexOf(team)]?.doc ?? null;
            // A team that rates cells has no threat-level rationale: its rating is computed.
            const computed = ratesCells({ mode, teamKind: team.kind });
            const rationale = !computed && doc ? readThreat(doc, threatId).rationale : '';
            return (
              <div key={team.id}>
                <dt className="font-medium">{team.landscape}: {ratingLabel(cell.rating, cell.notApplicable)}</dt>
                <dd className="pl-3 text-stone-700">
                  {computed ? <TeamCells doc={doc} threatId={threatId} targets={targets} team={team.landscape} /> : rationale}
                </dd>
              </div>
            );
          })}
        </dl>
      </div>
      {agreed && agreedValues && (
        <>
          <RationaleField
            key={threatId}
            label={t('comparison.agreedRationale')}
            value={agreedValues.rationale}
            disabled={agreed.view.readOnly}
            onCommit={(rationale) => { if (agreed.view.doc && !agreed.view.readOnly) writeThreat(agreed.view.doc, threatId, { rationale }); }}
          />
          <HistoryPanel
            assessmentId={assessmentId}
            teamId={agreed.team.id}
            threatId={threatId}
            targetId={null}
            place={`${agreed.team.landscape}: ${row.threat.name}`}
            revision={JSON.stringify(agreedValues)}
          />
        </>
      )}
    </section>
  );
}

/** What a team entered per target for this threat: the cells its summary is computed from, with their rationales. */
function TeamCells({ doc, threatId, targets, team }: {
  doc: RoomView['doc'];
  threatId: string;
  targets: readonly { id: string; name: string }[];
  team: string;
}) {
  return (
    <>
      <i>{t('comparison.computedFromCells')}</i>
      {doc && (
        <ul aria-label={t('comparison.teamCells', { team })} className="mt-1 flex flex-col gap-0.5">
          {targets.map((target) => {
            const values = readCell(doc, threatId, target.id);
            return (
              <li key={target.id}>
                {target.name}: {ratingLabel(cellRating(values), values.notApplicable)}
                {values.rationale && <span className="block pl-3 text-xs">{values.rationale}</span>}
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}

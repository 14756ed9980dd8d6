'use client';
import { useEffect, useMemo, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { cellKey, writeCell } from '@/server/collab/document';
import { ratingLabel } from '../assessment/RatingCell';
import type { Person } from '../collab/presence';
import type { RoomView } from '../collab/useRoom';
import { t } from '../i18n/messages';
import { CellEditor, focusIntoEditor } from './CellEditor';
import { ratingStyle } from './colours';
import { HistoryPanel } from './HistoryPanel';
import { MatrixGrid } from './MatrixGrid';
import { readMatrix } from './matrix';
import type { Names } from './names';
import { closeOnEscape } from '../layout/escape';

/** On wide screens, the editor's column: just below the pinned bar, and scrolling by itself when taller than the window below it. */
const PINNED_BELOW_BAR = 'xl:sticky xl:inset-x-auto xl:bottom-auto xl:top-[calc(var(--room-bar-height,0px)_+_0.5rem)] xl:max-h-[calc(100vh_-_var(--room-bar-height,0px)_-_1rem)] xl:self-start';

const cellButton = (key: string) => document.querySelector<HTMLElement>(`[data-cell="${CSS.escape(key)}"]`);

/** A country team's threat × target matrix: the grid, and the selected cell's editor and history. */
export function MatrixWorkspace({ assessmentId, team, threats, targets, view, names, byFocus }: {
  assessmentId: string;
  team: { id: string; name: string };
  threats: readonly { id: string; name: string }[];
  targets: readonly { id: string; name: string }[];
  view: RoomView;
  names: Names;
  byFocus: Map<string, Person[]>;
}) {
  const [selected, setSelected] = useState<{ threatId: string; targetId: string } | null>(null);
  const selectedKey = selected ? cellKey(selected.threatId, selected.targetId) : null;
  const revision = view.snapshot?.revision ?? 0;
  const { doc, room } = view;
  const matrix = useMemo(
    () => readMatrix(doc, threats.map((x) => x.id), targets.map((x) => x.id)),
    [doc, revision, threats, targets], // eslint-disable-line react-hooks/exhaustive-deps
  );

  const editor = useRef<HTMLElement>(null);

  // By keyboard the person goes where they asked to: into the editor (rendered first, to have somewhere to go).
  const open = (threatId: string, targetId: string, byKeyboard: boolean) => {
    if (byKeyboard) {
      flushSync(() => setSelected({ threatId, targetId }));
      focusIntoEditor(editor.current);
    } else {
      setSelected({ threatId, targetId });
    }
  };
  // And back to the cell they came from, not to the page's start, when it closes.
  const close = () => {
    if (selectedKey) cellButton(selectedKey)?.focus(); // leaving a picker or the rationale first saves what it held
    setSelected(null);
  };

  useEffect(() => room?.setFocus(selectedKey), [room, selectedKey]);
  useEffect(() => {
    if (!selectedKey) return;
    // After the editor has opened (on a phone, a sheet over the lower part of the window), keep the cell in sight.
    const frame = requestAnimationFrame(() => cellButton(selectedKey)?.scrollIntoView({ block: 'nearest' }));
    return () => cancelAnimationFrame(frame);
  }, [selectedKey]);

  const values = selectedKey ? matrix.values.get(selectedKey) : undefined;
  return (
    <div className="grid gap-4 xl:grid-cols-[minmax(0,1fr)_19rem]">
      <div className={`flex min-w-0 flex-col gap-2 ${selected ? 'pb-[55vh] xl:pb-0' : ''}`}>
        <p className="flex items-center gap-2 text-sm">
          <span className="font-medium">{t('workshop.overall')}:</span>
          <output aria-label={t('workshop.overall')} className="rounded border border-stone-300 px-2 py-0.5" style={ratingStyle(matrix.summary.overall)}>
            {ratingLabel(matrix.summary.overall)}
          </output>
        </p>
        <MatrixGrid
          caption={t('workshop.matrixCaption', { team: team.name })}
          threats={threats}
          targets={targets}
          matrix={matrix}
          names={names}
          selected={selectedKey}
          onSelect={open}
          byFocus={byFocus}
        />
      </div>
      {/* Below the wide layout the selected cell's editor is a sheet at the bottom of the window, not below every row;
          in the wide layout it stays pinned under the bar at the top (RoomBar), wherever in the matrix the person is. */}
      <aside onKeyDown={selected ? closeOnEscape(close) : undefined} className={selected ? `fixed inset-x-0 bottom-0 z-30 flex max-h-[55vh] flex-col gap-3 overflow-y-auto border-t border-stone-300 bg-stone-50 p-3 shadow-2xl xl:z-auto xl:border-0 xl:bg-transparent xl:p-0 xl:shadow-none ${PINNED_BELOW_BAR}` : 'flex flex-col gap-3'}>
        {selected && values ? (
          <>
            <CellEditor
              key={selectedKey}
              title={names.cell(selected.threatId, selected.targetId)}
              values={values}
              readOnly={view.readOnly}
              onChange={(patch) => { if (doc && !view.readOnly) writeCell(doc, selected.threatId, selected.targetId, patch); }}
              ref={editor}
              onClose={close}
            />
            <HistoryPanel
              assessmentId={assessmentId}
              teamId={team.id}
              threatId={selected.threatId}
              targetId={selected.targetId}
              place={names.cell(selected.threatId, selected.targetId)}
              revision={JSON.stringify(values)}
            />
          </>
        ) : (
          <p className="rounded border border-dashed border-stone-300 p-3 text-sm text-stone-600">{t(view.canWrite ? 'editor.pick' : 'editor.pickToRead')}</p>
        )}
      </aside>
    </div>
  );
}

'use client';
import { useSyncExternalStore } from 'react';
import type { ReachableStatus } from '@/server/domain/policy';

/**
 * The status moves this tab made itself, until its page shows the new status.
 * Its own rooms hear of them over the socket like everyone's (often before the
 * move's reply), but the notice meant for others — "a facilitator has closed
 * this assessment, reload the page" — is no news to the facilitator who pressed
 * the button, and their page refreshes by itself.
 */
const moving = new Map<string, ReachableStatus>();
const listeners = new Set<() => void>();

function changed() {
  for (const listener of listeners) listener();
}

export function startOwnMove(assessmentId: string, to: ReachableStatus) {
  moving.set(assessmentId, to);
  changed();
}

export function endOwnMove(assessmentId: string) {
  if (moving.delete(assessmentId)) changed();
}

/** Whether this tab is closing the assessment itself (so its rooms need not say so). */
export function useClosingHere(assessmentId: string | null): boolean {
  return useSyncExternalStore(
    (listener) => { listeners.add(listener); return () => listeners.delete(listener); },
    () => assessmentId !== null && moving.get(assessmentId) === 'closed',
    () => false,
  );
}

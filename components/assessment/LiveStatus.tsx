'use client';
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import type { AssessmentStatus } from '@/server/domain/policy';
import { t } from '../i18n/messages';

/**
 * The assessment's status as the page's sockets last heard it. The server rendered the page with the status of
 * that moment; another facilitator may move it on while the page stays open, and the heading and the status
 * control should follow without a reload (the page's content stays as rendered, with its notice, so that nothing
 * being worked on is lost).
 */
const LiveStatusContext = createContext<{ status: AssessmentStatus; heard(status: AssessmentStatus): void } | null>(null);

export function LiveStatusProvider({ rendered, children }: { rendered: AssessmentStatus; children: ReactNode }) {
  const [heard, setHeard] = useState<AssessmentStatus | null>(null);
  // A new render of the page (after a refresh or a move of one's own) is the newest word.
  useEffect(() => setHeard(null), [rendered]);
  return <LiveStatusContext.Provider value={{ status: heard ?? rendered, heard: setHeard }}>{children}</LiveStatusContext.Provider>;
}

/** The status to show: as last heard on the page's sockets, else as rendered. */
export function useLiveStatus(rendered: AssessmentStatus): AssessmentStatus {
  return useContext(LiveStatusContext)?.status ?? rendered;
}

/** Passes on what the page's sockets said (null: nothing yet). */
export function useHeardStatus(said: AssessmentStatus | null): void {
  const context = useContext(LiveStatusContext);
  const heard = context?.heard;
  useEffect(() => { if (said !== null) heard?.(said); }, [said, heard]);
}

export function LiveStatusText({ rendered }: { rendered: AssessmentStatus }) {
  return <>{t(`assessment.status.${useLiveStatus(rendered)}`)}</>;
}

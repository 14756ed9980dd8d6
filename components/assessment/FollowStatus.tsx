'use client';
import { useRouter } from 'next/navigation';
import { useEffect } from 'react';
import type { AssessmentStatus } from '@/server/domain/policy';
import { useRoom } from '../collab/useRoom';
import { useHeardStatus } from './LiveStatus';

/**
 * On the page of a closed assessment, which shows stored results and no live documents: listens on one of its
 * rooms (read-only, without the browser's copy) for the status, so the page follows a facilitator who reopens
 * or publishes it elsewhere (it holds nothing being worked on, so it simply shows the page anew).
 */
export function FollowStatus({ assessmentId, teamId, userId, rendered }: { assessmentId: string; teamId: string; userId: string; rendered: AssessmentStatus }) {
  const view = useRoom({ assessmentId, teamId, canWrite: false, localCopy: false }, userId);
  const said = view.snapshot?.assessment ?? null;
  const moved = said !== null && said !== rendered;
  // The heading keeps the status the page shows until the page itself has followed: "open" above a read-only
  // table would be wrong for the moment the refresh takes.
  useHeardStatus(moved ? null : said);
  const router = useRouter();
  useEffect(() => { if (moved) router.refresh(); }, [moved, router]);
  return null;
}

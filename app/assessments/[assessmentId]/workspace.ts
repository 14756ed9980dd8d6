import { cache } from 'react';
import { serverApi } from '@/server/trpc/server-caller';

/** An assessment's workspace, loaded once per request for its pages and their titles. */
export const loadWorkspace = cache(async (assessmentId: string) => (await serverApi()).api.assessment.workspace({ assessmentId }));

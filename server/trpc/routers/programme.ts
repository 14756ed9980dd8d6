import { z } from 'zod';
import { getProgrammeOverview, listProgrammes } from '../../services/programme';
import { programmeProcedure, protectedProcedure, router } from '../init';

export const programmeRouter = router({
  list: protectedProcedure.input(z.void()).query(({ ctx }) => listProgrammes(ctx.services, ctx.actor)),
  overview: programmeProcedure.query(({ ctx, input }) => getProgrammeOverview(ctx.services, input.programmeId)),
});

import { z } from 'zod';
import { protectedProcedure, router } from '../init';

export const userRouter = router({
  me: protectedProcedure.input(z.void()).query(({ ctx }) => ctx.actor),
});

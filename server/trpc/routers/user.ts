import { protectedProcedure, router } from '../init';

export const userRouter = router({
  me: protectedProcedure.query(({ ctx }) => ctx.actor),
});

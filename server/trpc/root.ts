import { createCallerFactory, router } from './init';
import { assessmentRouter } from './routers/assessment';
import { collabRouter } from './routers/collab';
import { inviteRouter } from './routers/invite';
import { programmeRouter } from './routers/programme';
import { ratingRouter } from './routers/rating';
import { userRouter } from './routers/user';

export const appRouter = router({
  programme: programmeRouter,
  assessment: assessmentRouter,
  rating: ratingRouter,
  invite: inviteRouter,
  user: userRouter,
  collab: collabRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);

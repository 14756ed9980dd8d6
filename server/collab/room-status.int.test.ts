import { afterAll, beforeAll, expect, it } from 'vitest';
import { DocumentStore } from './persistence';
import { roomName, type RoomRef } from './protocol';
import { Rooms } from './rooms';
import { createAssessment } from '../testing/collab';
import { openWorld, type World } from '../testing/world';

/**
 * Closing an assessment stops its open rooms at once: a slow load of another assessment's room (a large document,
 * a busy database) must not leave them taking writes after the close is stored.
 */
let world: World;
beforeAll(async () => {
  world = await openWorld();
});
afterAll(async () => world?.close());

/** Storage whose loads of one room never finish; `reached` settles when one has begun. */
class StuckStore extends DocumentStore {
  private begun!: () => void;
  readonly reached = new Promise<void>((resolve) => { this.begun = resolve; });
  constructor(private readonly stuck: string) {
    super(world.handle.db);
  }
  override load(room: string) {
    if (room !== this.stuck) return super.load(room);
    this.begun();
    return new Promise<never>(() => undefined);
  }
}

it('the loaded rooms of a closed assessment hear of it before any other room finishes loading', async () => {
  const closing: RoomRef = { assessmentId: await createAssessment(world, 'Closing now'), teamId: world.team('china').id };
  const slow: RoomRef = { assessmentId: await createAssessment(world, 'Loading slowly'), teamId: world.team('china').id };
  const store = new StuckStore(roomName(slow));
  const rooms = new Rooms(world.handle.db, store);
  const room = await rooms.acquire(closing);
  const heard: string[] = [];
  room.statusListeners.add((status) => heard.push(status));
  void rooms.acquire(slow);
  await store.reached;

  const told = rooms.statusChanged(closing.assessmentId, 'closed');
  const waited = new Promise((resolve) => setTimeout(() => resolve('still waiting'), 1000));
  await expect(Promise.race([told.then(() => 'told'), waited])).resolves.toBe('told');
  expect(room.status).toBe('closed');
  expect(heard).toEqual(['closed']);
});

'use client';
import { useEffect } from 'react';
import type { RoomConnection } from './room';
import { userColour } from './presence';

/** Shows the viewer in a room (the server replaces `user` with the signed-in user). */
export function usePresence(room: RoomConnection | null, viewer: { userId: string; name: string } | null): void {
  const userId = viewer?.userId ?? null;
  const name = viewer?.name ?? null;
  useEffect(() => {
    if (!room) return;
    const focus = (room.awareness.getLocalState()?.focus as string | null | undefined) ?? null;
    room.setPresence(userId && name ? { user: { id: userId, name, colour: userColour(userId) }, focus } : null);
  }, [room, userId, name]);
}

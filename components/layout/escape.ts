import type { KeyboardEvent } from 'react';

/**
 * A panel's key handler: Escape closes it, from anywhere inside, unless something within had its own use of it
 * first (a picker taking back a level not saved yet) or it ends an input method's composition.
 */
export const closeOnEscape = (close: () => void) => (event: KeyboardEvent) => {
  if (event.key !== 'Escape' || event.defaultPrevented || event.nativeEvent.isComposing) return;
  event.preventDefault();
  close();
};

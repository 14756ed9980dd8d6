'use client';
import { useEffect, type RefObject } from 'react';

/** The pinned bar's height, for whatever must sit or scroll clear of it (`var(--room-bar-height)`). */
export const PINNED_HEIGHT = '--room-bar-height';

/**
 * Publishes the height of a bar pinned to the top of the window, and makes it the
 * window's scroll padding: focus moving by keyboard and `scrollIntoView` then stop
 * below the bar instead of under it. The bar's height changes (people join, alerts
 * show), so it is measured, not guessed.
 */
export function usePinnedHeight(ref: RefObject<HTMLElement | null>) {
  useEffect(() => {
    const bar = ref.current;
    if (!bar) return;
    const root = document.documentElement;
    const publish = () => root.style.setProperty(PINNED_HEIGHT, `${Math.ceil(bar.getBoundingClientRect().height)}px`);
    publish();
    root.style.scrollPaddingTop = `var(${PINNED_HEIGHT})`;
    const observer = new ResizeObserver(publish);
    observer.observe(bar);
    return () => {
      observer.disconnect();
      root.style.removeProperty(PINNED_HEIGHT);
      root.style.removeProperty('scroll-padding-top');
    };
  }, [ref]);
}

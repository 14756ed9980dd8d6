'use client';
import { useEffect, useState, type RefObject } from 'react';
import { overflowEdges, type OverflowEdges } from './overflow-edges';

/** Which sides of a sideways-scrolling box have more past them, kept up as it scrolls, resizes or its content changes. */
export function useOverflowEdges(box: RefObject<HTMLElement | null>): OverflowEdges {
  const [edges, setEdges] = useState<OverflowEdges>('none');
  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const measure = () => setEdges(overflowEdges(element));
    measure();
    element.addEventListener('scroll', measure, { passive: true });
    const resized = new ResizeObserver(measure);
    resized.observe(element);
    const changed = new MutationObserver(measure);
    changed.observe(element, { childList: true, subtree: true, characterData: true });
    return () => {
      element.removeEventListener('scroll', measure);
      resized.disconnect();
      changed.disconnect();
    };
  }, [box]);
  return edges;
}

import { expect, type Locator } from '@playwright/test';

/** Whole in the window and on top at its centre: nothing pinned (the "Online now" bar, a pinned column) covers it. */
export async function expectUncovered(element: Locator) {
  await expect(element).toBeInViewport({ ratio: 1 });
  await expect.poll(() => element.evaluate((el) => {
    const box = el.getBoundingClientRect();
    const top = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    return top !== null && el.contains(top);
  })).toBe(true);
}

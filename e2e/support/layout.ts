import { expect, type Locator, type Page } from '@playwright/test';

/** Whole in the window and on top at its centre: nothing pinned (the "Online now" bar, a pinned column) covers it. */
export async function expectUncovered(element: Locator) {
  await expect(element).toBeInViewport({ ratio: 1 });
  await expect.poll(() => element.evaluate((el) => {
    const box = el.getBoundingClientRect();
    const top = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    return top !== null && el.contains(top);
  })).toBe(true);
}

/** The colour painted at a point of the page (CSS pixels, at scale 1), as `rgb(r, g, b)`: what a person sees there. */
export async function paintedAt(page: Page, x: number, y: number): Promise<string> {
  const png = await page.screenshot({ clip: { x: Math.round(x), y: Math.round(y), width: 1, height: 1 } });
  return page.evaluate(async (data) => {
    const bitmap = await createImageBitmap(await (await fetch(`data:image/png;base64,${data}`)).blob());
    const canvas = new OffscreenCanvas(1, 1);
    const context = canvas.getContext('2d')!;
    context.drawImage(bitmap, 0, 0);
    const [r, g, b] = context.getImageData(0, 0, 1, 1).data;
    return `rgb(${r}, ${g}, ${b})`;
  }, png.toString('base64'));
}

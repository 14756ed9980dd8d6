import type { Metadata } from 'next';

/** A page's title from what it loads, or none (the app's name alone) if that fails: the page itself says why. */
export async function pageTitle<T>(loading: Promise<T>, title: (loaded: T) => string | undefined): Promise<Metadata> {
  return { title: await loading.then(title, () => undefined) };
}

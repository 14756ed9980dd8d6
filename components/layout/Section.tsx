import type { ReactNode } from 'react';

export function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section aria-label={title}>
      <h2 className="mb-2 border-b border-stone-200 pb-1 text-lg font-semibold">{title}</h2>
      {children}
    </section>
  );
}

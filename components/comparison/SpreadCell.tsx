import { t } from '../i18n/messages';

export function spreadLabel(levels: number | null): string {
  if (levels === null) return t('comparison.apart.unknown');
  if (levels === 0) return t('comparison.agree');
  return levels === 1 ? t('comparison.apart.one') : t('comparison.apart.many', { count: levels });
}

/** How far the country teams are apart on a threat; two levels or more stand out. */
export function SpreadCell({ levels }: { levels: number | null }) {
  const tone = levels === null ? 'text-stone-500' : levels >= 2 ? 'bg-amber-100 font-semibold text-amber-900' : levels === 1 ? 'text-stone-800' : 'text-emerald-800';
  return (
    <td className={`border border-stone-300 px-2 py-1 text-center text-sm ${tone}`} data-spread={levels ?? 'none'}>
      {levels === null ? <><span aria-hidden="true">–</span><span className="sr-only">{spreadLabel(null)}</span></> : spreadLabel(levels)}
    </td>
  );
}

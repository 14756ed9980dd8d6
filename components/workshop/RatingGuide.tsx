import { useId } from 'react';
import { RATING_LEVELS } from '@/server/domain/rating';
import { ratingLabel } from '../assessment/RatingCell';
import { t } from '../i18n/messages';
import { ratingStyle } from './colours';

export const CRITERIA = ['scope', 'severity', 'irreversibility'] as const;

/** Highest level first, as people read a scale. */
const LEVELS = [...RATING_LEVELS].reverse();

/**
 * What Scope, Severity and Irreversibility levels mean and how ratings roll up,
 * folded away until asked for: people rate better when the scale is in front of them.
 */
export function RatingGuide({ ratesCells }: { ratesCells: boolean }) {
  const ids = useId();
  return (
    <details className="rounded border border-stone-200 bg-white px-3 py-2 text-sm">
      <summary className="cursor-pointer font-medium">{t('guide.title')}</summary>
      <div className="mt-2 flex flex-col gap-3">
        {!ratesCells && <p>{t('guide.rapid')}</p>}
        <section aria-labelledby={`${ids}-criteria`}>
          <h3 id={`${ids}-criteria`} className="mb-1 font-semibold">{t('guide.criteria')}</h3>
          <div className="grid gap-3 md:grid-cols-3">
            {CRITERIA.map((criterion) => (
              <dl key={criterion}>
                <dt className="font-medium">{t(`editor.${criterion}`)}</dt>
                <dd className="mb-1 text-stone-700">{t(`criterion.${criterion}.about`)}</dd>
                {LEVELS.map((level) => (
                  <dd key={level} className="flex gap-2">
                    <span className="w-20 shrink-0 self-start rounded px-1 text-center text-xs leading-5" style={ratingStyle(level)}>{ratingLabel(level)}</span>
                    <span>{t(`criterion.${criterion}.${level}`)}</span>
                  </dd>
                ))}
              </dl>
            ))}
          </div>
        </section>
        <section aria-labelledby={`${ids}-rules`}>
          <h3 id={`${ids}-rules`} className="mb-1 font-semibold">{t('guide.rules')}</h3>
          {ratesCells && <p className="mb-1">{t('guide.cell')}</p>}
          <p className="mb-1">{t('guide.summary')}</p>
          <p>{t('guide.overall')}</p>
        </section>
      </div>
    </details>
  );
}

/**
 * A small button beside a table's content (Details, History, Close, Use median…). At least 24 px high, the smallest
 * target WCAG 2.2 allows, and visibly off while disabled (a closed assessment's Use median looked pressable).
 */
export const SMALL_BUTTON = 'min-h-6 rounded border border-stone-300 px-2 py-0.5 text-xs hover:bg-stone-100 disabled:cursor-not-allowed disabled:opacity-50';

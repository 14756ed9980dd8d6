import type { TeamKind } from '@/server/domain/method';
import type { MaybeRating } from '@/server/domain/rating';
import { PerTargetCell, RatingCell } from '../assessment/RatingCell';
import { pinned } from '../assessment/table-layout';

const border = 'border border-stone-300 px-2 py-1 text-sm';

/**
 * A summary row in the table's column order: country teams, the spread column (empty), the agreed column, the details column (empty).
 * `undefined` is a column without that summary (a team rating per target), worded as in the stored table.
 */
export function SummaryRow({ label, teams, agreedIndex, values }: {
  label: string;
  teams: readonly { id: string; kind: TeamKind }[];
  agreedIndex: number;
  values: (MaybeRating | undefined)[];
}) {
  const cell = (i: number) => {
    const value = values[i];
    return value === undefined ? <PerTargetCell key={teams[i]!.id} /> : <RatingCell key={teams[i]!.id} rating={value} />;
  };
  const countryCells = teams.flatMap((team, i) => (team.kind === 'country' ? [cell(i)] : []));
  const agreedCells = agreedIndex >= 0 ? [cell(agreedIndex)] : [];
  return (
    <tr>
      <th scope="row" className={`${border} ${pinned} bg-white text-left font-semibold`}>{label}</th>
      {countryCells}
      <td className="border border-stone-300 bg-stone-50" />
      {agreedCells}
      <td className="border border-stone-300" />
    </tr>
  );
}

import type { TeamKind } from '@/server/domain/method';
import type { MaybeRating } from '@/server/domain/rating';
import { RatingCell } from '../assessment/RatingCell';

const border = 'border border-stone-300 px-2 py-1 text-sm';

/** A summary row in the table's column order: country teams, the spread column (empty), the agreed column, the details column (empty). */
export function SummaryRow({ label, teams, agreedIndex, values }: {
  label: string;
  teams: readonly { id: string; kind: TeamKind }[];
  agreedIndex: number;
  values: (MaybeRating | undefined)[];
}) {
  const cell = (i: number) => {
    const value = values[i];
    return value === undefined ? <td key={teams[i]!.id} className="border border-stone-300" /> : <RatingCell key={teams[i]!.id} rating={value} />;
  };
  const countryCells = teams.flatMap((team, i) => (team.kind === 'country' ? [cell(i)] : []));
  const agreedCells = agreedIndex >= 0 ? [cell(agreedIndex)] : [];
  return (
    <tr>
      <th scope="row" className={`${border} text-left font-semibold`}>{label}</th>
      {countryCells}
      <td className="border border-stone-300 bg-stone-50" />
      {agreedCells}
      <td className="border border-stone-300" />
    </tr>
  );
}

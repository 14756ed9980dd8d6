/** A cell's place in the matrix: its threat's row and its target's column, from 0. */
export interface GridPlace { row: number; col: number }

/**
 * Where a key moves the focus in a rows × cols grid (the keys of ARIA's grid
 * pattern): arrows one cell, Home/End to the row's ends, with Ctrl to the first or
 * last cell. Edges hold (no wrapping). Null: the key is not a move.
 */
export function gridMove(key: string, ctrlKey: boolean, at: GridPlace, size: { rows: number; cols: number }): GridPlace | null {
  let { row, col } = at;
  switch (key) {
    case 'ArrowUp': row -= 1; break;
    case 'ArrowDown': row += 1; break;
    case 'ArrowLeft': col -= 1; break;
    case 'ArrowRight': col += 1; break;
    case 'Home': col = 0; if (ctrlKey) row = 0; break;
    case 'End': col = size.cols - 1; if (ctrlKey) row = size.rows - 1; break;
    default: return null;
  }
  const clamp = (n: number, length: number) => Math.min(Math.max(n, 0), length - 1);
  return { row: clamp(row, size.rows), col: clamp(col, size.cols) };
}

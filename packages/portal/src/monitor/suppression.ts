/**
 * Small-cell suppression: the monitor counts people (referrals), so no count under
 * {@link SMALL_CELL} may be seen, nor worked out from what is seen.
 *
 * - Primary: every cell below the threshold is suppressed (0 included: "nobody" is a fact
 *   about a small group too).
 * - Complementary: where the cells add up to a total that is shown (a partition: months,
 *   practices, decline reasons), one suppressed cell could be computed as the total minus
 *   the shown cells. So while fewer than two cells are suppressed, or the suppressed cells
 *   together count fewer than the threshold, the smallest shown cell is suppressed as well.
 *   A suppressed cell is then one of at least two unknowns that share a sum of at least the
 *   threshold: any one of them could be anything from 0 to that sum.
 * - A total below the threshold is suppressed itself (and then every cell is too).
 *
 * Every suppressed cell looks the same (`{ suppressed: true }`, "< 5" on the page with a
 * footnote), so a reader cannot tell a small cell from one hidden to protect it.
 */

export const SMALL_CELL = 5;

export type Suppressed = { suppressed: true };
/** A count as it leaves the server: the number, or that it is suppressed. */
export type Cell = number | Suppressed;

export const SUPPRESSED: Suppressed = Object.freeze({ suppressed: true }) as Suppressed;

export function isSuppressed(cell: Cell | null | undefined): cell is Suppressed {
  return typeof cell === 'object' && cell !== null && cell.suppressed === true;
}

/** The shown number, or undefined when suppressed. */
export function shownValue(cell: Cell): number | undefined {
  return isSuppressed(cell) ? undefined : cell;
}

/** Primary suppression only: for counts that do not add up to a shown total (a referral has several needs). */
export function suppressCell(count: number, threshold = SMALL_CELL): Cell {
  return count < threshold ? SUPPRESSED : count;
}

export interface SuppressedPartition {
  cells: Cell[];
  total: Cell;
}

/**
 * Suppresses cells that partition `total` (cells sum to the total), primary and
 * complementary. Throws when the cells do not add up: a caller passing a non-partition here
 * would get false safety.
 */
export function suppressPartition(counts: readonly number[], total: number, threshold = SMALL_CELL): SuppressedPartition {
  const sum = counts.reduce((a, b) => a + b, 0);
  if (sum !== total) throw new Error(`suppressPartition: cells add up to ${sum}, not to the total ${total}`);
  for (const c of counts) if (!Number.isInteger(c) || c < 0) throw new Error(`suppressPartition: ${c} is not a count`);

  if (total < threshold) return { cells: counts.map(() => SUPPRESSED), total: SUPPRESSED };
  const hidden = counts.map((c) => c < threshold);
  const needsMore = () => {
    let k = 0;
    let residual = 0;
    hidden.forEach((h, i) => {
      if (h) {
        k++;
        residual += counts[i]!;
      }
    });
    return k > 0 && (k < 2 || residual < threshold);
  };
  while (needsMore()) {
    let next = -1;
    for (let i = 0; i < counts.length; i++) {
      if (!hidden[i] && (next === -1 || counts[i]! < counts[next]!)) next = i;
    }
    // Every cell hidden: the residual is the total (≥ threshold) over ≥ 2 cells (one cell would equal the total).
    if (next === -1) break;
    hidden[next] = true;
  }
  return { cells: counts.map((c, i) => (hidden[i] ? SUPPRESSED : c)), total };
}

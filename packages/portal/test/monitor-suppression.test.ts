/**
 * Small-cell suppression as pure functions: the cases by hand, and properties over random
 * partitions (fast-check) that check with an independent brute force that no suppressed
 * count can be worked out from what is shown.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SMALL_CELL, SUPPRESSED, isSuppressed, suppressCell, suppressPartition, type Cell } from '../src/monitor/suppression.js';

const S = SUPPRESSED;

/**
 * Every value each suppressed cell could have, given the shown cells and the shown total,
 * found by trying every assignment (a reader knows only: counts are whole numbers ≥ 0 that
 * add up to the total). Independent of how suppressPartition chooses.
 */
function possibleValues(cells: readonly Cell[], total: Cell): Array<Set<number>> {
  const hidden = cells.map((c, i) => (isSuppressed(c) ? i : -1)).filter((i) => i >= 0);
  const out = cells.map(() => new Set<number>());
  if (isSuppressed(total)) {
    // Without a total nothing binds them: any value is possible (we only check 0..SMALL_CELL).
    for (const i of hidden) for (let v = 0; v <= SMALL_CELL; v++) out[i]!.add(v);
    return out;
  }
  const residual = total - cells.reduce<number>((a, c) => a + (isSuppressed(c) ? 0 : c), 0);
  const assign = (k: number, left: number, chosen: number[]) => {
    if (k === hidden.length - 1) {
      chosen.push(left);
      chosen.forEach((v, j) => out[hidden[j]!]!.add(v));
      chosen.pop();
      return;
    }
    for (let v = 0; v <= left; v++) assign(k + 1, left - v, [...chosen, v]);
  };
  if (hidden.length > 0) assign(0, residual, []);
  return out;
}

describe('suppressCell', () => {
  it('hides every count under 5, zero included, and shows 5 and more', () => {
    expect([0, 1, 4, 5, 17].map((n) => suppressCell(n))).toEqual([S, S, S, 5, 17]);
  });
});

describe('suppressPartition', () => {
  it('shows everything when no cell is small', () => {
    expect(suppressPartition([5, 9, 12], 26)).toEqual({ cells: [5, 9, 12], total: 26 });
  });

  it('hides the next-smallest cell too when the total would reveal the one small cell', () => {
    // Total 31 minus 20 and 8 would give the 3: so the 8 goes too.
    expect(suppressPartition([20, 3, 8], 31)).toEqual({ cells: [20, S, S], total: 31 });
  });

  it('keeps hiding while the hidden cells together are fewer than 5', () => {
    // 1 + 2 hidden: their sum 3 would still say "both tiny"; the 6 joins them.
    expect(suppressPartition([1, 2, 6, 30], 39)).toEqual({ cells: [S, S, S, 30], total: 39 });
    // Two zeros: the total minus the shown cells is 0, so both would be known; the 7 joins.
    expect(suppressPartition([0, 0, 7, 9], 16)).toEqual({ cells: [S, S, S, 9], total: 16 });
  });

  it('hides the total (and so every cell) when the total itself is small', () => {
    expect(suppressPartition([1, 3], 4)).toEqual({ cells: [S, S], total: S });
  });

  it('refuses cells that do not add up to the total', () => {
    expect(() => suppressPartition([2, 3], 6)).toThrow('cells add up to 5, not to the total 6');
  });

  const partitions = fc.array(fc.nat({ max: 14 }), { minLength: 1, maxLength: 5 });

  it('property: no shown cell and no shown total is under 5, and shown cells keep their value', () => {
    fc.assert(
      fc.property(partitions, (counts) => {
        const total = counts.reduce((a, b) => a + b, 0);
        const r = suppressPartition(counts, total);
        r.cells.forEach((c, i) => {
          if (!isSuppressed(c)) {
            expect(c).toBe(counts[i]);
            expect(c).toBeGreaterThanOrEqual(SMALL_CELL);
          } else if (counts[i]! >= SMALL_CELL) {
            // A complementary cell: only hidden because a small one is.
            expect(counts.some((n) => n < SMALL_CELL)).toBe(true);
          }
        });
        if (!isSuppressed(r.total)) expect(r.total).toBe(total);
        else expect(total).toBeLessThan(SMALL_CELL);
        counts.forEach((n, i) => {
          if (n < SMALL_CELL) expect(isSuppressed(r.cells[i])).toBe(true);
        });
      }),
      { numRuns: 500 },
    );
  });

  it('property: no suppressed cell can be derived from the shown cells and total', () => {
    fc.assert(
      fc.property(partitions, (counts) => {
        const total = counts.reduce((a, b) => a + b, 0);
        const r = suppressPartition(counts, total);
        const possible = possibleValues(r.cells, r.total);
        r.cells.forEach((c, i) => {
          if (isSuppressed(c)) {
            expect(possible[i]!.has(counts[i]!)).toBe(true);
            expect(possible[i]!.size).toBeGreaterThan(1);
          }
        });
      }),
      { numRuns: 500 },
    );
  });
});

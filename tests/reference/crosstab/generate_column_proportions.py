"""Reference values for the SPSS Custom Tables "compare column proportions" test (CTABLES
/COMPARETEST TYPE=PROP ADJUST=BONFERRONI STYLE=SIMPLE; CROSSTABS /CELLS=BPROP uses the same z
tests), for the crosstab module of `satisfaction`.

Writes four CSV files beside this script; `cargo test` reads them and needs no Python.
Regenerate from the repository root with

    python3 -m venv /tmp/refvenv && /tmp/refvenv/bin/pip install numpy scipy statsmodels
    /tmp/refvenv/bin/python tests/reference/crosstab/generate_column_proportions.py

Generated with Python 3.11.7, numpy 2.4.6, scipy 1.17.1, statsmodels 0.15.0 (numpy's
default_rng(20261207) draws the random tables; the output is deterministic).

The algorithm (sources and open questions: /work/notes/spss_column_proportions.md, summarised
here). Rows and columns are 0-based; column c carries the key letter chr(ord('A') + c).

 1. One family of tests per row of the (innermost) subtable; only the categories of the column
    variable take part, never a total or subtotal column (IBM, "Effects of Nesting and Stacking
    on Column Proportions Tests": "a separate set of pairwise tests is performed for each
    innermost subtable").
 2. Cell count x[r][c] (sum of case weights when weighted), column base N[c] = sum over the rows
    of x[.][c], column proportion p[r][c] = x[r][c] / N[c] (empty when N[c] = 0).
 3. A cell takes part in its row's comparisons only if N[c] >= 2 and 0 < p[r][c] < 1 (the two
    SPSS footnotes "This category is not used in comparisons because the sum of case weights is
    less than two." and "... because its column proportion is equal to zero or one."). So a row
    of zeros has no comparison and a column with base 0 or 1 never takes part.
 4. Every pair (i < j) of taking-part columns in the row is tested with the two-sided pooled
    two-proportion z test
        pbar = (x[r][i] + x[r][j]) / (n_i + n_j),
        z = (p[r][i] - p[r][j]) / sqrt(pbar (1 - pbar) (1/n_i + 1/n_j)),
        p = 2 (1 - Phi(|z|))
    (IBM SPSS Statistics Algorithms, CROSSTABS and CTABLES "column proportions test", as
    implemented by expss::compare_proportions, P. Stikker's ph_column_proportion and
    IBMPredictiveAnalytics/ColPropTest). Unweighted: n = N (the column count) and z, p come
    from statsmodels.stats.proportion.proportions_ztest (pooled by default) on the two counts.
 5. Weighted (CTABLES /WEIGHT effective-base weight; weights are not rounded): p[r][c] and pbar
    use weighted counts (sums of weights), while n_i in the variance is the column's Kish
    effective base  n_eff[c] = (sum of w)^2 / (sum of w^2)  over the respondents of column c
    (all of them, not only those of row r). z and p are computed here with that formula (scipy
    normal tail); base_i/base_j in pairs.csv are then the effective bases. UNCERTAIN: whether
    SPSS pools with weighted counts (done here) or with effective-base-weighted proportions,
    see the notes file.
 6. Bonferroni: within the row, p_bonferroni = min(1, p * m) where m = k (k - 1) / 2 is the
    number of pairs among the k columns that take part in that row (statsmodels
    multipletests(method="bonferroni") on that row's p-values). UNCERTAIN: the exact m SPSS
    uses when some columns are excluded from the row (see notes); n_comparisons in pairs.csv
    carries the m used so a test can see it.
 7. A pair is significant at alpha when p_bonferroni <= alpha (COMPARETEST ALPHA: "significance
    values less than or equal to" the level).
 8. Letters (STYLE=SIMPLE): for each significant pair the key letter of the column with the
    smaller proportion goes into the cell of the column with the larger proportion; a cell's
    letters are written in column order without separators ("" when none).

Files:
- tables.csv: table, row, column, count (integer count, or repr of the weighted count);
  every cell of every table, zeros included, so the shape of a table is its max row/column + 1.
- respondents.csv: table, row, column, weight, one line per respondent of the weighted tables
  (w4x3, w3x3_small), from which tables.csv's weighted counts and the effective bases are
  rebuilt (sum in file order).
- pairs.csv: table, row, col_i, col_j, p_i, p_j, base_i, base_j, z, p, p_bonferroni, sig05,
  sig10, tested, n_comparisons for every row and every pair i < j of columns. base is N[c]
  (unweighted) or n_eff[c] (weighted). z, p and p_bonferroni are empty and sig05 = sig10 =
  tested = 0 when the pair is not tested (step 3). Floats are printed with repr (shortest
  round-trip), booleans as 1/0.
- letters.csv: table, alpha, row, column, letters for alpha 0.05 and 0.1 and every cell.
"""

import csv
import math
import os

import numpy as np
from scipy import stats
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.proportion import proportions_ztest

HERE = os.path.dirname(os.path.abspath(__file__))
ALPHAS = [0.05, 0.1]
rng = np.random.default_rng(20261207)


def fmt(v):
    if v is None:
        return ""
    if isinstance(v, str):
        return v
    if isinstance(v, (bool, np.bool_)):
        return "1" if v else "0"
    if isinstance(v, (int, np.integer)):
        return str(int(v))
    v = float(v)
    if math.isnan(v):
        return ""
    return repr(v)


def write(name, header, rows):
    with open(os.path.join(HERE, name), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        for row in rows:
            w.writerow([fmt(v) for v in row])
    print(f"{name}: {len(rows)} rows")


def multinomial_columns(bases, probs):
    """Counts table (rows x columns): column c is a multinomial draw of bases[c] over probs[c]."""
    cols = [rng.multinomial(n, np.asarray(p, dtype=float) / np.sum(p)) for n, p in zip(bases, probs)]
    return np.array(cols, dtype=np.int64).T


def respondents_from(bases, probs, weight_sampler):
    """Respondent list (row, column, weight) for a weighted table."""
    out = []
    for c, (n, p) in enumerate(zip(bases, probs)):
        p = np.asarray(p, dtype=float) / np.sum(p)
        for _ in range(n):
            r = int(rng.choice(len(p), p=p))
            out.append((r, c, weight_sampler()))
    return out


def lognormal_weight():
    # survey-like adjustment weights, rounded to 3 decimals so the CSV holds them exactly as used
    return round(float(np.exp(rng.normal(0.0, 0.55))), 3)


# ---------------------------------------------------------------- tables
unweighted = {}
weighted = {}  # name -> (n_rows, n_cols, [(row, col, weight)])

# 3x4, ordinary sizes, real differences between columns
unweighted["u3x4"] = multinomial_columns(
    [64, 87, 45, 120],
    [[0.50, 0.30, 0.20], [0.30, 0.40, 0.30], [0.20, 0.30, 0.50], [0.42, 0.38, 0.20]],
)

# 5x6 with structural zero cells and a row of zeros (row 3)
u56 = multinomial_columns(
    [55, 70, 38, 90, 25, 60],
    [
        [0.30, 0.25, 0.20, 0.00, 0.25],
        [0.10, 0.40, 0.20, 0.00, 0.30],
        [0.45, 0.00, 0.25, 0.00, 0.30],
        [0.25, 0.25, 0.25, 0.00, 0.25],
        [0.00, 0.30, 0.40, 0.00, 0.30],
        [0.20, 0.20, 0.10, 0.00, 0.50],
    ],
)
assert (u56[3] == 0).all()
unweighted["u5x6_zeros"] = u56

# a column (C) whose proportion is exactly 1 in row 0 (and so exactly 0 in rows 1 and 2)
unweighted["u3x3_one"] = np.array([[20, 12, 9], [15, 25, 0], [10, 8, 0]], dtype=np.int64)

# two columns: one comparison per row, Bonferroni changes nothing
unweighted["u4x2"] = multinomial_columns(
    [82, 97], [[0.40, 0.30, 0.20, 0.10], [0.25, 0.30, 0.25, 0.20]]
)

# small bases: A has base 1 (never tested), B and C have base 2 (C: proportion 1 in row 0)
small = np.zeros((3, 5), dtype=np.int64)
small[:, 0] = [1, 0, 0]
small[:, 1] = [1, 1, 0]
small[:, 2] = [2, 0, 0]
small[:, 3:] = multinomial_columns([30, 25], [[0.5, 0.3, 0.2], [0.2, 0.3, 0.5]])
unweighted["u3x5_small"] = small

# weighted 4x3, per-respondent weights
weighted["w4x3"] = (
    4,
    3,
    respondents_from(
        [70, 55, 60],
        [[0.40, 0.30, 0.20, 0.10], [0.20, 0.30, 0.30, 0.20], [0.15, 0.20, 0.30, 0.35]],
        lognormal_weight,
    ),
)

# weighted, small weight sums: A has 2 respondents but sum of weights 1.5 < 2 (never tested);
# B has sum of weights 3.1 >= 2 but effective base 3.1^2 / 9.01 = 1.07 (tested, per the rule)
w33 = [(0, 0, 0.6), (1, 0, 0.9), (0, 1, 3.0), (1, 1, 0.1)]
w33 += respondents_from([40], [[0.3, 0.4, 0.3]], lognormal_weight)
w33 = [(r, c if i < 4 else 2, w) for i, (r, c, w) in enumerate(w33)]
weighted["w3x3_small"] = (3, 3, w33)


# ---------------------------------------------------------------- the test
def run(name, x, n_test, is_weighted):
    """x: cell counts (rows x cols, float or int); n_test: per-column base used in the variance."""
    n_rows, n_cols = x.shape
    col_total = x.sum(axis=0)  # N[c]: sum over rows of the cell counts (exact 0/1 proportions)
    pairs, letters = [], []
    for r in range(n_rows):
        prop = [x[r, c] / col_total[c] if col_total[c] > 0 else math.nan for c in range(n_cols)]
        takes_part = [col_total[c] >= 2 and 0 < prop[c] < 1 for c in range(n_cols)]
        tested = {}
        for i in range(n_cols):
            for j in range(i + 1, n_cols):
                if not (takes_part[i] and takes_part[j]):
                    continue
                if is_weighted:
                    # weighted counts in the proportions and the pooled share,
                    # Kish effective bases in the variance
                    pbar = (x[r, i] + x[r, j]) / (col_total[i] + col_total[j])
                    se = math.sqrt(pbar * (1 - pbar) * (1 / n_test[i] + 1 / n_test[j]))
                    z = (prop[i] - prop[j]) / se
                    p = float(2 * stats.norm.sf(abs(z)))
                else:
                    z, p = proportions_ztest([int(x[r, i]), int(x[r, j])], [int(n_test[i]), int(n_test[j])])
                    z, p = float(z), float(p)
                    # cross-check statsmodels against the textbook formula
                    pbar = (x[r, i] + x[r, j]) / (n_test[i] + n_test[j])
                    z_hand = (prop[i] - prop[j]) / math.sqrt(pbar * (1 - pbar) * (1 / n_test[i] + 1 / n_test[j]))
                    assert abs(z - z_hand) <= 1e-12 * max(1.0, abs(z)), (name, r, i, j, z, z_hand)
                tested[(i, j)] = (z, p)
        keys = list(tested)
        m = len(keys)
        if m:
            adj = multipletests([tested[k][1] for k in keys], method="bonferroni")[1]
            assert all(abs(a - min(1.0, tested[k][1] * m)) <= 1e-15 for a, k in zip(adj, keys))
            padj = {k: float(a) for k, a in zip(keys, adj)}
        for i in range(n_cols):
            for j in range(i + 1, n_cols):
                base_i, base_j = n_test[i], n_test[j]
                if (i, j) in tested:
                    z, p = tested[(i, j)]
                    pb = padj[(i, j)]
                    pairs.append([name, r, i, j, prop[i], prop[j], base_i, base_j, z, p, pb,
                                  pb <= 0.05, pb <= 0.1, True, m])
                else:
                    pairs.append([name, r, i, j, prop[i], prop[j], base_i, base_j, None, None, None,
                                  False, False, False, m])
        for alpha in ALPHAS:
            cell = [[] for _ in range(n_cols)]
            for (i, j) in keys:
                if padj[(i, j)] <= alpha:
                    if prop[i] > prop[j]:
                        cell[i].append(j)
                    elif prop[j] > prop[i]:
                        cell[j].append(i)
            for c in range(n_cols):
                letters.append([name, alpha, r, c, "".join(chr(ord("A") + k) for k in sorted(cell[c]))])
    return pairs, letters


table_rows, resp_rows, pair_rows, letter_rows = [], [], [], []
for name, x in unweighted.items():
    for r in range(x.shape[0]):
        for c in range(x.shape[1]):
            table_rows.append([name, r, c, int(x[r, c])])
    n = x.sum(axis=0)
    p_, l_ = run(name, x.astype(np.int64), n, False)
    pair_rows += p_
    letter_rows += l_

for name, (n_rows, n_cols, resp) in weighted.items():
    x = np.zeros((n_rows, n_cols))
    sw = np.zeros(n_cols)
    sw2 = np.zeros(n_cols)
    for r, c, w in resp:  # file order
        x[r, c] += w
        sw[c] += w
        sw2[c] += w * w
        resp_rows.append([name, r, c, float(w)])
    n_eff = np.where(sw2 > 0, sw * sw / np.where(sw2 > 0, sw2, 1), 0.0)
    for r in range(n_rows):
        for c in range(n_cols):
            table_rows.append([name, r, c, float(x[r, c])])
    p_, l_ = run(name, x, [float(v) for v in n_eff], True)
    pair_rows += p_
    letter_rows += l_

write("tables.csv", ["table", "row", "column", "count"], table_rows)
write("respondents.csv", ["table", "row", "column", "weight"], resp_rows)
write(
    "pairs.csv",
    ["table", "row", "col_i", "col_j", "p_i", "p_j", "base_i", "base_j", "z", "p", "p_bonferroni",
     "sig05", "sig10", "tested", "n_comparisons"],
    pair_rows,
)
write("letters.csv", ["table", "alpha", "row", "column", "letters"], letter_rows)

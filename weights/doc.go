// Package weights computes indicator weights from data or from expert
// judgements, each with the diagnostics an evaluation report needs.
//
// Methods: entropy (熵权法, Entropy), CRITIC (CRITIC), the analytic
// hierarchy process (AHP, with PairwiseMatrix to build its matrix from
// judgements keyed by id), principal components as in the OECD/JRC Handbook
// on Constructing Composite Indicators (PCA), and the combination of a
// subjective with an objective weight vector (Linear, Product).
//
// # Conventions
//
// Data are column-oriented: cols[j] is indicator (or child group) j over
// the m units, and every column has the same length m. All values must be
// finite: the caller drops units with missing values before calling.
//
// Every column passed in is already oriented so that higher is better. The
// caller negates (or otherwise flips) lower-is-better columns first; the
// methods here never look at directions. Entropy, CRITIC and PCA are
// invariant under a positive affine change of a column (x -> a x + b with
// a > 0), so negating a column is enough.
//
// Every weight vector returned is non-negative and sums to 1 (up to
// rounding). Weight vectors are positional: W[j] belongs to cols[j]. The
// caller keeps the ids alongside; PairwiseMatrix is the one function that
// takes ids, and it never matches anything by position.
//
// A column is constant when all its values are equal (max == min, exact
// comparison). A constant column carries no information for the objective
// methods: it gets weight 0, and the result marks it in Constant. When every
// column is constant the methods return equal weights and set Fallback, so
// the caller can warn.
//
// Functions panic only on programmer errors (no columns, columns of
// different lengths, a NaN or infinite value in a column, slices of
// mismatched length, negative weights passed to Normalize); panic messages start with "weights: ". Problems that come from
// user input (a pairwise matrix that is not reciprocal, a missing pairwise
// judgement) are returned as errors.
//
// Nothing here keeps state; the same input always gives the same output.
package weights

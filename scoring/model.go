// Package scoring turns a column-oriented dataset and an index framework
// into scores: normalisation, weighting (through package weights),
// hierarchical aggregation, ranking, equalization components, inequality
// measures and weak-area diagnosis.
//
// The package is pure and deterministic: it does no I/O, keeps no global
// mutable state, and the same inputs always give the same Result. Package
// data builds the Framework and Dataset defined here from files; package
// charts renders a Result.
//
// Missing values: in a Dataset a missing cell is NaN. Scoring stages drop
// missing values (or give them weight 0) before any numeric kernel runs, so
// inside the kernels NaN never means "missing"; a kernel that returns NaN is
// saying the measure is undefined for its input.
package scoring

import "math"

// Direction says which end of an indicator is better.
type Direction int

const (
	// Higher means larger values are better (e.g. doctors per 1000).
	Higher Direction = 1
	// Lower means smaller values are better (e.g. infant mortality).
	Lower Direction = -1
)

// String returns "higher" or "lower" ("" for a group node).
func (d Direction) String() string {
	switch d {
	case Higher:
		return "higher"
	case Lower:
		return "lower"
	}
	return ""
}

// Normalisation methods. The closed set is NormalisationMethods.
const (
	MinMax    = "minmax"    // 100 (x - min)/(max - min), direction aware
	Goalposts = "goalposts" // 100 (x - lo)/(hi - lo), clamped to [0, 100]
	ZScore    = "zscore"    // (x - mean)/sd, sample sd (n - 1), sign flipped for lower
	Target    = "target"    // 100 min(1, x/target), or 100 min(1, target/x) for lower
	Rank      = "rank"      // percentile rank, 100 (n - rank)/(n - 1)
	Ratio     = "ratio"     // 100 min(1, x/b) or 100 min(1, b/x), b = region benchmark
)

// NormalisationMethods lists the normalisation names a framework may use.
var NormalisationMethods = []string{MinMax, Goalposts, ZScore, Target, Rank, Ratio}

// Aggregation methods. The closed set is AggregationMethods.
const (
	Arithmetic = "arithmetic"
	Geometric  = "geometric"
	Harmonic   = "harmonic"
	TOPSIS     = "topsis"
)

// AggregationMethods lists the aggregation names a framework may use.
var AggregationMethods = []string{Arithmetic, Geometric, Harmonic, TOPSIS}

// Weighting methods. The closed set is WeightingMethods.
const (
	Fixed    = "fixed"
	Equal    = "equal"
	Entropy  = "entropy"
	CRITIC   = "critic"
	AHP      = "ahp"
	PCA      = "pca"
	Combined = "combined"
)

// WeightingMethods lists the weighting names a framework may use.
var WeightingMethods = []string{Fixed, Equal, Entropy, CRITIC, AHP, PCA, Combined}

// Missing-data rules.
const (
	MissingAvailable = "available" // renormalise weights over children with data
	MissingError     = "error"     // any missing indicator value is an error
)

// Benchmarks for the regional component and the ratio normalisation.
const (
	BenchmarkMean   = "mean"   // population-weighted mean of the units
	BenchmarkMedian = "median" // population-weighted median of the units
	BenchmarkTarget = "target" // the indicator's plan target
)

// Framework is an index tree with every setting resolved: the loader has
// applied defaults and inheritance, so each Node carries the settings that
// are actually used for it.
type Framework struct {
	Name   string // title of the assessment
	NameEN string // English title, optional
	Source string // where the framework came from (file name or built-in name)

	Root *Node // the index itself; its children are the top-level groups

	Missing     string  // MissingAvailable or MissingError
	MinCoverage float64 // share of a group's child weight that must have data
	Benchmark   string  // BenchmarkMean, BenchmarkMedian or BenchmarkTarget

	// Components weights the composite equalization index.
	Components Components

	// Weak holds the weak-area rules.
	Weak WeakRules
}

// Components weights level, urban-rural and regional equalization in the
// composite equalization index EI. Weights are relative.
type Components struct {
	Level      float64
	UrbanRural float64
	Regional   float64
}

// DefaultComponents are the component weights used when a framework sets none.
var DefaultComponents = Components{Level: 0.5, UrbanRural: 0.25, Regional: 0.25}

// WeakRules configures which units are flagged as weak areas.
type WeakRules struct {
	Index      string  // "level" or "ei": which index the index rules read
	K          float64 // flag index < mean - K sd (K <= 0 turns the rule off)
	Quantile   float64 // flag the bottom Quantile share (0 turns the rule off)
	Floor      float64 // flag index < Floor (NaN turns it off)
	GroupK     float64 // flag a top-level group < region mean - GroupK sd (0 off)
	GroupFloor float64 // flag a top-level group < GroupFloor (NaN off)
	Target     bool    // flag indicators that miss their plan target
	URRatio    float64 // flag urban-rural component below this (NaN off)
	Regional   float64 // flag regional component below this (NaN off)
	Grades     []Grade // grade bands, best first
}

// Grade is a band of the index: a unit with index >= Min gets Label.
// A band may instead give a Quantile q in (0, 1): its Min is then the
// q-quantile of the units' index in the run (linear interpolation between
// order statistics, as R's default quantile type 7), so that for example
// q = 0.8 gives the top fifth that grade.
type Grade struct {
	Label    string
	Min      float64
	Quantile float64 // 0: Min is fixed
}

// DefaultWeakRules is the first-cut rule: index below mean - 1 sd, or in the
// bottom fifth.
func DefaultWeakRules() WeakRules {
	return WeakRules{
		Index: "level", K: 1, Quantile: 0.2, Floor: math.NaN(),
		GroupK: 1, GroupFloor: math.NaN(), Target: true,
		URRatio: math.NaN(), Regional: math.NaN(),
		Grades: []Grade{{Label: "A", Min: 85}, {Label: "B", Min: 70}, {Label: "C", Min: 60}, {Label: "D", Min: math.Inf(-1)}},
	}
}

// Node is a group (it has Children) or an indicator (it has a Direction and
// no children) of the index tree.
type Node struct {
	ID     string
	Name   string // Chinese name, shown by default
	NameEN string // English name, optional
	Unit   string // unit of measurement for indicators, e.g. "%" or "人/千人"
	UnitEN string // the unit in English, optional, e.g. "per 1,000 residents"
	Source string // where the indicator comes from, e.g. "盘锦市十三五规划 表1"
	Line   int    // line in the framework file, for error messages (0 if built)

	// Weight is the node's relative weight among its siblings (default 1).
	Weight float64

	// Indicator settings.
	Direction     Direction
	Normalisation string      // one of NormalisationMethods
	Goalposts     *[2]float64 // [worst, best] on the natural scale
	Target        *float64    // plan target on the natural scale
	Transform     string      // "none" or "log"
	Winsorise     float64     // k > 0 clips at mean +- k sd before normalising

	// Group settings (how this node combines its children).
	Weighting         string // one of WeightingMethods
	Aggregation       string // one of AggregationMethods
	GeometricFloor    float64
	Pairwise          map[string]map[string]float64 // AHP judgements by child id
	AllowInconsistent bool
	CombinedOf        [2]string // the two methods a combined weighting mixes
	CombinedAlpha     float64   // weight of the first method; <0 means product
	EntropyShift      bool      // entropy on min-max rescaled into [0.002, 0.998]

	Children []*Node
}

// IsIndicator reports whether n is a leaf of the tree.
func (n *Node) IsIndicator() bool { return len(n.Children) == 0 }

// Label returns the node's name in the given language ("zh" or "en"),
// falling back to the other name and then to the id.
func (n *Node) Label(lang string) string {
	if lang == "en" && n.NameEN != "" {
		return n.NameEN
	}
	if n.Name != "" {
		return n.Name
	}
	if n.NameEN != "" {
		return n.NameEN
	}
	return n.ID
}

// UnitLabel returns the indicator's unit in the given language ("zh" or
// "en"): UnitEN for English when it is set, else Unit.
func (n *Node) UnitLabel(lang string) string {
	if lang == "en" && n.UnitEN != "" {
		return n.UnitEN
	}
	return n.Unit
}

// Walk calls fn for n and every node below it, parents before children,
// in framework order.
func (n *Node) Walk(fn func(node *Node, depth int)) { n.walk(fn, 0) }

func (n *Node) walk(fn func(*Node, int), depth int) {
	fn(n, depth)
	for _, c := range n.Children {
		c.walk(fn, depth+1)
	}
}

// Indicators returns the leaves under n in framework order.
func (n *Node) Indicators() []*Node {
	var out []*Node
	n.Walk(func(m *Node, _ int) {
		if m.IsIndicator() {
			out = append(out, m)
		}
	})
	return out
}

// Dataset holds the data of one or more years, column-oriented: row r of
// every slice describes the same unit (and year). Missing values are NaN.
type Dataset struct {
	Source string // file name, for messages

	Unit       []string  // unit name per row
	Code       []string  // admin code per row ("" if none)
	Group      []string  // region group per row ("" if none)
	Year       []int     // year per row (all 0 when the data has no year)
	Population []float64 // resident population per row (NaN if unknown)
	PopUrban   []float64 // urban population per row (NaN if unknown)
	PopRural   []float64 // rural population per row (NaN if unknown)

	// Indicators are the indicator ids, in framework order. Values[j],
	// Urban[j] and Rural[j] are the columns of indicator j; Urban[j] and
	// Rural[j] are nil when the data has no urban/rural split for it.
	Indicators []string
	Values     [][]float64
	Urban      [][]float64
	Rural      [][]float64
}

// Rows returns the number of rows.
func (d *Dataset) Rows() int { return len(d.Unit) }

// HasYear reports whether the rows carry years.
func (d *Dataset) HasYear() bool {
	for _, y := range d.Year {
		if y != 0 {
			return true
		}
	}
	return false
}

// Years returns the distinct years in ascending order (nil without years).
func (d *Dataset) Years() []int {
	seen := map[int]bool{}
	var ys []int
	for _, y := range d.Year {
		if y != 0 && !seen[y] {
			seen[y] = true
			ys = append(ys, y)
		}
	}
	sortInts(ys)
	return ys
}

// Column returns the values of the indicator with the given id, or nil.
func (d *Dataset) Column(id string) []float64 {
	for j, ind := range d.Indicators {
		if ind == id {
			return d.Values[j]
		}
	}
	return nil
}

// SelectYear returns the rows of one year as a new Dataset sharing no
// slices with d. With year 0 or a dataset without years it returns a copy.
func (d *Dataset) SelectYear(year int) *Dataset {
	var rows []int
	for r := range d.Unit {
		if year == 0 || d.Year[r] == year {
			rows = append(rows, r)
		}
	}
	return d.SelectRows(rows)
}

// SelectRows returns the given rows as a new Dataset.
func (d *Dataset) SelectRows(rows []int) *Dataset {
	out := &Dataset{Source: d.Source, Indicators: append([]string(nil), d.Indicators...)}
	out.Unit = pickStrings(d.Unit, rows)
	out.Code = pickStrings(d.Code, rows)
	out.Group = pickStrings(d.Group, rows)
	out.Year = make([]int, len(rows))
	for i, r := range rows {
		out.Year[i] = d.Year[r]
	}
	out.Population = pickFloats(d.Population, rows)
	out.PopUrban = pickFloats(d.PopUrban, rows)
	out.PopRural = pickFloats(d.PopRural, rows)
	out.Values = make([][]float64, len(d.Values))
	out.Urban = make([][]float64, len(d.Values))
	out.Rural = make([][]float64, len(d.Values))
	for j := range d.Values {
		out.Values[j] = pickFloats(d.Values[j], rows)
		if d.Urban != nil && d.Urban[j] != nil {
			out.Urban[j] = pickFloats(d.Urban[j], rows)
		}
		if d.Rural != nil && d.Rural[j] != nil {
			out.Rural[j] = pickFloats(d.Rural[j], rows)
		}
	}
	return out
}

func pickStrings(s []string, rows []int) []string {
	out := make([]string, len(rows))
	if s == nil {
		return out
	}
	for i, r := range rows {
		out[i] = s[r]
	}
	return out
}

func pickFloats(s []float64, rows []int) []float64 {
	out := make([]float64, len(rows))
	for i, r := range rows {
		if s == nil {
			out[i] = math.NaN()
		} else {
			out[i] = s[r]
		}
	}
	return out
}

func sortInts(a []int) {
	for i := 1; i < len(a); i++ {
		for j := i; j > 0 && a[j] < a[j-1]; j-- {
			a[j], a[j-1] = a[j-1], a[j]
		}
	}
}

// Warning is a problem that does not stop a run: a constant column, a group
// below coverage, an inconsistent AHP matrix that was allowed. Warnings are
// data: they travel with the Result and every output shows them.
type Warning struct {
	Code      string `json:"code"`                // stable kind, e.g. "constant-column"
	Unit      string `json:"unit,omitempty"`      // the unit concerned, if any
	Indicator string `json:"indicator,omitempty"` // the indicator or group id, if any
	Msg       string `json:"msg"`                 // a sentence a report reader understands
}

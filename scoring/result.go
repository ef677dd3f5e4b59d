package scoring

// Result is everything one scoring run produced, column-oriented: entry i
// of every per-unit slice is unit i (in input order). It records the
// settings actually used, so outputs and the methodology appendix are
// rendered from it alone.
type Result struct {
	Framework *Framework `json:"-"`
	Year      int        `json:"year,omitempty"` // the year scored (0 without years)

	Unit       []string  `json:"-"`
	Code       []string  `json:"-"`
	Group      []string  `json:"-"`
	Population []float64 `json:"-"`

	// Nodes holds every node of the tree in framework order, the root
	// (the index) first. Nodes[0].Scores is the level index L.
	Nodes []*NodeResult `json:"-"`

	Rank []int  `json:"-"` // competition rank of the level index, 1 best, 0 if no score
	Weak []bool `json:"-"` // first-cut weak-area flag per unit
	// WeakReasons says for each unit why it was flagged (empty if not).
	WeakReasons [][]string `json:"-"`

	// Equalization holds the urban-rural and regional components, the
	// composite index and the inequality statistics (nil until computed).
	Equalization *Equalization `json:"-"`

	// Diagnosis holds grades, rules fired, obstacle degrees and gaps
	// (nil until computed).
	Diagnosis *Diagnosis `json:"-"`

	Warnings []Warning `json:"warnings"`
}

// Index returns the level index L per unit.
func (r *Result) Index() []float64 { return r.Nodes[0].Scores }

// Node returns the result of the node with the given id, or nil.
func (r *Result) Node(id string) *NodeResult {
	for _, n := range r.Nodes {
		if n.ID == id {
			return n
		}
	}
	return nil
}

// TopGroups returns the results of the root's children in framework order.
func (r *Result) TopGroups() []*NodeResult {
	var out []*NodeResult
	for _, n := range r.Nodes {
		if n.Depth == 1 {
			out = append(out, n)
		}
	}
	return out
}

// IndicatorResults returns the results of the leaves in framework order.
func (r *Result) IndicatorResults() []*NodeResult {
	var out []*NodeResult
	for _, n := range r.Nodes {
		if n.Node.IsIndicator() {
			out = append(out, n)
		}
	}
	return out
}

// NodeResult is one node's outcome.
type NodeResult struct {
	Node   *Node  `json:"-"`
	ID     string `json:"id"`
	Parent string `json:"parent,omitempty"`
	Depth  int    `json:"depth"` // 0 for the root

	// Raw holds the indicator's values on its natural scale (indicators only).
	Raw []float64 `json:"-"`
	// Scores holds the normalised score (indicators) or aggregated score
	// (groups) per unit; NaN where the unit has no score.
	Scores []float64 `json:"-"`
	// Why says, per unit, why Scores is missing ("" where it is not).
	Why []string `json:"-"`

	// LocalWeight is the weight among siblings, normalised to sum to 1 over
	// the siblings (before any renormalisation for missing data).
	LocalWeight float64 `json:"local_weight"`
	// EffectiveWeight is the product of local weights from the root down:
	// the node's share of the final index.
	EffectiveWeight float64 `json:"effective_weight"`

	// Norm describes the normalisation actually applied (indicators only).
	Norm *NormInfo `json:"normalisation,omitempty"`
	// Weighting describes how the children's weights were obtained
	// (groups only).
	Weighting *WeightInfo `json:"weighting,omitempty"`
}

// NormInfo records the normalisation applied to one indicator.
type NormInfo struct {
	Method    string  `json:"method"`
	Transform string  `json:"transform,omitempty"`
	Lo        float64 `json:"lo"` // worst end used (min, goalpost, ...)
	Hi        float64 `json:"hi"` // best end used
	Mean      float64 `json:"mean,omitempty"`
	SD        float64 `json:"sd,omitempty"`
	Clipped   int     `json:"clipped,omitempty"` // values winsorised
	Constant  bool    `json:"constant,omitempty"`
}

// WeightInfo records how a group's children were weighted and aggregated.
type WeightInfo struct {
	Method      string             `json:"method"`
	Aggregation string             `json:"aggregation"`
	Children    []string           `json:"children"`
	Weights     []float64          `json:"weights"` // sums to 1
	Diagnostics map[string]float64 `json:"diagnostics,omitempty"`
	// PerChild holds per-child diagnostics such as entropy e_j and d_j,
	// CRITIC sd and conflict, keyed by diagnostic name.
	PerChild map[string][]float64 `json:"per_child,omitempty"`
	Note     string               `json:"note,omitempty"`
}

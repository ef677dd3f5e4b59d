package frameworks

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"math"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// The types below mirror the framework schema (the shared contract that data/ enforces); decoding
// with KnownFields(true) makes any key outside the schema an error.

type fwFile struct {
	Name          string   `yaml:"name"`
	NameEn        string   `yaml:"name_en"`
	Normalisation string   `yaml:"normalisation"`
	Weighting     string   `yaml:"weighting"`
	Aggregation   string   `yaml:"aggregation"`
	Missing       string   `yaml:"missing"`
	MinCoverage   *float64 `yaml:"min_coverage"`
	Benchmark     string   `yaml:"benchmark"`
	Components    *fwComps `yaml:"components"`
	Weak          *fwWeak  `yaml:"weak"`
	Groups        []fwNode `yaml:"groups"`
}

type fwComps struct {
	Level      *float64 `yaml:"level"`
	UrbanRural *float64 `yaml:"urban_rural"`
	Regional   *float64 `yaml:"regional"`
}

type fwWeak struct {
	Index           string   `yaml:"index"`
	K               *float64 `yaml:"k"`
	Quantile        *float64 `yaml:"quantile"`
	Floor           *float64 `yaml:"floor"`
	GroupK          *float64 `yaml:"group_k"`
	GroupFloor      *float64 `yaml:"group_floor"`
	Target          *bool    `yaml:"target"`
	UrbanRuralBelow *float64 `yaml:"urban_rural_below"`
	RegionalBelow   *float64 `yaml:"regional_below"`
	Grades          []struct {
		Label string   `yaml:"label"`
		Min   *float64 `yaml:"min"`
	} `yaml:"grades"`
}

type fwNode struct {
	ID                string                    `yaml:"id"`
	Name              string                    `yaml:"name"`
	NameEn            string                    `yaml:"name_en"`
	Weight            *float64                  `yaml:"weight"`
	Weighting         string                    `yaml:"weighting"`
	Pairwise          map[string]map[string]any `yaml:"pairwise"`
	AllowInconsistent bool                      `yaml:"allow_inconsistent"`
	Combine           *struct {
		Methods []string `yaml:"methods"`
		Alpha   *float64 `yaml:"alpha"`
		Rule    string   `yaml:"rule"`
	} `yaml:"combine"`
	EntropyShift   bool      `yaml:"entropy_shift"`
	Aggregation    string    `yaml:"aggregation"`
	GeometricFloor *float64  `yaml:"geometric_floor"`
	Children       []fwNode  `yaml:"children"`
	Unit           string    `yaml:"unit"`
	UnitEN         string    `yaml:"unit_en"`
	Direction      string    `yaml:"direction"`
	Normalisation  string    `yaml:"normalisation"`
	Goalposts      []float64 `yaml:"goalposts"`
	Target         *float64  `yaml:"target"`
	Transform      string    `yaml:"transform"`
	Winsorise      *struct {
		K float64 `yaml:"k"`
	} `yaml:"winsorise"`
	Source string `yaml:"source"`
}

func decodeFramework(t *testing.T, name string, b []byte) fwFile {
	t.Helper()
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	var f fwFile
	if err := dec.Decode(&f); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	var extra fwFile
	if err := dec.Decode(&extra); !errors.Is(err, io.EOF) {
		t.Fatalf("%s: more than one YAML document (err %v)", name, err)
	}
	return f
}

// leaves returns the indicators of the tree in file order, with the top-level group of each.
func leaves(groups []fwNode) (ids []string, nodes map[string]fwNode, top map[string]string) {
	nodes = map[string]fwNode{}
	top = map[string]string{}
	var walk func(n fwNode, root string)
	walk = func(n fwNode, root string) {
		if n.Direction != "" {
			ids = append(ids, n.ID)
			nodes[n.ID] = n
			top[n.ID] = root
			return
		}
		for _, c := range n.Children {
			walk(c, root)
		}
	}
	for _, g := range groups {
		walk(g, g.ID)
	}
	return ids, nodes, top
}

func TestNames(t *testing.T) {
	names := Names()
	want := []string{"national-13th", "national-14th", "panjin-demo"}
	if !slices.Equal(names, want) {
		t.Fatalf("Names() = %v, want %v", names, want)
	}
	if !slices.Contains(names, DemoFramework) {
		t.Errorf("DemoFramework %q not among %v", DemoFramework, names)
	}
	for _, n := range names {
		if Describe(n) == "" {
			t.Errorf("Describe(%q) is empty", n)
		}
		b, err := Framework(n)
		if err != nil || len(b) == 0 {
			t.Errorf("Framework(%q): %d bytes, err %v", n, len(b), err)
		}
	}
	if Describe("nope") != "" {
		t.Errorf("Describe of an unknown name is not empty")
	}
	_, err := Framework("national-15th")
	if err == nil {
		t.Fatal("Framework(unknown) gave no error")
	}
	for _, n := range names {
		if !strings.Contains(err.Error(), n) {
			t.Errorf("error %q does not list %q", err, n)
		}
	}
	// The bytes are a copy: changing them does not change the next call.
	b, _ := Framework(DemoFramework)
	b[0] = 'X'
	c, _ := Framework(DemoFramework)
	if c[0] == 'X' {
		t.Error("Framework returns shared bytes")
	}
}

var (
	idRE          = regexp.MustCompile(`^[A-Za-z0-9_]+$`)
	normalisers   = []string{"", "minmax", "goalposts", "zscore", "target", "rank", "ratio"}
	weightings    = []string{"", "fixed", "equal", "entropy", "critic", "ahp", "pca", "combined"}
	aggregations  = []string{"", "arithmetic", "geometric", "harmonic", "topsis"}
	wantTopGroups = map[string]int{"panjin-demo": 8, "national-13th": 8, "national-14th": 9}
)

func TestFrameworksSchema(t *testing.T) {
	for _, name := range Names() {
		t.Run(name, func(t *testing.T) {
			b, _ := Framework(name)
			f := decodeFramework(t, name, b)
			if f.Name == "" || f.NameEn == "" {
				t.Error("name or name_en missing")
			}
			if !slices.Contains(normalisers, f.Normalisation) || !slices.Contains(weightings, f.Weighting) ||
				!slices.Contains(aggregations, f.Aggregation) {
				t.Errorf("top-level methods %q %q %q not in the schema", f.Normalisation, f.Weighting, f.Aggregation)
			}
			if f.Missing != "available" || f.Benchmark != "mean" {
				t.Errorf("missing %q benchmark %q", f.Missing, f.Benchmark)
			}
			if f.Weak != nil || f.Components != nil {
				t.Error("built-in frameworks keep the default weak rules and components")
			}
			if len(f.Groups) != wantTopGroups[name] {
				t.Errorf("%d top-level groups, want %d", len(f.Groups), wantTopGroups[name])
			}
			seen := map[string]bool{}
			var check func(n fwNode, path string)
			check = func(n fwNode, path string) {
				p := path + "/" + n.ID
				if !idRE.MatchString(n.ID) {
					t.Errorf("%s: id %q is not [A-Za-z0-9_]+", p, n.ID)
				}
				if seen[n.ID] {
					t.Errorf("%s: duplicate id %q", p, n.ID)
				}
				seen[n.ID] = true
				if n.Name == "" || n.NameEn == "" {
					t.Errorf("%s: name or name_en missing", p)
				}
				if !slices.Contains(normalisers, n.Normalisation) || !slices.Contains(weightings, n.Weighting) ||
					!slices.Contains(aggregations, n.Aggregation) {
					t.Errorf("%s: methods not in the schema", p)
				}
				if n.Weight != nil && *n.Weight <= 0 {
					t.Errorf("%s: weight %v", p, *n.Weight)
				}
				if len(n.Children) > 0 {
					if n.Direction != "" || n.Unit != "" || n.Target != nil || n.Goalposts != nil {
						t.Errorf("%s: a group has indicator keys", p)
					}
					for _, c := range n.Children {
						check(c, p)
					}
					return
				}
				// A leaf: an indicator.
				if n.Direction != "higher" && n.Direction != "lower" {
					t.Errorf("%s: leaf without direction higher|lower (%q)", p, n.Direction)
					return
				}
				if n.Unit == "" || n.Source == "" {
					t.Errorf("%s: unit or source missing", p)
				}
				if n.Normalisation == "goalposts" && n.Goalposts == nil {
					t.Errorf("%s: goalposts normalisation without goalposts", p)
				}
				if n.Goalposts != nil {
					if len(n.Goalposts) != 2 {
						t.Fatalf("%s: goalposts %v, want [worst, best]", p, n.Goalposts)
					}
					worst, best := n.Goalposts[0], n.Goalposts[1]
					if (n.Direction == "higher") != (best > worst) {
						t.Errorf("%s: goalposts %v do not run worst -> best for direction %s", p, n.Goalposts, n.Direction)
					}
					if n.Target != nil && (*n.Target < math.Min(worst, best) || *n.Target > math.Max(worst, best)) {
						t.Errorf("%s: target %v outside goalposts %v", p, *n.Target, n.Goalposts)
					}
				}
				if n.Unit == "%" && n.Target != nil && (*n.Target <= 1 || *n.Target > 100) {
					t.Errorf("%s: percent target %v (percent, not share)", p, *n.Target)
				}
			}
			for _, g := range f.Groups {
				if len(g.Children) == 0 {
					t.Errorf("top-level group %s has no children", g.ID)
				}
				check(g, "")
			}
		})
	}
}

// TestFrameworkTargets spot-checks targets against the plan tables they cite
// (plans/*-indicators.csv and national-14th-fyp-public-service-targets.csv).
func TestFrameworkTargets(t *testing.T) {
	want := map[string]map[string]float64{
		"panjin-demo": {
			"edu_kindergarten": 80,   // Panjin P03 >= 80
			"si_pension":       98,   // Panjin P29 >= 98
			"ss_elderly_beds":  35,   // Panjin P54 35-40, lower end
			"cs_radio_tv":      99.4, // Panjin P72
			"hl_doctors":       2.25, // Gansu T16
			"emp_unemployment": 4,    // Gansu T06 < 4
		},
		"national-13th": {"ss_nursing_share": 30, "ss_poor_institutional": 50, "ds_rehab": 80, "edu_retention": 95},
		"national-14th": {"cc_nursery_places": 4.5, "edu_years": 11.3, "hl_doctors": 3.2, "hl_nurses": 3.8,
			"el_nursing_share": 55, "cs_sports_area": 2.6, "cs_cultural_visits": 3.4},
	}
	for name, targets := range want {
		b, _ := Framework(name)
		_, nodes, _ := leaves(decodeFramework(t, name, b).Groups)
		for id, v := range targets {
			n, ok := nodes[id]
			if !ok || n.Target == nil || *n.Target != v {
				t.Errorf("%s %s: target %v, want %v", name, id, n.Target, v)
			}
		}
		// Text-quality guard: no traditional characters carried over from converted sources.
		for _, r := range []string{"醫", "衛", "護", "養", "療", "標", "準", "參", "殘", "體"} {
			if bytes.Contains(b, []byte(r)) {
				t.Errorf("%s contains traditional character %s", name, r)
			}
		}
	}
}

// demoTable is the demo CSV read into cells: rows[year][unit][column] (strings).
type demoTable struct {
	header []string
	rows   []map[string]string
}

func readDemo(t *testing.T) demoTable {
	t.Helper()
	r := csv.NewReader(bytes.NewReader(DemoData()))
	r.Comment = '#'
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	d := demoTable{header: recs[0]}
	for _, rec := range recs[1:] {
		m := map[string]string{}
		for i, h := range d.header {
			m[h] = rec[i]
		}
		d.rows = append(d.rows, m)
	}
	return d
}

func num(t *testing.T, s string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatalf("bad number %q", s)
	}
	return v
}

var reserved = []string{"unit", "code", "group", "population", "population@urban", "population@rural", "year"}

func TestDemoData(t *testing.T) {
	b := DemoData()
	if bytes.HasPrefix(b, []byte("\xef\xbb\xbf")) || !bytes.HasPrefix(b, []byte("#")) {
		t.Error("demo CSV must start with a '#' comment line (no BOM)")
	}
	for _, s := range []string{"不是官方统计数据", "NOT official statistics", "十三五"} {
		if !bytes.Contains(b, []byte(s)) {
			t.Errorf("demo CSV comments do not say %q", s)
		}
	}
	fb, _ := Framework(DemoFramework)
	ids, nodes, _ := leaves(decodeFramework(t, DemoFramework, fb).Groups)
	if len(ids) < 18 || len(ids) > 24 {
		t.Errorf("%d demo indicators, want about 20", len(ids))
	}
	d := readDemo(t)

	// Header: the reserved columns, then each indicator in framework order, each followed by its
	// @urban/@rural pair where given.
	var want []string
	want = append(want, reserved...)
	var urbanRural []string
	for _, id := range ids {
		want = append(want, id)
		if slices.Contains(d.header, id+"@urban") {
			want = append(want, id+"@urban", id+"@rural")
			urbanRural = append(urbanRural, id)
		}
	}
	if !slices.Equal(d.header, want) {
		t.Fatalf("header\n%v\nwant\n%v", d.header, want)
	}
	for _, id := range []string{"hl_doctors", "ss_dibao", "ss_elderly_beds"} {
		if !slices.Contains(urbanRural, id) {
			t.Errorf("%s has no @urban/@rural columns", id)
		}
	}
	if len(urbanRural) < 5 {
		t.Errorf("only %d indicators with urban/rural values", len(urbanRural))
	}

	perYear := map[string][]string{}
	codes := map[string]string{"兴隆台区": "211103", "双台子区": "211102", "大洼区": "211104", "盘山县": "211122", "辽东湾新区": "", "辽河口生态经济区": ""}
	missing := 0
	for _, r := range d.rows {
		perYear[r["year"]] = append(perYear[r["year"]], r["unit"])
		if c, ok := codes[r["unit"]]; !ok || c != r["code"] {
			t.Errorf("unit %q code %q", r["unit"], r["code"])
		}
		if (r["code"] == "") != (r["group"] == "功能区") {
			t.Errorf("%s: only functional zones lack a code", r["unit"])
		}
		p, pu, pr := num(t, r["population"]), num(t, r["population@urban"]), num(t, r["population@rural"])
		if pu+pr != p {
			t.Errorf("%s %s: population %v != %v + %v", r["unit"], r["year"], p, pu, pr)
		}
		for _, h := range d.header[len(reserved):] {
			if r[h] == "" {
				missing++
				if r["year"] != "2019" {
					t.Errorf("%s %s: missing %s outside 2019", r["unit"], r["year"], h)
				}
				continue
			}
			v := num(t, r[h])
			id, _, _ := strings.Cut(h, "@")
			if nodes[id].Unit == "%" && (v < 1 || v > 100) {
				t.Errorf("%s %s %s = %v: percent out of range", r["unit"], r["year"], h, v)
			}
			if v <= 0 {
				t.Errorf("%s %s %s = %v: want positive", r["unit"], r["year"], h, v)
			}
		}
		// The total of an urban/rural indicator is the population-weighted mean of the two,
		// up to the rounding of the printed digits.
		for _, id := range urbanRural {
			if r[id+"@urban"] == "" || r[id+"@rural"] == "" {
				continue
			}
			u, rr, tot := num(t, r[id+"@urban"]), num(t, r[id+"@rural"]), num(t, r[id])
			w := (u*pu + rr*pr) / p
			_, frac, _ := strings.Cut(r[id], ".")
			if math.Abs(tot-w) > 0.5*math.Pow(10, -float64(len(frac)))+1e-9 {
				t.Errorf("%s %s %s: total %v, weighted mean of urban/rural %v", r["unit"], r["year"], id, tot, w)
			}
		}
	}
	if missing < 1 || missing > 3 {
		t.Errorf("%d missing cells, want one to three", missing)
	}
	if len(perYear) != 2 {
		t.Errorf("years %v, want 2019 and 2020", perYear)
	}
	for y, units := range perYear {
		sort.Strings(units)
		if len(units) != 6 || len(slices.Compact(units)) != 6 {
			t.Errorf("year %s: units %v, want six distinct", y, units)
		}
	}
	pop := 0.0
	for _, r := range d.rows {
		if r["year"] == "2020" {
			pop += num(t, r["population"])
		}
	}
	if pop < 1.3e6 || pop > 1.5e6 {
		t.Errorf("2020 population %v, want about 1.4 million", pop)
	}
}

const liaohekou = "辽河口生态经济区"

// normalised returns direction-aware min-max scores in [0, 1] for one year, by unit and indicator;
// missing cells are absent.
func normalised(t *testing.T, d demoTable, year string, ids []string, nodes map[string]fwNode) map[string]map[string]float64 {
	out := map[string]map[string]float64{}
	for _, id := range ids {
		lo, hi := math.Inf(1), math.Inf(-1)
		for _, r := range d.rows {
			if r["year"] == year && r[id] != "" {
				v := num(t, r[id])
				lo, hi = math.Min(lo, v), math.Max(hi, v)
			}
		}
		for _, r := range d.rows {
			if r["year"] != year || r[id] == "" {
				continue
			}
			if out[r["unit"]] == nil {
				out[r["unit"]] = map[string]float64{}
			}
			z := (num(t, r[id]) - lo) / (hi - lo)
			if nodes[id].Direction == "lower" {
				z = 1 - z
			}
			out[r["unit"]][id] = z
		}
	}
	return out
}

func meanOf(m map[string]float64, keep func(string) bool) float64 {
	s, n := 0.0, 0
	for k, v := range m {
		if keep(k) {
			s += v
			n++
		}
	}
	return s / float64(n)
}

// TestLiaohekouWeakest checks that the demo data tell the story of the Panjin plan: with equal
// weights and min-max normalisation the Liaohekou zone is the clear laggard (more than one sample
// standard deviation below the mean of the six units), weakest in health and social services,
// with the largest urban-rural gaps, but not last in every indicator; its gap is closing.
func TestLiaohekouWeakest(t *testing.T) {
	fb, _ := Framework(DemoFramework)
	ids, nodes, top := leaves(decodeFramework(t, DemoFramework, fb).Groups)
	d := readDemo(t)
	all := func(string) bool { return true }
	for _, year := range []string{"2019", "2020"} {
		z := normalised(t, d, year, ids, nodes)
		var scores []float64
		lhk := meanOf(z[liaohekou], all)
		for _, m := range z {
			scores = append(scores, meanOf(m, all))
		}
		mu, sd := 0.0, 0.0
		for _, s := range scores {
			mu += s / float64(len(scores))
		}
		for _, s := range scores {
			sd += (s - mu) * (s - mu) / float64(len(scores)-1)
		}
		sd = math.Sqrt(sd)
		// 2020: Liaohekou 0.161, mean 0.605, sd 0.290, threshold 0.315 (2019: 0.147 < 0.323).
		if !(lhk < mu-sd) {
			t.Errorf("%s: Liaohekou mean score %.3f not below mean - sd = %.3f - %.3f", year, lhk, mu, sd)
		}
		for _, domain := range []string{"health", "social_services"} {
			in := func(id string) bool { return top[id] == domain }
			l := meanOf(z[liaohekou], in)
			for u, m := range z {
				if u != liaohekou && meanOf(m, in) <= l {
					t.Errorf("%s %s: %s (%.3f) not above Liaohekou (%.3f)", year, domain, u, meanOf(m, in), l)
				}
			}
		}
		notLast := 0
		for _, id := range ids {
			if v, ok := z[liaohekou][id]; ok && v > 0 {
				notLast++
			}
		}
		if notLast < 2 {
			t.Errorf("%s: Liaohekou is last in all but %d indicators", year, notLast)
		}
		// Urban-rural gap: urban/rural ratio (both higher-is-better here) largest in Liaohekou.
		for _, id := range ids {
			if !slices.Contains(d.header, id+"@urban") {
				continue
			}
			ratio := map[string]float64{}
			for _, r := range d.rows {
				if r["year"] == year && r[id+"@rural"] != "" {
					ratio[r["unit"]] = num(t, r[id+"@urban"]) / num(t, r[id+"@rural"])
				}
			}
			for u, q := range ratio {
				if u != liaohekou && q >= ratio[liaohekou] {
					t.Errorf("%s %s: urban/rural ratio of %s %.3f >= Liaohekou %.3f", year, id, u, q, ratio[liaohekou])
				}
			}
		}
	}

	// Change 2019 -> 2020 on min-max normalised over both years pooled: every unit is better on
	// most indicators, and Liaohekou gains most.
	pooled := demoTable{header: d.header, rows: d.rows}
	for i := range pooled.rows {
		r := map[string]string{}
		for k, v := range pooled.rows[i] {
			r[k] = v
		}
		r["unit"] = r["unit"] + "|" + r["year"]
		r["year"] = "all"
		pooled.rows[i] = r
	}
	z := normalised(t, pooled, "all", ids, nodes)
	gain := map[string]float64{}
	for u := range z {
		name, year, _ := strings.Cut(u, "|")
		if year != "2020" {
			continue
		}
		before, after := z[name+"|2019"], z[u]
		better := 0
		for id, v := range after {
			if b, ok := before[id]; ok && v >= b {
				better++
			}
		}
		if better < len(ids)*3/4 {
			t.Errorf("%s: better or equal in 2020 on %d of %d indicators", name, better, len(ids))
		}
		both := func(id string) bool { _, ok := before[id]; return ok }
		gain[name] = meanOf(after, both) - meanOf(before, func(id string) bool { _, ok := after[id]; return ok })
	}
	for u, g := range gain {
		if u != liaohekou && g >= gain[liaohekou] {
			t.Errorf("%s gains %.3f, not less than Liaohekou %.3f", u, g, gain[liaohekou])
		}
	}
}

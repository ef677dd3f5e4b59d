package synth

import (
	"bytes"
	"encoding/csv"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// fwNode and fwFile mirror the framework schema (the contract data/ enforces); decoding with
// KnownFields(true) rejects any key outside it.
type fwNode struct {
	ID                string                    `yaml:"id"`
	Name              string                    `yaml:"name"`
	NameEn            string                    `yaml:"name_en"`
	Weight            *float64                  `yaml:"weight"`
	Weighting         string                    `yaml:"weighting"`
	Pairwise          map[string]map[string]any `yaml:"pairwise"`
	AllowInconsistent bool                      `yaml:"allow_inconsistent"`
	Combine           map[string]any            `yaml:"combine"`
	EntropyShift      bool                      `yaml:"entropy_shift"`
	Aggregation       string                    `yaml:"aggregation"`
	GeometricFloor    *float64                  `yaml:"geometric_floor"`
	Children          []fwNode                  `yaml:"children"`
	Unit              string                    `yaml:"unit"`
	Direction         string                    `yaml:"direction"`
	Normalisation     string                    `yaml:"normalisation"`
	Goalposts         []float64                 `yaml:"goalposts"`
	Target            *float64                  `yaml:"target"`
	Transform         string                    `yaml:"transform"`
	Winsorise         map[string]float64        `yaml:"winsorise"`
	Source            string                    `yaml:"source"`
}

type fwFile struct {
	Name          string             `yaml:"name"`
	NameEn        string             `yaml:"name_en"`
	Normalisation string             `yaml:"normalisation"`
	Weighting     string             `yaml:"weighting"`
	Aggregation   string             `yaml:"aggregation"`
	Missing       string             `yaml:"missing"`
	MinCoverage   *float64           `yaml:"min_coverage"`
	Benchmark     string             `yaml:"benchmark"`
	Components    map[string]float64 `yaml:"components"`
	Weak          map[string]any     `yaml:"weak"`
	Groups        []fwNode           `yaml:"groups"`
}

func small() Options {
	return Options{Units: 50, Indicators: 40, Years: 3, FirstYear: 2018, Seed: 7, MissingShare: 0.05, UrbanRural: true}
}

func gen(t testing.TB, o Options) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := WriteCSV(&b, o); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func readAll(t testing.TB, b []byte) [][]string {
	t.Helper()
	recs, err := csv.NewReader(bytes.NewReader(b)).ReadAll() // also checks equal field counts
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

func col(header []string, name string) int {
	i := slices.Index(header, name)
	if i < 0 {
		panic("no column " + name)
	}
	return i
}

func TestDeterministic(t *testing.T) {
	a, b := gen(t, small()), gen(t, small())
	if !bytes.Equal(a, b) {
		t.Fatal("same options, different bytes")
	}
	o := small()
	o.Seed = 8
	if bytes.Equal(a, gen(t, o)) {
		t.Fatal("different seeds, same bytes")
	}
	if !bytes.Equal(FrameworkYAML(small()), FrameworkYAML(small())) {
		t.Fatal("FrameworkYAML not deterministic")
	}
	// Each unit has its own random stream: a 20-unit file is a prefix of the 50-unit file.
	o = small()
	o.Units = 20
	c := gen(t, o)
	if !bytes.HasPrefix(a, c) {
		t.Fatal("the rows of a unit depend on the number of units")
	}
}

func TestShape(t *testing.T) {
	o := small()
	recs := readAll(t, gen(t, o))
	// 40 indicators: templates 0..35 and variants of templates 0..3. Templates with urban/rural
	// values: 13 of the 36, plus templates 0, 1 and 3 again = 16. Columns: unit, code, group,
	// population, population@urban, population@rural, year (7) + 40 + 2*16 = 79.
	if len(recs[0]) != 79 {
		t.Errorf("%d columns, want 79", len(recs[0]))
	}
	if len(recs) != 1+50*3 {
		t.Errorf("%d records, want 151", len(recs))
	}
	h := recs[0]
	if !slices.Equal(h[:7], []string{"unit", "code", "group", "population", "population@urban", "population@rural", "year"}) {
		t.Errorf("reserved columns %v", h[:7])
	}
	codes := map[string]bool{}
	keys := map[string]bool{}
	ind, empty := 0, 0
	for i, r := range recs[1:] {
		if len(r[1]) != 6 {
			t.Errorf("code %q", r[1])
		}
		if _, err := strconv.Atoi(r[1]); err != nil {
			t.Errorf("code %q: %v", r[1], err)
		}
		codes[r[1]] = true
		keys[r[0]+"|"+r[6]] = true
		if want := strconv.Itoa(2018 + i%3); r[6] != want {
			t.Errorf("row %d year %s, want %s", i+1, r[6], want)
		}
		if !slices.Contains([]string{"东部", "中部", "西部", "东北"}, r[2]) {
			t.Errorf("group %q", r[2])
		}
		p, _ := strconv.Atoi(r[3])
		pu, _ := strconv.Atoi(r[4])
		pr, _ := strconv.Atoi(r[5])
		if p <= 0 || pu+pr != p {
			t.Errorf("population %d != %d + %d", p, pu, pr)
		}
		for j, c := range r[7:] {
			ind++
			if c == "" {
				empty++
				continue
			}
			v, err := strconv.ParseFloat(c, 64)
			if err != nil || !(v > 0) {
				t.Fatalf("row %d column %s: %q", i+1, h[7+j], c)
			}
		}
	}
	if len(codes) != 50 || len(keys) != 150 {
		t.Errorf("%d codes (want 50), %d unit-year keys (want 150)", len(codes), len(keys))
	}
	// 150 rows x 72 cells = 10800, MissingShare 0.05: expect 540 empty, binomial sd
	// sqrt(10800 * 0.05 * 0.95) = 22.6; allow 5 sd.
	if ind != 10800 || math.Abs(float64(empty)-540) > 5*22.6 {
		t.Errorf("%d empty of %d indicator cells, want about 540 of 10800", empty, ind)
	}

	o.UrbanRural = false
	o.MissingShare = 0
	recs = readAll(t, gen(t, o))
	if len(recs[0]) != 5+40 || slices.Contains(recs[0], "population@urban") {
		t.Errorf("without urban/rural: header %v", recs[0])
	}
	for _, r := range recs[1:] {
		if slices.Contains(r, "") {
			t.Fatal("empty cell with MissingShare 0")
		}
	}
}

func leaves(groups []fwNode) []fwNode {
	var out []fwNode
	for _, g := range groups {
		if g.Direction != "" {
			out = append(out, g)
			continue
		}
		out = append(out, leaves(g.Children)...)
	}
	return out
}

func decode(t *testing.T, b []byte) fwFile {
	t.Helper()
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	var f fwFile
	if err := dec.Decode(&f); err != nil {
		t.Fatal(err)
	}
	return f
}

func TestFrameworkMatchesCSV(t *testing.T) {
	for _, n := range []int{5, 40, 80} {
		o := small()
		o.Indicators = n
		f := decode(t, FrameworkYAML(o))
		wantGroups := min(n, 9)
		if len(f.Groups) != wantGroups {
			t.Errorf("n=%d: %d groups, want %d", n, len(f.Groups), wantGroups)
		}
		ls := leaves(f.Groups)
		if len(ls) != n {
			t.Fatalf("n=%d: %d indicators", n, len(ls))
		}
		h := readAll(t, gen(t, o))[0]
		var cols []string
		lower, ur, gp, tg := 0, 0, 0, 0
		seen := map[string]bool{}
		for _, l := range ls {
			if seen[l.ID] {
				t.Errorf("duplicate id %s", l.ID)
			}
			seen[l.ID] = true
			if l.Direction == "lower" {
				lower++
			} else if l.Direction != "higher" {
				t.Errorf("%s direction %q", l.ID, l.Direction)
			}
			if l.Goalposts != nil {
				gp++
				lo, hi := math.Min(l.Goalposts[0], l.Goalposts[1]), math.Max(l.Goalposts[0], l.Goalposts[1])
				if (l.Direction == "lower") != (l.Goalposts[0] > l.Goalposts[1]) {
					t.Errorf("%s goalposts %v for %s", l.ID, l.Goalposts, l.Direction)
				}
				if l.Target != nil && (*l.Target < lo || *l.Target > hi) {
					t.Errorf("%s target %v outside %v", l.ID, *l.Target, l.Goalposts)
				}
			}
			if l.Target != nil {
				tg++
			}
			cols = append(cols, l.ID)
			if slices.Contains(h, l.ID+"@urban") {
				cols = append(cols, l.ID+"@urban", l.ID+"@rural")
				ur++
			}
		}
		if !slices.Equal(h[7:], cols) {
			t.Errorf("n=%d: CSV indicator columns\n%v\nframework order\n%v", n, h[7:], cols)
		}
		if n >= 36 && (lower == 0 || gp == 0 || tg == 0 || ur < n/4 || ur > n/2) {
			t.Errorf("n=%d: %d lower, %d goalposts, %d targets, %d urban/rural", n, lower, gp, tg, ur)
		}
	}
}

// values returns column name as floats by row (NaN when empty), with each row's group and year.
func values(recs [][]string, name string) (v []float64, group, year []string) {
	h := recs[0]
	c := col(h, name)
	for _, r := range recs[1:] {
		x, err := strconv.ParseFloat(r[c], 64)
		if err != nil {
			x = math.NaN()
		}
		v = append(v, x)
		group = append(group, r[2])
		year = append(year, r[6])
	}
	return v, group, year
}

func meanWhere(v []float64, keep func(i int) bool) float64 {
	s, n := 0.0, 0
	for i, x := range v {
		if !math.IsNaN(x) && keep(i) {
			s += x
			n++
		}
	}
	return s / float64(n)
}

func TestStructure(t *testing.T) {
	o := Options{Units: 620, Indicators: 36, Years: 10, FirstYear: 2015, Seed: 3, MissingShare: 0.01, UrbanRural: true}
	recs := readAll(t, gen(t, o))

	// Regional structure: the east ahead of the west, for higher- and lower-is-better indicators.
	for _, id := range []string{"hl_doctors", "ed_preschool", "as_dibao"} {
		v, g, _ := values(recs, id)
		e := meanWhere(v, func(i int) bool { return g[i] == "东部" })
		w := meanWhere(v, func(i int) bool { return g[i] == "西部" })
		if !(e > w) {
			t.Errorf("%s: east %.3f not above west %.3f", id, e, w)
		}
	}
	v, g, _ := values(recs, "hl_infant_mortality")
	if e, w := meanWhere(v, func(i int) bool { return g[i] == "东部" }), meanWhere(v, func(i int) bool { return g[i] == "西部" }); !(e < w) {
		t.Errorf("infant mortality: east %.3f not below west %.3f", e, w)
	}

	// Urban ahead of rural in every cell (the gap is never zero): higher for higher-is-better,
	// lower for lower-is-better; the total lies between them up to rounding.
	for _, id := range []string{"hl_doctors", "ed_preschool", "el_homecare", "hl_infant_mortality"} {
		tot, _, _ := values(recs, id)
		u, _, _ := values(recs, id+"@urban")
		r, _, _ := values(recs, id+"@rural")
		bad := 0
		for i := range u {
			if math.IsNaN(u[i]) || math.IsNaN(r[i]) {
				continue
			}
			ok := u[i] > r[i]
			if id == "hl_infant_mortality" {
				ok = u[i] < r[i]
			}
			if !ok {
				bad++
			}
			if !math.IsNaN(tot[i]) && (tot[i] < math.Min(u[i], r[i])-0.11 || tot[i] > math.Max(u[i], r[i])+0.11) {
				t.Errorf("%s row %d: total %v outside urban %v / rural %v", id, i+1, tot[i], u[i], r[i])
			}
		}
		if bad > len(u)/100 {
			t.Errorf("%s: urban behind rural in %d of %d rows", id, bad, len(u))
		}
	}

	// Sigma convergence: the sd of ln x across units falls from the first to the last year
	// (deviations shrink by 0.97^9 = 0.76 on the link scale).
	for _, id := range []string{"hl_doctors", "as_dibao", "cc_maternal_mortality"} {
		v, _, y := values(recs, id)
		sd := func(year string) float64 {
			var l []float64
			for i, x := range v {
				if y[i] == year && !math.IsNaN(x) {
					l = append(l, math.Log(x))
				}
			}
			m := 0.0
			for _, x := range l {
				m += x / float64(len(l))
			}
			s := 0.0
			for _, x := range l {
				s += (x - m) * (x - m) / float64(len(l)-1)
			}
			return math.Sqrt(s)
		}
		first, last := sd("2015"), sd("2024")
		if !(last < 0.9*first) {
			t.Errorf("%s: sd of ln x %.3f in 2015, %.3f in 2024: no convergence", id, first, last)
		}
	}

	// Percentages stay in percent.
	for _, id := range []string{"ed_preschool", "el_pension", "hs_old_estates"} {
		v, _, _ := values(recs, id)
		for _, x := range v {
			if !math.IsNaN(x) && (x <= 0 || x > 100) {
				t.Fatalf("%s = %v", id, x)
			}
		}
		if m := meanWhere(v, func(int) bool { return true }); m < 5 {
			t.Errorf("%s mean %v: shares instead of percent?", id, m)
		}
	}
}

func TestValidate(t *testing.T) {
	if err := DefaultOptions().Validate(); err != nil {
		t.Fatal(err)
	}
	if err := (Options{}).Validate(); err != nil {
		t.Fatalf("zero options take defaults: %v", err)
	}
	for _, o := range []Options{{Units: -1}, {Units: MaxUnits + 1}, {MissingShare: 1}, {MissingShare: math.NaN()}, {Years: -2}, {FirstYear: 15}} {
		err := o.Validate()
		if err == nil {
			t.Errorf("%+v: no error", o)
			continue
		}
		if werr := WriteCSV(io.Discard, o); werr == nil || werr.Error() != err.Error() {
			t.Errorf("%+v: WriteCSV error %v, Validate %v", o, werr, err)
		}
		if !strings.HasPrefix(err.Error(), "synth: ") {
			t.Errorf("error %q lacks the package prefix", err)
		}
	}
	// The largest configuration still has unique codes at its end.
	o := Options{Units: MaxUnits, Indicators: 1, Years: 1, UrbanRural: false}
	var b bytes.Buffer
	if err := WriteCSV(&b, o); err != nil {
		t.Fatal(err)
	}
	recs := readAll(t, b.Bytes())
	codes := map[string]bool{}
	for _, r := range recs[1:] {
		codes[r[1]] = true
	}
	if len(codes) != MaxUnits {
		t.Errorf("%d distinct codes for %d units", len(codes), MaxUnits)
	}
}

func BenchmarkWriteCSVNationalYear(b *testing.B) {
	o := DefaultOptions()
	o.Years = 1
	var cw countWriter
	for b.Loop() {
		if err := WriteCSV(&cw, o); err != nil {
			b.Fatal(err)
		}
	}
	b.SetBytes(cw.n / int64(b.N))
}

type countWriter struct{ n int64 }

func (c *countWriter) Write(p []byte) (int, error) { c.n += int64(len(p)); return len(p), nil }

func TestWithDefaults(t *testing.T) {
	got := WithDefaults(Options{Seed: 9, MissingShare: 0.2})
	want := Options{Units: 2850, Indicators: 60, Years: 10, FirstYear: 2015, Seed: 9, MissingShare: 0.2}
	if got != want {
		t.Errorf("WithDefaults = %+v, want %+v", got, want)
	}
	o := small()
	if WithDefaults(o) != o {
		t.Errorf("WithDefaults changed set fields: %+v", WithDefaults(o))
	}
}

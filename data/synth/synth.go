// Package synth generates deterministic synthetic data at national scale: a framework in the
// eqindex YAML schema and a matching wide CSV with one row per unit and year.
//
// The data are made up. They exist for benchmarks, for trying the tool on a realistic size
// (about 2850 county-level units, as in China) and for tests; they are not statistics of any place.
// Unit names say so (合成县0001, "synthetic county"), codes are 6-digit numbers that follow the
// pattern of admin codes (province prefix) but are not matched to real counties.
//
// The model, per indicator j, unit u and year t = 0, 1, ... (t = year - FirstYear):
//
//	z_uj    = 0.6 (r_g + a_u) + 0.8 e_uj          latent standing; r_g the region shift
//	                                              (东部 +0.5, 东北 0, 中部 -0.2, 西部 -0.5),
//	                                              a_u ~ N(0,1) the unit, e_uj ~ N(0,1) the indicator
//	L_ujt   = m_j + b_j t + s_j c^t z_uj + n_ujt  on a link scale: logit(x/100) for percentages,
//	                                              ln x for positive quantities; c = 0.97 (slow
//	                                              convergence), n_ujt ~ N(0, 0.03²) yearly noise
//	urban   = L + (1-p) g,  rural = L - p g      p the urban population share,
//	                                              g = g_j c^t max(0.2, 1 - 0.3 a_u)
//	                                              >= 0 the urban-rural gap (larger for weaker units)
//	total   = p urban + (1-p) rural               on the natural scale
//
// For lower-is-better indicators the sign of z and of g is flipped, so that stronger units have
// lower values and rural values are worse (higher) than urban ones. A share MissingShare of the
// indicator cells is left empty. Every random number comes from a PCG stream seeded with
// (Seed, unit index), so the output depends only on the options and rows can be written one unit
// at a time.
package synth

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
)

// Options configures the synthetic data. Start from DefaultOptions; in a literal Options the
// numeric fields left at zero take their defaults, but UrbanRural is taken as given.
type Options struct {
	Units        int     // number of units (counties); 0 means 2850
	Indicators   int     // number of indicators; 0 means 60
	Years        int     // number of years; 0 means 10
	FirstYear    int     // first year; 0 means 2015
	Seed         uint64  // seed of the random streams
	MissingShare float64 // share of indicator cells left empty, in [0, 1); e.g. 0.01
	UrbanRural   bool    // write @urban/@rural columns (about a third of indicators) and population@urban/@rural
}

// DefaultOptions returns the national-scale defaults: 2850 units, 60 indicators, 10 years from
// 2015, seed 1, 1% missing cells, urban/rural columns on.
func DefaultOptions() Options {
	return Options{Units: 2850, Indicators: 60, Years: 10, FirstYear: 2015, Seed: 1, MissingShare: 0.01, UrbanRural: true}
}

// MaxUnits is the largest number of units for which WriteCSV can give unique 6-digit codes
// (31 provinces x 99 prefectures x 20 counties).
const MaxUnits = 31 * 99 * 20

// WithDefaults returns o with its zero Units, Indicators, Years and FirstYear set to the
// defaults of DefaultOptions. Seed, MissingShare and UrbanRural are kept as given (zero is a
// meaningful value for them). It does not check ranges: see Validate.
func WithDefaults(o Options) Options {
	o, _ = o.withDefaults()
	return o
}

// withDefaults fills zero numeric fields and checks the ranges.
func (o Options) withDefaults() (Options, error) {
	d := DefaultOptions()
	if o.Units == 0 {
		o.Units = d.Units
	}
	if o.Indicators == 0 {
		o.Indicators = d.Indicators
	}
	if o.Years == 0 {
		o.Years = d.Years
	}
	if o.FirstYear == 0 {
		o.FirstYear = d.FirstYear
	}
	var errs []error
	if o.Units < 0 || o.Units > MaxUnits {
		errs = append(errs, fmt.Errorf("synth: Units = %d, want 1..%d", o.Units, MaxUnits))
	}
	if o.Indicators < 0 {
		errs = append(errs, fmt.Errorf("synth: Indicators = %d, want >= 1", o.Indicators))
	}
	if o.Years < 0 {
		errs = append(errs, fmt.Errorf("synth: Years = %d, want >= 1", o.Years))
	}
	if o.FirstYear < 1900 || o.FirstYear+o.Years > 10000 {
		errs = append(errs, fmt.Errorf("synth: FirstYear = %d, want a year from 1900", o.FirstYear))
	}
	if !(o.MissingShare >= 0 && o.MissingShare < 1) {
		errs = append(errs, fmt.Errorf("synth: MissingShare = %v, want [0, 1)", o.MissingShare))
	}
	return o, errors.Join(errs...)
}

// area is a top-level group of the synthetic framework: the nine areas of the National Basic
// Public Service Standard (2021).
type area struct{ id, name, nameEn string }

var areas = [9]area{
	{"childcare", "幼有所育", "Childcare"},
	{"education", "学有所教", "Education"},
	{"employment", "劳有所得", "Employment and income"},
	{"health", "病有所医", "Health care"},
	{"elderly", "老有所养", "Elderly care"},
	{"housing", "住有所居", "Housing"},
	{"assistance", "弱有所扶", "Social assistance and disability"},
	{"veterans", "优军服务保障", "Services for veterans"},
	{"culture", "文体服务保障", "Culture and sports"},
}

// template describes one kind of indicator. pct indicators live on the logit scale of x/100,
// the others on the log scale. base is the national level in the first year, trend the change of
// the link per year, spread the standard deviation of the unit effect on the link scale, gap the
// urban-rural gap on the link scale (0 = no urban/rural columns).
type template struct {
	area                int
	id, name, nameEn    string
	unit                string
	lower, pct          bool
	base, trend, spread float64
	gap                 float64
	decimals            int
	goalposts           []float64 // [worst, best] or nil
	target              float64   // 0 = none
}

// templates are ordered round-robin by area (index i belongs to area i % 9), so that the first n
// indicators spread over min(n, 9) areas. 13 of 36 have urban/rural values, 6 are lower-is-better.
var templates = []template{
	{0, "cc_nursery", "每千人口3岁以下婴幼儿托位数", "Childcare places under 3 per 1000 residents", "个/千人", false, false, 1.0, 0.12, 0.5, 0.5, 2, []float64{0, 6}, 4.5},
	{1, "ed_preschool", "学前三年毛入园率", "Three-year preschool gross enrolment rate", "%", false, true, 75, 0.12, 0.6, 0.5, 1, nil, 90},
	{2, "em_unemployment", "城镇登记失业率", "Registered urban unemployment rate", "%", true, false, 3.8, -0.01, 0.25, 0, 1, []float64{6, 2}, 0},
	{3, "hl_doctors", "每千人口执业(助理)医师数", "Licensed (assistant) physicians per 1000 residents", "人/千人", false, false, 2.2, 0.04, 0.3, 0.7, 2, []float64{1, 4}, 3.2},
	{4, "el_beds", "每千名老年人养老床位数", "Elderly-care beds per 1000 older persons", "张/千名老人", false, false, 28, 0.03, 0.35, 0.3, 1, nil, 35},
	{5, "hs_public_rental", "低保低收入住房困难家庭公租房保障率", "Public rental housing for eligible low-income families", "%", false, true, 80, 0.15, 0.7, 0, 1, nil, 100},
	{6, "as_dibao", "最低生活保障标准", "Minimum living allowance standard", "元/月", false, false, 450, 0.07, 0.25, 0.35, 0, nil, 0},
	{7, "vt_station", "村(社区)退役军人服务站建站率", "Villages/communities with a veterans' service station", "%", false, true, 55, 0.3, 0.8, 0, 1, nil, 0},
	{8, "cs_visits", "每万人接受公共文化设施服务次数", "Public cultural facility visits per 10000 residents", "万人次/万人", false, false, 2.5, 0.04, 0.4, 0, 2, nil, 3.4},

	{0, "cc_orphan", "孤儿和事实无人抚养儿童保障覆盖率", "Orphans and unsupported children covered", "%", false, true, 92, 0.1, 0.6, 0, 1, nil, 100},
	{1, "ed_retention", "九年义务教育巩固率", "Nine-year compulsory education retention rate", "%", false, true, 93, 0.06, 0.5, 0.4, 1, []float64{85, 100}, 96},
	{2, "em_training", "补贴性职业技能培训人次占就业人员比例", "Subsidised vocational training per employed person", "%", false, false, 3, 0.05, 0.4, 0, 2, nil, 0},
	{3, "hl_nurses", "每千人口注册护士数", "Registered nurses per 1000 residents", "人/千人", false, false, 2.3, 0.05, 0.35, 0.7, 2, []float64{1, 5}, 3.8},
	{4, "el_nursing_share", "养老机构护理型床位占比", "Share of nursing-type beds in elderly-care institutions", "%", false, true, 25, 0.12, 0.5, 0, 1, []float64{0, 70}, 55},
	{5, "hs_rural_safety", "农村低收入群体住房安全保障率", "Housing safety for rural low-income groups", "%", false, true, 85, 0.15, 0.6, 0, 1, nil, 100},
	{6, "as_disab_subsidy", "困难残疾人生活补贴和重度残疾人护理补贴覆盖率", "Coverage of the two disability subsidies", "%", false, true, 90, 0.15, 0.6, 0, 1, []float64{70, 100}, 100},
	{7, "vt_allowance", "重点优抚对象抚恤补助标准", "Allowance standard for special-care beneficiaries", "元/月", false, false, 1200, 0.06, 0.2, 0, 0, nil, 0},
	{8, "cs_sports_area", "人均体育场地面积", "Sports ground area per capita", "平方米/人", false, false, 1.5, 0.06, 0.35, 0.3, 2, []float64{0.5, 3.5}, 2.6},

	{0, "cc_child_health", "0-6岁儿童健康管理率", "Child (0-6) health management rate", "%", false, true, 85, 0.08, 0.5, 0, 1, nil, 90},
	{1, "ed_senior", "高中阶段教育毛入学率", "Senior-secondary gross enrolment rate", "%", false, true, 85, 0.08, 0.5, 0, 1, nil, 92},
	{2, "em_new_jobs", "城镇新增就业人数占城镇就业人员比例", "New urban jobs as a share of urban employment", "%", false, false, 5, 0.0, 0.3, 0, 2, nil, 0},
	{3, "hl_beds", "每千人口医疗卫生机构床位数", "Health-facility beds per 1000 residents", "张/千人", false, false, 5.1, 0.03, 0.3, 0.6, 2, nil, 0},
	{4, "el_pension", "基本养老保险参保率", "Basic pension insurance coverage rate", "%", false, true, 85, 0.1, 0.5, 0, 1, nil, 95},
	{5, "hs_old_estates", "城镇老旧小区改造任务完成率", "Old residential compounds renovated, share of quota", "%", false, true, 10, 0.45, 0.6, 0, 1, []float64{0, 100}, 100},
	{6, "as_rehab", "残疾人基本康复服务覆盖率", "Basic rehabilitation coverage of disabled persons", "%", false, true, 50, 0.15, 0.6, 0, 1, nil, 85},
	{7, "vt_complaint_days", "退役军人事务诉求平均办结天数", "Average days to settle veterans' requests", "天", true, false, 20, -0.05, 0.3, 0, 1, nil, 0},
	{8, "cs_library_books", "公共图书馆人均藏书", "Public library holdings per capita", "册/人", false, false, 0.6, 0.05, 0.45, 0.8, 2, nil, 0},

	{0, "cc_maternal_mortality", "孕产妇死亡率", "Maternal mortality ratio", "1/10万", true, false, 20, -0.05, 0.45, 0, 1, []float64{50, 5}, 18},
	{1, "ed_teachers", "义务教育专任教师本科及以上学历比例", "Compulsory-education teachers with a bachelor's degree", "%", false, true, 60, 0.12, 0.6, 0.6, 1, nil, 0},
	{2, "em_contract", "企业劳动合同签订率", "Enterprise labour-contract signing rate", "%", false, true, 88, 0.05, 0.5, 0, 1, nil, 90},
	{3, "hl_infant_mortality", "婴儿死亡率", "Infant mortality rate", "‰", true, false, 8.1, -0.06, 0.4, 0.3, 1, []float64{15, 2}, 7.5},
	{4, "el_homecare", "社区居家养老服务设施覆盖率", "Coverage of community home-care facilities", "%", false, true, 60, 0.15, 0.6, 0.8, 1, nil, 0},
	{5, "hs_overcrowded", "人均住房面积低于15平方米家庭占比", "Households with under 15 m2 of housing per person", "%", true, false, 8, -0.05, 0.4, 0, 1, nil, 0},
	{6, "as_wait_days", "临时救助审批平均办理天数", "Average days to approve temporary assistance", "天", true, false, 12, -0.04, 0.3, 0, 1, nil, 0},
	{7, "vt_employment", "退役士兵就业安置率", "Employment placement rate of discharged soldiers", "%", false, true, 85, 0.05, 0.5, 0, 1, nil, 0},
	{8, "cs_community_area", "每百户居民拥有社区综合服务设施面积", "Community service facility area per 100 households", "平方米/百户", false, false, 20, 0.05, 0.35, 0, 1, []float64{5, 40}, 30},
}

// indicator is one generated indicator: a template and a variant number (0 for the first use of
// the template; larger when more indicators than templates are asked for).
type indicator struct {
	t       template
	variant int
	ur      bool // has @urban/@rural columns
}

func (ind indicator) id() string {
	if ind.variant == 0 {
		return ind.t.id
	}
	return ind.t.id + "_v" + strconv.Itoa(ind.variant+1)
}

func (ind indicator) name() string {
	if ind.variant == 0 {
		return ind.t.name
	}
	return ind.t.name + "(" + strconv.Itoa(ind.variant+1) + ")"
}

// indicators lists the indicators for n, in framework order (by area): indicator i of the choice
// is template i % len(templates), variant i / len(templates). Variants shift the level a little so
// that columns are not copies of each other.
func indicators(n int, urbanRural bool) []indicator {
	out := make([]indicator, n)
	for i := range out {
		t := templates[i%len(templates)]
		v := i / len(templates)
		if v > 0 {
			t.base *= 1 + 0.03*float64(v)
			if t.pct {
				t.base = math.Min(t.base, 97)
			}
			t.spread *= 1 + 0.1*float64(v%3)
		}
		out[i] = indicator{t: t, variant: v, ur: urbanRural && t.gap > 0}
	}
	// Columns follow the framework: by area, then in order of choice.
	slices.SortStableFunc(out, func(a, b indicator) int { return a.t.area - b.t.area })
	return out
}

// Validate fills in the defaults and reports every option out of range (Units above MaxUnits or
// negative, negative Indicators or Years, FirstYear before 1900, MissingShare outside [0, 1)).
func (o Options) Validate() error {
	_, err := o.withDefaults()
	return err
}

// FrameworkYAML returns a framework in the eqindex YAML schema that matches WriteCSV with the
// same options: the nine areas of the National Basic Public Service Standard as top-level groups
// (areas without indicators are left out), the indicators spread over them round-robin, with
// directions, units, some goalposts and targets. It is plain text built in file order, so equal
// options give equal bytes. Only Indicators and UrbanRural shape it. It panics on options that
// Validate rejects (WriteCSV returns them as an error): call Validate on user input first.
func FrameworkYAML(opt Options) []byte {
	o, err := opt.withDefaults()
	if err != nil {
		panic(err.Error())
	}
	inds := indicators(o.Indicators, o.UrbanRural)
	var b bytes.Buffer
	b.WriteString("# 合成数据的指标体系 (eqindex synth 生成, 非真实规划)\n")
	b.WriteString("# Framework for synthetic data generated by eqindex synth; not a real plan.\n")
	fmt.Fprintf(&b, "# options: units %d, indicators %d, years %d from %d, seed %d, missing share %g, urban/rural %t\n",
		o.Units, o.Indicators, o.Years, o.FirstYear, o.Seed, o.MissingShare, o.UrbanRural)
	b.WriteString("name: 合成数据评估框架(九个方面)\n")
	b.WriteString("name_en: Synthetic assessment framework (nine areas)\n")
	b.WriteString("normalisation: minmax\nweighting: fixed\naggregation: arithmetic\nmissing: available\nmin_coverage: 0.5\nbenchmark: mean\n")
	b.WriteString("groups:\n")
	for a, ar := range areas {
		first := true
		for _, ind := range inds {
			if ind.t.area != a {
				continue
			}
			if first {
				fmt.Fprintf(&b, "  - id: %s\n    name: %s\n    name_en: %s\n    children:\n", ar.id, ar.name, ar.nameEn)
				first = false
			}
			t := ind.t
			fmt.Fprintf(&b, "      - id: %s\n", ind.id())
			fmt.Fprintf(&b, "        name: %q\n", ind.name())
			fmt.Fprintf(&b, "        name_en: %q\n", t.nameEn)
			fmt.Fprintf(&b, "        unit: %q\n", t.unit)
			dir := "higher"
			if t.lower {
				dir = "lower"
			}
			fmt.Fprintf(&b, "        direction: %s\n", dir)
			if t.goalposts != nil {
				fmt.Fprintf(&b, "        goalposts: [%s, %s]\n", fnum(t.goalposts[0]), fnum(t.goalposts[1]))
			}
			if t.target != 0 {
				fmt.Fprintf(&b, "        target: %s\n", fnum(t.target))
			}
			b.WriteString("        source: synthetic\n")
		}
	}
	return b.Bytes()
}

func fnum(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }

// provinces are the 31 province-level prefixes of admin codes, with their region.
var provinces = [31]struct {
	code   int
	region int // index into regions
}{
	{11, 0}, {12, 0}, {13, 0}, {14, 1}, {15, 2}, {21, 3}, {22, 3}, {23, 3}, {31, 0}, {32, 0}, {33, 0},
	{34, 1}, {35, 0}, {36, 1}, {37, 0}, {41, 1}, {42, 1}, {43, 1}, {44, 0}, {45, 2}, {46, 0}, {50, 2},
	{51, 2}, {52, 2}, {53, 2}, {54, 2}, {61, 2}, {62, 2}, {63, 2}, {64, 2}, {65, 2},
}

var regions = [4]struct {
	name  string
	shift float64
}{{"东部", 0.5}, {"中部", -0.2}, {"西部", -0.5}, {"东北", 0}}

const (
	loading     = 0.6  // weight of the shared unit standing in z
	convergence = 0.97 // yearly factor on unit deviations and urban-rural gaps
	yearNoise   = 0.03 // sd of yearly noise on the link scale
)

// WriteCSV writes the synthetic data set as a wide CSV (UTF-8, no BOM) to w: a header, then one
// row per unit and year (units in order, years ascending within each unit). Columns: unit, code
// (6 digits, unique), group (region: 东部/中部/西部/东北), population, population@urban and
// population@rural (with UrbanRural), year, then per indicator its id and, where it has urban and
// rural values, id@urban and id@rural; missing cells are empty. Percentages are in percent.
// Rows are streamed through a buffer, never the whole table. The same options give the same bytes.
func WriteCSV(w io.Writer, opt Options) error {
	o, err := opt.withDefaults()
	if err != nil {
		return err
	}
	inds := indicators(o.Indicators, o.UrbanRural)
	bw := bufio.NewWriterSize(w, 1<<16)

	// Header.
	bw.WriteString("unit,code,group,population")
	if o.UrbanRural {
		bw.WriteString(",population@urban,population@rural")
	}
	bw.WriteString(",year")
	for _, ind := range inds {
		id := ind.id()
		bw.WriteString("," + id)
		if ind.ur {
			bw.WriteString("," + id + "@urban," + id + "@rural")
		}
	}
	bw.WriteByte('\n')

	base := make([]float64, len(inds)) // m_j, the first-year level on the link scale
	for j, ind := range inds {
		base[j] = ind.t.link(ind.t.base)
	}
	e := make([]float64, len(inds))      // indicator-specific standing e_uj
	lead := make([]byte, 0, 64)          // unit,code,group prefix
	buf := make([]byte, 0, 16*len(inds)) // one row
	src := rand.NewPCG(0, 0)
	rng := rand.New(src)
	for u := 0; u < o.Units; u++ {
		src.Seed(o.Seed, 0x9e3779b97f4a7c15^uint64(u)) // the unit's own stream
		p := provinces[u%len(provinces)]
		k := u / len(provinces)
		code := p.code*10000 + (k/20+1)*100 + k%20 + 1
		reg := regions[p.region]
		a := rng.NormFloat64()
		for j := range e {
			e[j] = rng.NormFloat64()
		}
		// Population: log-normal around 350 000, more people in stronger units; urban share
		// logistic around 45%, higher in stronger regions and units.
		pop0 := math.Min(3e6, math.Max(2e4, 3.5e5*math.Exp(0.6*rng.NormFloat64()+0.15*a)))
		share0 := 1 / (1 + math.Exp(-(-0.2 + 0.5*reg.shift + 0.4*a + 0.5*rng.NormFloat64())))

		lead = append(lead[:0], "合成县"...)
		lead = appendPadded(lead, u+1, 4)
		lead = append(lead, ',')
		lead = appendPadded(lead, code, 6)
		lead = append(lead, ',')
		lead = append(lead, reg.name...)
		lead = append(lead, ',')
		for y := 0; y < o.Years; y++ {
			t := float64(y)
			pop := math.Round(pop0 * math.Pow(1.003, t))
			share := math.Min(0.98, share0+0.01*t)
			popU := math.Round(pop * share)
			popR := pop - popU
			share = popU / pop
			conv := math.Pow(convergence, t)

			buf = append(buf[:0], lead...)
			buf = strconv.AppendFloat(buf, pop, 'f', 0, 64)
			if o.UrbanRural {
				buf = append(buf, ',')
				buf = strconv.AppendFloat(buf, popU, 'f', 0, 64)
				buf = append(buf, ',')
				buf = strconv.AppendFloat(buf, popR, 'f', 0, 64)
			}
			buf = append(buf, ',')
			buf = strconv.AppendInt(buf, int64(o.FirstYear+y), 10)
			for j, ind := range inds {
				tp := ind.t
				z := loading*(reg.shift+a) + 0.8*e[j]
				sign := 1.0
				if tp.lower {
					sign = -1
				}
				link := base[j] + tp.trend*t + sign*tp.spread*conv*z + yearNoise*rng.NormFloat64()
				total := tp.inv(link)
				var urban, rural float64
				if ind.ur {
					g := sign * tp.gap * conv * math.Max(0.2, 1-0.3*a)
					urban = tp.inv(link + (1-share)*g)
					rural = tp.inv(link - share*g)
					total = share*urban + (1-share)*rural
				}
				buf = tp.appendCell(buf, total, rng.Float64() < o.MissingShare)
				if ind.ur {
					buf = tp.appendCell(buf, urban, rng.Float64() < o.MissingShare)
					buf = tp.appendCell(buf, rural, rng.Float64() < o.MissingShare)
				}
			}
			buf = append(buf, '\n')
			if _, err := bw.Write(buf); err != nil {
				return err
			}
		}
	}
	return bw.Flush()
}

// link maps a natural value to the link scale: logit of the share for percentages, log otherwise.
func (t template) link(x float64) float64 {
	if t.pct {
		q := x / 100
		return math.Log(q / (1 - q))
	}
	return math.Log(x)
}

// inv is the inverse of link.
func (t template) inv(l float64) float64 {
	if t.pct {
		return 100 / (1 + math.Exp(-l))
	}
	return math.Exp(l)
}

// appendCell appends ",value" rounded to the template's decimals, or "," when missing.
func (t template) appendCell(buf []byte, v float64, missing bool) []byte {
	buf = append(buf, ',')
	if missing {
		return buf
	}
	return strconv.AppendFloat(buf, v, 'f', t.decimals, 64)
}

// appendPadded appends the decimal form of n >= 0, zero-padded to at least width digits.
func appendPadded(buf []byte, n, width int) []byte {
	var d [20]byte
	s := strconv.AppendInt(d[:0], int64(n), 10)
	for i := len(s); i < width; i++ {
		buf = append(buf, '0')
	}
	return append(buf, s...)
}

package data

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/eqindex/eqindex/scoring"
	"go.yaml.in/yaml/v3"
)

// fwFile is a framework file as written (see the schema).
type fwFile struct {
	Name          string        `yaml:"name"`
	NameEN        string        `yaml:"name_en"`
	Normalisation string        `yaml:"normalisation"`
	Weighting     string        `yaml:"weighting"`
	Aggregation   string        `yaml:"aggregation"`
	Missing       string        `yaml:"missing"`
	MinCoverage   *float64      `yaml:"min_coverage"`
	Benchmark     string        `yaml:"benchmark"`
	Components    *fwComponents `yaml:"components"`
	Weak          *fwWeak       `yaml:"weak"`

	// Settings of the root group (how the top-level groups combine).
	Pairwise          yaml.Node  `yaml:"pairwise"`
	AllowInconsistent *bool      `yaml:"allow_inconsistent"`
	Combine           *fwCombine `yaml:"combine"`
	EntropyShift      *bool      `yaml:"entropy_shift"`
	GeometricFloor    *float64   `yaml:"geometric_floor"`

	Groups []*fwNode `yaml:"groups"`

	keys     map[string]int // line of each top-level key
	compKeys map[string]int
	weakKeys map[string]int
	set      map[string]string // key -> the --set that changed it
}

type fwComponents struct {
	Level      *float64 `yaml:"level"`
	UrbanRural *float64 `yaml:"urban_rural"`
	Regional   *float64 `yaml:"regional"`
}

type fwWeak struct {
	Index           string    `yaml:"index"`
	K               *float64  `yaml:"k"`
	Quantile        *float64  `yaml:"quantile"`
	Floor           *float64  `yaml:"floor"`
	GroupK          *float64  `yaml:"group_k"`
	GroupFloor      *float64  `yaml:"group_floor"`
	Target          *bool     `yaml:"target"`
	UrbanRuralBelow *float64  `yaml:"urban_rural_below"`
	RegionalBelow   *float64  `yaml:"regional_below"`
	Grades          []fwGrade `yaml:"grades"`
}

type fwGrade struct {
	Label    string   `yaml:"label"`
	Min      *float64 `yaml:"min"`
	Quantile *float64 `yaml:"quantile"`
	line     int
}

type fwCombine struct {
	Methods []string `yaml:"methods"`
	Alpha   *float64 `yaml:"alpha"`
	Rule    string   `yaml:"rule"`
}

type fwWinsorise struct {
	K *float64 `yaml:"k"`
}

// fwNode is a group or indicator as written.
type fwNode struct {
	ID     string `yaml:"id"`
	Name   string `yaml:"name"`
	NameEN string `yaml:"name_en"`
	Source string `yaml:"source"`

	Weight *float64 `yaml:"weight"`

	Weighting         string     `yaml:"weighting"`
	Pairwise          yaml.Node  `yaml:"pairwise"`
	AllowInconsistent *bool      `yaml:"allow_inconsistent"`
	Combine           *fwCombine `yaml:"combine"`
	EntropyShift      *bool      `yaml:"entropy_shift"`
	Aggregation       string     `yaml:"aggregation"`
	GeometricFloor    *float64   `yaml:"geometric_floor"`
	Normalisation     string     `yaml:"normalisation"`
	Children          []*fwNode  `yaml:"children"`

	Unit      string       `yaml:"unit"`
	UnitEN    string       `yaml:"unit_en"`
	Direction string       `yaml:"direction"`
	Goalposts []float64    `yaml:"goalposts"`
	Target    *float64     `yaml:"target"`
	Transform string       `yaml:"transform"`
	Winsorise *fwWinsorise `yaml:"winsorise"`

	line int
	keys map[string]int
	set  map[string]string
}

// RootID, RootName and RootNameEN name the root node of every framework.
const (
	RootID     = "index"
	RootName   = "综合指数"
	RootNameEN = "Index"
)

// reservedIDs cannot be node ids: the root, and the reserved data columns
// (an indicator column with such a name would be ambiguous).
var reservedIDs = []string{RootID, "unit", "code", "group", "population", "year", "indicator", "value", "area"}

var idSyntax = regexp.MustCompile(`^[A-Za-z0-9_]+$`)

// LoadFramework reads the framework file at path; see ParseFramework.
func LoadFramework(path string, sets []string) (*scoring.Framework, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return ParseFramework(path, src, sets)
}

// ParseFramework reads a framework from YAML source (name is the file name
// for messages and Framework.Source), applies the key=value overrides in
// sets (the keys are documented in set.go), resolves defaults and inheritance, and
// validates it.
//
// Resolution: the top-level normalisation, weighting and aggregation are
// the root's settings and the defaults for the whole tree; a group's
// weighting, aggregation, normalisation, combine, entropy_shift,
// geometric_floor and allow_inconsistent are inherited by the groups
// below it that do not set their own, and its normalisation by the
// indicators below it. Defaults: normalisation minmax, weighting fixed,
// aggregation arithmetic, missing available, min_coverage 0.5, benchmark
// mean, components scoring.DefaultComponents, weak rules
// scoring.DefaultWeakRules() with the keys present overriding, weight 1,
// transform none, combine alpha 0.5. The root has ID "index", Name
// "综合指数", NameEN "Index" and Weight 1.
//
// Every problem is collected; the error is an ErrorList of *ParseError
// (each wrapping ErrBadFramework) sorted by line, such as
//
//	fw.yaml:12: group education: weight -1 must be >= 0
func ParseFramework(name string, src []byte, sets []string) (*scoring.Framework, error) {
	fail := func(line int, format string, args ...any) error {
		return ErrorList{{File: name, Line: line, Err: newProblem(ErrBadFramework, format, args...)}}
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		return nil, yamlErrors(name, err)
	}
	if len(doc.Content) == 0 {
		return nil, ErrorList{{File: name, Err: newProblem(ErrEmpty, "empty framework file")}}
	}
	if doc.Content[0].Kind != yaml.MappingNode {
		return nil, fail(doc.Content[0].Line, "a framework is a mapping with name, groups, ... (got a %s)", kindName(doc.Content[0]))
	}
	var f fwFile
	dec := yaml.NewDecoder(bytes.NewReader(src))
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil && err != io.EOF {
		return nil, yamlErrors(name, err)
	}
	attachFile(&f, doc.Content[0])
	root := rootNode(&f)
	if err := applySets(&f, root, sets); err != nil {
		return nil, err
	}
	c := &fwCheck{file: name, ids: map[string]int{}}
	fw := c.resolveFile(&f, root)
	if err := c.errs.err(); err != nil {
		return nil, err
	}
	fw.Source = filepath.Base(name) // reports are published: no local folders
	return fw, nil
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.SequenceNode:
		return "list"
	case yaml.MappingNode:
		return "mapping"
	case yaml.ScalarNode:
		return "scalar"
	}
	return "document"
}

var (
	yamlLine    = regexp.MustCompile(`^(?:yaml: )?line (\d+): (.*)$`)
	yamlUnknown = regexp.MustCompile(`^field (\S+) not found in type (\S+)$`)
	yamlType    = regexp.MustCompile("^cannot unmarshal !!(\\w+) (?:`(.*)` )?into (\\S+)$")
)

// typeMsg rewrites yaml's "cannot unmarshal !!str `x` into float64".
func typeMsg(m string) string {
	sm := yamlType.FindStringSubmatch(m)
	if sm == nil {
		return m
	}
	tag, val, into := sm[1], sm[2], strings.TrimLeft(sm[3], "*")
	got := map[string]string{"seq": "a list", "map": "a mapping", "str": "text", "int": "a number", "float": "a number", "bool": "true/false"}[tag]
	if got == "" {
		got = tag
	}
	if val != "" {
		got = fmt.Sprintf("%q", val)
	}
	switch {
	case into == "float64":
		return fmt.Sprintf("%s is not a number", got)
	case into == "bool":
		return fmt.Sprintf("%s is not true or false", got)
	case into == "string":
		return fmt.Sprintf("expected text, got %s", got)
	case strings.HasPrefix(into, "[]"):
		return fmt.Sprintf("expected a list, got %s", got)
	case strings.HasPrefix(into, "data.") || strings.HasPrefix(into, "map"):
		return fmt.Sprintf("expected a mapping, got %s", got)
	}
	return m
}

// knownKeys lists the yaml keys of the struct types, for did-you-mean.
var knownKeys = map[string][]string{}

func init() {
	for _, v := range []any{fwFile{}, fwNode{}, fwComponents{}, fwWeak{}, fwGrade{}, fwCombine{}, fwWinsorise{}} {
		t := reflect.TypeOf(v)
		var keys []string
		for i := range t.NumField() {
			if k := strings.Split(t.Field(i).Tag.Get("yaml"), ",")[0]; k != "" && k != "-" {
				keys = append(keys, k)
			}
		}
		knownKeys["data."+t.Name()] = keys
	}
}

// yamlErrors turns yaml's messages ("line 5: field weigth not found in
// type data.fwNode") into positioned problems with a did-you-mean.
func yamlErrors(file string, err error) error {
	var msgs []string
	var te *yaml.TypeError
	if errors.As(err, &te) {
		msgs = te.Errors
	} else {
		msgs = []string{err.Error()}
	}
	var l ErrorList
	for _, m := range msgs {
		line := 0
		if sm := yamlLine.FindStringSubmatch(m); sm != nil {
			line, _ = strconv.Atoi(sm[1])
			m = sm[2]
		}
		m = strings.TrimPrefix(m, "yaml: ")
		if um := yamlUnknown.FindStringSubmatch(m); um != nil {
			m = fmt.Sprintf("unknown key %q%s", um[1], didYouMean(um[1], knownKeys[um[2]]))
		} else {
			m = typeMsg(m)
		}
		l = append(l, &ParseError{File: file, Line: line, Err: newProblem(ErrBadFramework, "%s", m)})
	}
	return l.Sorted()
}

// keyLines maps each key of a YAML mapping to its line.
func keyLines(m *yaml.Node) map[string]int {
	out := map[string]int{}
	if m == nil || m.Kind != yaml.MappingNode {
		return out
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		out[m.Content[i].Value] = m.Content[i].Line
	}
	return out
}

// valueOf returns the value node of key in mapping m, or nil.
func valueOf(m *yaml.Node, key string) *yaml.Node {
	if m == nil || m.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}

func attachFile(f *fwFile, m *yaml.Node) {
	f.keys = keyLines(m)
	f.compKeys = keyLines(valueOf(m, "components"))
	weak := valueOf(m, "weak")
	f.weakKeys = keyLines(weak)
	if g := valueOf(weak, "grades"); g != nil && f.Weak != nil {
		for i, item := range g.Content {
			if i < len(f.Weak.Grades) {
				f.Weak.Grades[i].line = item.Line
			}
		}
	}
	attachList(f.Groups, valueOf(m, "groups"))
}

func attachList(nodes []*fwNode, seq *yaml.Node) {
	if seq == nil || seq.Kind != yaml.SequenceNode {
		return
	}
	for i, item := range seq.Content {
		if i < len(nodes) && nodes[i] != nil {
			nodes[i].line = item.Line
			nodes[i].keys = keyLines(item)
			attachList(nodes[i].Children, valueOf(item, "children"))
		}
	}
}

// fwCheck resolves and validates, collecting every problem.
type fwCheck struct {
	file string
	errs ErrorList
	ids  map[string]int // id -> line
	fw   *scoring.Framework
}

func (c *fwCheck) add(line int, format string, args ...any) {
	c.errs = append(c.errs, &ParseError{File: c.file, Line: line, Err: newProblem(ErrBadFramework, format, args...)})
}

// inClosedSet checks a method name; "" is accepted (not set).
func (c *fwCheck) inClosedSet(line int, who, key, v string, set []string, from string) bool {
	if v == "" || slices.Contains(set, v) {
		return true
	}
	c.add(line, "%s%sunknown %s %q (want: %s)%s%s", who, colonIf(who), key, v, strings.Join(set, ", "), didYouMean(v, set), from)
	return false
}

func colonIf(who string) string {
	if who == "" {
		return ""
	}
	return ": "
}

// fromSet returns " (from --set ...)" when key was changed by a --set.
func fromSet(set map[string]string, key string) string {
	if s, ok := set[key]; ok {
		return fmt.Sprintf(" (from --set %s)", s)
	}
	return ""
}

func lineOf(keys map[string]int, key string, def int) int {
	if l, ok := keys[key]; ok {
		return l
	}
	return def
}

// resolveFile builds the Framework.
func (c *fwCheck) resolveFile(f *fwFile, root *fwNode) *scoring.Framework {
	fw := &scoring.Framework{Name: f.Name, NameEN: f.NameEN, Missing: scoring.MissingAvailable,
		MinCoverage: 0.5, Benchmark: scoring.BenchmarkMean, Components: scoring.DefaultComponents,
		Weak: scoring.DefaultWeakRules()}
	c.fw = fw
	kl := func(k string) int { return lineOf(f.keys, k, 0) }
	lower := func(s *string) { *s = strings.ToLower(strings.TrimSpace(*s)) }
	lower(&f.Missing)
	lower(&f.Benchmark)
	if f.Missing != "" {
		if c.inClosedSet(kl("missing"), "", "missing rule", f.Missing, []string{scoring.MissingAvailable, scoring.MissingError}, fromSet(f.set, "missing")) {
			fw.Missing = f.Missing
		}
	}
	if f.Benchmark != "" {
		if c.inClosedSet(kl("benchmark"), "", "benchmark", f.Benchmark, []string{scoring.BenchmarkMean, scoring.BenchmarkMedian, scoring.BenchmarkTarget}, fromSet(f.set, "benchmark")) {
			fw.Benchmark = f.Benchmark
		}
	}
	if f.MinCoverage != nil {
		if v := *f.MinCoverage; !(v >= 0 && v <= 1) {
			c.add(kl("min_coverage"), "min_coverage %g must be in [0, 1]%s", v, fromSet(f.set, "min_coverage"))
		} else {
			fw.MinCoverage = v
		}
	}
	if p := f.Components; p != nil {
		comp := &fw.Components
		for _, x := range []struct {
			key string
			v   *float64
			dst *float64
		}{{"level", p.Level, &comp.Level}, {"urban_rural", p.UrbanRural, &comp.UrbanRural}, {"regional", p.Regional, &comp.Regional}} {
			if x.v == nil {
				continue
			}
			if !(*x.v >= 0) || math.IsInf(*x.v, 0) {
				c.add(lineOf(f.compKeys, x.key, kl("components")), "components.%s %g must be >= 0%s", x.key, *x.v, fromSet(f.set, "components."+x.key))
				continue
			}
			*x.dst = *x.v
		}
		if comp.Level+comp.UrbanRural+comp.Regional <= 0 {
			c.add(kl("components"), "components must have a positive sum (level %g, urban_rural %g, regional %g)", comp.Level, comp.UrbanRural, comp.Regional)
		}
	}
	if f.Weak != nil {
		c.resolveWeak(f, &fw.Weak)
	}
	if len(f.Groups) == 0 {
		c.add(kl("groups"), "the framework has no groups (want groups: with at least one group or indicator)")
		return fw
	}
	defaults := &scoring.Node{Normalisation: scoring.MinMax, Weighting: scoring.Fixed, Aggregation: scoring.Arithmetic}
	fw.Root = c.resolveNode(root, defaults, true)
	fw.Root.ID, fw.Root.Name, fw.Root.NameEN, fw.Root.Weight = RootID, RootName, RootNameEN, 1
	return fw
}

func (c *fwCheck) resolveWeak(f *fwFile, w *scoring.WeakRules) {
	p := f.Weak
	kl := func(k string) int { return lineOf(f.weakKeys, k, lineOf(f.keys, "weak", 0)) }
	if p.Index != "" {
		idx := strings.ToLower(strings.TrimSpace(p.Index))
		if c.inClosedSet(kl("index"), "weak", "index", idx, []string{"level", "ei"}, fromSet(f.set, "weak.index")) {
			w.Index = idx
		}
	}
	nonneg := func(key string, v *float64, dst *float64) {
		if v == nil {
			return
		}
		if !(*v >= 0) || math.IsInf(*v, 0) {
			c.add(kl(key), "weak: %s %g must be >= 0%s", key, *v, fromSet(f.set, "weak."+key))
			return
		}
		*dst = *v
	}
	nonneg("k", p.K, &w.K)
	nonneg("group_k", p.GroupK, &w.GroupK)
	nonneg("floor", p.Floor, &w.Floor)
	nonneg("group_floor", p.GroupFloor, &w.GroupFloor)
	nonneg("urban_rural_below", p.UrbanRuralBelow, &w.URRatio)
	nonneg("regional_below", p.RegionalBelow, &w.Regional)
	if p.Quantile != nil {
		if q := *p.Quantile; !(q >= 0 && q < 1) {
			c.add(kl("quantile"), "weak: quantile %g must be in [0, 1)%s", q, fromSet(f.set, "weak.quantile"))
		} else {
			w.Quantile = q
		}
	}
	if p.Target != nil {
		w.Target = *p.Target
	}
	if _, ok := f.weakKeys["grades"]; !ok {
		return
	}
	if len(p.Grades) == 0 {
		c.add(kl("grades"), "weak: grades must list at least one grade, best first")
		return
	}
	var grades []scoring.Grade
	labels := map[string]bool{}
	prev, prevQ := math.Inf(1), math.Inf(1)
	kind := "" // "min" or "quantile": the bands of one list use one kind
	for i, g := range p.Grades {
		line := g.line
		if line == 0 {
			line = kl("grades")
		}
		label := strings.TrimSpace(g.Label)
		if label == "" {
			c.add(line, "weak: grade %d has no label", i+1)
		} else if labels[label] {
			c.add(line, "weak: grade label %q is used twice", label)
		}
		labels[label] = true
		last := i == len(p.Grades)-1
		min, q := math.Inf(-1), 0.0
		this := ""
		switch {
		case g.Min != nil && g.Quantile != nil:
			c.add(line, "weak: grade %s gives both min and quantile (give one)", label)
		case g.Min != nil:
			this, min = "min", *g.Min
			if !(min < prev) {
				c.add(line, "weak: grade %s min %g must be below the previous grade's min %g (grades go best first)", label, min, prev)
			}
			prev = min
		case g.Quantile != nil:
			this, q = "quantile", *g.Quantile
			if !(q > 0 && q < 1) {
				c.add(line, "weak: grade %s quantile %g must be between 0 and 1 (0.8: the top fifth)", label, q)
			} else if !(q < prevQ) {
				c.add(line, "weak: grade %s quantile %g must be below the previous grade's quantile %g (grades go best first)", label, q, prevQ)
			}
			prevQ = q
		case !last:
			c.add(line, "weak: grade %s has no min or quantile (only the last grade may omit it)", label)
		}
		if this != "" && kind != "" && this != kind {
			c.add(line, "weak: grade %s uses %s but the grades before it use %s (use one kind in a list)", label, this, kind)
		}
		if this != "" {
			kind = this
		}
		grades = append(grades, scoring.Grade{Label: label, Min: min, Quantile: q})
	}
	w.Grades = grades
}

// nodeWho names a node for messages: "group education", "indicator x".
func nodeWho(n *fwNode, root bool) string {
	switch {
	case root:
		return "top level"
	case len(n.Children) > 0:
		return "group " + n.ID
	case n.ID == "":
		return "node"
	}
	return "indicator " + n.ID
}

// resolveNode validates n and builds its scoring.Node; parent holds the
// effective settings to inherit.
func (c *fwCheck) resolveNode(n *fwNode, parent *scoring.Node, root bool) *scoring.Node {
	who := nodeWho(n, root)
	kl := func(k string) int { return lineOf(n.keys, k, n.line) }
	fs := func(k string) string { return fromSet(n.set, k) }
	out := &scoring.Node{ID: strings.TrimSpace(n.ID), Name: strings.TrimSpace(n.Name), NameEN: strings.TrimSpace(n.NameEN),
		Unit: strings.TrimSpace(n.Unit), UnitEN: strings.TrimSpace(n.UnitEN), Source: strings.TrimSpace(n.Source), Line: n.line, Weight: 1}
	if !root {
		switch {
		case out.ID == "":
			c.add(n.line, "%s has no id", who)
		case !idSyntax.MatchString(out.ID):
			c.add(kl("id"), "id %q may only use the letters A-Z, a-z, digits and _ (it names CSV columns)", out.ID)
		case slices.Contains(reservedIDs, strings.ToLower(out.ID)):
			c.add(kl("id"), "id %q is reserved (reserved: %s)", out.ID, strings.Join(reservedIDs, ", "))
		default:
			if prev, dup := c.ids[out.ID]; dup {
				c.add(kl("id"), "id %q is used twice (lines %d and %d)", out.ID, prev, kl("id"))
			} else {
				c.ids[out.ID] = kl("id")
			}
		}
		if n.Weight != nil {
			if w := *n.Weight; !(w >= 0) || math.IsInf(w, 0) {
				c.add(kl("weight"), "%s: weight %g must be >= 0%s", who, w, fs("weight"))
			} else {
				out.Weight = w
			}
		}
	}
	lower := func(s string) string { return strings.ToLower(strings.TrimSpace(s)) }
	norm := lower(n.Normalisation)
	out.Normalisation = parent.Normalisation
	if norm != "" && c.inClosedSet(kl("normalisation"), who, "normalisation method", norm, scoring.NormalisationMethods, fs("normalisation")) {
		out.Normalisation = norm
	}
	isGroup := len(n.Children) > 0
	dir := lower(n.Direction)
	if isGroup && dir != "" {
		c.add(kl("direction"), "%s: a node with children is a group and has no direction (a node with direction is an indicator and has no children)", who)
	}
	if !isGroup {
		if _, ok := n.keys["children"]; ok {
			c.add(kl("children"), "%s: children is empty", who)
		} else if dir == "" {
			c.add(n.line, "%s has no direction (want direction: higher or lower; a group needs children)", who)
		}
	}
	if isGroup {
		c.resolveGroup(n, out, parent, who, root)
		for _, k := range []string{"goalposts", "target", "transform", "winsorise", "unit", "unit_en"} {
			if _, ok := n.keys[k]; ok {
				c.add(kl(k), "%s: %s applies to indicators only", who, k)
			}
		}
		return out
	}
	for _, k := range []string{"weighting", "aggregation", "pairwise", "combine", "entropy_shift", "geometric_floor", "allow_inconsistent"} {
		if _, ok := n.keys[k]; ok {
			c.add(kl(k), "%s: %s applies to groups only", who, k)
		}
	}
	c.resolveIndicator(n, out, dir, who)
	return out
}

func (c *fwCheck) resolveIndicator(n *fwNode, out *scoring.Node, dir, who string) {
	kl := func(k string) int { return lineOf(n.keys, k, n.line) }
	fs := func(k string) string { return fromSet(n.set, k) }
	switch dir {
	case "higher", "正向":
		out.Direction = scoring.Higher
	case "lower", "逆向", "负向":
		out.Direction = scoring.Lower
	case "":
	default:
		c.add(kl("direction"), "%s: unknown direction %q (want: higher, lower)%s", who, n.Direction, fs("direction"))
	}
	if n.Target != nil {
		if math.IsNaN(*n.Target) || math.IsInf(*n.Target, 0) {
			c.add(kl("target"), "%s: target must be a finite number", who)
		} else {
			t := *n.Target
			out.Target = &t
		}
	}
	if n.Goalposts != nil {
		gp := n.Goalposts
		switch {
		case len(gp) != 2:
			c.add(kl("goalposts"), "%s: goalposts must be two numbers [worst, best], got %d%s", who, len(gp), fs("goalposts"))
		case gp[0] == gp[1] || math.IsNaN(gp[0]) || math.IsNaN(gp[1]):
			c.add(kl("goalposts"), "%s: goalposts [%g, %g] must be two distinct numbers%s", who, gp[0], gp[1], fs("goalposts"))
		case out.Direction == scoring.Higher && gp[0] > gp[1]:
			c.add(kl("goalposts"), "%s: goalposts [%g, %g] are [worst, best]: for direction higher worst < best%s", who, gp[0], gp[1], fs("goalposts"))
		case out.Direction == scoring.Lower && gp[0] < gp[1]:
			c.add(kl("goalposts"), "%s: goalposts [%g, %g] are [worst, best]: for direction lower worst > best%s", who, gp[0], gp[1], fs("goalposts"))
		default:
			out.Goalposts = &[2]float64{gp[0], gp[1]}
		}
	}
	if out.Normalisation == scoring.Goalposts && n.Goalposts == nil {
		c.add(n.line, "%s: normalisation goalposts needs goalposts: [worst, best]", who)
	}
	if out.Normalisation == scoring.Target && n.Target == nil {
		c.add(n.line, "%s: normalisation target needs a target", who)
	} else if c.fw.Benchmark == scoring.BenchmarkTarget && n.Target == nil {
		c.add(n.line, "%s: benchmark target needs a target on every indicator", who)
	}
	if out.Normalisation == scoring.Target && out.Target != nil && *out.Target <= 0 {
		c.add(kl("target"), "%s: normalisation target needs a target > 0, got %g", who, *out.Target)
	}
	out.Transform = "none"
	if t := strings.ToLower(strings.TrimSpace(n.Transform)); t != "" {
		if c.inClosedSet(kl("transform"), who, "transform", t, []string{"none", "log"}, fs("transform")) {
			out.Transform = t
		}
	}
	if out.Transform == "log" && out.Goalposts != nil && (out.Goalposts[0] <= 0 || out.Goalposts[1] <= 0) {
		c.add(kl("goalposts"), "%s: transform log needs goalposts > 0", who)
	}
	if n.Winsorise != nil {
		if n.Winsorise.K == nil {
			c.add(kl("winsorise"), "%s: winsorise needs k (clip at mean +- k sd)", who)
		} else if k := *n.Winsorise.K; !(k >= 0) || math.IsInf(k, 0) {
			c.add(kl("winsorise"), "%s: winsorise k %g must be >= 0%s", who, k, fs("winsorise.k"))
		} else {
			out.Winsorise = k
		}
	}
}

func (c *fwCheck) resolveGroup(n *fwNode, out, parent *scoring.Node, who string, root bool) {
	kl := func(k string) int { return lineOf(n.keys, k, n.line) }
	fs := func(k string) string { return fromSet(n.set, k) }
	lower := func(s string) string { return strings.ToLower(strings.TrimSpace(s)) }
	out.Weighting, out.Aggregation = parent.Weighting, parent.Aggregation
	out.CombinedOf, out.CombinedAlpha = parent.CombinedOf, parent.CombinedAlpha
	out.EntropyShift, out.GeometricFloor, out.AllowInconsistent = parent.EntropyShift, parent.GeometricFloor, parent.AllowInconsistent
	weightingSet := n.Weighting != ""
	if v := lower(n.Weighting); v != "" && c.inClosedSet(kl("weighting"), who, "weighting method", v, scoring.WeightingMethods, fs("weighting")) {
		out.Weighting = v
	}
	if v := lower(n.Aggregation); v != "" && c.inClosedSet(kl("aggregation"), who, "aggregation method", v, scoring.AggregationMethods, fs("aggregation")) {
		out.Aggregation = v
	}
	if n.EntropyShift != nil {
		out.EntropyShift = *n.EntropyShift
	}
	if n.AllowInconsistent != nil {
		out.AllowInconsistent = *n.AllowInconsistent
	}
	if n.GeometricFloor != nil {
		if g := *n.GeometricFloor; !(g >= 0 && g < 100) {
			c.add(kl("geometric_floor"), "%s: geometric_floor %g must be in [0, 100)%s", who, g, fs("geometric_floor"))
		} else {
			out.GeometricFloor = g
		}
	}
	if cb := n.Combine; cb != nil {
		line := kl("combine")
		base := []string{}
		for _, m := range scoring.WeightingMethods {
			if m != scoring.Combined {
				base = append(base, m)
			}
		}
		ok := true
		if len(cb.Methods) != 2 {
			c.add(line, "%s: combine.methods must name two weighting methods, got %d%s", who, len(cb.Methods), fs("combine.methods"))
			ok = false
		} else {
			for i, m := range cb.Methods {
				m = lower(m)
				cb.Methods[i] = m
				if !c.inClosedSet(line, who, "combine method", m, base, fs("combine.methods")) {
					ok = false
				}
			}
			if ok && cb.Methods[0] == cb.Methods[1] {
				c.add(line, "%s: combine.methods must be two different methods, got %s twice", who, cb.Methods[0])
				ok = false
			}
		}
		alpha := 0.5
		rule := lower(cb.Rule)
		switch {
		case rule != "" && cb.Alpha != nil:
			c.add(line, "%s: combine takes alpha (linear) or rule: product, not both", who)
			ok = false
		case rule == "product":
			alpha = -1
		case rule != "" && rule != "linear":
			c.add(line, "%s: unknown combine rule %q (want: linear, product)%s", who, cb.Rule, fs("combine.rule"))
			ok = false
		case cb.Alpha != nil:
			alpha = *cb.Alpha
			if !(alpha >= 0 && alpha <= 1) {
				c.add(line, "%s: combine.alpha %g must be in [0, 1]%s", who, alpha, fs("combine.alpha"))
				ok = false
			}
		}
		if ok {
			out.CombinedOf = [2]string{cb.Methods[0], cb.Methods[1]}
			out.CombinedAlpha = alpha
		}
	}
	if out.Weighting == scoring.Combined && out.CombinedOf[0] == "" && n.Combine == nil {
		inh := ""
		if !weightingSet {
			inh = " (inherited)"
		}
		c.add(kl("weighting"), "%s: weighting combined%s needs combine: {methods: [a, b], alpha: 0.5}", who, inh)
	}
	// Children first: their ids are needed for pairwise.
	sum := 0.0
	for _, ch := range n.Children {
		if ch == nil {
			c.add(n.line, "%s: empty entry in children", who)
			continue
		}
		cn := c.resolveNode(ch, out, false)
		out.Children = append(out.Children, cn)
		sum += cn.Weight
	}
	if sum <= 0 && len(out.Children) > 0 {
		c.add(n.line, "%s: the weights of its children sum to 0 (at least one must be > 0)", who)
	}
	usesAHP := out.Weighting == scoring.AHP || (out.Weighting == scoring.Combined && slices.Contains(out.CombinedOf[:], scoring.AHP))
	c.resolvePairwise(n, out, who, usesAHP, weightingSet)
}

// parseJudgement reads an AHP judgement: 3, 0.333 or "1/3".
func parseJudgement(s string) (float64, bool) {
	s = strings.TrimSpace(s)
	if a, b, ok := strings.Cut(s, "/"); ok {
		x, e1 := strconv.ParseFloat(strings.TrimSpace(a), 64)
		y, e2 := strconv.ParseFloat(strings.TrimSpace(b), 64)
		if e1 != nil || e2 != nil || y == 0 {
			return 0, false
		}
		return x / y, true
	}
	v, err := strconv.ParseFloat(s, 64)
	return v, err == nil
}

func (c *fwCheck) resolvePairwise(n *fwNode, out *scoring.Node, who string, usesAHP, weightingSet bool) {
	p := &n.Pairwise
	kids := make([]string, len(out.Children))
	for i, ch := range out.Children {
		kids[i] = ch.ID
	}
	if p.Kind == 0 || (p.Kind == yaml.ScalarNode && p.Tag == "!!null") {
		if usesAHP && len(kids) > 1 {
			inh := ""
			if !weightingSet {
				inh = " (inherited)"
			}
			c.add(lineOf(n.keys, "weighting", n.line), "%s: weighting %s%s needs pairwise judgements for its children (%s)", who, out.Weighting, inh, strings.Join(kids, ", "))
		}
		return
	}
	if p.Kind != yaml.MappingNode {
		c.add(p.Line, "%s: pairwise must be a mapping {child: {other child: value}}", who)
		return
	}
	given := map[[2]string]int{}
	pw := map[string]map[string]float64{}
	for i := 0; i+1 < len(p.Content); i += 2 {
		a, row := p.Content[i].Value, p.Content[i+1]
		if !slices.Contains(kids, a) {
			c.add(p.Content[i].Line, "%s: pairwise: %q is not a child of this group (children: %s)%s", who, a, strings.Join(kids, ", "), didYouMean(a, kids))
			continue
		}
		if row.Kind != yaml.MappingNode {
			c.add(row.Line, "%s: pairwise: %s must map other children to values, e.g. {%s: 3}", who, a, a)
			continue
		}
		for k := 0; k+1 < len(row.Content); k += 2 {
			b, vn := row.Content[k].Value, row.Content[k+1]
			line := row.Content[k].Line
			if !slices.Contains(kids, b) {
				c.add(line, "%s: pairwise: %q is not a child of this group (children: %s)%s", who, b, strings.Join(kids, ", "), didYouMean(b, kids))
				continue
			}
			if a == b {
				c.add(line, "%s: pairwise: %s compared with itself", who, a)
				continue
			}
			pair := [2]string{min(a, b), max(a, b)}
			if prev, dup := given[pair]; dup {
				c.add(line, "%s: pairwise: the pair %s, %s is given twice (lines %d and %d); give each pair once", who, a, b, prev, line)
				continue
			}
			given[pair] = line
			v, ok := parseJudgement(vn.Value)
			if !ok || vn.Kind != yaml.ScalarNode {
				c.add(vn.Line, "%s: pairwise: %s vs %s: %q is not a number (want 1..9, or 1/3 or 0.333 for reciprocals)", who, a, b, vn.Value)
				continue
			}
			if !(v >= 1.0/9-0.002 && v <= 9) {
				c.add(vn.Line, "%s: pairwise: %s vs %s: %g is outside Saaty's scale 1/9..9", who, a, b, v)
				continue
			}
			if pw[a] == nil {
				pw[a] = map[string]float64{}
			}
			pw[a][b] = v
		}
	}
	out.Pairwise = pw
	if usesAHP {
		var missing []string
		for i := range kids {
			for j := i + 1; j < len(kids); j++ {
				if _, ok := given[[2]string{min(kids[i], kids[j]), max(kids[i], kids[j])}]; !ok {
					missing = append(missing, kids[i]+"/"+kids[j])
				}
			}
		}
		if len(missing) > 0 {
			if len(missing) > 6 {
				missing = append(missing[:6:6], fmt.Sprintf("... %d in all", len(missing)))
			}
			c.add(lineOf(n.keys, "pairwise", n.line), "%s: pairwise misses pairs %s (AHP needs every pair of children once)", who, strings.Join(missing, ", "))
		}
	}
}

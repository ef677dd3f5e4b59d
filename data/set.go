package data

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Overrides (--set key=value) are applied to the framework as written,
// before defaults and inheritance are resolved, so an override behaves
// exactly as if the file said it. Keys:
//
// Top level (the file's own keys; they set the root's settings and, for
// normalisation, weighting and aggregation, the default of every node that
// does not set its own):
//
//	name, name_en, normalisation, weighting, aggregation, missing,
//	min_coverage, benchmark, components.level, components.urban_rural,
//	components.regional, weak.index, weak.k, weak.quantile, weak.floor,
//	weak.group_k, weak.group_floor, weak.target, weak.urban_rural_below,
//	weak.regional_below (the floors take "off" to turn a rule off),
//	entropy_shift, geometric_floor, allow_inconsistent, combine.alpha,
//	combine.methods (a,b), combine.rule
//
// One node, by id ("index." is the top level):
//
//	ID.weight, ID.normalisation, ID.name, ID.name_en
//	group: ID.weighting, ID.aggregation, ID.entropy_shift,
//	       ID.geometric_floor, ID.allow_inconsistent, ID.combine.alpha,
//	       ID.combine.methods, ID.combine.rule
//	indicator: ID.direction, ID.target, ID.goalposts (worst,best),
//	       ID.transform, ID.winsorise (k), ID.unit
//
// Every node the key applies to: "*.KEY". A top-level override only
// changes the default, so a group that sets its own weighting keeps it;
// to use one method everywhere (for a method comparison) write
// "*.weighting=entropy", which sets the top level and every group.
// Unknown keys and ids are errors naming them, with a did-you-mean.

var (
	topFileKeys = []string{"name", "name_en", "missing", "min_coverage", "benchmark",
		"components.level", "components.urban_rural", "components.regional",
		"weak.index", "weak.k", "weak.quantile", "weak.floor", "weak.group_k", "weak.group_floor",
		"weak.target", "weak.urban_rural_below", "weak.regional_below"}
	groupKeys     = []string{"weighting", "aggregation", "entropy_shift", "geometric_floor", "allow_inconsistent", "combine.alpha", "combine.methods", "combine.rule"}
	indicatorKeys = []string{"direction", "target", "goalposts", "transform", "winsorise", "winsorise.k", "unit", "unit_en"}
	anyNodeKeys   = []string{"weight", "normalisation", "name", "name_en"}
)

// rootNode is the root as written: the file's group settings.
func rootNode(f *fwFile) *fwNode {
	if f.set == nil {
		f.set = map[string]string{}
	}
	return &fwNode{ID: RootID, Name: RootName, NameEN: RootNameEN,
		Weighting: f.Weighting, Aggregation: f.Aggregation, Normalisation: f.Normalisation,
		Pairwise: f.Pairwise, AllowInconsistent: f.AllowInconsistent, Combine: f.Combine,
		EntropyShift: f.EntropyShift, GeometricFloor: f.GeometricFloor, Children: f.Groups,
		line: lineOf(f.keys, "groups", 0), keys: f.keys, set: f.set}
}

// applySets applies --set overrides to the file f and its root node.
func applySets(f *fwFile, root *fwNode, sets []string) error {
	var all []*fwNode
	var walk func(ns []*fwNode)
	walk = func(ns []*fwNode) {
		for _, n := range ns {
			if n != nil {
				all = append(all, n)
				walk(n.Children)
			}
		}
	}
	walk(root.Children)
	var ids []string
	for _, n := range all {
		ids = append(ids, n.ID)
	}
	var errs ErrorList
	fail := func(s, format string, args ...any) {
		errs = append(errs, &ParseError{File: "--set", Err: newProblem(ErrBadFramework, "%q: %s", s, fmt.Sprintf(format, args...))})
	}
	for _, s := range sets {
		key, val, ok := strings.Cut(s, "=")
		key, val = strings.TrimSpace(key), strings.TrimSpace(val)
		if !ok || key == "" {
			fail(s, "want key=value, e.g. weighting=entropy or education.weight=2")
			continue
		}
		var err error
		switch {
		case slices.Contains(topFileKeys, key):
			err = setFileKey(f, key, val)
			f.set[key] = s
		case slices.Contains(groupKeys, key) || key == "normalisation":
			err = setNodeKey(root, key, val, true, s)
		case strings.HasPrefix(key, "*."):
			k := key[2:]
			known := slices.Contains(groupKeys, k) || slices.Contains(indicatorKeys, k) || slices.Contains(anyNodeKeys, k)
			if !known {
				err = fmt.Errorf("unknown key %q%s", k, didYouMean(k, slices.Concat(anyNodeKeys, groupKeys, indicatorKeys)))
				break
			}
			if slices.Contains(groupKeys, k) || k == "normalisation" {
				err = setNodeKey(root, k, val, true, s)
			}
			for _, n := range all {
				isGroup := len(n.Children) > 0
				if err == nil && (slices.Contains(anyNodeKeys, k) ||
					(isGroup && slices.Contains(groupKeys, k)) || (!isGroup && slices.Contains(indicatorKeys, k))) {
					err = setNodeKey(n, k, val, false, s)
				}
			}
		default:
			id, k, ok := strings.Cut(key, ".")
			if !ok {
				err = fmt.Errorf("unknown key %q%s", key, didYouMean(key, slices.Concat(topFileKeys, groupKeys, []string{"normalisation"}, ids)))
				break
			}
			if id == RootID {
				if slices.Contains(topFileKeys, k) {
					err = setFileKey(f, k, val)
					f.set[k] = s
				} else {
					err = setNodeKey(root, k, val, true, s)
				}
				break
			}
			i := slices.Index(ids, id)
			if i < 0 {
				err = fmt.Errorf("no node with id %q%s", id, didYouMean(id, ids))
				break
			}
			err = setNodeKey(all[i], k, val, false, s)
		}
		if err != nil {
			fail(s, "%v", err)
		}
	}
	return errs.err()
}

func setFloat(val string, dst **float64) error {
	v, err := strconv.ParseFloat(val, 64)
	if err != nil {
		return fmt.Errorf("%q is not a number", val)
	}
	*dst = &v
	return nil
}

func setBool(val string, dst **bool) error {
	v, err := strconv.ParseBool(val)
	if err != nil {
		return fmt.Errorf("%q is not true or false", val)
	}
	*dst = &v
	return nil
}

// setFloatOrOff sets a rule threshold, or clears it with "off".
func setFloatOrOff(val string, dst **float64) error {
	switch strings.ToLower(val) {
	case "off", "none", "":
		*dst = nil
		return nil
	}
	return setFloat(val, dst)
}

func setFileKey(f *fwFile, key, val string) error {
	if strings.HasPrefix(key, "components.") && f.Components == nil {
		f.Components = &fwComponents{}
	}
	if strings.HasPrefix(key, "weak.") {
		if f.Weak == nil {
			f.Weak = &fwWeak{}
		}
		if f.weakKeys == nil {
			f.weakKeys = map[string]int{}
		}
	}
	switch key {
	case "name":
		f.Name = val
	case "name_en":
		f.NameEN = val
	case "missing":
		f.Missing = val
	case "benchmark":
		f.Benchmark = val
	case "min_coverage":
		return setFloat(val, &f.MinCoverage)
	case "components.level":
		return setFloat(val, &f.Components.Level)
	case "components.urban_rural":
		return setFloat(val, &f.Components.UrbanRural)
	case "components.regional":
		return setFloat(val, &f.Components.Regional)
	case "weak.index":
		f.Weak.Index = val
	case "weak.k":
		return setFloat(val, &f.Weak.K)
	case "weak.quantile":
		return setFloat(val, &f.Weak.Quantile)
	case "weak.group_k":
		return setFloat(val, &f.Weak.GroupK)
	case "weak.floor":
		return setFloatOrOff(val, &f.Weak.Floor)
	case "weak.group_floor":
		return setFloatOrOff(val, &f.Weak.GroupFloor)
	case "weak.urban_rural_below":
		return setFloatOrOff(val, &f.Weak.UrbanRuralBelow)
	case "weak.regional_below":
		return setFloatOrOff(val, &f.Weak.RegionalBelow)
	case "weak.target":
		return setBool(val, &f.Weak.Target)
	}
	return nil
}

// setNodeKey sets key on node n (the root when root is true).
func setNodeKey(n *fwNode, key, val string, root bool, s string) error {
	isGroup := root || len(n.Children) > 0
	switch {
	case slices.Contains(groupKeys, key) && !isGroup:
		return fmt.Errorf("%s applies to groups only and %s is an indicator", key, n.ID)
	case slices.Contains(indicatorKeys, key) && isGroup:
		what := "a group"
		if root {
			what = "the top level"
		}
		return fmt.Errorf("%s applies to indicators only and %s is %s", key, n.ID, what)
	case root && key == "weight":
		return fmt.Errorf("the root has no weight")
	}
	if n.set == nil {
		n.set = map[string]string{}
	}
	record := key
	var err error
	switch key {
	case "weight":
		err = setFloat(val, &n.Weight)
	case "normalisation":
		n.Normalisation = val
	case "name":
		n.Name = val
	case "name_en":
		n.NameEN = val
	case "weighting":
		n.Weighting = val
	case "aggregation":
		n.Aggregation = val
	case "entropy_shift":
		err = setBool(val, &n.EntropyShift)
	case "allow_inconsistent":
		err = setBool(val, &n.AllowInconsistent)
	case "geometric_floor":
		err = setFloat(val, &n.GeometricFloor)
	case "combine.alpha", "combine.methods", "combine.rule":
		if n.Combine == nil {
			n.Combine = &fwCombine{}
		} else {
			cp := *n.Combine
			n.Combine = &cp
		}
		switch key {
		case "combine.alpha":
			err = setFloat(val, &n.Combine.Alpha)
			n.Combine.Rule = ""
		case "combine.rule":
			n.Combine.Rule = val
			n.Combine.Alpha = nil
		default:
			n.Combine.Methods = nil
			for _, m := range strings.Split(strings.Trim(val, "[]"), ",") {
				n.Combine.Methods = append(n.Combine.Methods, strings.TrimSpace(m))
			}
		}
	case "direction":
		n.Direction = val
	case "unit":
		n.Unit = val
	case "unit_en":
		n.UnitEN = val
	case "transform":
		n.Transform = val
	case "target":
		err = setFloat(val, &n.Target)
	case "goalposts":
		var gp []float64
		for _, p := range strings.Split(strings.Trim(val, "[]"), ",") {
			v, perr := strconv.ParseFloat(strings.TrimSpace(p), 64)
			if perr != nil {
				return fmt.Errorf("goalposts: %q is not a number (want worst,best)", strings.TrimSpace(p))
			}
			gp = append(gp, v)
		}
		n.Goalposts = gp
	case "winsorise", "winsorise.k":
		record = "winsorise.k"
		n.Winsorise = &fwWinsorise{}
		err = setFloat(val, &n.Winsorise.K)
	default:
		return fmt.Errorf("unknown key %q%s", key, didYouMean(key, slices.Concat(anyNodeKeys, groupKeys, indicatorKeys)))
	}
	n.set[record] = s
	return err
}

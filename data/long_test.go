package data

import (
	"errors"
	"testing"
)

// longGood holds the same data as wideGood in the long layout, with
// Chinese headers and area names, population given once per unit and area,
// and the lines in a different order.
const longGood = `# 长表
地区,代码,分组,指标,城乡,数值,人口
大洼区,211104,市辖区,edu_retention,合计,95%,"1,234"
大洼区,,,生师比,,15,
大洼区,,,每千人口执业医师数(人),,２．１,
大洼区,,,infant_mortality,,5.5,
大洼区,,,infant_mortality,城镇,4,34
大洼区,,,infant_mortality,农村,6,60
双台子区,211102,市辖区,edu_retention,total,96.5,18
双台子区,,,edu_teachers,total,—,
双台子区,,,doctors,total,2.4,

双台子区,,,infant_mortality,total,6,
双台子区,,,infant_mortality,urban,5,10
双台子区,,,infant_mortality,rural,,8
盘山县,211122,县,infant_mortality,rural,8,20
盘山县,211122,县,infant_mortality,urban,6,10
盘山县,211122,县,edu_retention,,NA,30
盘山县,211122,县,edu_teachers,,13,
盘山县,211122,县,doctors,,1.9,
盘山县,211122,县,infant_mortality,,7,
`

func TestLongEqualsWide(t *testing.T) {
	fw := loadSmall(t)
	wide, _, err := readString(t, "wide.csv", wideGood, fw)
	if err != nil {
		t.Fatal(err)
	}
	long, warns, err := readString(t, "long.csv", longGood, fw)
	if err != nil {
		t.Fatal(err)
	}
	if d := diffDatasets(wide, long); d != "" {
		t.Errorf("long and wide differ in %s", d)
	}
	if len(warns) != 0 {
		t.Errorf("warnings %v", warns)
	}
}

func TestLongFaults(t *testing.T) {
	fw := loadSmall(t, "missing=error")
	src := `unit,year,indicator,value,area,code,population
A,2020,edu_retention,90,,1,10
A,2020,edu_retention,91,,1,10
A,2020,edu_teacher,15,,1,
A,2020,edu_teacher,15,,1,
A,2020,doctors,2.1.3,,1,
A,2020,infant_mortality,5,suburb,1,
A,2020,infant_mortality,5,,2,12
,2020,doctors,2,,,
B,2020.5,doctors,2,,,
B,2021,doctors,2,,,-1
B,2021,edu_retention,1,2,3,4,5
`
	_, _, err := readString(t, "long.csv", src, fw)
	checkErrs(t, err, []wantErr{
		{1, 0, "", "", ErrMissingColumn, "indicator edu_teachers (生师比) has no values in the file (want lines with indicator edu_teachers)"},
		// A has no edu_teachers line: the problem is reported at A's first line.
		{2, 0, "", "A", ErrMissingValue, "missing value of indicator edu_teachers (生师比) (the framework sets missing: error)"},
		{3, 3, "indicator", "A", ErrDuplicateUnit, "indicator edu_retention (九年义务教育巩固率) is given twice for this unit (line 2 and line 3)"},
		{4, 3, "indicator", "A", ErrUnknownColumn, `unknown indicator "edu_teacher": not an indicator id or name of the framework (did you mean "edu_teachers"?)`},
		{6, 4, "value", "A", ErrBadNumber, `"2.1.3" is not a number`},
		{7, 5, "area", "A", ErrBadValue, `unknown area "suburb" (want: total, urban, rural, 合计, 城镇, 农村)`},
		{8, 6, "code", "A", ErrBadValue, `code "2" differs from "1" on line 2`},
		{8, 7, "population", "A", ErrBadValue, "population 12 differs from 10 on line 2"},
		{9, 1, "unit", "", ErrMissingValue, "missing unit name"},
		{10, 2, "year", "B", ErrBadValue, "year 2020.5 is not an integer year"},
		// B 2021 has doctors only (line 12 is ragged and not read).
		{11, 0, "", "B", ErrMissingValue, "missing value of indicator edu_retention (九年义务教育巩固率) (the framework sets missing: error)"},
		{11, 0, "", "B", ErrMissingValue, "missing value of indicator edu_teachers (生师比) (the framework sets missing: error)"},
		{11, 0, "", "B", ErrMissingValue, "missing value of indicator infant_mortality (婴儿死亡率) (the framework sets missing: error)"},
		{11, 7, "population", "B", ErrBadValue, "population -1 must be >= 0"},
		{12, 0, "", "", ErrFieldCount, "row has 8 fields, the header has 7"},
	})
}

func TestLongHeaderFaults(t *testing.T) {
	fw := loadSmall(t)
	_, _, err := readString(t, "long.csv", "unit,indicator,value,valeu,unit,colour\nA,doctors,1,2,A,red\n", fw)
	checkErrs(t, err, []wantErr{
		{1, 0, "", "", ErrMissingColumn, "indicator edu_retention (九年义务教育巩固率) has no values in the file (want lines with indicator edu_retention)"},
		{1, 0, "", "", ErrMissingColumn, "indicator edu_teachers (生师比) has no values in the file (want lines with indicator edu_teachers)"},
		{1, 0, "", "", ErrMissingColumn, "indicator infant_mortality (婴儿死亡率) has no values in the file (want lines with indicator infant_mortality)"},
		{1, 4, "valeu", "", ErrUnknownColumn, `unknown column in a long file (want: unit, indicator, value, code, year, area, group, population) (did you mean "value"?)`},
		{1, 5, "unit", "", ErrDuplicateColumn, "duplicates column 1 (unit)"},
		{1, 6, "colour", "", ErrUnknownColumn, "unknown column in a long file (want: unit, indicator, value, code, year, area, group, population)"},
	})
	_, _, err = readString(t, "long.csv", "地区,indicator,value\n", fw)
	if !errors.Is(err, ErrEmpty) {
		t.Errorf("header only: %v", err)
	}
	_, _, err = readString(t, "long.csv", "indicator,value\ndoctors,1\n", fw)
	checkErrs(t, err, []wantErr{{1, 0, "", "", ErrMissingColumn, "no unit column (a long file needs unit, indicator and value)"}})
}

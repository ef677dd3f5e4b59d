package data

import (
	"bytes"
	"errors"
	"math"
	"strings"
	"testing"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
)

// wideGood is a wide file exercising the accepted forms: a comment before
// the header (with quotes and commas), a second header row of units
// (unit cell starting with #), Chinese reserved headers, an indicator named
// by its name plus a unit suffix, full-width and percent numbers,
// thousands separators, missing markers, urban/rural columns and a blank
// line.
const wideGood = `# 示例数据, 数值仅供演示 "illustrative"
地区,代码,分组,常住人口,edu_retention,生师比,每千人口执业医师数(人),infant_mortality,infant_mortality@urban,infant_mortality@rural,population@urban,population@rural
#单位,,,万人,%,,人,‰,,,,
大洼区,211104,市辖区,"1,234",95%,15,２．１,5.5,4,6,34,60
双台子区,211102,市辖区,18,96.5,—,2.4,6,5,,10,8

盘山县,211122,县,30,NA,13,1.9,7,6,8,10,20
`

func TestWideGood(t *testing.T) {
	fw := loadSmall(t)
	ds, warns, err := readString(t, "counties.csv", wideGood, fw)
	if err != nil {
		t.Fatal(err)
	}
	nan := math.NaN()
	if got := strings.Join(ds.Unit, ","); got != "大洼区,双台子区,盘山县" {
		t.Errorf("units %s", got)
	}
	if got := strings.Join(ds.Code, ","); got != "211104,211102,211122" {
		t.Errorf("codes %s", got)
	}
	if got := strings.Join(ds.Group, ","); got != "市辖区,市辖区,县" {
		t.Errorf("groups %s", got)
	}
	if got := strings.Join(ds.Indicators, ","); got != "edu_retention,edu_teachers,doctors,infant_mortality" {
		t.Errorf("indicators %s (want framework order)", got)
	}
	for _, c := range []struct {
		name      string
		got, want []float64
	}{
		{"population", ds.Population, []float64{1234, 18, 30}},
		{"pop urban", ds.PopUrban, []float64{34, 10, 10}},
		{"pop rural", ds.PopRural, []float64{60, 8, 20}},
		{"edu_retention", ds.Values[0], []float64{95, 96.5, nan}},
		{"edu_teachers", ds.Values[1], []float64{15, nan, 13}},
		{"doctors", ds.Values[2], []float64{2.1, 2.4, 1.9}},
		{"infant_mortality", ds.Values[3], []float64{5.5, 6, 7}},
		{"infant_mortality urban", ds.Urban[3], []float64{4, 5, 6}},
		{"infant_mortality rural", ds.Rural[3], []float64{6, nan, 8}},
	} {
		if !sameFloats(c.got, c.want) {
			t.Errorf("%s = %v, want %v", c.name, c.got, c.want)
		}
	}
	if ds.Urban[0] != nil || ds.Rural[2] != nil {
		t.Errorf("urban/rural columns for indicators without a split should be nil")
	}
	if ds.HasYear() {
		t.Errorf("no year column, but HasYear")
	}
	if len(warns) != 0 {
		t.Errorf("unexpected warnings %v", warns)
	}
}

func TestWideFaults(t *testing.T) {
	fw := loadSmall(t)
	src := `# 示例数据, 仅供演示 "illustrative"
unit,code,population,edu_retention,生师比,每千人口执业医师数(人),infant_mortality,infant_mortality@urban
#单位,,人,%,,,,
大洼区,211104,40,95%,"1,234",2.1,5,4
双台子区,211102,,96,15,2.1.3,6,
兴隆台区,211103,-5,NaN,14,2.5,—,3
大洼区,211104,40,95,13,2.2,5,4
,211105,30,90,16,2.0,4,
盘山县,211122,30,91,16
辽河,211123,３０,1,234,16,1,1,1
`
	_, _, err := readString(t, "counties.csv", src, fw)
	checkErrs(t, err, []wantErr{
		{5, 6, "每千人口执业医师数(人)", "双台子区", ErrBadNumber, `"2.1.3" is not a number`},
		{6, 3, "population", "兴隆台区", ErrBadValue, "population -5 must be >= 0"},
		{6, 4, "edu_retention", "兴隆台区", ErrBadNumber, `"NaN" is not a finite number`},
		{7, 1, "unit", "大洼区", ErrDuplicateUnit, "unit 大洼区 appears twice (line 4 and line 7)"},
		{8, 1, "unit", "", ErrMissingValue, "missing unit name"},
		{9, 0, "", "", ErrFieldCount, "row has 5 fields, the header has 8"},
		{10, 0, "", "", ErrFieldCount, "row has 9 fields, the header has 8"},
	})
	if got := err.Error(); !strings.Contains(got, `counties.csv:5: column 每千人口执业医师数(人) (unit 双台子区): "2.1.3" is not a number`) {
		t.Errorf("message format:\n%s", got)
	}
	if !errors.Is(err, ErrBadNumber) || !errors.Is(err, ErrDuplicateUnit) || errors.Is(err, ErrEncoding) {
		t.Errorf("errors.Is does not see the kinds in the list")
	}
}

func TestWideHeaderFaults(t *testing.T) {
	fw := loadSmall(t)
	_, _, err := readString(t, "h.csv", "unit,edu_retension,edu_teachers,edu_teachers,doctors,,unit@urban,doctors@suburb\nA,1,2,3,4,x,,\n", fw)
	checkErrs(t, err, []wantErr{
		{1, 0, "", "", ErrMissingColumn, "indicator edu_retention (九年义务教育巩固率) has no column (want a column named edu_retention or 九年义务教育巩固率)"},
		{1, 0, "", "", ErrMissingColumn, "indicator infant_mortality (婴儿死亡率) has no column (want a column named infant_mortality or 婴儿死亡率)"},
		{1, 2, "edu_retension", "", ErrUnknownColumn, `not an indicator id or name of the framework (did you mean "edu_retention"?)`},
		{1, 4, "edu_teachers", "", ErrDuplicateColumn, "duplicates column 3 (edu_teachers)"},
		{1, 6, "", "", ErrUnknownColumn, `has no header but holds data ("x" on line 2)`},
		{1, 7, "unit@urban", "", ErrUnknownColumn, "only indicators and population have @urban/@rural columns"},
		{1, 8, "doctors@suburb", "", ErrUnknownColumn, `unknown area suffix "@suburb" (want @urban or @rural)`},
	})
	_, _, err = readString(t, "h.csv", "code,edu_retention,edu_teachers,doctors,infant_mortality@urban\n1,1,2,3,4\n", fw)
	checkErrs(t, err, []wantErr{
		{1, 0, "", "", ErrMissingColumn, "no unit column (want a column named unit, 单位 or 地区)"},
		{1, 0, "", "", ErrMissingColumn, "indicator infant_mortality (婴儿死亡率) has no column (want a column named infant_mortality or 婴儿死亡率) (it has @urban/@rural columns; the total column is required too)"},
	})
}

func TestWideEmpty(t *testing.T) {
	fw := loadSmall(t)
	for _, src := range []string{"", "\n\n", "# only a comment\n"} {
		_, _, err := readString(t, "e.csv", src, fw)
		if !errors.Is(err, ErrEmpty) {
			t.Errorf("%q: error %v, want ErrEmpty", src, err)
		}
	}
	_, _, err := readString(t, "e.csv", "# c\nunit,edu_retention,edu_teachers,doctors,infant_mortality\n\n", fw)
	checkErrs(t, err, []wantErr{{2, 0, "", "", ErrEmpty, "a header and no data rows"}})
}

func TestWideYearAndMissingError(t *testing.T) {
	fw := loadSmall(t, "missing=error")
	src := "unit,year,edu_retention,edu_teachers,doctors,infant_mortality\n" +
		"A,2020,90,15,2,5\n" +
		"A,2021,91,,2,5\n" + // line 3: missing under missing: error
		"B,2020.5,90,15,2,5\n" + // line 4: not an integer
		"C,,90,15,2,5\n" + // line 5: missing year
		"A,2020,90,15,2,5\n" // line 6: duplicate unit and year
	_, _, err := readString(t, "y.csv", src, fw)
	checkErrs(t, err, []wantErr{
		{3, 4, "edu_teachers", "A", ErrMissingValue, "missing value of indicator edu_teachers (生师比) (the framework sets missing: error)"},
		{4, 2, "year", "B", ErrBadValue, "year 2020.5 is not an integer year"},
		{5, 2, "year", "C", ErrMissingValue, "missing year"},
		{6, 1, "unit", "A", ErrDuplicateUnit, "unit A (year 2020) appears twice (line 2 and line 6)"},
	})
	ds, _, err := readString(t, "y.csv", "unit,year,edu_retention,edu_teachers,doctors,infant_mortality\nA,2020,90,15,2,5\nA,2021,91,14,2,5\n", fw)
	if err != nil {
		t.Fatal(err)
	}
	if ys := ds.Years(); len(ys) != 2 || ys[0] != 2020 || ys[1] != 2021 || ds.Unit[1] != "A" {
		t.Errorf("years %v units %v", ys, ds.Unit)
	}
}

func TestWideWarnings(t *testing.T) {
	fw := loadSmall(t)
	src := "unit,population,edu_retention,edu_teachers,doctors,infant_mortality\n" +
		"A,10,0.95,15,2,5\n" +
		"B,,0.9,15,2.5,6\n" +
		"C,20,1,15,3,\n"
	_, warns, err := readString(t, "w.csv", src, fw)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"share-not-percent|edu_retention|indicator edu_retention (九年义务教育巩固率): values look like shares (0.95); the framework expects percent (95)",
		"constant-column|edu_teachers|indicator edu_teachers (生师比) has the same value (15) for every unit: it cannot tell units apart",
		"population-missing||1 of 3 rows have no population (B): population-weighted results leave them out or fail",
	}
	var got []string
	for _, w := range warns {
		got = append(got, w.Code+"|"+w.Indicator+"|"+w.Msg)
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// encode returns s in the given encoding.
func encode(t *testing.T, e encoding.Encoding, s string) []byte {
	t.Helper()
	b, err := e.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestWideEncodings(t *testing.T) {
	fw := loadSmall(t)
	ref, _, err := readString(t, "counties.csv", wideGood, fw)
	if err != nil {
		t.Fatal(err)
	}
	tab := strings.NewReplacer(",", "\t").Replace(strings.ReplaceAll(wideGood, `"1,234"`, "1234"))
	for _, tc := range []struct {
		name string
		b    []byte
		enc  string
	}{
		{"utf-8 bom", append([]byte{0xEF, 0xBB, 0xBF}, wideGood...), ""},
		{"gbk auto", encode(t, simplifiedchinese.GBK, wideGood), ""},
		{"gb18030 auto", encode(t, simplifiedchinese.GB18030, wideGood), ""},
		{"gbk forced", encode(t, simplifiedchinese.GBK, wideGood), "gbk"},
		{"utf-16le bom tab", encode(t, unicode.UTF16(unicode.LittleEndian, unicode.UseBOM), tab), ""},
		{"utf-16be bom tab", encode(t, unicode.UTF16(unicode.BigEndian, unicode.UseBOM), tab), ""},
		{"utf-16le no bom", encode(t, unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), tab), ""},
		{"utf-16 forced", encode(t, unicode.UTF16(unicode.LittleEndian, unicode.UseBOM), tab), "utf-16"},
		{"crlf", []byte(strings.ReplaceAll(wideGood, "\n", "\r\n")), ""},
		{"tab utf-8", []byte(tab), ""},
	} {
		ds, _, err := ReadDataset("counties.txt", bytes.NewReader(tc.b), fw, ReadOptions{Encoding: tc.enc})
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		if d := diffDatasets(ref, ds); d != "" {
			t.Errorf("%s: differs from the UTF-8 read in %s", tc.name, d)
		}
	}
}

func TestWideBadEncoding(t *testing.T) {
	fw := loadSmall(t)
	gbk := encode(t, simplifiedchinese.GBK, wideGood)
	// GBK bytes read as UTF-8: every line with Chinese text is reported.
	_, _, err := ReadDataset("counties.csv", bytes.NewReader(gbk), fw, ReadOptions{Encoding: "utf-8"})
	var l ErrorList
	if !errors.As(err, &l) || !errors.Is(err, ErrEncoding) {
		t.Fatalf("error %v, want ErrEncoding", err)
	}
	var lines []int
	for _, e := range l {
		lines = append(lines, e.Line)
	}
	if want := []int{1, 2, 3, 4, 5, 7}; !equalInts(lines, want) {
		t.Errorf("lines %v, want %v", lines, want)
	}
	if msg := l[0].Error(); msg != "counties.csv:1: bytes that are not valid utf-8 (try --encoding utf-8, gbk or utf-16)" {
		t.Errorf("message %q", msg)
	}
	// A stray invalid byte in an otherwise GB18030 file: detection picks
	// GB18030, the byte 0xFF cannot be decoded, its line is named.
	bad := append(encode(t, simplifiedchinese.GBK, "unit,edu_retention,edu_teachers,doctors,infant_mortality\n大洼区,1,2,3,4\n"), []byte("x\xff,1,2,3,4\n")...)
	_, _, err = ReadDataset("c.csv", bytes.NewReader(bad), fw, ReadOptions{})
	checkErrs(t, err, []wantErr{{3, 0, "", "", ErrEncoding, "bytes that are not valid gb18030 (try --encoding utf-8, gbk or utf-16)"}})
	_, _, err = ReadDataset("c.csv", strings.NewReader(wideGood), fw, ReadOptions{Encoding: "latin9"})
	if !errors.Is(err, ErrUnsupported) {
		t.Errorf("unknown encoding: %v", err)
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestWideSyntaxError(t *testing.T) {
	fw := loadSmall(t)
	_, _, err := readString(t, "q.csv", "unit,edu_retention,edu_teachers,doctors,infant_mortality\nA,1,2,3,4\nB,\"1,2,3,4\n", fw)
	if !errors.Is(err, ErrSyntax) {
		t.Fatalf("error %v, want ErrSyntax", err)
	}
}

func TestErrorListCap(t *testing.T) {
	var l ErrorList
	for i := 30; i >= 1; i-- {
		l = append(l, &ParseError{File: "f.csv", Line: i, Err: newProblem(ErrBadValue, "p%d", i)})
	}
	lines := strings.Split(l.Error(), "\n")
	if len(lines) != MaxErrors+1 || lines[0] != "f.csv:1: p1" || lines[MaxErrors-1] != "f.csv:20: p20" || lines[MaxErrors] != "... and 10 more" {
		t.Errorf("capped list:\n%s", l.Error())
	}
}

func TestParseErrorFormat(t *testing.T) {
	for _, tc := range []struct {
		e    ParseError
		want string
	}{
		{ParseError{File: "c.csv", Line: 7, Column: 3, Header: "每千人口执业医师数", Unit: "大洼区", Err: errors.New(`"2.1.3" is not a number`)},
			`c.csv:7: column 每千人口执业医师数 (unit 大洼区): "2.1.3" is not a number`},
		{ParseError{File: "c.xlsx", Sheet: "Sheet1", Line: 7, Column: 3, Header: "x", Err: errors.New("bad")},
			`c.xlsx[Sheet1]!C7: column x: bad`},
		{ParseError{File: "c.xlsx", Sheet: "S", Line: 2, Column: 28, Err: errors.New("bad")}, `c.xlsx[S]!AB2: bad`},
		{ParseError{File: "c.csv", Line: 2, Column: 4, Err: errors.New("bad")}, `c.csv:2: column 4: bad`},
		{ParseError{File: "c.csv", Line: 2, Unit: "A", Err: errors.New("bad")}, `c.csv:2: unit A: bad`},
		{ParseError{File: "fw.yaml", Line: 12, Err: errors.New("group education: weight -1 must be >= 0")}, `fw.yaml:12: group education: weight -1 must be >= 0`},
	} {
		if got := tc.e.Error(); got != tc.want {
			t.Errorf("got  %s\nwant %s", got, tc.want)
		}
	}
}

package data

import (
	"fmt"
	"math"
	"strings"

	"github.com/gocarina/gocsv"
	"golang.org/x/text/width"
)

// cellNumber is a gocsv field type that reads a cell with ParseNumber.
// Unlike gocsv's float64 it keeps an empty cell missing (never 0) and it
// never fails the decode: the parse error is kept and reported with the
// cell's position afterwards, so every problem in a file is collected.
type cellNumber struct {
	set     bool
	v       float64
	missing bool
	err     error
}

// UnmarshalCSV implements gocsv.TypeUnmarshaller.
func (n *cellNumber) UnmarshalCSV(s string) error {
	n.set = true
	n.v, n.missing, n.err = ParseNumber(s)
	return nil
}

// longRecord is one line of the long layout.
type longRecord struct {
	Unit       string     `csv:"unit"`
	Indicator  string     `csv:"indicator"`
	Value      cellNumber `csv:"value"`
	Code       string     `csv:"code"`
	Year       cellNumber `csv:"year"`
	Area       string     `csv:"area"`
	Group      string     `csv:"group"`
	Population cellNumber `csv:"population"`
}

// gridReader feeds grid rows to gocsv as a gocsv.CSVReader.
type gridReader struct {
	rows [][]string
	i    int
}

func (r *gridReader) Read() ([]string, error) {
	if r.i >= len(r.rows) {
		return nil, fmt.Errorf("EOF")
	}
	r.i++
	return r.rows[r.i-1], nil
}

func (r *gridReader) ReadAll() ([][]string, error) {
	rest := r.rows[r.i:]
	r.i = len(r.rows)
	return rest, nil
}

// readLong reads one value per line: unit, indicator, value and the
// optional code, year, area, group and population. The header is mapped
// to canonical names, the rows go through gocsv into longRecord, and the
// positions of problems come from the grid (physical lines, not gocsv's
// record numbers).
func (b *builder) readLong(hr int, header []string, data []int) {
	g := b.g
	canon := make([]string, len(header))
	colOf := map[int]int{}
	for c, h := range header {
		if h == "" {
			b.checkHeaderless(hr, c, data)
			canon[c] = fmt.Sprintf("\x00skip%d", c)
			continue
		}
		k := normKey(h)
		kind, ok := reservedAliases[k]
		if !ok {
			kind, ok = longAliases[k]
		}
		if !ok {
			if p := stripParen(width.Narrow.String(h)); p != "" {
				if kind, ok = reservedAliases[normKey(p)]; !ok {
					kind, ok = longAliases[normKey(p)]
				}
			}
		}
		if ok && kind == colSkip {
			canon[c] = fmt.Sprintf("\x00skip%d", c)
			continue
		}
		if !ok {
			b.add(hr, c, h, "", ErrUnknownColumn, "unknown column in a long file (want: %s)%s", strings.Join(longColumns, ", "), didYouMean(h, longColumns))
			canon[c] = fmt.Sprintf("\x00skip%d", c)
			continue
		}
		if prev, dup := colOf[kind]; dup {
			b.add(hr, c, h, "", ErrDuplicateColumn, "duplicates column %d (%s)", prev+1, header[prev])
			canon[c] = fmt.Sprintf("\x00skip%d", c)
			continue
		}
		colOf[kind] = c
		canon[c] = kindNames[kind]
	}
	for _, need := range []int{colUnit, colIndicator, colValue} {
		if _, ok := colOf[need]; !ok {
			b.add(hr, -1, "", "", ErrMissingColumn, "no %s column (a long file needs unit, indicator and value)", kindNames[need])
		}
	}
	for _, need := range []int{colUnit, colIndicator, colValue} {
		if _, ok := colOf[need]; !ok {
			return // without the required columns the rows cannot be read
		}
	}
	_, hasYear := colOf[colYear]
	_, hasPop := colOf[colPop]
	rows := make([][]string, 0, len(data)+1)
	rows = append(rows, canon)
	for _, r := range data {
		rows = append(rows, g.cells[r])
	}
	var recs []longRecord
	if err := gocsv.UnmarshalCSV(&gridReader{rows: rows}, &recs); err != nil {
		b.add(hr, -1, "", "", ErrSyntax, "%v", err)
		return
	}
	colH := func(kind int) (int, string) {
		c := colOf[kind]
		return c, header[c]
	}
	type cellKey struct{ row, ind, area int }
	seenCell := map[cellKey]int{}
	unknownSeen := map[string]bool{}
	firstAt := make([]int, len(b.inds))
	for j := range firstAt {
		firstAt[j] = -1
	}
	for i, rec := range recs {
		r := data[i]
		unit := trimCell(rec.Unit)
		uc, uh := colH(colUnit)
		if unit == "" {
			b.add(r, uc, uh, "", ErrMissingValue, "missing unit name")
		}
		ic, ih := colH(colIndicator)
		name := trimCell(rec.Indicator)
		j := b.m.find(name)
		if j < 0 {
			if name == "" {
				b.add(r, ic, ih, unit, ErrMissingValue, "missing indicator name")
			} else if !unknownSeen[name] {
				unknownSeen[name] = true
				b.add(r, ic, ih, unit, ErrUnknownColumn, "%s", b.m.unknownMsg("indicator", name))
			}
		}
		area := areaTotal
		if c, ok := colOf[colArea]; ok {
			a, ok := parseArea(rec.Area)
			if !ok {
				b.add(r, c, header[c], unit, ErrBadValue, "unknown area %q (want: total, urban, rural, 合计, 城镇, 农村)", trimCell(rec.Area))
				j = -2
			}
			area = a
		}
		year, okYear := 0, true
		if hasYear {
			c, h := colH(colYear)
			year, okYear = b.year(r, c, h, unit, rec.Year.v, rec.Year.missing || !rec.Year.set, rec.Year.err)
		}
		vc, vh := colH(colValue)
		v, okValue := b.take(r, vc, vh, unit, rec.Value.v, rec.Value.missing || !rec.Value.set, rec.Value.err)
		pop := math.NaN()
		if hasPop {
			c, h := colH(colPop)
			pop = b.population(r, c, h, unit, rec.Population.v, rec.Population.missing || !rec.Population.set, rec.Population.err)
		}
		if unit == "" || !okYear {
			continue
		}
		key := rowKey(unit, year)
		ri, ok := b.index[key]
		if !ok {
			ri = len(b.rows)
			b.index[key] = ri
			b.rows = append(b.rows, b.newRow(unit, year, r))
		}
		row := b.rows[ri]
		for _, f := range []struct {
			kind int
			val  string
			dst  *string
			at   *int
		}{{colCode, trimCell(rec.Code), &row.code, &row.codeAt}, {colGroup, trimCell(rec.Group), &row.group, &row.groupAt}} {
			if f.val == "" {
				continue
			}
			if *f.dst == "" {
				*f.dst, *f.at = f.val, r
			} else if *f.dst != f.val {
				c, h := colH(f.kind)
				b.add(r, c, h, unit, ErrBadValue, "%s %q differs from %q on %s", kindNames[f.kind], f.val, *f.dst, g.lineWord(*f.at))
			}
		}
		if !math.IsNaN(pop) {
			if row.popAt[area] < 0 {
				row.pop[area], row.popAt[area] = pop, r
				b.hasPop[area] = true
			} else if row.pop[area] != pop {
				c, h := colH(colPop)
				b.add(r, c, h, unit, ErrBadValue, "population %g differs from %g on %s", pop, row.pop[area], g.lineWord(row.popAt[area]))
			}
		}
		if j < 0 {
			continue
		}
		ck := cellKey{ri, j, area}
		if prev, dup := seenCell[ck]; dup {
			what := indLabel(b.inds[j])
			if area != areaTotal {
				what += " (" + areaNames[area] + ")"
			}
			b.add(r, ic, ih, unit, ErrDuplicateUnit, "indicator %s is given twice for this unit (%s and %s)", what, g.lineWord(prev), g.lineWord(r))
			continue
		}
		seenCell[ck] = r
		if firstAt[j] < 0 {
			firstAt[j] = r
		}
		if area != areaTotal {
			b.hasArea[j][area] = true
		}
		row.vals[j][area] = v
		if !okValue {
			row.markBad(j, area)
		}
	}
	for j, n := range b.inds {
		if firstAt[j] < 0 {
			b.add(hr, -1, "", "", ErrMissingColumn, "indicator %s has no values in the file (want lines with indicator %s)", indLabel(n), n.ID)
		}
	}
	b.missingPos = func(row *dsRow, j, a int) (int, int, string) {
		c, h := colH(colValue)
		if at, ok := seenCell[cellKey{b.index[rowKey(row.unit, row.year)], j, a}]; ok {
			return at, c, h
		}
		return row.gridRow, -1, ""
	}
}

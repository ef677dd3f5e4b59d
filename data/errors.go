package data

import (
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// Sentinel kinds of problems. Every *ParseError wraps exactly one of them,
// so callers can test the kind with errors.Is.
var (
	ErrBadNumber       = errors.New("bad number")               // a cell that ParseNumber rejects
	ErrBadValue        = errors.New("bad value")                // a negative population, a year that is not an integer, an unknown area, conflicting unit data
	ErrMissingValue    = errors.New("missing value")            // a missing unit name, or a missing value under missing: error
	ErrDuplicateUnit   = errors.New("duplicate unit")           // the same unit (and year) twice, or the same long-format cell twice
	ErrDuplicateColumn = errors.New("duplicate column")         // two columns for the same indicator, area or reserved field
	ErrUnknownColumn   = errors.New("unknown column")           // a header (or long-format indicator) not in the framework
	ErrMissingColumn   = errors.New("missing column")           // a framework indicator or required column with no data column
	ErrFieldCount      = errors.New("wrong number of fields")   // a ragged CSV row
	ErrSyntax          = errors.New("syntax error")             // a CSV quoting error
	ErrEncoding        = errors.New("bad text encoding")        // bytes that do not decode in the detected or given encoding
	ErrEmpty           = errors.New("empty input")              // no header, or a header and no data rows
	ErrBadFramework    = errors.New("invalid framework")        // any problem in a framework file or a --set override
	ErrUnsupported     = errors.New("unsupported input format") // an unknown extension, encoding name or sheet
)

// problem is an error message of a given kind: Error returns the message
// and Unwrap the sentinel kind.
type problem struct {
	kind error
	msg  string
}

func (p *problem) Error() string { return p.msg }
func (p *problem) Unwrap() error { return p.kind }

func newProblem(kind error, format string, args ...any) error {
	return &problem{kind: kind, msg: fmt.Sprintf(format, args...)}
}

// ParseError is a problem at a position in an input file. Line and Column
// are 1-based; 0 means unknown. For text files Line is the physical line
// and Column the field number (not a byte offset); for spreadsheets Sheet
// is set, Line is the row and Column the column of the cell.
//
// Error formats it as
//
//	counties.csv:7: column 每千人口执业医师数 (unit 大洼区): "2.1.3" is not a number
//	counties.xlsx[Sheet1]!C7: column 每千人口执业医师数 (unit 大洼区): "2.1.3" is not a number
//	fw.yaml:12: group education: weight -1 must be >= 0
type ParseError struct {
	File   string // file name as given by the caller
	Sheet  string // spreadsheet sheet name ("" for text files)
	Line   int    // physical line (text) or row (spreadsheet)
	Column int    // 1-based field or spreadsheet column
	Header string // header of the column, if known
	Unit   string // the unit of the row, if known
	Err    error  // the problem; wraps one of the Err* sentinels
}

// Error implements error.
func (e *ParseError) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	switch {
	case e.Sheet != "":
		fmt.Fprintf(&b, "[%s]", e.Sheet)
		if e.Line > 0 {
			b.WriteByte('!')
			if e.Column > 0 {
				b.WriteString(columnName(e.Column))
			}
			b.WriteString(strconv.Itoa(e.Line))
		}
	case e.Line > 0:
		fmt.Fprintf(&b, ":%d", e.Line)
	}
	where := ""
	switch {
	case e.Header != "":
		where = "column " + e.Header
	case e.Column > 0 && e.Sheet == "":
		where = "column " + strconv.Itoa(e.Column)
	}
	if e.Unit != "" {
		if where != "" {
			where += " (unit " + e.Unit + ")"
		} else {
			where = "unit " + e.Unit
		}
	}
	if b.Len() > 0 {
		b.WriteString(": ")
	}
	if where != "" {
		b.WriteString(where)
		b.WriteString(": ")
	}
	if e.Err != nil {
		b.WriteString(e.Err.Error())
	}
	return b.String()
}

// Unwrap returns the underlying problem, so errors.Is(err, ErrBadNumber)
// works on a *ParseError.
func (e *ParseError) Unwrap() error { return e.Err }

// columnName returns the spreadsheet letters of a 1-based column: 1 -> A,
// 27 -> AA.
func columnName(c int) string {
	var s []byte
	for c > 0 {
		c--
		s = append([]byte{byte('A' + c%26)}, s...)
		c /= 26
	}
	return string(s)
}

// MaxErrors is how many problems ErrorList.Error prints before "and N more".
const MaxErrors = 20

// ErrorList is every problem found in an input, in the order found. Its
// Error method prints them sorted by position (line, then column), one a
// line, at most MaxErrors of them followed by "... and N more".
// errors.Is and errors.As look through every entry.
type ErrorList []*ParseError

// Sorted returns a copy of l sorted by file, line and column; problems at
// the same position keep the order in which they were found.
func (l ErrorList) Sorted() ErrorList {
	out := append(ErrorList(nil), l...)
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Sheet != b.Sheet {
			return a.Sheet < b.Sheet
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Column < b.Column
	})
	return out
}

// Error implements error.
func (l ErrorList) Error() string {
	s := l.Sorted()
	var b strings.Builder
	for i, e := range s {
		if i == MaxErrors {
			fmt.Fprintf(&b, "\n... and %d more", len(s)-MaxErrors)
			break
		}
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

// Unwrap returns the entries, sorted, for errors.Is and errors.As.
func (l ErrorList) Unwrap() []error {
	s := l.Sorted()
	out := make([]error, len(s))
	for i, e := range s {
		out[i] = e
	}
	return out
}

// err returns nil for an empty list and the sorted list otherwise.
func (l ErrorList) err() error {
	if len(l) == 0 {
		return nil
	}
	return l.Sorted()
}

package data

import (
	"regexp"
	"strconv"
	"strings"

	"golang.org/x/text/width"
)

// missingMarkers are the cell texts that mean "no value" (compared after
// trimming and width narrowing; the ASCII ones case-insensitively).
var missingMarkers = map[string]bool{
	"": true, "-": true, "--": true, "—": true, "——": true, "–": true,
	"na": true, "n/a": true, "#n/a": true, "null": true, "..": true, "...": true, "…": true,
	"缺失": true, "无": true, "暂无": true,
}

var (
	plainNumber   = regexp.MustCompile(`^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$`)
	groupedNumber = regexp.MustCompile(`^[+-]?[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?$`)
)

// ParseNumber reads a number as people type it into a spreadsheet.
//
// It trims spaces and narrows full-width characters ("９５．３％" reads as
// "95.3%"), accepts a trailing "%" and keeps the value on the natural
// scale ("95%" is 95, because indicators with unit % are entered as 95),
// and accepts thousands separators in valid groups only ("1,234" and
// "1,234.5", not "1,23"). A Unicode minus sign is read as "-".
//
// Missing markers give missing = true and v = 0 (callers store NaN): the empty string, "-", "--", "—", "——", "–", "NA", "N/A", "#N/A",
// "null" (any case), "..", "...", "…", "缺失", "无" and "暂无". A missing
// value is never 0.
//
// Special cases: "NaN", "Inf" and values that overflow float64 are errors
// (not finite); anything else that is not a decimal number is an error
// `"2.1.3" is not a number`. Errors wrap ErrBadNumber.
func ParseNumber(s string) (v float64, missing bool, err error) {
	if simpleDecimal(s) {
		if v, err := strconv.ParseFloat(s, 64); err == nil {
			return v, false, nil
		}
	}
	orig := strings.TrimSpace(s)
	t := strings.TrimSpace(width.Narrow.String(s))
	t = strings.ReplaceAll(t, "\u2212", "-")
	if missingMarkers[strings.ToLower(t)] {
		return 0, true, nil
	}
	num := strings.TrimSpace(strings.TrimSuffix(t, "%"))
	if strings.Contains(num, ",") {
		if !groupedNumber.MatchString(num) {
			return 0, false, newProblem(ErrBadNumber, "%q is not a number (bad thousands separators)", orig)
		}
		num = strings.ReplaceAll(num, ",", "")
	}
	if !plainNumber.MatchString(num) {
		switch strings.TrimLeft(strings.ToLower(num), "+-") {
		case "nan", "inf", "infinity":
			return 0, false, newProblem(ErrBadNumber, "%q is not a finite number", orig)
		}
		return 0, false, newProblem(ErrBadNumber, "%q is not a number", orig)
	}
	v, perr := strconv.ParseFloat(num, 64)
	if perr != nil {
		return 0, false, newProblem(ErrBadNumber, "%q is not a finite number", orig)
	}
	return v, false, nil
}

// simpleDecimal reports whether s is an optionally signed run of ASCII
// digits with at most one point and at least one digit: the common case,
// which needs no narrowing, trimming or regular expression.
func simpleDecimal(s string) bool {
	if s != "" && (s[0] == '-' || s[0] == '+') {
		s = s[1:]
	}
	digits, points := 0, 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			digits++
		case c == '.':
			points++
		default:
			return false
		}
	}
	return digits > 0 && points <= 1
}

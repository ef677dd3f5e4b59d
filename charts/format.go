package charts

import (
	"math"
	"strconv"
	"strings"
)

// tr returns zh or en for the language ("en" selects English, anything
// else Chinese).
func tr(lang, zh, en string) string {
	if lang == "en" {
		return en
	}
	return zh
}

// missing is how tables and charts show a missing number.
const missing = "-"

// isMissing reports whether v is NaN or infinite.
func isMissing(v float64) bool { return math.IsNaN(v) || math.IsInf(v, 0) }

// fmtScore formats a score for people: one decimal, "-" when missing.
func fmtScore(v float64) string {
	if isMissing(v) {
		return missing
	}
	return strconv.FormatFloat(fixZero(round(v, 1)), 'f', 1, 64)
}

// fmtWeight formats a weight in [0, 1] with three decimals.
func fmtWeight(v float64) string {
	if isMissing(v) {
		return missing
	}
	return strconv.FormatFloat(fixZero(round(v, 3)), 'f', 3, 64)
}

// fmtNum formats a value on an indicator's natural scale: at most three
// decimals, trailing zeros dropped.
func fmtNum(v float64) string {
	if isMissing(v) {
		return missing
	}
	return strconv.FormatFloat(fixZero(round(v, 3)), 'f', -1, 64)
}

// fmtPct formats a share as a percentage without trailing zeros: 0.5 -> "50%".
func fmtPct(v float64) string {
	if isMissing(v) {
		return missing
	}
	return strconv.FormatFloat(fixZero(round(100*v, 2)), 'f', -1, 64) + "%"
}

// round rounds v half away from zero to d decimals.
func round(v float64, d int) float64 {
	p := math.Pow(10, float64(d))
	return math.Round(v*p) / p
}

// fixZero turns -0 into 0 so that "-0.0" never appears.
func fixZero(v float64) float64 {
	if v == 0 {
		return 0
	}
	return v
}

// chartValue is a number as a chart gets it: rounded to two decimals, or
// the string "-" (ECharts' missing marker) when missing. NaN must never
// reach a chart option: encoding/json rejects it and go-echarts would
// silently render an empty chart.
func chartValue(v float64) any {
	if isMissing(v) {
		return missing
	}
	return fixZero(round(v, 2))
}

// mean returns the arithmetic mean of the non-missing values and how many
// there were (NaN, 0 when none).
func mean(x []float64) (float64, int) {
	s, n := 0.0, 0
	for _, v := range x {
		if !isMissing(v) {
			s += v
			n++
		}
	}
	if n == 0 {
		return math.NaN(), 0
	}
	return s / float64(n), n
}

// pick shows bilingual text from a Result in one language: a string with
// exactly one " / " is read as "中文 / English". Other text is unchanged.
func pick(lang, s string) string {
	if strings.Count(s, " / ") != 1 {
		return s
	}
	zh, en, _ := strings.Cut(s, " / ")
	return strings.TrimSpace(tr(lang, zh, en))
}

// joinReasons joins weak-area reasons (or notes) for a table cell, each
// in the page's language.
func joinReasons(lang string, rs []string) string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = pick(lang, r)
	}
	return strings.Join(out, tr(lang, "；", "; "))
}

package data

import (
	"errors"
	"testing"
)

func TestParseNumber(t *testing.T) {
	for _, tc := range []struct {
		in      string
		want    float64
		missing bool
		bad     bool
	}{
		{"95", 95, false, false},
		{" 95.3 ", 95.3, false, false},
		{"95%", 95, false, false},
		{"95.5 %", 95.5, false, false},
		{"-3", -3, false, false},
		{"+3", 3, false, false},
		{"−3", -3, false, false}, // U+2212 minus
		{".5", 0.5, false, false},
		{"5.", 5, false, false},
		{"1e3", 1000, false, false},
		{"1,234", 1234, false, false},
		{"1,234.5", 1234.5, false, false},
		{"-12,345,678", -12345678, false, false},
		{"９５．３", 95.3, false, false},  // full-width digits and point
		{"９５％", 95, false, false},     // full-width percent
		{"１，２３４", 1234, false, false}, // full-width comma
		{"－５", -5, false, false},      // full-width minus
		{"\u3000８\u3000", 8, false, false},
		{"", 0, true, false},
		{"   ", 0, true, false},
		{"-", 0, true, false},
		{"--", 0, true, false},
		{"—", 0, true, false},
		{"–", 0, true, false},
		{"NA", 0, true, false},
		{"na", 0, true, false},
		{"N/A", 0, true, false},
		{"n/a", 0, true, false},
		{"#N/A", 0, true, false},
		{"null", 0, true, false},
		{"..", 0, true, false},
		{"缺失", 0, true, false},
		{"无", 0, true, false},
		{"2.1.3", 0, false, true},
		{"1,23", 0, false, true},
		{"1,2345", 0, false, true},
		{"12,34.5", 0, false, true},
		{",123", 0, false, true},
		{"abc", 0, false, true},
		{"NaN", 0, false, true},
		{"Inf", 0, false, true},
		{"-Infinity", 0, false, true},
		{"1e400", 0, false, true},
		{"0x10", 0, false, true},
		{"1_000", 0, false, true},
		{"5%%", 0, false, true},
		{"%", 0, false, true},
		{"#DIV/0!", 0, false, true},
		{"0", 0, false, false}, // zero is a value, not missing
	} {
		v, missing, err := ParseNumber(tc.in)
		if tc.bad {
			if err == nil || !errors.Is(err, ErrBadNumber) {
				t.Errorf("ParseNumber(%q) = %v, %v, %v; want an ErrBadNumber", tc.in, v, missing, err)
			}
			continue
		}
		if err != nil || v != tc.want || missing != tc.missing {
			t.Errorf("ParseNumber(%q) = %v, %v, %v; want %v, %v, nil", tc.in, v, missing, err, tc.want, tc.missing)
		}
	}
}

func TestParseNumberMessages(t *testing.T) {
	for in, want := range map[string]string{
		"2.1.3": `"2.1.3" is not a number`,
		" NaN ": `"NaN" is not a finite number`,
		"1,23":  `"1,23" is not a number (bad thousands separators)`,
	} {
		_, _, err := ParseNumber(in)
		if err == nil || err.Error() != want {
			t.Errorf("ParseNumber(%q) error %v, want %s", in, err, want)
		}
	}
}

package charts

import (
	"math"
	"strings"
	"testing"

	"github.com/eqindex/eqindex/scoring"
)

func TestWrapLabel(t *testing.T) {
	for _, c := range []struct {
		in   string
		max  int
		want string
	}{
		{"基本公共教育", 14, "基本公共教育"},                 // width 12: fits
		{"基本公共服务均等化综合指数", 14, "基本公共服务均\n等化综合指数"}, // width 26: 7 + 6 characters
		{"Social security and elderly care", 14, "Social\nsecurity and\nelderly care"},
		{"Public education", 20, "Public education"},
	} {
		if got := wrapLabel(c.in, c.max); got != c.want {
			t.Errorf("wrapLabel(%q, %d) = %q, want %q", c.in, c.max, got, c.want)
		}
	}
}

func TestGradeBands(t *testing.T) {
	grades := []scoring.Grade{{Label: "A", Quantile: 0.8, Min: 82}, {Label: "B", Quantile: 0.5, Min: math.NaN()}, {Label: "C", Min: math.Inf(-1)}}
	got := strings.Join(gradeBands(grades, "en"), "; ")
	if want := "A ≥ P80 (82); B ≥ P50; C (rest)"; got != want {
		t.Errorf("en: %q, want %q", got, want)
	}
	got = strings.Join(gradeBands([]scoring.Grade{{Label: "A", Min: 85}, {Label: "D", Min: math.Inf(-1)}}, "zh"), "；")
	if want := "A ≥ 85；D（其余）"; got != want {
		t.Errorf("zh: %q, want %q", got, want)
	}
}

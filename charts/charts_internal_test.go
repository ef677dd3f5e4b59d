package charts

import "testing"

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

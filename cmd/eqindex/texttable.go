package main

import (
	"io"
	"strings"

	"golang.org/x/text/width"
)

// pick returns the text in the output language: en for "en" (when there
// is one), zh otherwise.
func pick(lang, zh, en string) string {
	if lang == "en" && en != "" {
		return en
	}
	return zh
}

// textWidth is the number of terminal columns s takes: East Asian wide
// and full-width characters (Chinese) take two, others one.
func textWidth(s string) int {
	n := 0
	for _, r := range s {
		switch width.LookupRune(r).Kind() {
		case width.EastAsianWide, width.EastAsianFullwidth:
			n += 2
		default:
			n++
		}
	}
	return n
}

// writeTextTable prints rows as aligned columns separated by two spaces,
// measuring Chinese characters as two columns wide (text/tabwriter counts
// them as one, which misaligns Chinese tables). Columns listed in right
// are right-aligned (numbers).
func writeTextTable(w io.Writer, rows [][]string, right ...int) error {
	widths := []int{}
	for _, row := range rows {
		for c, cell := range row {
			if c >= len(widths) {
				widths = append(widths, 0)
			}
			widths[c] = max(widths[c], textWidth(cell))
		}
	}
	isRight := map[int]bool{}
	for _, c := range right {
		isRight[c] = true
	}
	var b strings.Builder
	for _, row := range rows {
		b.Reset()
		for c, cell := range row {
			pad := strings.Repeat(" ", widths[c]-textWidth(cell))
			if c > 0 {
				b.WriteString("  ")
			}
			if isRight[c] {
				b.WriteString(pad + cell)
			} else if c < len(row)-1 {
				b.WriteString(cell + pad)
			} else {
				b.WriteString(cell)
			}
		}
		b.WriteString("\n")
		if _, err := io.WriteString(w, b.String()); err != nil {
			return err
		}
	}
	return nil
}

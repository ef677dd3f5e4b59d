// Package charts renders a scoring.Result as HTML: a self-contained report
// page (ranking, domain radar, indicator heatmap, score table, warnings and a
// methodology appendix) and single charts for embedding.
//
// # Safety
//
// go-echarts is used only to build ECharts option objects. Its own page
// renderer is never used: it writes options into a script with HTML escaping
// off and turns strings of the form __f__...__f__ into raw JavaScript. This
// package marshals each option with encoding/json and hands the resulting
// value to an embedded html/template, which JSON-escapes it inside the
// script element (<, > and & become \u003c, \u003e, \u0026). No user text is
// ever passed as template.JS or template.HTML, and no option contains a
// JavaScript function.
//
// # Missing values
//
// A missing score (NaN) is written as "-", ECharts' missing-value marker,
// or left out of heatmaps, so it shows as a gap and never as 0. Tables
// show "-".
//
// # Determinism
//
// The same Result and Options always give byte-identical output: chart
// element ids are derived from chart names, maps are marshalled with sorted
// keys, and nothing depends on the clock. Chart animation is always off, so
// screenshots and prints show the final state.
//
// # ECharts
//
// Pages load ECharts 5.6.0 from jsDelivr with a Subresource Integrity hash
// (see DefaultEChartsURL and EChartsIntegrity), or from Options.EChartsURL
// (a mirror, which must serve byte-identical echarts.min.js because the
// integrity attribute is kept), or inline Options.EChartsJS into the page.
// When ECharts does not load, the tables remain and a notice says that the
// charts need ECharts.
package charts

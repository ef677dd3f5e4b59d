// Package data reads index frameworks (YAML) and unit data (CSV, TSV,
// UTF-16 "Unicode text" and xlsx, wide or long) into the types of package
// scoring, and validates them.
//
// Every reader collects all the problems it finds in a file before it
// fails, and reports them as an ErrorList of *ParseError sorted by
// position: file, line (or sheet cell) and the column's header, never a
// byte offset. Problems that do not stop a run (a constant column, values
// that look like shares where percent is expected) are returned as
// []scoring.Warning.
//
// Entry points:
//
//	LoadFramework(path, sets)        ParseFramework(name, src, sets)
//	LoadDataset(path, fw, opt)       ReadDataset(name, r, fw, opt)
//	ParseNumber(s)
//
// Numbers are read by ParseNumber everywhere (wide, long and xlsx), so
// "95%", "1,234.5", full-width digits and missing markers ("-", "NA",
// "缺失", ...) mean the same thing in every format. A missing cell becomes
// NaN in the Dataset, never 0.
package data

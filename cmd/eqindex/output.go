package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// outputSet collects every file a command writes, in memory, so that
// nothing is written until all of them were produced: an error on the way
// leaves no half-written output. commit writes each file to a temporary
// name in the target folder and renames it into place.
type outputSet struct {
	dir    string
	files  map[string][]byte
	inputs []string // absolute paths that must never be overwritten
}

func newOutputSet(dir string, inputs ...string) *outputSet {
	o := &outputSet{dir: dir, files: map[string][]byte{}}
	for _, in := range inputs {
		if abs, err := filepath.Abs(in); err == nil {
			o.inputs = append(o.inputs, abs)
		}
	}
	return o
}

func (o *outputSet) add(name string, b []byte) { o.files[name] = b }

// names returns the file names in a stable order.
func (o *outputSet) names() []string {
	names := make([]string, 0, len(o.files))
	for n := range o.files {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// summary lists the files at the top of the folder and counts those in
// subfolders ("report.html, scores.csv, charts/ (54 files)").
func (o *outputSet) summary() string {
	var top []string
	sub := map[string]int{}
	var subs []string
	for _, n := range o.names() {
		dir, _, nested := strings.Cut(n, "/")
		if !nested {
			top = append(top, n)
			continue
		}
		if sub[dir] == 0 {
			subs = append(subs, dir)
		}
		sub[dir]++
	}
	for _, d := range subs {
		top = append(top, fmt.Sprintf("%s/ (%d files)", d, sub[d]))
	}
	return strings.Join(top, ", ")
}

// check refuses outputs that would overwrite an input.
func (o *outputSet) check() error {
	for _, name := range o.names() {
		abs, err := filepath.Abs(filepath.Join(o.dir, name))
		if err != nil {
			return err
		}
		for _, in := range o.inputs {
			if same(abs, in) {
				return fmt.Errorf("refusing to write %s: it is an input of this run (choose another -o folder)", filepath.Join(o.dir, name))
			}
		}
	}
	return nil
}

func same(a, b string) bool {
	if a == b {
		return true
	}
	sa, err1 := os.Stat(a)
	sb, err2 := os.Stat(b)
	return err1 == nil && err2 == nil && os.SameFile(sa, sb)
}

// commit writes every file. Each file appears whole or not at all; the
// temporary files of a failed commit are removed.
func (o *outputSet) commit() error {
	if err := o.check(); err != nil {
		return err
	}
	var temps []string
	cleanup := func() {
		for _, t := range temps {
			os.Remove(t)
		}
	}
	// Write everything to temporary files first, then rename.
	targets := map[string]string{}
	for _, name := range o.names() {
		path := filepath.Join(o.dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			cleanup()
			return err
		}
		f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(name)+".tmp*")
		if err != nil {
			cleanup()
			return err
		}
		temps = append(temps, f.Name())
		_, werr := f.Write(o.files[name])
		cerr := f.Close()
		if err := errors.Join(werr, cerr); err != nil {
			cleanup()
			return fmt.Errorf("writing %s: %w", path, err)
		}
		if err := os.Chmod(f.Name(), 0o644); err != nil {
			cleanup()
			return err
		}
		targets[f.Name()] = path
	}
	for _, t := range temps {
		if err := os.Rename(t, targets[t]); err != nil {
			cleanup()
			return fmt.Errorf("writing %s: %w", targets[t], err)
		}
	}
	return nil
}

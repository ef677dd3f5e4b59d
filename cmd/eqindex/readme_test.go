package main

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestREADMECommands runs every eqindex command shown in the README's
// shell blocks, on the demo inputs (counties.csv and fw.yaml stand for the
// demo's data.csv and framework.yaml), so the first commands a newcomer
// types keep working.
func TestREADMECommands(t *testing.T) {
	f, err := os.Open("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	dataPath, fwPath := writeDemoInputs(t)
	var cmds []string
	inShell := false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		switch {
		case strings.HasPrefix(line, "```sh"):
			inShell = true
		case strings.HasPrefix(line, "```"):
			inShell = false
		case inShell:
			if i := strings.Index(line, "#"); i >= 0 {
				line = strings.TrimSpace(line[:i])
			}
			line = strings.TrimPrefix(line, "go run ./cmd/")
			if strings.HasPrefix(line, "eqindex ") {
				cmds = append(cmds, line)
			}
		}
	}
	if len(cmds) < 5 {
		t.Fatalf("found only %d eqindex commands in the README: %q", len(cmds), cmds)
	}
	for _, cmd := range cmds {
		out := t.TempDir()
		args := strings.Fields(cmd)[1:]
		for i, a := range args {
			a = strings.Trim(a, "'") // shell quoting
			args[i] = a
			switch a {
			case "counties.csv":
				args[i] = dataPath
			case "fw.yaml":
				args[i] = fwPath
			default:
				if strings.HasSuffix(a, "/") { // an output folder
					args[i] = filepath.Join(out, a)
				}
			}
		}
		if args[0] == "gen" {
			// The README's gen writes national scale; keep the test small.
			args = append(args, "--units", "30", "--years", "2", "--indicators", "12")
		}
		t.Run(cmd, func(t *testing.T) {
			if code, stdout, stderr := runCLI(t, args...); code != 0 {
				t.Errorf("exit %d\nstdout: %s\nstderr: %s", code, stdout, stderr)
			}
		})
	}
}

// Every command answers --help.
func TestHelp(t *testing.T) {
	for _, c := range newApp(nil, nil).Commands {
		code, stdout, stderr := runCLI(t, c.Name, "--help")
		if code != 0 || !strings.Contains(stdout, c.Name) {
			t.Errorf("%s --help: exit %d, stdout %q, stderr %q", c.Name, code, stdout, stderr)
		}
	}
	if code, stdout, _ := runCLI(t, "--help"); code != 0 || !strings.Contains(stdout, "demo") {
		t.Errorf("--help: exit %d", code)
	}
	if code, _, stderr := runCLI(t, "nosuchcommand"); code != exitUsage {
		t.Errorf("unknown command: exit %d (%s), want %d", code, stderr, exitUsage)
	}
}

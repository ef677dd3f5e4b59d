package data

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
)

// decodeText turns the bytes of a text file into a string.
//
// enc "" detects: a BOM decides (UTF-8, UTF-16 LE or BE); else NUL bytes
// mean UTF-16 without a BOM (LE if the first NUL is at an odd offset);
// else valid UTF-8 is UTF-8; else GB18030 (a superset of GBK, what Excel
// writes on Chinese Windows). Otherwise enc names the encoding: "utf-8",
// "gb18030", "gbk" or "utf-16" (a BOM wins; little endian without one).
//
// Every line that still holds U+FFFD (the replacement character decoders
// put in place of bytes they cannot read) is an ErrEncoding problem.
// It returns the text and the name of the encoding used.
func decodeText(file string, b []byte, enc string) (string, string, error) {
	var dec encoding.Encoding
	name := strings.ToLower(strings.ReplaceAll(enc, "_", "-"))
	switch name {
	case "":
		switch {
		case bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}):
			name, b = "utf-8", b[3:]
		case bytes.HasPrefix(b, []byte{0xFF, 0xFE}):
			name, dec = "utf-16le", unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM)
		case bytes.HasPrefix(b, []byte{0xFE, 0xFF}):
			name, dec = "utf-16be", unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM)
		case bytes.IndexByte(b, 0) >= 0:
			if bytes.IndexByte(b, 0)%2 == 1 {
				name, dec = "utf-16le", unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM)
			} else {
				name, dec = "utf-16be", unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM)
			}
		case utf8.Valid(b):
			name = "utf-8"
		default:
			name, dec = "gb18030", simplifiedchinese.GB18030
		}
	case "utf-8", "utf8":
		name = "utf-8"
		b = bytes.TrimPrefix(b, []byte{0xEF, 0xBB, 0xBF})
	case "gb18030":
		dec = simplifiedchinese.GB18030
	case "gbk", "cp936":
		name, dec = "gbk", simplifiedchinese.GBK
	case "utf-16", "utf16", "utf-16le", "utf-16be":
		end := unicode.LittleEndian
		if name == "utf-16be" {
			end = unicode.BigEndian
		}
		dec = unicode.UTF16(end, unicode.UseBOM)
	default:
		return "", "", &ParseError{File: file, Err: newProblem(ErrUnsupported,
			"unknown encoding %q (want: utf-8, gb18030, gbk, utf-16)", enc)}
	}
	var text string
	if dec == nil {
		text = strings.ToValidUTF8(string(b), "\uFFFD")
	} else {
		out, err := dec.NewDecoder().Bytes(b)
		if err != nil {
			return "", name, &ParseError{File: file, Err: newProblem(ErrEncoding, "cannot decode as %s: %v", name, err)}
		}
		text = string(out)
	}
	if !strings.ContainsRune(text, utf8.RuneError) {
		return text, name, nil
	}
	var errs ErrorList
	for i, line := range strings.Split(text, "\n") {
		if strings.ContainsRune(line, utf8.RuneError) {
			errs = append(errs, &ParseError{File: file, Line: i + 1, Err: newProblem(ErrEncoding,
				"bytes that are not valid %s (try --encoding utf-8, gbk or utf-16)", name)})
		}
	}
	return "", name, errs.err()
}

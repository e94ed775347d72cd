// Package alternatives reads the notation that knowledge files share for their terms: alternatives
// spelled once, "{make up|fake|fudge} the {data|numbers}". A brace group without a bar, such
// as the concern lexicons' "{target}", is a class name and is left as it is.
package alternatives

import (
	"fmt"
	"strings"
)

// MaxExpansions bounds what one term may stand for, so that a careless term cannot make a
// matcher huge.
const MaxExpansions = 256

// Expand spells out a term's alternatives: "{make up|fake|fudge} the {data|numbers}"
// stands for six phrases. A term without alternatives stands for itself; an unclosed brace is
// taken literally; runs of spaces left by an empty alternative are tidied.
func Expand(term string) []string {
	raw := expand(term)
	for i, s := range raw {
		raw[i] = strings.Join(strings.Fields(s), " ")
	}
	return raw
}

// Count is how many phrases a term stands for, or some number over [MaxExpansions] once it
// is known to be over (so that it cannot overflow): the knowledge refuses such a term rather
// than compile part of it.
func Count(term string) int {
	n := 1
	for n <= MaxExpansions {
		open, end := group(term)
		if open < 0 {
			return n
		}
		n *= strings.Count(term[open:end], "|") + 1
		term = term[end+1:]
	}
	return n
}

// Check reports a term that stands for more phrases than [MaxExpansions], which would be
// cut silently.
func Check(term string) error {
	if n := Count(term); n > MaxExpansions {
		return fmt.Errorf("term %q stands for more than %d phrases: use a class or split it", term, MaxExpansions)
	}
	return nil
}

// expand is Expand before the spaces are tidied.
func expand(term string) []string {
	open, end := group(term)
	if open < 0 {
		return []string{term}
	}
	head, rest := term[:open], term[end+1:]
	var out []string
	tails := expand(rest)
	for _, alt := range strings.Split(term[open+1:end], "|") {
		for _, tail := range tails {
			if len(out) == MaxExpansions {
				return out
			}
			out = append(out, head+strings.TrimSpace(alt)+tail)
		}
	}
	return out
}

// group finds the first closed brace group that holds a bar, or -1.
func group(term string) (open, end int) {
	for from := 0; ; {
		o := strings.IndexByte(term[from:], '{')
		if o < 0 {
			return -1, -1
		}
		o += from
		e := strings.IndexByte(term[o:], '}')
		if e < 0 {
			return -1, -1
		}
		e += o
		if strings.Contains(term[o:e], "|") {
			return o, e
		}
		from = e + 1
	}
}

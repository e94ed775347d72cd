package navigator

import "strings"

// maxExpansions bounds what one term may stand for, so that a careless term cannot make the
// matcher huge.
const maxExpansions = 256

// expandAlternatives spells out a term's alternatives: "{make up|fake|fudge} the
// {data|numbers}" stands for six phrases, so that a concept can say the verbs and the objects
// of an idea once instead of listing each pair. A term without braces stands for itself; an
// unclosed brace is taken literally.
func expandAlternatives(term string) []string {
	raw := expand(term)
	for i, s := range raw {
		raw[i] = strings.Join(strings.Fields(s), " ")
	}
	return raw
}

// expand is expandAlternatives before the spaces are tidied.
func expand(term string) []string {
	open := strings.IndexByte(term, '{')
	if open < 0 {
		return []string{term}
	}
	end := strings.IndexByte(term[open:], '}')
	if end < 0 {
		return []string{term}
	}
	end += open
	head, rest := term[:open], term[end+1:]
	var out []string
	tails := expand(rest)
	for _, alt := range strings.Split(term[open+1:end], "|") {
		for _, tail := range tails {
			if len(out) == maxExpansions {
				return out
			}
			out = append(out, head+strings.TrimSpace(alt)+tail)
		}
	}
	return out
}

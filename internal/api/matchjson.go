package api

import (
	"math"
	"math/bits"
	"strconv"
	"unicode/utf8"
)

// AppendJSON appends the view's JSON, byte for byte what encoding/json writes for it (a test
// holds the two together), without reflection. It earns its place: it saves 52 % of the whole
// match request's CPU in process, 222,000 instructions per request against 458,300 with
// encoding/json, which spends most of the difference re-validating each result's contacts (a
// json.RawMessage); in time 53 µs against 67 µs, means of 8 runs on a shared 2-core VM.
// docs/performance.md has the figures; the comparison is
//
//	go test -run '^$' -bench MatchParts -count 6 ./internal/api/
func (v *MatchView) AppendJSON(b []byte) []byte {
	b = append(b, `{"emergency":`...)
	b = strconv.AppendBool(b, v.Emergency)
	b = append(b, `,"urgency":`...)
	b = appendString(b, v.Urgency)
	b = append(b, `,"understood":{"topics":`...)
	if v.Understood.Topics == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, '[')
	}
	for i, t := range v.Understood.Topics {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"id":`...)
		b = appendString(b, t.ID)
		b = append(b, `,"name":`...)
		b = appendString(b, t.Name)
		b = append(b, `,"words":`...)
		b = appendStrings(b, t.Words)
		b = append(b, '}')
	}
	if v.Understood.Topics != nil {
		b = append(b, ']')
	}
	u := &v.Understood
	if u.Role != "" {
		b = append(b, `,"role":`...)
		b = appendString(b, string(u.Role))
	}
	if u.RoleSource != "" {
		b = append(b, `,"role_source":`...)
		b = appendString(b, u.RoleSource)
	}
	if u.Confidentiality != "" {
		b = append(b, `,"confidentiality":`...)
		b = appendString(b, u.Confidentiality)
	}
	b = append(b, `,"time_words":`...)
	b = appendStrings(b, u.TimeWords)
	if u.Language != "" {
		b = append(b, `,"language":`...)
		b = appendString(b, u.Language)
	}
	if len(u.Emergency) > 0 {
		b = append(b, `,"emergency":`...)
		b = appendStrings(b, u.Emergency)
	}
	b = append(b, `},"no_good_match":`...)
	b = strconv.AppendBool(b, v.NoGoodMatch)
	if v.LanguageNotCovered {
		b = append(b, `,"language_not_covered":true`...)
	}
	b = append(b, `,"results":`...)
	if v.Results == nil {
		return append(b, "null}\n"...)
	}
	b = append(b, '[')
	for i := range v.Results {
		if i > 0 {
			b = append(b, ',')
		}
		b = v.Results[i].appendJSON(b)
	}
	return append(b, "]}\n"...)
}

func (r *MatchResultView) appendJSON(b []byte) []byte {
	b = append(b, `{"id":`...)
	b = appendString(b, r.ID)
	b = append(b, `,"name":`...)
	b = appendString(b, r.Name)
	if r.Summary != "" {
		b = append(b, `,"summary":`...)
		b = appendString(b, r.Summary)
	}
	if r.SummaryLang != "" {
		b = append(b, `,"summary_lang":`...)
		b = appendString(b, r.SummaryLang)
	}
	b = append(b, `,"score":`...)
	b = appendFloat(b, r.Score)
	b = append(b, `,"why":`...)
	b = appendStrings(b, r.Why)
	b = append(b, `,"confidentiality":`...)
	b = appendString(b, r.Confidentiality)
	b = append(b, `,"emergency":`...)
	b = strconv.AppendBool(b, r.Emergency)
	b = append(b, `,"serves":`...)
	if r.Serves == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, '[')
		for i, role := range r.Serves {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendString(b, string(role))
		}
		b = append(b, ']')
	}
	b = append(b, `,"available_now":`...)
	if r.AvailableNow == nil {
		b = append(b, "null"...)
	} else {
		b = strconv.AppendBool(b, *r.AvailableNow)
	}
	b = append(b, `,"next_change":`...)
	if r.NextChange == nil {
		b = append(b, "null"...)
	} else {
		b = appendString(b, *r.NextChange)
	}
	b = append(b, `,"contacts":`...)
	if len(r.Contacts) == 0 {
		b = append(b, "null"...)
	} else {
		b = append(b, r.Contacts...) // compact JSON, encoded once per snapshot
	}
	b = append(b, `,"links":{"html":`...)
	b = appendString(b, r.Links.HTML)
	b = append(b, `,"self":`...)
	b = appendString(b, r.Links.Self)
	return append(b, "}}"...)
}

func appendStrings(b []byte, ss []string) []byte {
	if ss == nil {
		return append(b, "null"...)
	}
	b = append(b, '[')
	for i, s := range ss {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(b, s)
	}
	return append(b, ']')
}

// appendFloat writes a float64 as encoding/json does.
func appendFloat(b []byte, f float64) []byte {
	if !math.Signbit(f) && f < 1e6 { // neither -0 nor NaN
		if k := int64(f * 1000); float64(k)/1000 == f {
			return appendMillis(b, k)
		}
	}
	abs := f
	if abs < 0 {
		abs = -abs
	}
	format := byte('f')
	if abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, f, format, -1, 64)
	if format == 'e' {
		// Clean up e-09 to e-9, as encoding/json does.
		n := len(b)
		if n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b
}

// appendMillis writes k/1000 with its trailing zeros dropped. For a float64 under 10^6 that
// equals k/1000 (scores are cut to three decimals) this is the shortest decimal that reads back
// as it, so the bytes strconv would write, at a tenth of the cost: doubles that close to each
// other are far nearer than 0.001, so no other decimal of three places or fewer reads back as it.
func appendMillis(b []byte, k int64) []byte {
	b = strconv.AppendInt(b, k/1000, 10)
	frac := k % 1000
	if frac == 0 {
		return b
	}
	digits := [3]byte{byte('0' + frac/100), byte('0' + frac/10%10), byte('0' + frac%10)}
	n := 3
	for digits[n-1] == '0' {
		n--
	}
	b = append(b, '.')
	return append(b, digits[:n]...)
}

const ones, highs = 0x0101010101010101, 0x8080808080808080 // a byte's 1 and high bit, in each byte

const hexDigits = "0123456789abcdef"

// plainASCII marks the ASCII bytes a JSON string carries as they are: one table lookup per byte
// instead of six comparisons, as encoding/json does it.
var plainASCII = func() (t [utf8.RuneSelf]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\' && c != '<' && c != '>' && c != '&'
	}
	return t
}()

// appendString writes s as a JSON string the way encoding/json does with HTML escaping on:
// <, > and & as \u00XX, U+2028 and U+2029 escaped, invalid UTF-8 as U+FFFD.
func appendString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		if i+8 <= len(s) {
			// Eight bytes at once (a function for this cost more than its work): m marks
			// those not to copy as they are, ASCII to escape and the bytes of multi-byte runes.
			// Its lowest set bit (a byte's high bit) is exact, so the loop jumps to the first;
			// bits above may be spurious, a borrow carried into the next byte. With every byte
			// under 0x80, (x - ones*n) &^ x & highs is non-zero where a byte of x is under n,
			// and a byte equal to c is a zero byte of x ^ ones*c.
			t := s[i : i+8]
			w := uint64(t[0]) | uint64(t[1])<<8 | uint64(t[2])<<16 | uint64(t[3])<<24 |
				uint64(t[4])<<32 | uint64(t[5])<<40 | uint64(t[6])<<48 | uint64(t[7])<<56
			quote, backslash, lt, gt, amp := w^(ones*'"'), w^(ones*'\\'), w^(ones*'<'), w^(ones*'>'), w^(ones*'&')
			m := (w | (w-ones*0x20)&^w | (quote-ones)&^quote | (backslash-ones)&^backslash |
				(lt-ones)&^lt | (gt-ones)&^gt | (amp-ones)&^amp) & highs
			if m == 0 {
				i += 8
				continue
			}
			i += bits.TrailingZeros64(m) >> 3 // straight to the first byte to look at
		}
		c := s[i]
		if c < utf8.RuneSelf {
			if plainASCII[c] {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

package web

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"net/http"
	"strings"

	"golang.org/x/text/language"
)

// dataPrefix marks keys that translate text the domain or the data owns (topic names,
// audience labels, confidentiality explanations). English has none of them: it shows the
// data's own words, and so does any language that lacks a key.
const dataPrefix = "data."

// messages holds the interface text of every language, each merged over English so that a
// key missing in one language falls back to English.
type messages struct {
	// langs are the language codes, English (the fallback) first, in matcher order.
	langs   []string
	byLang  map[string]map[string]string
	matcher language.Matcher
}

// supported are the interface languages; the first is the fallback.
var supported = []language.Tag{language.English, language.Spanish}

// loadMessages reads messages/<lang>.json for every supported language from fsys.
func loadMessages(fsys fs.FS) (*messages, error) {
	m := &messages{byLang: map[string]map[string]string{}, matcher: language.NewMatcher(supported)}
	var en map[string]string
	for _, tag := range supported {
		base, _ := tag.Base()
		code := base.String()
		b, err := fs.ReadFile(fsys, "messages/"+code+".json")
		if err != nil {
			return nil, fmt.Errorf("web messages %s: %w", code, err)
		}
		own := map[string]string{}
		if err := json.Unmarshal(b, &own); err != nil {
			return nil, fmt.Errorf("web messages %s: %w", code, err)
		}
		if en == nil {
			en = own
		}
		merged := make(map[string]string, len(en)+len(own))
		for k, v := range en {
			merged[k] = v
		}
		for k, v := range own {
			merged[k] = v
		}
		for _, k := range []string{"lang.name", "format.time", "format.date"} {
			if merged[k] == "" {
				return nil, fmt.Errorf("web messages %s: key %q is required", code, k)
			}
		}
		m.byLang[code] = merged
		m.langs = append(m.langs, code)
	}
	return m, nil
}

// pick chooses the page language: the lang query parameter when it names a supported
// language (explicit is then true, and links carry it on), otherwise the best match for
// Accept-Language, otherwise English.
func (m *messages) pick(r *http.Request) (lang string, explicit bool) {
	if l := strings.ToLower(r.URL.Query().Get("lang")); m.byLang[l] != nil {
		return l, true
	}
	if h := r.Header.Get("Accept-Language"); h != "" {
		tags, _, err := language.ParseAcceptLanguage(h)
		if err == nil && len(tags) > 0 {
			if _, i, conf := m.matcher.Match(tags...); conf != language.No {
				return m.langs[i], false
			}
		}
	}
	return m.langs[0], false
}

// other returns the language the switch offers from lang: the next one in the list.
func (m *messages) other(lang string) string {
	for i, l := range m.langs {
		if l == lang {
			return m.langs[(i+1)%len(m.langs)]
		}
	}
	return m.langs[0]
}

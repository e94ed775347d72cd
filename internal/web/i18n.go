package web

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"net/http"

	"golang.org/x/text/language"
)

// catalogs holds the interface text per language; English is complete and the fallback.
type catalogs struct {
	byLang  map[string]map[string]string
	matcher language.Matcher
	langs   []string
}

// supported languages, English first (the fallback).
var supported = []language.Tag{language.English, language.Spanish}

func loadCatalogs(fsys fs.FS) (*catalogs, error) {
	c := &catalogs{byLang: map[string]map[string]string{}, matcher: language.NewMatcher(supported)}
	for _, tag := range supported {
		base, _ := tag.Base()
		name := base.String()
		b, err := fs.ReadFile(fsys, "messages/"+name+".json")
		if err != nil {
			return nil, fmt.Errorf("messages %s: %w", name, err)
		}
		m := map[string]string{}
		if err := json.Unmarshal(b, &m); err != nil {
			return nil, fmt.Errorf("messages %s: %w", name, err)
		}
		c.byLang[name] = m
		c.langs = append(c.langs, name)
	}
	return c, nil
}

// pick chooses the language: the lang parameter if it names a supported one, else the best
// match for Accept-Language, else English.
func (c *catalogs) pick(r *http.Request) (lang string, explicit bool) {
	if l := r.URL.Query().Get("lang"); c.byLang[l] != nil {
		return l, true
	}
	tags, _, _ := language.ParseAcceptLanguage(r.Header.Get("Accept-Language"))
	_, i, conf := c.matcher.Match(tags...)
	if conf == language.No {
		return "en", false
	}
	return c.langs[i], false
}

// text returns the message for key in lang, falling back to English, then to the key itself
// (a test holds both catalogs complete).
func (c *catalogs) text(lang, key string) string {
	if s, ok := c.byLang[lang][key]; ok {
		return s
	}
	if s, ok := c.byLang["en"][key]; ok {
		return s
	}
	return key
}

package api_test

import (
	"bytes"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"signpost/internal/api"
)

type openAPIDoc struct {
	Paths map[string]map[string]struct {
		Parameters []json.RawMessage          `json:"parameters"`
		Responses  map[string]json.RawMessage `json:"responses"`
	} `json:"paths"`
	Components struct {
		Parameters map[string]openAPIParam `json:"parameters"`
	} `json:"components"`
}

type openAPIParam struct {
	Ref     string `json:"$ref"`
	Name    string `json:"name"`
	In      string `json:"in"`
	Example any    `json:"example"`
}

func loadOpenAPI(t *testing.T) (*openAPIDoc, *jsonschema.Compiler) {
	t.Helper()
	var doc openAPIDoc
	if err := json.Unmarshal(api.OpenAPI, &doc); err != nil {
		t.Fatalf("openapi.json: %v", err)
	}
	raw, err := jsonschema.UnmarshalJSON(bytes.NewReader(api.OpenAPI))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	if err := c.AddResource("https://signpost.invalid/openapi.json", raw); err != nil {
		t.Fatal(err)
	}
	return &doc, c
}

// schemaFor compiles the schema of one documented response by its JSON pointer.
func schemaFor(t *testing.T, c *jsonschema.Compiler, path, method, status string) *jsonschema.Schema {
	t.Helper()
	esc := strings.NewReplacer("~", "~0", "/", "~1").Replace(path)
	var resp struct {
		Ref string `json:"$ref"`
	}
	var doc map[string]any
	_ = json.Unmarshal(api.OpenAPI, &doc)
	r := doc["paths"].(map[string]any)[path].(map[string]any)[method].(map[string]any)["responses"].(map[string]any)[status]
	b, _ := json.Marshal(r)
	_ = json.Unmarshal(b, &resp)
	ptr := "#/paths/" + esc + "/" + method + "/responses/" + status + "/content/application~1json/schema"
	if resp.Ref != "" {
		ptr = resp.Ref + "/content/application~1json/schema"
	}
	s, err := c.Compile("https://signpost.invalid/openapi.json" + ptr)
	if err != nil {
		t.Fatalf("compile %s: %v", ptr, err)
	}
	return s
}

func validate(t *testing.T, s *jsonschema.Schema, body []byte, what string) {
	t.Helper()
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(body))
	if err != nil {
		t.Fatalf("%s: body is not JSON: %v", what, err)
	}
	if err := s.Validate(inst); err != nil {
		t.Errorf("%s: response does not match the OpenAPI schema: %v", what, err)
	}
}

// TestOpenAPIMatchesHandlers calls every documented operation on the real handlers with the
// documented examples, and validates the answer (and the documented error answers) against
// the document's schemas. It also checks that every route the server registers is documented.
func TestOpenAPIMatchesHandlers(t *testing.T) {
	doc, compiler := loadOpenAPI(t)
	srv := newTestServer(t)

	documented := map[string]bool{}
	for path, ops := range doc.Paths {
		for method, op := range ops {
			documented[strings.ToUpper(method)+" "+path] = true
			target := path
			q := url.Values{}
			params := op.Parameters
			if method == "post" {
				// A POST takes the same fields as the GET of its path, as a body.
				params = ops["get"].Parameters
			}
			for _, rawParam := range params {
				var p openAPIParam
				_ = json.Unmarshal(rawParam, &p)
				if p.Ref != "" {
					p = doc.Components.Parameters[strings.TrimPrefix(p.Ref, "#/components/parameters/")]
				}
				val := strings.Trim(jsonString(p.Example), `"`)
				switch p.In {
				case "path":
					target = strings.ReplaceAll(target, "{"+p.Name+"}", val)
				case "query":
					if p.Name != "available" { // combined with the other examples it may match nothing
						q.Set(p.Name, val)
					}
				}
			}
			for status := range op.Responses {
				resp := doDocumented(t, srv.URL, method, path, target, q, status)
				body, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				if got := resp.StatusCode; got != atoi(status) {
					t.Errorf("%s %s = %d, want documented %s: %s", method, path, got, status, body)
					continue
				}
				validate(t, schemaFor(t, compiler, path, method, status), body, method+" "+path+" "+status)
			}
		}
	}

	s := api.NewServer(nil, slog.New(slog.NewTextHandler(io.Discard, nil)))
	var undocumented []string
	for pattern := range s.Routes() {
		if !documented[pattern] {
			undocumented = append(undocumented, pattern)
		}
	}
	sort.Strings(undocumented)
	if len(undocumented) > 0 {
		t.Errorf("routes missing from openapi.json: %v", undocumented)
	}
}

// doDocumented sends the request that should produce the documented status: the examples for
// 200, a malformed time for 400, an unknown id for 404, an oversized concern for 413.
func doDocumented(t *testing.T, base, method, path, target string, q url.Values, status string) *http.Response {
	t.Helper()
	q = cloneValues(q)
	switch status {
	case "200":
	case "400":
		q.Set("at", "not-a-time")
	case "404":
		target = strings.Replace(path, "{id}", "no-such-resource", 1)
	case "413":
		q.Set("q", strings.Repeat("word ", 500))
	default:
		t.Fatalf("%s %s: no test request for documented status %s", method, path, status)
	}
	var resp *http.Response
	var err error
	if method == "post" {
		body := map[string]any{}
		for k := range q {
			body[k] = q.Get(k)
		}
		for _, k := range []string{"confidential", "urgent"} {
			if v, ok := body[k]; ok {
				body[k] = v == "true"
			}
		}
		if v, ok := body["limit"]; ok {
			body["limit"], _ = strconv.Atoi(v.(string))
		}
		b, _ := json.Marshal(body)
		resp, err = http.Post(base+target, "application/json", bytes.NewReader(b))
	} else {
		u := base + target
		if len(q) > 0 {
			u += "?" + q.Encode()
		}
		resp, err = http.Get(u)
	}
	if err != nil {
		t.Fatal(err)
	}
	return resp
}

func cloneValues(v url.Values) url.Values {
	out := url.Values{}
	for k, vs := range v {
		out[k] = append([]string(nil), vs...)
	}
	return out
}

func jsonString(v any) string { b, _ := json.Marshal(v); return string(b) }

func atoi(s string) int { n, _ := strconv.Atoi(s); return n }
func TestOpenAPIServed(t *testing.T) {
	srv := newTestServer(t)
	resp, err := http.Get(srv.URL + "/api/v1/openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 || !bytes.Equal(body, api.OpenAPI) {
		t.Fatalf("GET /api/v1/openapi.json = %d, %d bytes; want 200 and the embedded document", resp.StatusCode, len(body))
	}
}

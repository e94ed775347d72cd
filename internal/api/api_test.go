package api_test

import (
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"signpost/internal/api"
	"signpost/internal/testenv"
)

// newTestServer serves the API over a real SQLite file loaded with the default directory.
func newTestServer(tb testing.TB) *httptest.Server {
	tb.Helper()
	live := testenv.Defaults(tb, nil).Live
	mux := http.NewServeMux()
	s := api.NewServer(live, slog.New(slog.NewTextHandler(io.Discard, nil)))
	s.Now = func() time.Time { return time.Date(2026, 11, 24, 12, 0, 0, 0, time.UTC) }
	s.Register(mux)
	srv := httptest.NewServer(mux)
	tb.Cleanup(srv.Close)
	return srv
}

// getJSON fetches path and decodes the JSON body into out, returning the status.
func getJSON(tb testing.TB, srv *httptest.Server, path string, out any) int {
	tb.Helper()
	resp, err := http.Get(srv.URL + path)
	if err != nil {
		tb.Fatal(err)
	}
	defer resp.Body.Close()
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		tb.Fatalf("GET %s: Content-Type = %q, want application/json", path, ct)
	}
	if err := json.NewDecoder(resp.Body).Decode(out); err != nil {
		tb.Fatalf("GET %s: decode: %v", path, err)
	}
	return resp.StatusCode
}

type resourceList struct {
	Resources []struct {
		ID              string   `json:"id"`
		Serves          []string `json:"serves"`
		Confidentiality string   `json:"confidentiality"`
		Topics          []string `json:"topics"`
		Availability    struct {
			AvailableNow *bool `json:"available_now"`
		} `json:"availability"`
	} `json:"resources"`
}

type availabilityBody struct {
	ID           string `json:"id"`
	Availability struct {
		AvailableNow *bool   `json:"available_now"`
		NextChange   *string `json:"next_change"`
	} `json:"availability"`
}

type errorBody struct {
	Error struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
}

func TestListAllResources(t *testing.T) {
	srv := newTestServer(t)
	var got resourceList
	if status := getJSON(t, srv, "/api/v1/resources", &got); status != 200 {
		t.Fatalf("status = %d, want 200", status)
	}
	if len(got.Resources) != 35 {
		t.Fatalf("got %d resources, want 35", len(got.Resources))
	}
}

func TestRoleFilterNeverReturnsIneligible(t *testing.T) {
	srv := newTestServer(t)
	for _, role := range []string{"undergraduate", "graduate", "postdoc", "staff", "faculty"} {
		var got resourceList
		if status := getJSON(t, srv, "/api/v1/resources?role="+role, &got); status != 200 {
			t.Fatalf("role=%s: status %d", role, status)
		}
		if len(got.Resources) == 0 {
			t.Fatalf("role=%s: no resources", role)
		}
		for _, r := range got.Resources {
			if !contains(r.Serves, role) {
				t.Errorf("role=%s returned %s, which serves %v", role, r.ID, r.Serves)
			}
		}
	}
	var staff resourceList
	getJSON(t, srv, "/api/v1/resources?role=staff", &staff)
	for _, r := range staff.Resources {
		for _, studentOnly := range []string{"s3", "lets-chat", "student-mental-health", "gradsupport", "medlinks"} {
			if r.ID == studentOnly {
				t.Errorf("role=staff returned the student service %s", r.ID)
			}
		}
	}
}

func TestOtherFilters(t *testing.T) {
	srv := newTestServer(t)
	var conf resourceList
	getJSON(t, srv, "/api/v1/resources?confidentiality=confidential", &conf)
	if len(conf.Resources) == 0 {
		t.Fatal("confidentiality=confidential returned nothing")
	}
	for _, r := range conf.Resources {
		if r.Confidentiality != "confidential" {
			t.Errorf("confidentiality filter returned %s (%s)", r.ID, r.Confidentiality)
		}
	}
	var topic resourceList
	getJSON(t, srv, "/api/v1/resources?topic=research-misconduct", &topic)
	if len(topic.Resources) == 0 || !hasID(topic, "vp-research") {
		t.Fatalf("topic=research-misconduct = %v, want vp-research among them", topic.Resources)
	}
	var open resourceList
	getJSON(t, srv, "/api/v1/resources?available=true&at="+url.QueryEscape("2026-11-24T12:00:00-05:00"), &open)
	if !hasID(open, "mit-police") || hasID(open, "dean-on-call") {
		t.Fatalf("available=true at Tuesday noon: want mit-police and not dean-on-call, got %d resources", len(open.Resources))
	}
	for _, r := range open.Resources {
		if r.Availability.AvailableNow == nil || !*r.Availability.AvailableNow {
			t.Errorf("available=true returned %s with available_now %v", r.ID, r.Availability.AvailableNow)
		}
	}
}

func TestDeanOnCallAvailability(t *testing.T) {
	srv := newTestServer(t)
	tests := []struct {
		at       string
		wantOpen bool
		wantNext string
	}{
		{"2026-11-28T02:00:00-05:00", true, ""},
		{"2026-11-24T12:00:00-05:00", false, "2026-11-24T17:00:00-05:00"},
		{"2026-11-26T12:00:00-05:00", true, ""}, // Thanksgiving
		{"2026-11-24T17:00:00Z", false, "2026-11-24T17:00:00-05:00"},
	}
	for _, tc := range tests {
		var got availabilityBody
		if status := getJSON(t, srv, "/api/v1/resources/dean-on-call?at="+url.QueryEscape(tc.at), &got); status != 200 {
			t.Fatalf("at=%s: status %d", tc.at, status)
		}
		a := got.Availability
		if a.AvailableNow == nil || *a.AvailableNow != tc.wantOpen {
			t.Errorf("at=%s: available_now = %v, want %v", tc.at, a.AvailableNow, tc.wantOpen)
		}
		if tc.wantNext != "" && (a.NextChange == nil || *a.NextChange != tc.wantNext) {
			t.Errorf("at=%s: next_change = %v, want %s", tc.at, deref(a.NextChange), tc.wantNext)
		}
		if a.NextChange == nil {
			t.Errorf("at=%s: next_change is null for a service with weekly hours", tc.at)
		}
	}
}

func TestUnknownAndAlwaysOpenHours(t *testing.T) {
	srv := newTestServer(t)
	var ombuds, police availabilityBody
	getJSON(t, srv, "/api/v1/resources/ombuds", &ombuds)
	if ombuds.Availability.AvailableNow != nil {
		t.Errorf("ombuds (no hours stated): available_now = %v, want null", *ombuds.Availability.AvailableNow)
	}
	getJSON(t, srv, "/api/v1/resources/mit-police", &police)
	if police.Availability.AvailableNow == nil || !*police.Availability.AvailableNow || police.Availability.NextChange != nil {
		t.Errorf("mit-police (24/7): availability = %+v, want open with no next change", police.Availability)
	}
}

func TestBadInputGives4xxJSON(t *testing.T) {
	srv := newTestServer(t)
	tests := []struct {
		path   string
		status int
		code   string
		inMsg  string
	}{
		{"/api/v1/resources?role=student", 400, "invalid", "role"},
		{"/api/v1/resources?role=", 400, "invalid", "role"},
		{"/api/v1/resources?confidentiality=secret", 400, "invalid", "confidentiality"},
		{"/api/v1/resources?topic=nonsense", 400, "invalid", "topic"},
		{"/api/v1/resources?available=maybe", 400, "invalid", "available"},
		{"/api/v1/resources?at=tomorrow", 400, "invalid", "RFC 3339"},
		{"/api/v1/resources?rol=staff", 400, "invalid", "rol"},
		{"/api/v1/resources/dean-on-call?at=2026-11-24", 400, "invalid", "RFC 3339"},
		{"/api/v1/resources/no-such-office", 404, "not_found", "no-such-office"},
		{"/api/v1/nothing-here", 404, "not_found", ""},
	}
	for _, tc := range tests {
		var got errorBody
		status := getJSON(t, srv, tc.path, &got)
		if status != tc.status || got.Error.Code != tc.code || !strings.Contains(got.Error.Message, tc.inMsg) {
			t.Errorf("GET %s = %d %+v, want %d %s mentioning %q", tc.path, status, got.Error, tc.status, tc.code, tc.inMsg)
		}
	}
	resp, err := http.Post(srv.URL+"/api/v1/resources", "application/json", strings.NewReader("{}"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST /api/v1/resources = %d, want 405", resp.StatusCode)
	}
}

func contains(s []string, v string) bool { return slices.Contains(s, v) }
func hasID(l resourceList, id string) bool {
	for _, r := range l.Resources {
		if r.ID == id {
			return true
		}
	}
	return false
}

func deref(s *string) string {
	if s == nil {
		return "<null>"
	}
	return *s
}

package metrics

import "testing"

func TestStatusClass(t *testing.T) {
	tests := []struct {
		in   int
		want string
	}{
		{0, "2xx"}, {101, "1xx"}, {200, "2xx"}, {204, "2xx"}, {301, "3xx"}, {399, "3xx"},
		{400, "4xx"}, {429, "4xx"}, {500, "5xx"}, {503, "5xx"}, {599, "5xx"}, {42, "other"}, {600, "other"},
	}
	for _, tc := range tests {
		if got := statusClass(tc.in); got != tc.want {
			t.Errorf("statusClass(%d) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

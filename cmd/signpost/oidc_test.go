package main

import (
	"context"
	"strings"
	"testing"

	"github.com/oauth2-proxy/mockoidc"
)

func TestOIDCFromEnv(t *testing.T) {
	m, err := mockoidc.Run()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { m.Shutdown() })
	full := map[string]string{
		"SIGNPOST_OIDC_ISSUER":        m.Issuer(),
		"SIGNPOST_OIDC_CLIENT_ID":     m.ClientID,
		"SIGNPOST_OIDC_CLIENT_SECRET": m.ClientSecret,
		"SIGNPOST_OIDC_REDIRECT_URL":  "http://127.0.0.1:8080/admin/login/oidc/callback",
	}
	without := func(keys ...string) map[string]string {
		env := map[string]string{}
		for k, v := range full {
			env[k] = v
		}
		for _, k := range keys {
			delete(env, k)
		}
		return env
	}
	for _, tc := range []struct {
		name    string
		env     map[string]string
		wantOn  bool
		wantErr string
	}{
		{name: "unset", env: map[string]string{}},
		{name: "complete", env: full, wantOn: true},
		{name: "no issuer", env: without("SIGNPOST_OIDC_ISSUER"), wantErr: "SIGNPOST_OIDC_ISSUER is not"},
		{name: "no client id", env: without("SIGNPOST_OIDC_CLIENT_ID"), wantErr: "SIGNPOST_OIDC_CLIENT_ID is not"},
		{name: "no redirect URL", env: without("SIGNPOST_OIDC_REDIRECT_URL"), wantErr: "needs SIGNPOST_OIDC_REDIRECT_URL"},
		{name: "only a secret", env: map[string]string{"SIGNPOST_OIDC_CLIENT_SECRET": "x"}, wantErr: "half configured"},
		{name: "provider not there", env: map[string]string{"SIGNPOST_OIDC_ISSUER": m.Issuer() + "/nope", "SIGNPOST_OIDC_CLIENT_ID": "c",
			"SIGNPOST_OIDC_REDIRECT_URL": full["SIGNPOST_OIDC_REDIRECT_URL"]}, wantErr: "discover provider"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o, err := oidcFromEnv(context.Background(), func(k string) string { return tc.env[k] })
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("oidcFromEnv = %v, want an error with %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if (o != nil) != tc.wantOn {
				t.Errorf("oidcFromEnv on = %v, want %v", o != nil, tc.wantOn)
			}
		})
	}
}

// TestServeRefusesHalfSSO checks that serve stops at start-up on a partial single sign-on
// setting rather than running without it.
func TestServeRefusesHalfSSO(t *testing.T) {
	t.Setenv("SIGNPOST_DATA", t.TempDir())
	t.Setenv("SIGNPOST_OIDC_ISSUER", "http://127.0.0.1:1/oidc")
	var stderr strings.Builder
	if code := run(context.Background(), []string{"serve", "-addr", "127.0.0.1:0"}, &strings.Builder{}, &stderr); code == 0 {
		t.Fatal("serve with only SIGNPOST_OIDC_ISSUER set exited 0")
	}
	if !strings.Contains(stderr.String(), "SIGNPOST_OIDC_CLIENT_ID") {
		t.Errorf("stderr = %q, want it to name SIGNPOST_OIDC_CLIENT_ID", stderr.String())
	}
}

package main

import (
	"context"
	"fmt"

	"signpost/internal/admin"
)

// oidcFromEnv sets up single sign-on from the SIGNPOST_OIDC_* variables read through getenv.
// It returns nil when none of issuer and client id is set (single sign-on off), and an error
// for a partial configuration or a provider that cannot be discovered.
func oidcFromEnv(ctx context.Context, getenv func(string) string) (*admin.OIDC, error) {
	cfg := admin.OIDCConfig{
		Issuer:       getenv("SIGNPOST_OIDC_ISSUER"),
		ClientID:     getenv("SIGNPOST_OIDC_CLIENT_ID"),
		ClientSecret: getenv("SIGNPOST_OIDC_CLIENT_SECRET"),
		RedirectURL:  getenv("SIGNPOST_OIDC_REDIRECT_URL"),
		Label:        getenv("SIGNPOST_OIDC_LABEL"),
	}
	switch {
	case cfg.Issuer == "" && cfg.ClientID == "":
		if cfg.ClientSecret != "" || cfg.RedirectURL != "" || cfg.Label != "" {
			return nil, fmt.Errorf("single sign-on is half configured: set SIGNPOST_OIDC_ISSUER and SIGNPOST_OIDC_CLIENT_ID too, or unset every SIGNPOST_OIDC_ variable")
		}
		return nil, nil
	case cfg.Issuer == "":
		return nil, fmt.Errorf("single sign-on is half configured: SIGNPOST_OIDC_CLIENT_ID is set but SIGNPOST_OIDC_ISSUER is not")
	case cfg.ClientID == "":
		return nil, fmt.Errorf("single sign-on is half configured: SIGNPOST_OIDC_ISSUER is set but SIGNPOST_OIDC_CLIENT_ID is not")
	case cfg.RedirectURL == "":
		return nil, fmt.Errorf("single sign-on needs SIGNPOST_OIDC_REDIRECT_URL (https://HOST/admin/login/oidc/callback, as registered with the provider)")
	}
	return admin.NewOIDC(ctx, cfg)
}

package navigator

import (
	"time"

	"signpost/internal/directory"
)

// MaxConcernBytes is the longest concern accepted; longer ones are refused with
// [directory.ETooLarge] rather than processed slowly.
const MaxConcernBytes = 2000

// Request is one concern and what the person chose to tell about themselves.
type Request struct {
	// Text is the concern in the person's own words. It is never logged.
	Text string
	// Role is who the person is, if they said so in a form; "" to infer it from Text.
	Role directory.Role
	// Confidential is true when the person asked for confidentiality in a form.
	Confidential bool
	// Urgent is true when the person said in a form that it is urgent.
	Urgent bool
	// At is the instant of asking, used for availability.
	At time.Time
	// Lang is the language the person reads (the page's or the API's lang), "" if unknown;
	// the concern's own language is recognised either way.
	Lang string
	// Limit is how many results to return; 0 means [DefaultLimit].
	Limit int

	// checked is what [Fields.Request] checked, so that [Navigator.Match] does not check it
	// again.
	checked checked
}

// DefaultLimit is how many results an answer holds unless asked otherwise.
const DefaultLimit = 5

// Urgency levels of an [Answer].
const (
	UrgencyEmergency = "emergency"
	UrgencyUrgent    = "urgent"
	UrgencyRoutine   = "routine"
)

// Answer is the navigator's answer to a [Request].
type Answer struct {
	// Emergency is true when the concern describes an immediate danger to life or safety;
	// the emergency services then come first.
	Emergency bool
	// Urgency is one of [UrgencyEmergency], [UrgencyUrgent], [UrgencyRoutine].
	Urgency string
	// Understood is what the navigator read in the concern.
	Understood Understood
	// Results are the resources, best first.
	Results []Result
	// NoGoodMatch is true when nothing fitted well and Results holds the general navigators.
	NoGoodMatch bool
	// LanguageNotCovered is true when the concern is in a language the navigator has no
	// lexicon for: only the emergency services (if it read a danger) and the general
	// options are offered, never a confident guess.
	LanguageNotCovered bool
	// Lang is the language the reasons are written in and summaries are shown in where a
	// resource has them translated: a language pack's ("es"), or "" for the knowledge's own.
	Lang string
}

// Understood is what the navigator read in a concern, so a person can see and correct it.
type Understood struct {
	Topics []UnderstoodTopic `json:"topics"`
	// Role is the role used, and RoleSource "stated" (from the form) or "inferred" (from the
	// text); both empty when unknown.
	Role       directory.Role `json:"role,omitempty"`
	RoleSource string         `json:"role_source,omitempty"`
	// Confidentiality is the wish read: "confidential", "anonymous" or "".
	Confidentiality string `json:"confidentiality,omitempty"`
	// TimeWords are the time expressions found ("tonight", "weekend").
	TimeWords []string `json:"time_words"`
	// Language is the concern's language as recognised ("en", "es", … or "und").
	Language string `json:"language,omitempty"`
	// Emergency names the emergency frames that fired.
	Emergency []string `json:"emergency,omitempty"`
}

// UnderstoodTopic is one topic read in the concern, with the words that pointed at it.
type UnderstoodTopic struct {
	ID    string   `json:"id"`
	Name  string   `json:"name"`
	Words []string `json:"words"`
}

// Result is one recommended resource.
type Result struct {
	Resource *directory.Resource
	Score    float64
	// Why lists the reasons, in plain words, most important first.
	Why []string
	// AvailableNow is nil when unknown.
	AvailableNow *bool
	// NextChange is when availability next changes, if known.
	NextChange *time.Time
}

// AvailabilityFunc says whether r is available at t (known false: unknown) and when that
// changes next (nil if never or unknown).
type AvailabilityFunc func(r *directory.Resource, t time.Time) (known, open bool, next *time.Time)

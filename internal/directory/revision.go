package directory

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"time"
)

// Change says who makes a write and why. Every write to a [Store] records one [Revision] per
// resource or topic it changes, so that nothing an edit or an import replaces is lost.
type Change struct {
	// Author is the account that made the change, or a command such as "import".
	Author string
	// Action names what was done: see the Action constants.
	Action Action
	// Note is the author's reason, optional.
	Note string
	// IfMatch, when set, makes a single-entity write conditional: it happens only if the
	// stored document's [Fingerprint] is *IfMatch ("" meaning there must be none yet), and is
	// an [EConflict] error otherwise. An editor's form carries the fingerprint of what it
	// showed, so that a save never silently overwrites someone else's.
	IfMatch *string
	// IfVersion, when set, makes a whole-directory Replace conditional: it happens only if the
	// store's [Store.Version] is still *IfVersion, and is an [EConflict] error otherwise. A
	// caller that read the directory to build the new one (an import keeping the stored topics,
	// import-list adding drafts, restoring the calendar) so never undoes an edit made meanwhile.
	IfVersion *int64
}

// CheckVersion returns the conflict error of a conditional Replace whose expected version is
// not the store's current one, or nil. Stores call it inside the writing transaction.
func (c Change) CheckVersion(current int64) error {
	if c.IfVersion != nil && *c.IfVersion != current {
		return Errorf(EConflict, "The directory changed while this was being prepared, so nothing was changed; run it again.")
	}
	return nil
}

// Fingerprint identifies the content of an entity's document (a resource, topic, concept or
// calendar) as a short hex string.
func Fingerprint(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return ""
	}
	return fingerprintJSON(b)
}

func fingerprintJSON(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:8])
}

// Action is what a revision did.
type Action string

// Actions.
const (
	ActionCreate  Action = "create"
	ActionEdit    Action = "edit"
	ActionRetire  Action = "retire"
	ActionRestore Action = "restore"
	ActionVerify  Action = "verify"
	ActionImport  Action = "import"
	// ActionRemove is recorded when an import drops an entity: its revision's Doc is null, and
	// the revision before it holds what was removed.
	ActionRemove Action = "remove"
)

// EntityKind is the kind of thing a revision is about.
type EntityKind string

// Entity kinds.
const (
	EntityResource EntityKind = "resource"
	EntityTopic    EntityKind = "topic"
	EntityConcept  EntityKind = "concept"
	// EntityCalendar is the directory's one calendar (holidays and terms), whose EntityID is
	// always [CalendarID].
	EntityCalendar EntityKind = "calendar"
)

// CalendarID is the entity id of the calendar's revisions.
const CalendarID = "calendar"

// Revision is one recorded change to one resource or topic: the whole document after the
// change, and the fields that changed.
type Revision struct {
	ID       int64      `json:"id"`
	Kind     EntityKind `json:"kind"`
	EntityID string     `json:"entity_id"`
	Author   string     `json:"author"`
	Action   Action     `json:"action"`
	Note     string     `json:"note,omitempty"`
	At       time.Time  `json:"at"`
	// Changed lists the JSON paths of the fields that changed (see [DiffDocs]).
	Changed []string `json:"changed"`
	// Doc is the entity's JSON document after the change; null when it was removed.
	Doc json.RawMessage `json:"doc"`
}

// RevisionQuery selects revisions, newest first.
type RevisionQuery struct {
	// Kind and EntityID, when set, keep only the revisions of that entity.
	Kind     EntityKind
	EntityID string
	// Before, when positive, keeps only revisions with a smaller id (for paging).
	Before int64
	// Limit caps the number returned; 0 means 50.
	Limit int
}

// RevisionStore is the history part of a [Store].
type RevisionStore interface {
	// Revisions returns the revisions q selects, newest first.
	Revisions(ctx context.Context, q RevisionQuery) ([]Revision, error)
	// Revision returns one revision, or an [ENotFound] error.
	Revision(ctx context.Context, id int64) (*Revision, error)
}

// PendingRevision is a revision a store is about to record, before it has an id and a time.
type PendingRevision struct {
	// Note, when set, replaces the change's note for this revision.
	Note     string
	Kind     EntityKind
	EntityID string
	Action   Action
	Changed  []string
	Doc      json.RawMessage
}

// PlanReplace works out the revisions that replacing directory old with new records: one for
// every resource or topic that appears, changes or goes away. Stores call it inside the
// replacing transaction.
func PlanReplace(old, new *Directory, by Change) ([]PendingRevision, error) {
	var out []PendingRevision
	oldRes := map[string]*Resource{}
	for i := range old.Resources {
		oldRes[old.Resources[i].ID] = &old.Resources[i]
	}
	for i := range new.Resources {
		p, err := PlanPut(EntityResource, new.Resources[i].ID, oldRes[new.Resources[i].ID], &new.Resources[i], by)
		if err != nil {
			return nil, err
		}
		if p != nil {
			out = append(out, *p)
		}
		delete(oldRes, new.Resources[i].ID)
	}
	for i := range old.Resources {
		if r, gone := oldRes[old.Resources[i].ID]; gone {
			p, err := PlanPut(EntityResource, r.ID, r, nil, by)
			if err != nil {
				return nil, err
			}
			out = append(out, *p)
		}
	}
	oldTopics := map[string]*Topic{}
	for i := range old.Topics {
		oldTopics[old.Topics[i].ID] = &old.Topics[i]
	}
	for i := range new.Topics {
		p, err := PlanPut(EntityTopic, new.Topics[i].ID, oldTopics[new.Topics[i].ID], &new.Topics[i], by)
		if err != nil {
			return nil, err
		}
		if p != nil {
			out = append(out, *p)
		}
		delete(oldTopics, new.Topics[i].ID)
	}
	for i := range old.Topics {
		if t, gone := oldTopics[old.Topics[i].ID]; gone {
			p, err := PlanPut(EntityTopic, t.ID, t, nil, by)
			if err != nil {
				return nil, err
			}
			out = append(out, *p)
		}
	}
	return out, nil
}

// PlanPut works out the revision that storing after in place of before (nil when new; after
// nil when removed) records, or nil when nothing changes.
func PlanPut[T Resource | Topic | Concept | Calendar](kind EntityKind, id string, before, after *T, by Change) (*PendingRevision, error) {
	var prev, next json.RawMessage
	var err error
	if before != nil {
		if prev, err = json.Marshal(before); err != nil {
			return nil, err
		}
	}
	if after != nil {
		if next, err = json.Marshal(after); err != nil {
			return nil, err
		}
	}
	if by.IfMatch != nil {
		cur := ""
		if prev != nil {
			cur = fingerprintJSON(prev)
		}
		if cur != *by.IfMatch {
			if prev == nil {
				return nil, Errorf(EConflict, "%s %s was removed after this form was opened.", kind, id)
			}
			if *by.IfMatch == "" {
				return nil, Errorf(EConflict, "A %s with id %s already exists; choose another.", kind, id)
			}
			return nil, Errorf(EConflict, "Someone saved %s %s after this form was opened, so this change was not saved.", kind, id)
		}
	}
	changed, err := DiffDocs(prev, next)
	if err != nil {
		return nil, err
	}
	if len(changed) == 0 {
		return nil, nil
	}
	action := by.Action
	switch {
	case after == nil:
		action = ActionRemove
	case action == "" && before == nil:
		action = ActionCreate
	case action == "":
		action = ActionEdit
	}
	paths := make([]string, len(changed))
	for i, c := range changed {
		paths[i] = c.Path
	}
	if next == nil {
		next = json.RawMessage("null")
	}
	return &PendingRevision{Kind: kind, EntityID: id, Action: action, Changed: paths, Doc: next}, nil
}

// RevisionLimit returns the number of revisions a query with the given Limit returns.
func RevisionLimit(limit int) int {
	if limit <= 0 {
		return 50
	}
	return min(limit, 1000)
}

// PlanCalendar works out the revisions that replacing calendar old with new records: none when
// they are the same; otherwise the new calendar, preceded, when the store has no calendar
// revision yet (hasHistory false), by one of the old calendar, so that it can be restored.
func PlanCalendar(old, new Calendar, hasHistory bool, by Change) ([]PendingRevision, error) {
	// Compared in the order stores keep them, so that the same dates in another order are no
	// change.
	old, new = old.Sorted(), new.Sorted()
	next, err := PlanPut(EntityCalendar, CalendarID, &old, &new, by)
	if err != nil || next == nil {
		return nil, err
	}
	var out []PendingRevision
	if !hasHistory && (len(old.Holidays) > 0 || len(old.Terms) > 0) {
		base, err := PlanPut(EntityCalendar, CalendarID, nil, &old, by)
		if err != nil {
			return nil, err
		}
		base.Action, base.Note = ActionCreate, "the calendar before the first recorded change"
		out = append(out, *base)
	}
	return append(out, *next), nil
}

package directory

import "context"

// Directory is a whole directory at one moment: what the embedded defaults hold, what an
// import brings, and what a store snapshot serves.
type Directory struct {
	Resources []Resource `json:"resources"`
	Topics    []Topic    `json:"topics"`
	Calendar  Calendar   `json:"calendar"`
}

// Store keeps the directory. Implementations must be safe for concurrent use.
type Store interface {
	// Snapshot returns the whole current directory, resources in directory order (the order
	// they were first stored in, which for the defaults is the source page's).
	Snapshot(ctx context.Context) (*Directory, error)
	// Resource returns one resource, or an [ENotFound] error.
	Resource(ctx context.Context, id string) (*Resource, error)
	// PutResource creates or replaces a resource after validating it ([EInvalid]), and
	// records a revision when anything changed.
	PutResource(ctx context.Context, r *Resource, by Change) error
	// PutTopic creates or replaces a topic after validating it, and records a revision when
	// anything changed. A topic's parent must exist.
	PutTopic(ctx context.Context, t *Topic, by Change) error
	// Replace replaces the whole directory in one transaction, recording a revision for every
	// resource and topic that appears, changes or goes away: on any error nothing changes.
	Replace(ctx context.Context, d *Directory, by Change) error
	RevisionStore
	ConceptStore
	// Empty reports whether the store holds no resources yet.
	Empty(ctx context.Context) (bool, error)
	// Version returns a number that changes whenever the directory changes, through this
	// store or any other connection to the same database.
	Version(ctx context.Context) (int64, error)
	// Ping reports whether the database answers.
	Ping(ctx context.Context) error
	// Close releases the store.
	Close() error
}

// ReadForReplace reads the store's version, then its whole directory, for a caller that builds
// a new directory from the current one (an import keeping the stored topics, import-list adding
// drafts, restoring the calendar). Passing the version as [Change.IfVersion] to Replace makes
// it refuse, rather than undo, anything written in between; reading the version first is what
// makes that safe.
func ReadForReplace(ctx context.Context, s Store) (*Directory, int64, error) {
	v, err := s.Version(ctx)
	if err != nil {
		return nil, 0, err
	}
	d, err := s.Snapshot(ctx)
	if err != nil {
		return nil, 0, err
	}
	return d, v, nil
}

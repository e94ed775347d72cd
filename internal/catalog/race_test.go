//go:build race

package catalog_test

// raceSlowdown stretches time limits under the race detector, which makes building a
// navigator (the work behind every reload) about ten times slower.
const raceSlowdown = 10

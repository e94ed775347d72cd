//go:build !race

package catalog_test

// raceSlowdown is 1 without the race detector: limits are the product's own.
const raceSlowdown = 1

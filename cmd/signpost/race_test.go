//go:build race

package main

// raceSlowdown stretches time limits under the race detector, which makes every reload about
// ten times slower.
const raceSlowdown = 10

//go:build !race

package lint

// slow is how much slower code runs under the race detector, for the
// time bounds of the hostile-input tests.
const slow = 1

//go:build !race

package pack

// raceDetector reports whether the tests run under the race detector,
// whose shadow memory and instrumented allocations make a heap measure
// say nothing about the code's own.
const raceDetector = false

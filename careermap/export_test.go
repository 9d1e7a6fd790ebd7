package careermap

// LadderWork is what marking l's descriptors cost: the words of the pairs
// of descriptors considered and the cells of the word comparisons run.
func LadderWork(l *Ladder) (words, cells int64) { return l.work.words, l.work.cells }

// Bounds of a career map's marking work, for the tests.
const (
	MaxLadderWords = maxLadderWords
	MaxLadderCells = maxLadderCells
)

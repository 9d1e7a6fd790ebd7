package web

import (
	"container/list"
	"crypto/sha256"
	"encoding/json"
	"sync"

	"github.com/rolepack/rolepack/compose"
	"github.com/rolepack/rolepack/render"
)

// maxComposed bounds the composed roles a server keeps: a role at a level
// for one set of details, a few hundred kilobytes each.
const maxComposed = 32

// composeKey names what a composed role is built from: the session's
// frameworks, what the session entered (its state, as the store keeps it),
// and the role and level. The server's config, templates and date do not
// change while it runs.
type composeKey struct {
	lib         *compose.Library
	state       [sha256.Size]byte
	role, level string
}

// composeEntry is one composed role, made once however many requests ask
// for it at the same time, and the documents of each kind prepared from
// it, each made once too. What it holds is only read once made.
type composeEntry struct {
	key   composeKey
	build func() (*composed, error)

	mu   sync.Mutex
	docs map[string]func() []render.Copy
}

// documents are the documents of kind k of the composed role cp (the
// entry's), prepared on the first call.
func (e *composeEntry) documents(k render.Kind, cp *composed) []render.Copy {
	e.mu.Lock()
	f, ok := e.docs[k.ID]
	if !ok {
		f = sync.OnceValue(func() []render.Copy { return documents(k, cp) })
		e.docs[k.ID] = f
	}
	e.mu.Unlock()
	return f()
}

// composeCache keeps the most recently used composed roles, at most
// maxComposed: the preview and the downloads of one document, and the
// role page around them, compose the role once rather than on every
// request. It is safe for concurrent use.
type composeCache struct {
	mu    sync.Mutex
	order *list.List // of *composeEntry, most recent first
	byKey map[composeKey]*list.Element
}

func newComposeCache() *composeCache {
	return &composeCache{order: list.New(), byKey: map[composeKey]*list.Element{}}
}

// entry returns the entry for key, making it (with build, run on the first
// call of its build) when there is none, and dropping the least recently
// used one past maxComposed.
func (c *composeCache) entry(key composeKey, build func() (*composed, error)) *composeEntry {
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.byKey[key]; ok {
		c.order.MoveToFront(el)
		return el.Value.(*composeEntry)
	}
	e := &composeEntry{key: key, build: sync.OnceValues(build), docs: map[string]func() []render.Copy{}}
	c.byKey[key] = c.order.PushFront(e)
	for c.order.Len() > maxComposed {
		last := c.order.Back()
		c.order.Remove(last)
		delete(c.byKey, last.Value.(*composeEntry).key)
	}
	return e
}

// len is how many composed roles the cache holds.
func (c *composeCache) len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.order.Len()
}

// stateKey is the digest of a session's state as the store keeps it; a
// state that cannot be encoded (never expected) gives ok false, and is
// composed without the cache.
func stateKey(st state) (sum [sha256.Size]byte, ok bool) {
	b, err := json.Marshal(st)
	if err != nil {
		return sum, false
	}
	return sha256.Sum256(b), true
}

package web

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"time"

	_ "modernc.org/sqlite" // the database/sql driver "sqlite", pure Go
)

// StoreFile is the database file's name in the data folder.
const StoreFile = "rolepack.db"

// Store keeps what people enter in the web app (the details, the
// organisation's text, roles' selections and edits, saved vacancies and
// uploaded frameworks) in an SQLite database: one row per workspace (a
// browser's session), its vacancies and frameworks beside it. Every save
// is one transaction in a WAL journal, so a crash loses at most the save in
// flight and the file always opens holding the old or the new value.
type Store struct {
	db  *sql.DB
	dir string
	now func() time.Time
}

// migrations are the schema, one step a version; the database's
// user_version says how many have run. A step is never changed once
// released: a new one is added.
var migrations = []string{
	`CREATE TABLE workspaces (
		id      TEXT PRIMARY KEY,  -- sha256 of the session cookie
		csrf    TEXT NOT NULL,
		state   TEXT NOT NULL,     -- JSON: details, organisation text, selections, edits
		created TEXT NOT NULL,
		updated TEXT NOT NULL
	);
	CREATE TABLE vacancies (
		workspace TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
		reference TEXT NOT NULL,
		role      TEXT NOT NULL,
		level     TEXT NOT NULL,
		details   TEXT NOT NULL,   -- JSON: the details form as saved
		updated   TEXT NOT NULL,
		PRIMARY KEY (workspace, reference)
	);
	CREATE TABLE frameworks (
		workspace TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
		id        TEXT NOT NULL,
		seq       INTEGER NOT NULL,
		yaml      BLOB NOT NULL,   -- the framework in its canonical YAML form
		note      TEXT NOT NULL DEFAULT '',
		PRIMARY KEY (workspace, id)
	);`,
}

// OpenStore opens (creating it when needed) the database in dir, or an
// in-memory one that lasts as long as the Store when dir is "". It runs
// the schema migrations the file has not had.
func OpenStore(ctx context.Context, dir string) (*Store, error) {
	dsn := ":memory:"
	if dir != "" {
		if fi, err := os.Stat(dir); err == nil && !fi.IsDir() {
			return nil, fmt.Errorf("web: data folder %s is a file; give --data a folder (rolepack keeps %s in it)", dir, StoreFile)
		}
		if err := os.MkdirAll(dir, 0o700); err != nil {
			var pe *fs.PathError
			if errors.As(err, &pe) {
				err = pe.Err
			}
			return nil, fmt.Errorf("web: data folder %s cannot be made: %w", dir, err)
		}
		p := filepath.Join(dir, StoreFile)
		dsn = "file:" + (&url.URL{Path: p}).EscapedPath()
	}
	dsn += "?_pragma=busy_timeout(10000)&_pragma=foreign_keys(1)&_pragma=synchronous(FULL)&_txlock=immediate"
	if dir != "" {
		dsn += "&_pragma=journal_mode(WAL)"
	}
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("web: store: %w", err)
	}
	if dir == "" {
		db.SetMaxOpenConns(1) // one connection holds the in-memory database
	}
	s := &Store{db: db, dir: dir, now: time.Now}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }

// Dir is the data folder ("" for an in-memory store).
func (s *Store) Dir() string { return s.dir }

func (s *Store) migrate(ctx context.Context) error {
	var v int
	if err := s.db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil {
		return fmt.Errorf("web: store: reading the schema version: %w", err)
	}
	if v > len(migrations) {
		return fmt.Errorf("web: store: the data folder was written by a newer rolepack (schema %d, this one knows %d)", v, len(migrations))
	}
	for ; v < len(migrations); v++ {
		err := s.tx(ctx, func(tx *sql.Tx) error {
			if _, err := tx.ExecContext(ctx, migrations[v]); err != nil {
				return err
			}
			_, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", v+1))
			return err
		})
		if err != nil {
			return fmt.Errorf("web: store: schema step %d: %w", v+1, err)
		}
	}
	return nil
}

// tx runs fn in one transaction, committed when fn returns nil.
func (s *Store) tx(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		_ = tx.Rollback()
		return err
	}
	return tx.Commit()
}

// key is the stored id of a session: a hash, so the database holds no
// cookie a reader could use.
func key(sessionID string) string {
	sum := sha256.Sum256([]byte(sessionID))
	return hex.EncodeToString(sum[:])
}

// storedFramework is an uploaded framework as kept: its canonical YAML
// and the note its upload gave (a built-in it replaces).
type storedFramework struct {
	ID   string
	YAML []byte
	Note string
}

// saved is a workspace as kept.
type saved struct {
	CSRF       string
	State      state
	Vacancies  []vacancy
	Frameworks []storedFramework
}

// vacancy is a saved vacancy: the details saved with a reference, for the
// role and level they were saved at.
type vacancy struct {
	Reference, Role, Level string
	Details                details
}

var errNoWorkspace = errors.New("no such workspace")

// load reads the workspace of a session id (errNoWorkspace when there is
// none).
func (s *Store) load(ctx context.Context, sessionID string) (*saved, error) {
	id := key(sessionID)
	out := &saved{}
	var st string
	err := s.db.QueryRowContext(ctx, "SELECT csrf, state FROM workspaces WHERE id = ?", id).Scan(&out.CSRF, &st)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errNoWorkspace
	}
	if err != nil {
		return nil, fmt.Errorf("web: store: %w", err)
	}
	if err := json.Unmarshal([]byte(st), &out.State); err != nil {
		return nil, fmt.Errorf("web: store: workspace state: %w", err)
	}
	rows, err := s.db.QueryContext(ctx, "SELECT reference, role, level, details FROM vacancies WHERE workspace = ? ORDER BY reference", id)
	if err != nil {
		return nil, fmt.Errorf("web: store: %w", err)
	}
	for rows.Next() {
		var v vacancy
		var d string
		if err := rows.Scan(&v.Reference, &v.Role, &v.Level, &d); err != nil {
			rows.Close()
			return nil, fmt.Errorf("web: store: %w", err)
		}
		if err := json.Unmarshal([]byte(d), &v.Details); err != nil {
			rows.Close()
			return nil, fmt.Errorf("web: store: vacancy %s: %w", v.Reference, err)
		}
		out.Vacancies = append(out.Vacancies, v)
	}
	if err := rows.Close(); err != nil {
		return nil, fmt.Errorf("web: store: %w", err)
	}
	rows, err = s.db.QueryContext(ctx, "SELECT id, yaml, note FROM frameworks WHERE workspace = ? ORDER BY seq", id)
	if err != nil {
		return nil, fmt.Errorf("web: store: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var f storedFramework
		if err := rows.Scan(&f.ID, &f.YAML, &f.Note); err != nil {
			return nil, fmt.Errorf("web: store: %w", err)
		}
		out.Frameworks = append(out.Frameworks, f)
	}
	return out, rows.Err()
}

// saveState writes a workspace's state (creating the workspace when it is
// new) and, when v is not nil, the vacancy, in one transaction.
func (s *Store) saveState(ctx context.Context, sessionID, csrf string, st state, v *vacancy) error {
	data, err := json.Marshal(st)
	if err != nil {
		return fmt.Errorf("web: store: %w", err)
	}
	now := s.now().UTC().Format(time.RFC3339Nano)
	id := key(sessionID)
	err = s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO workspaces (id, csrf, state, created, updated) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (id) DO UPDATE SET state = excluded.state, updated = excluded.updated`, id, csrf, string(data), now, now); err != nil {
			return err
		}
		if v == nil {
			return nil
		}
		d, err := json.Marshal(v.Details)
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO vacancies (workspace, reference, role, level, details, updated) VALUES (?, ?, ?, ?, ?, ?)
			ON CONFLICT (workspace, reference) DO UPDATE SET role = excluded.role, level = excluded.level, details = excluded.details, updated = excluded.updated`,
			id, v.Reference, v.Role, v.Level, string(d), now)
		return err
	})
	if err != nil {
		return fmt.Errorf("web: store: saving: %w", err)
	}
	return nil
}

// saveFrameworks replaces a workspace's uploaded frameworks (creating the
// workspace with st when it is new), in one transaction.
func (s *Store) saveFrameworks(ctx context.Context, sessionID, csrf string, st state, fws []storedFramework) error {
	data, err := json.Marshal(st)
	if err != nil {
		return fmt.Errorf("web: store: %w", err)
	}
	now := s.now().UTC().Format(time.RFC3339Nano)
	id := key(sessionID)
	err = s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO workspaces (id, csrf, state, created, updated) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (id) DO UPDATE SET updated = excluded.updated`, id, csrf, string(data), now, now); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM frameworks WHERE workspace = ?", id); err != nil {
			return err
		}
		for i, f := range fws {
			if _, err := tx.ExecContext(ctx, "INSERT INTO frameworks (workspace, id, seq, yaml, note) VALUES (?, ?, ?, ?, ?)", id, f.ID, i, f.YAML, f.Note); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("web: store: saving frameworks: %w", err)
	}
	return nil
}

// frameworkBytes is the total size of the frameworks every workspace
// keeps, for the global upload cap.
func (s *Store) frameworkBytes(ctx context.Context) (int64, error) {
	var n sql.NullInt64
	if err := s.db.QueryRowContext(ctx, "SELECT SUM(LENGTH(yaml)) FROM frameworks").Scan(&n); err != nil {
		return 0, fmt.Errorf("web: store: %w", err)
	}
	return n.Int64, nil
}

// check runs SQLite's integrity check.
func (s *Store) check(ctx context.Context) error {
	var res string
	if err := s.db.QueryRowContext(ctx, "PRAGMA integrity_check").Scan(&res); err != nil {
		return fmt.Errorf("web: store: integrity check: %w", err)
	}
	if res != "ok" {
		return fmt.Errorf("web: store: integrity check: %s", res)
	}
	return nil
}

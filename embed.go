// Package rolepack holds what the binary embeds from the repository root:
// the default configuration (config.yaml), used when no config file is
// found, so the binary runs anywhere with no files beside it.
package rolepack

import _ "embed"

// DefaultConfig is the repository's config.yaml.
//
//go:embed config.yaml
var DefaultConfig []byte

package userfile

import (
	"bytes"
	"fmt"
	"image"
	_ "image/jpeg" // logos may be JPEG
	_ "image/png"  // or PNG
)

// Image limits: a logo is drawn 1.5 cm high, so far fewer pixels than
// these do; more would take hundreds of MB to decode in every writer.
const (
	// ImagePixels is the most pixels an image may have (4096 × 4096).
	ImagePixels = 4096 * 4096
	// ImageSide is the most pixels an image may have across or down.
	ImageSide = 16384
)

// CheckImage refuses image data (read from path, named in messages) that
// is not a whole PNG or JPEG within ImagePixels and ImageSide. The header
// is read first (image.DecodeConfig), so an image that claims billions of
// pixels is refused before any of them is decoded; the image is then
// decoded once, so a truncated or corrupt one is refused here, naming the
// file, rather than in a writer.
func CheckImage(path string, data []byte) error {
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return &Error{Path: path, Reason: "not a PNG or JPEG image: " + err.Error(), Err: err}
	}
	if format != "png" && format != "jpeg" {
		return &Error{Path: path, Reason: fmt.Sprintf("a %s image; a logo must be PNG or JPEG", format)}
	}
	w, h := int64(cfg.Width), int64(cfg.Height)
	switch {
	case w <= 0 || h <= 0:
		return &Error{Path: path, Reason: fmt.Sprintf("the image has no size (%d×%d pixels)", w, h)}
	case w > ImageSide || h > ImageSide || w*h > ImagePixels:
		return &Error{Path: path, Reason: fmt.Sprintf("the image is %d×%d pixels; the limit is %d×%d (%d megapixels)", w, h, 4096, 4096, ImagePixels/1_000_000)}
	}
	if _, _, err := image.Decode(bytes.NewReader(data)); err != nil {
		return &Error{Path: path, Reason: fmt.Sprintf("cannot decode the %s image: %v", format, err), Err: err}
	}
	return nil
}

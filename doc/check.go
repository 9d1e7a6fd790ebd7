package doc

import (
	"fmt"
	"math"
)

// Chart limits: a chart past one is refused (Chart.Check) before any
// writer draws it.
const (
	// MaxChartBars is the most bars (rows) a chart may have.
	MaxChartBars = 500
	// MaxChartSeries is the most values a bar may have.
	MaxChartSeries = 12
	// MaxChartValue is the largest value a chart may show (values are
	// steps on a scale, from 0).
	MaxChartValue = 1000
)

// Check refuses a chart that no writer can draw sensibly: a value that is
// not a number (NaN), infinite, negative or above MaxChartValue, more than
// MaxChartBars bars, or more than MaxChartSeries values in a bar.
func (c *Chart) Check() error {
	if len(c.Bars) > MaxChartBars {
		return fmt.Errorf("chart %q has %d bars; the limit is %d", c.Title, len(c.Bars), MaxChartBars)
	}
	if len(c.Series) > MaxChartSeries {
		return fmt.Errorf("chart %q has %d series; the limit is %d", c.Title, len(c.Series), MaxChartSeries)
	}
	for _, b := range c.Bars {
		if len(b.Values) > MaxChartSeries {
			return fmt.Errorf("chart %q: bar %q has %d values; the limit is %d", c.Title, b.Label, len(b.Values), MaxChartSeries)
		}
		for _, v := range b.Values {
			if math.IsNaN(v) || math.IsInf(v, 0) || v < 0 || v > MaxChartValue {
				return fmt.Errorf("chart %q: bar %q has the value %v; values must be numbers from 0 to %d", c.Title, b.Label, v, MaxChartValue)
			}
		}
	}
	return nil
}

// CheckCharts runs Check on every chart of the document (lists included).
func (d *Document) CheckCharts() error { return checkCharts(d.Blocks) }

func checkCharts(blocks []Block) error {
	for _, b := range blocks {
		switch b := b.(type) {
		case *Chart:
			if err := b.Check(); err != nil {
				return err
			}
		case *List:
			for _, it := range b.Items {
				if err := checkCharts(it.Blocks); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

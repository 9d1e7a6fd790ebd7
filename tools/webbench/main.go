// Command webbench measures rolepack serve under load: it starts the web
// app's handler, as rolepack serve builds it over the embedded default
// config and frameworks, on a loopback listener (127.0.0.1, a free port),
// and runs 16 clients, each with its own cookies, through a bounded loop
// of 2,000 requests mixing previews (HTML) and downloads (PDF, DOCX) of the
// default frameworks' roles (web/webload). It prints the latency p50 and
// p99, requests per second, the peak heap in use and the process's peak
// resident set size, and the live heap after the first 200 requests and
// after all of them: memory that grows with requests shows as a ratio
// above 1.
//
//	go run ./tools/webbench
//	go run ./tools/webbench -clients 32 -n 5000 -renders 2
package main

import (
	"context"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"runtime/pprof"
	"strings"
	"time"

	"github.com/rolepack/rolepack/output"
	"github.com/rolepack/rolepack/pack"
	"github.com/rolepack/rolepack/pack/packtest"
	"github.com/rolepack/rolepack/tools/internal/procstat"
	"github.com/rolepack/rolepack/web"
	"github.com/rolepack/rolepack/web/webload"
)

func main() {
	clients := flag.Int("clients", 16, "requests in flight at once")
	n := flag.Int("n", 2000, "requests in all")
	warm := flag.Int("warmup", 200, "requests before the first heap measure")
	renders := flag.Int("renders", 0, "render slots (0: the server's default, one per core)")
	cpuprofile := flag.String("cpuprofile", "", "write a CPU profile of the run to this file")
	flag.Parse()
	if *cpuprofile != "" {
		f, err := os.Create(*cpuprofile)
		if err == nil {
			err = pprof.StartCPUProfile(f)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "webbench:", err)
			os.Exit(1)
		}
		defer f.Close()
		defer pprof.StopCPUProfile()
	}
	if err := run(*clients, *n, *warm, *renders); err != nil {
		pprof.StopCPUProfile()
		fmt.Fprintln(os.Stderr, "webbench:", err)
		os.Exit(1)
	}
}

func run(clients, n, warm, renders int) error {
	cfg, lib, err := packtest.Load()
	if err != nil {
		return err
	}
	formats, err := output.NewFormats()
	if err != nil {
		return err
	}
	r, err := pack.NewRun(pack.Settings{Config: cfg, Library: lib, Formats: formats,
		Date: time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		return err
	}
	tmp, err := os.MkdirTemp("", "webbench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	app, err := web.New(web.Options{Run: r, TempDir: tmp, Renders: renders})
	if err != nil {
		return err
	}
	defer app.Close()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: app, ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln)
	defer srv.Close()

	user0, sys0 := procstat.CPUTimes()
	res, err := webload.Run(context.Background(), "http://"+ln.Addr().String(), webload.Options{Clients: clients, Requests: n, Warmup: warm})
	if err != nil {
		return err
	}
	user1, sys1 := procstat.CPUTimes()
	fmt.Printf("serve, %d clients on loopback, %d render slots:\n%s\n", clients, max(renders, 0), res)
	fmt.Printf("CPU %.1fs user + %.1fs system (%.1f ms a request, clients included); peak RSS %.0f MiB\n",
		(user1 - user0).Seconds(), (sys1 - sys0).Seconds(), ((user1-user0)+(sys1-sys0)).Seconds()*1000/float64(n), procstat.PeakRSSMiB())
	if len(res.Failures) > 0 {
		return fmt.Errorf("requests failed: %s", strings.Join(res.Failures, "; "))
	}
	return nil
}

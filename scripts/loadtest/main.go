// Command loadtest measures a running `replylint serve` on loopback: the
// throughput and latency percentiles of POST /v1/check at several
// concurrencies, then the server's resident memory over a long run of
// requests. Every loop is bounded by a request count and a duration, and
// the target must be a loopback address.
//
//	replylint serve --addr 127.0.0.1:18095 & pid=$!
//	go run ./scripts/loadtest -url http://127.0.0.1:18095 -pid $pid
package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// typicalReply is an ~800-byte complaint reply of the kind agents send
// (the one lint's benchmarks use).
const typicalReply = `Hi Maria,

I'm really sorry that the coffee grinder arrived with a cracked lid. I understand how disappointing that is after waiting a week for it.

I have checked your order 112-3456789-1234567 and I will take care of this today. I can send you a new grinder by express delivery at no cost, or refund the full amount of $49.99 to your original payment method right away. If you would like to send the damaged one back, the prepaid return label is available in your Amazon orders page, and you can follow the new parcel with the tracking link once it ships.

Would you prefer the replacement or the full refund?

Best regards,
Tom
Customer Care, Brightmill Kitchen`

// badReply has findings of most kinds, so responses carry findings too.
const badReply = `Hi Karen,

We got your message that the blender stopped working.Honestly it is not our fault, you must have used it wrong.

Please please remove your 1-star review. You can also buy spare parts cheaper at www.blendershop-direct.com or email us at help@blendershop-direct.com.

Thanks,
Blender Team`

type level struct {
	Concurrency int     `json:"concurrency"`
	Requests    int     `json:"requests"`
	Seconds     float64 `json:"seconds"`
	PerSecond   float64 `json:"perSecond"`
	P50ms       float64 `json:"p50ms"`
	P99ms       float64 `json:"p99ms"`
	Maxms       float64 `json:"maxms"`
	Errors      int64   `json:"errors"`
	// ServerCPUus is the server's CPU time (user+system) per request, in
	// microseconds: what a request costs whatever else the machine runs.
	ServerCPUus float64 `json:"serverCPUus"`
}

type soak struct {
	Requests   int     `json:"requests"`
	Seconds    float64 `json:"seconds"`
	RSSMiB     []int   `json:"rssMiB"` // every sample, in request order
	PeakMiB    int     `json:"peakMiB"`
	Errors     int64   `json:"errors"`
	GrowthMiB  int     `json:"growthMiB"` // last sample minus the first
	FlatEnough bool    `json:"flat"`
	PerSecond  float64 `json:"perSecond"`
}

func main() {
	target := flag.String("url", "http://127.0.0.1:18095", "server base URL (loopback only)")
	pid := flag.Int("pid", 0, "server process id, to read its memory from /proc")
	levels := flag.String("c", "1,8,64", "concurrency levels")
	n := flag.Int("n", 20000, "requests per level (at most)")
	maxDur := flag.Duration("max", 20*time.Second, "longest time per level")
	soakN := flag.Int("soak", 100000, "requests of the memory run (0: none)")
	soakMax := flag.Duration("soak-max", 120*time.Second, "longest time of the memory run")
	mix := flag.Bool("mix", false, "alternate the typical reply with a reply full of findings")
	out := flag.String("json", "", "also write the results as JSON to this file")
	flag.Parse()
	if err := run(*target, *pid, *levels, *n, *maxDur, *soakN, *soakMax, *mix, *out); err != nil {
		fmt.Fprintln(os.Stderr, "loadtest:", err)
		os.Exit(1)
	}
}

func run(target string, pid int, levels string, n int, maxDur time.Duration, soakN int, soakMax time.Duration, mix bool, out string) error {
	u, err := url.Parse(target)
	if err != nil {
		return err
	}
	if ip := net.ParseIP(u.Hostname()); u.Hostname() != "localhost" && (ip == nil || !ip.IsLoopback()) {
		return fmt.Errorf("%s is not a loopback address: this test only loads this machine", u.Hostname())
	}
	bodies := [][]byte{mustJSON(map[string]string{"text": typicalReply})}
	if mix {
		bodies = append(bodies, mustJSON(map[string]string{"text": badReply}))
	}
	client := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: 256, MaxConnsPerHost: 256}}
	endpoint := strings.TrimSuffix(target, "/") + "/v1/check"
	// Warm up: the first messages prepare the matchers.
	if _, err := load(client, endpoint, bodies, 4, 400, 10*time.Second); err != nil {
		return err
	}
	var results struct {
		Levels []level `json:"levels"`
		Soak   *soak   `json:"soak,omitempty"`
	}
	fmt.Println("| concurrency | requests | checks/s | p50 | p99 | max | errors | server CPU per check |")
	fmt.Println("|---:|---:|---:|---:|---:|---:|---:|---:|")
	for _, f := range strings.Split(levels, ",") {
		c, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || c < 1 || c > 256 {
			return fmt.Errorf("bad concurrency %q", f)
		}
		cpu0, _ := cpuTime(pid)
		lv, err := load(client, endpoint, bodies, c, n, maxDur)
		if err != nil {
			return err
		}
		if cpu1, err := cpuTime(pid); err == nil && pid != 0 {
			lv.ServerCPUus = float64((cpu1 - cpu0).Microseconds()) / float64(lv.Requests)
		}
		results.Levels = append(results.Levels, lv)
		fmt.Printf("| %d | %d | %.0f | %.2f ms | %.2f ms | %.1f ms | %d | %.0f µs |\n", lv.Concurrency, lv.Requests, lv.PerSecond, lv.P50ms, lv.P99ms, lv.Maxms, lv.Errors, lv.ServerCPUus)
	}
	if soakN > 0 {
		if pid == 0 {
			return errors.New("-soak needs -pid to read the server's memory")
		}
		s, err := soakRun(client, endpoint, bodies, pid, soakN, soakMax)
		if err != nil {
			return err
		}
		results.Soak = s
		fmt.Printf("\nmemory over %d requests (%.0f/s, %d errors): RSS MiB %v, peak (VmHWM) %d MiB, growth %d MiB\n",
			s.Requests, s.PerSecond, s.Errors, s.RSSMiB, s.PeakMiB, s.GrowthMiB)
		if !s.FlatEnough {
			return fmt.Errorf("resident memory grew by %d MiB over %d requests", s.GrowthMiB, s.Requests)
		}
	}
	if out != "" {
		if err := os.WriteFile(out, mustJSON(results), 0o644); err != nil {
			return err
		}
	}
	for _, lv := range results.Levels {
		if lv.Errors > 0 {
			return fmt.Errorf("%d failed requests at concurrency %d", lv.Errors, lv.Concurrency)
		}
	}
	if results.Soak != nil && results.Soak.Errors > 0 {
		return fmt.Errorf("%d failed requests in the memory run", results.Soak.Errors)
	}
	return nil
}

func mustJSON(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return b
}

// load sends up to n requests with c workers, for at most maxDur.
func load(client *http.Client, endpoint string, bodies [][]byte, c, n int, maxDur time.Duration) (level, error) {
	var next, errs atomic.Int64
	lat := make([][]time.Duration, c)
	deadline := time.Now().Add(maxDur)
	start := time.Now()
	var wg sync.WaitGroup
	var firstErr atomic.Value
	for w := range c {
		wg.Go(func() {
			for {
				i := next.Add(1)
				if i > int64(n) || time.Now().After(deadline) {
					return
				}
				t0 := time.Now()
				err := post(client, endpoint, bodies[int(i)%len(bodies)])
				lat[w] = append(lat[w], time.Since(t0))
				if err != nil {
					errs.Add(1)
					firstErr.CompareAndSwap(nil, err.Error())
				}
			}
		})
	}
	wg.Wait()
	took := time.Since(start)
	all := slices.Concat(lat...)
	slices.Sort(all)
	if len(all) == 0 {
		return level{}, errors.New("no request was sent")
	}
	if e := firstErr.Load(); e != nil {
		fmt.Fprintln(os.Stderr, "loadtest: first error:", e)
	}
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	pct := func(p float64) time.Duration { return all[min(len(all)-1, int(p*float64(len(all))))] }
	return level{Concurrency: c, Requests: len(all), Seconds: took.Seconds(), PerSecond: float64(len(all)) / took.Seconds(),
		P50ms: ms(pct(0.50)), P99ms: ms(pct(0.99)), Maxms: ms(all[len(all)-1]), Errors: errs.Load()}, nil
}

func post(client *http.Client, endpoint string, body []byte) error {
	res, err := client.Post(endpoint, "application/json", bytes.NewReader(body))
	if err != nil {
		return err
	}
	defer res.Body.Close()
	if _, err := io.Copy(io.Discard, res.Body); err != nil {
		return err
	}
	if res.StatusCode != http.StatusOK {
		return fmt.Errorf("status %d", res.StatusCode)
	}
	return nil
}

// soakRun sends n requests at concurrency 8 in ten slices and samples the
// server's resident memory after each.
func soakRun(client *http.Client, endpoint string, bodies [][]byte, pid, n int, maxDur time.Duration) (*soak, error) {
	s := &soak{}
	start := time.Now()
	deadline := start.Add(maxDur)
	slice := max(1, n/10)
	for done := 0; done < n && time.Now().Before(deadline); done += slice {
		lv, err := load(client, endpoint, bodies, 8, slice, time.Until(deadline))
		if err != nil {
			return nil, err
		}
		s.Requests += lv.Requests
		s.Errors += lv.Errors
		rss, hwm, err := memory(pid)
		if err != nil {
			return nil, err
		}
		s.RSSMiB = append(s.RSSMiB, rss)
		s.PeakMiB = hwm
	}
	s.Seconds = time.Since(start).Seconds()
	s.PerSecond = float64(s.Requests) / s.Seconds
	if len(s.RSSMiB) > 0 {
		s.GrowthMiB = s.RSSMiB[len(s.RSSMiB)-1] - s.RSSMiB[0]
		// Flat: what the first slice settled at, give or take the GC's
		// headroom, bounds the rest.
		s.FlatEnough = s.GrowthMiB <= max(16, s.RSSMiB[0]/4)
	}
	return s, nil
}

// cpuTime reads the user and system CPU time of a process from
// /proc/PID/stat (fields 14 and 15, in clock ticks of 10 ms on Linux).
func cpuTime(pid int) (time.Duration, error) {
	if pid == 0 {
		return 0, errors.New("no pid")
	}
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, err
	}
	// The command name (field 2) may hold spaces; fields count from after it.
	_, rest, ok := strings.Cut(string(b), ") ")
	if !ok {
		return 0, errors.New("unreadable stat")
	}
	f := strings.Fields(rest)
	if len(f) < 13 {
		return 0, errors.New("short stat")
	}
	utime, err1 := strconv.ParseInt(f[11], 10, 64)
	stime, err2 := strconv.ParseInt(f[12], 10, 64)
	if err1 != nil || err2 != nil {
		return 0, errors.New("unreadable stat times")
	}
	return time.Duration(utime+stime) * 10 * time.Millisecond, nil
}

// memory reads VmRSS and VmHWM (the peak) of a process, in MiB.
func memory(pid int) (rss, hwm int, err error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, 0, err
	}
	for _, line := range strings.Split(string(b), "\n") {
		k, v, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		f := strings.Fields(v)
		if len(f) == 0 {
			continue
		}
		kb, _ := strconv.Atoi(f[0])
		switch k {
		case "VmRSS":
			rss = kb / 1024
		case "VmHWM":
			hwm = kb / 1024
		}
	}
	return rss, hwm, nil
}

package main

import (
	"fmt"
	"math"
	"os"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// CPU time per request, of the server and of the load generator itself. Throughput on a
// machine shared with its load generator is the cores divided by what one request costs both
// processes, so these tell where a gap between two servers lies, and they drift much less from
// run to run than throughput does.

// clockTicks is USER_HZ, the unit of /proc/PID/stat's times: 100 on every Linux this runs on
// (the kernel fixes it for user space whatever its internal HZ).
const clockTicks = 100

// processCPU returns the user and system CPU time process pid has used, from /proc.
func processCPU(pid int) (time.Duration, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, fmt.Errorf("-pid: %w", err)
	}
	return parseStatCPU(string(b))
}

// parseStatCPU reads utime and stime (fields 14 and 15) from a /proc/PID/stat line. The
// command name, field 2, is in parentheses and may hold spaces, so fields count from its end.
func parseStatCPU(stat string) (time.Duration, error) {
	i := strings.LastIndexByte(stat, ')')
	if i < 0 {
		return 0, fmt.Errorf("unreadable /proc stat line")
	}
	f := strings.Fields(stat[i+1:]) // f[0] is field 3, the state
	if len(f) < 13 {
		return 0, fmt.Errorf("short /proc stat line")
	}
	utime, err1 := strconv.ParseUint(f[11], 10, 64)
	stime, err2 := strconv.ParseUint(f[12], 10, 64)
	if err1 != nil || err2 != nil {
		return 0, fmt.Errorf("unreadable /proc stat times")
	}
	return time.Duration(utime+stime) * time.Second / clockTicks, nil
}

// selfCPU returns the CPU time this process has used.
func selfCPU() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// microsPerRequest is d spread over n requests, in µs, rounded to a tenth; 0 for no request.
func microsPerRequest(d time.Duration, n uint64) float64 {
	if n == 0 {
		return 0
	}
	return math.Round(float64(d.Nanoseconds())/100/float64(n)) / 10
}

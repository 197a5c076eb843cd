-- Shared by the wrk scripts: counts answers per thread and prints one parseable line at the end.
-- wrk runs each thread in its own Lua state, so the counts live in the threads and done() (in the
-- main state) collects them through the thread handles that setup() kept.

local threads = {}

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

non2xx, first, already, other = 0, 0, 0, 0

function response(status, headers, body)
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
  elseif body and body:find('"outcome":', 1, true) then
    -- A 200 that is not a real check-in (Invalid, Unknown, WrongEvent ...) means the benchmark
    -- measured the wrong path, so it is worth telling apart.
    if body:find('"outcome":"FirstCheckIn"', 1, true) then first = first + 1
    elseif body:find('"outcome":"AlreadyCheckedIn"', 1, true) then already = already + 1
    else other = other + 1 end
  end
end

function done(summary, latency, requests)
  local n2, f, a, o = 0, 0, 0, 0
  for _, t in ipairs(threads) do
    n2 = n2 + t:get("non2xx"); f = f + t:get("first"); a = a + t:get("already"); o = o + t:get("other")
  end
  local e = summary.errors
  io.write(string.format(
    "BENCH requests=%d rps=%.1f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f non2xx=%d socket_errors=%d timeouts=%d first=%d already=%d other=%d\n",
    summary.requests, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    n2, e.connect + e.read + e.write, e.timeout, f, a, o))
end

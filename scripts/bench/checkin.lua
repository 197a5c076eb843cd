-- POST /api/checkins as an enrolled terminal scanning badges. Every request carries a new client scan
-- id: a repeated id is answered from the stored scan, a cheaper path that would flatter the numbers.
-- BENCH_TOKENS names a Lua file that returns the badge tokens (the script writes it).
dofile(debug.getinfo(1, "S").source:match("^@(.*/)") .. "report.lua")

local tokens = dofile(os.getenv("BENCH_TOKENS"))
local next_token

function init(args)
  -- Seeded from the kernel, not the clock: runs started in the same second must not repeat ids.
  local f = assert(io.open("/dev/urandom", "rb"))
  local b1, b2, b3, b4 = f:read(4):byte(1, 4)
  f:close()
  math.randomseed(((b1 * 256 + b2) * 256 + b3) * 256 + b4 + id)
  -- Each thread starts at its own place in the list so threads spread over different badges.
  next_token = (id * 997) % #tokens
end

local random, format = math.random, string.format

local function uuid4()
  return format("%04x%04x-%04x-4%03x-%04x-%04x%04x%04x",
    random(0, 0xffff), random(0, 0xffff), random(0, 0xffff), random(0, 0xfff),
    random(0x8000, 0xbfff), random(0, 0xffff), random(0, 0xffff), random(0, 0xffff))
end

function request()
  next_token = next_token % #tokens + 1
  local body = format('{"token":"%s","clientScanId":"%s","scannedAt":"%s"}',
    tokens[next_token], uuid4(), os.date("!%Y-%m-%dT%H:%M:%SZ"))
  return wrk.format("POST", "/api/checkins", nil, body)
end

-- wrk script for /api/search: each thread cycles through the queries of a file given after
-- `--` (from a different starting point), and done() prints one machine-readable RESULT
-- line with the errors wrk counted. `-- FILE print` lists the URLs it builds.
local function encode(s)
  return (s:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

local function load(path)
  local paths = {}
  for line in io.lines(path) do
    line = line:gsub("%s+$", "")
    if line ~= "" and line:sub(1, 1) ~= "#" then
      local q, extra = line:match("^(.-) &(.*)$")
      if not q then q, extra = line, nil end
      local url = "/api/search?q=" .. encode(q)
      if extra then
        for pair in extra:gmatch("[^&]+") do
          local k, v = pair:match("^([^=]*)=(.*)$")
          url = url .. "&" .. encode(k) .. "=" .. encode(v)
        end
      end
      paths[#paths + 1] = url
    end
  end
  return paths
end

local counter = 0
function setup(thread)
  thread:set("offset", counter * 7)
  counter = counter + 1
end

local paths, i
function init(args)
  paths = load(args[1])
  if args[2] == "print" then for _, p in ipairs(paths) do io.write(p, "\n") end end
  i = (offset or 0) % #paths
end

function request()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d seconds=%.3f rps=%.1f p50_ms=%.3f p99_ms=%.3f max_ms=%.3f " ..
    "connect=%d read=%d write=%d status=%d timeout=%d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    e.connect, e.read, e.write, e.status, e.timeout))
end

-- wrk script for load.sh: replays a request list ("GET path" or "POST path body" per line) and
-- reports one machine-readable RESULT line, counting responses of 400 and over by status.
-- Usage: wrk ... -s load.lua URL -- requests.txt [cookie.txt]

local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

local function read_lines(path)
  local lines = {}
  for line in io.lines(path) do
    if line ~= "" then table.insert(lines, line) end
  end
  return lines
end

function init(args)
  failed = {}  -- status -> count, for statuses of 400 and over
  local lines = read_lines(args[1])
  local cookie = args[2] and read_lines(args[2])[1] or nil
  requests = {}
  for _, line in ipairs(lines) do
    local method, path, body = line:match("^(%u+) (%S+) ?(.*)$")
    local headers = {}
    if cookie then headers["Cookie"] = cookie end
    if method == "POST" then
      headers["Content-Type"] = "application/x-www-form-urlencoded"
      table.insert(requests, wrk.format("POST", path, headers, body))
    else
      table.insert(requests, wrk.format("GET", path, headers))
    end
  end
  -- Threads start at different points of the list, so they do not ask for the same page at once.
  position = (id * 7919) % #requests
end

function request()
  position = position % #requests + 1
  return requests[position]
end

function response(status, headers, body)
  if status >= 400 then failed[status] = (failed[status] or 0) + 1 end
end

function done(summary, latency, requests)
  local failures, by_status = 0, {}
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("failed")) do
      failures = failures + count
      by_status[status] = (by_status[status] or 0) + count
    end
  end
  local statuses = {}
  for status, count in pairs(by_status) do table.insert(statuses, status .. "x" .. count) end
  local e = summary.errors
  io.write(string.format("RESULT %d %.1f %.2f %.2f %d %d %s\n",
    summary.requests, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    e.connect + e.read + e.write + e.timeout, failures, table.concat(statuses, ",")))
end

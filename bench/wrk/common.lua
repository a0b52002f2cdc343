-- Shared by the bench's wrk scripts: numbered ids (see bench/seed.sql), one number range per wrk thread, and a
-- JSON summary line with the latency percentiles and the count of each status and error code.
local common = {}

local threads = {}

function common.id(prefix, n)
  return string.format("%s-0000-4000-8000-%012d", prefix, n)
end

-- The bearer token every request sends (BENCH_TOKEN, set by bench/run.sh): the bench measures the service as
-- clients call it, authentication included.
local token = os.getenv("BENCH_TOKEN")

function common.headers(extra)
  local headers = extra or {}
  if token then
    headers["Authorization"] = "Bearer " .. token
  end
  return headers
end

function common.setup(thread)
  thread:set("tid", #threads)
  table.insert(threads, thread)
end

-- In each thread: statuses and error codes seen.
function common.count(status, body)
  statuses[status] = (statuses[status] or 0) + 1
  if status >= 400 and body then
    local code = string.match(body, '"error":"([^"]+)"')
    if code then
      codes[code] = (codes[code] or 0) + 1
    end
  end
end

function common.init_thread()
  statuses = {}
  codes = {}
end

local function json_counts(counts)
  local parts = {}
  for key, value in pairs(counts) do
    table.insert(parts, string.format('"%s":%d', tostring(key), value))
  end
  table.sort(parts)
  return "{" .. table.concat(parts, ",") .. "}"
end

function common.done(summary, latency, requests)
  local statuses_total, codes_total = {}, {}
  for _, thread in ipairs(threads) do
    for status, n in pairs(thread:get("statuses")) do
      statuses_total[status] = (statuses_total[status] or 0) + n
    end
    for code, n in pairs(thread:get("codes")) do
      codes_total[code] = (codes_total[code] or 0) + n
    end
  end
  local errors = summary.errors
  io.write(string.format(
    'WRK_JSON {"requests":%d,"duration_s":%.3f,"rps":%.1f,"p50_ms":%.2f,"p95_ms":%.2f,"p99_ms":%.2f,' ..
    '"max_ms":%.2f,"statuses":%s,"codes":%s,"socket_errors":%d}\n',
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, json_counts(statuses_total), json_counts(codes_total),
    errors.connect + errors.read + errors.write + errors.timeout))
end

return common

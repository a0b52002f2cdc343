-- Check-ins of the appointments seeded for today. Arguments: appointment_base per_thread
-- Thread t checks in appointments appointment_base + t * per_thread + 1, + 2, … (patient k owns appointment k).
package.path = "bench/wrk/?.lua;" .. package.path
local common = require("common")

setup = common.setup

function init(args)
  common.init_thread()
  appointment_base, per_thread = tonumber(args[1]), tonumber(args[2])
  n = 0
end

function request()
  n = n + 1
  local k = appointment_base + tid * per_thread + n
  local body = string.format('{"appointment_id":"%s","patient_id":"%s"}',
    common.id("c0000000", k), common.id("a0000000", k))
  return wrk.format("POST", "/api/v1/checkins", common.headers({["Content-Type"] = "application/json"}), body)
end

function response(status, headers, body)
  common.count(status, body)
end

done = common.done

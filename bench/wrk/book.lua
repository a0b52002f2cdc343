-- Bookings. Arguments: doctor_base doctors days patient_base per_thread today
--   book-spread:  doctors 1..2000 (doctor_base 0, doctors 2000), days 1..90 after today
--   book-hotspot / sellout: one doctor (doctors 1) and one day (days 1)
-- Every request books a patient of its own (patient_base + thread * per_thread + n): the only refusals are the
-- day's capacity.
package.path = "bench/wrk/?.lua;" .. package.path
local common = require("common")

setup = common.setup

function init(args)
  common.init_thread()
  doctor_base, doctors, days = tonumber(args[1]), tonumber(args[2]), tonumber(args[3])
  patient_base, per_thread = tonumber(args[4]), tonumber(args[5])
  today = args[6]
  n = 0
  math.randomseed(tid * 7919 + os.time())
end

local function date_after(days_ahead)
  local y, m, d = string.match(today, "(%d+)-(%d+)-(%d+)")
  local t = os.time({year = tonumber(y), month = tonumber(m), day = tonumber(d), hour = 12})
  return os.date("!%Y-%m-%d", t + days_ahead * 86400)
end

function request()
  n = n + 1
  local body = string.format('{"patient_id":"%s","doctor_id":"%s","date":"%s"}',
    common.id("a0000000", patient_base + tid * per_thread + n),
    common.id("b0000000", doctor_base + math.random(1, doctors)),
    date_after(math.random(1, days)))
  return wrk.format("POST", "/api/v1/appointments", common.headers({["Content-Type"] = "application/json"}), body)
end

function response(status, headers, body)
  common.count(status, body)
end

done = common.done

-- Reads of a doctor's day: the appointments list and the queue, in turn. Arguments: doctors today
package.path = "bench/wrk/?.lua;" .. package.path
local common = require("common")

setup = common.setup

function init(args)
  common.init_thread()
  doctors, today = tonumber(args[1]), args[2]
  n = 0
  math.randomseed(tid * 104729 + os.time())
end

function request()
  n = n + 1
  local doctor = common.id("b0000000", math.random(1, doctors))
  local view = (n % 2 == 0) and "appointments" or "queue"
  return wrk.format("GET", "/api/v1/doctors/" .. doctor .. "/" .. view .. "?date=" .. today, common.headers())
end

function response(status, headers, body)
  common.count(status, nil)
end

done = common.done
